"""Shared fixtures: real builds in temporary folders, a local HTTP server, and Debian's Chromium via Playwright."""
from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Callable

import pytest

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def copy_course(dest: Path, src: Path = REPO) -> Path:
    """A copy of a course (mkdocs.yml, content/, exercises/) to build without touching the source tree."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(src / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("content", "exercises"):
        shutil.copytree(src / folder, dest / folder)
    return dest


def write_course(dest: Path, banks: dict[str, str], lessons: dict[str, str] | None = None) -> Path:
    """A small course: the shipped mkdocs.yml and taxonomy, plus the given banks and lessons."""
    (dest / "exercises").mkdir(parents=True, exist_ok=True)
    (dest / "content").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copy(REPO / "exercises" / "taxonomy.yaml", dest / "exercises" / "taxonomy.yaml")
    for name, text in banks.items():
        (dest / "exercises" / name).write_text(text, encoding="utf-8")
    for name, text in (lessons or {"index.md": "# Home\n"}).items():
        path = dest / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return dest


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The real command, in its own process, as an author runs it."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def set_site_url(course: Path, url: str) -> None:
    """Instant navigation follows the sitemap, so a locally served build must know its own address."""
    text = (course / "mkdocs.yml").read_text(encoding="utf-8")
    lines = [f"site_url: {url}" if line.startswith("site_url:") else line for line in text.splitlines()]
    (course / "mkdocs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: pages load about twice as fast as with a connection per file

    def log_message(self, *args):  # keep test output readable
        pass


def serve(folder: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build_at(course: Path, url: str, *args: str) -> Path:
    """Builds `course` for the address it will be served from; the build must succeed."""
    set_site_url(course, url)
    result = run_cli("build", *args, cwd=course)
    assert result.returncode == 0, result.stdout + result.stderr
    return course


@contextlib.contextmanager
def served(make: Callable[[str], Path]):
    """Serves on localhost the course `make(url)` builds for that address. Yields (url, course folder)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    course = make(url)
    server = serve(course / "site", port)
    try:
        yield url, course
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def course_site(tmp_path_factory):
    """The shipped course, built once per test run and served on localhost. Yields its base URL and site folder."""
    with served(lambda url: build_at(copy_course(tmp_path_factory.mktemp("course")), url)) as (url, course):
        yield url, course / "site"


def course_from(folder: Path, dest: Path) -> Path:
    """A small test course from tests/<folder>/: its banks (*.yaml) and lessons (*.md)."""
    return write_course(dest, {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.yaml")},
                        {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.md")})


@pytest.fixture(scope="session")
def conversation_site(tmp_path_factory):
    """The dialogues course (tests/conversations/), built once and served on localhost: (url, course folder)."""
    with served(lambda url: build_at(course_from(HERE / "conversations", tmp_path_factory.mktemp("conv")), url)) as site:
        yield site


@pytest.fixture(scope="session")
def learner_course(tmp_path_factory):
    """The learner course (tests/learner/), built once for a server address and once for file://."""
    course = build_at(course_from(HERE / "learner", tmp_path_factory.mktemp("learner-course")), "https://example.org/mi/")
    return build_at(course, "https://example.org/mi/", "--offline")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, course_site):
    """A fresh browser profile (empty storage) that records every request leaving localhost."""
    url, _ = course_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.outside_requests = []
    pg.errors = []
    origin = url.rstrip("/")

    def record(request):
        if not request.url.startswith((origin, "data:", "blob:", "about:")):
            pg.outside_requests.append(request.url)

    pg.on("request", record)
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()



# A face wider than any a machine is likely to have: pages must fit with it too, so no test depends on the fonts installed.
WIDE_FONT = "* { font-family: monospace !important; letter-spacing: .08em !important; }"


def page_widths(page, widths=(320, 375)) -> list[tuple[int, str, int]]:
    """The page's scroll width at each viewport width, with the machine's fonts and with WIDE_FONT: (width, font, scroll)."""
    out, size = [], page.viewport_size
    for font in ("machine", "wide"):
        if font == "wide":
            page.add_style_tag(content=WIDE_FONT)
        for w in widths:
            page.set_viewport_size({"width": w, "height": size["height"]})
            page.wait_for_timeout(50)
            out.append((w, font, page.evaluate("document.documentElement.scrollWidth")))
    page.set_viewport_size(size)
    return out


def too_wide(page, widths=(320, 375)) -> list[tuple[int, str, int]]:
    """The (width, font, scroll width) cases where the page scrolls sideways."""
    return [c for c in page_widths(page, widths) if c[2] > c[0]]

def axe_violations(pg, scheme: str | None = None) -> list[dict]:
    """axe-core (WCAG 2.0/2.1 A and AA) on the current page; returns the violations."""
    from axe_playwright_python.sync_playwright import Axe

    if scheme:
        pg.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        # The theme fades colours in (CSS transitions, which a finished one can set off again in a child that inherits
        # the colour): finish them all, or axe reads a colour halfway between the schemes.
        pg.evaluate("""() => { for (let i = 0; i < 10; i++) {
            const running = document.getAnimations().filter(a => a instanceof CSSTransition);
            if (!running.length) return;
            running.forEach(a => a.finish());
        } }""")
    results = Axe().run(pg, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return results.response["violations"]


# The browser engine's own small course (tests/engine/): one exercise of each kind it runs, two lessons, hostile text.
ENGINE = Path(__file__).resolve().parent / "engine"


def build_engine_course(dest: Path, url: str, banks: dict[str, str] | None = None) -> Path:
    banks = banks or {p.name: p.read_text(encoding="utf-8") for p in ENGINE.glob("*.yaml")}
    return build_at(write_course(dest, banks, {p.name: p.read_text(encoding="utf-8") for p in ENGINE.glob("*.md")}), url)


@pytest.fixture(scope="session")
def engine_site(tmp_path_factory):
    """The engine's course, built once per test run and served on localhost. Yields its base URL and site folder."""
    with served(lambda url: build_engine_course(tmp_path_factory.mktemp("engine"), url)) as (url, course):
        yield url, course / "site"


def open_page(browser, origin: str, **context_args):
    """A page in a fresh profile that records requests leaving `origin` and script errors."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_args})
    pg = context.new_page()
    pg.outside_requests, pg.errors = [], []
    origin = origin.rstrip("/")
    pg.on("request", lambda r: None if r.url.startswith((origin, "data:", "blob:", "about:"))
          else pg.outside_requests.append(r.url))
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    return context, pg


@pytest.fixture
def epage(browser, engine_site):
    """A fresh learner (empty storage) on the engine's course."""
    context, pg = open_page(browser, engine_site[0])
    yield pg
    context.close()
