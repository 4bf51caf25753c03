"""The development server behind `mi-course serve`: one track's generated site, rebuilt once per save.

It watches the course's sources (content/, exercises/, the root mkdocs.yml), never the generated folder, so the
generator's own writes start no second build. On a save it runs the generator again (which writes only the files
whose text changed) and then MkDocs' dirty build, which renders only the pages whose Markdown is newer than their
HTML. What every page shows (the nav, the config, the taxonomy, the set of pages) changing means a full build.
A save that breaks a bank prints its errors (path:line:column) and changes nothing: the last good site stays up.

MkDocs' LiveReloadServer serves the files and tells the open pages to reload; this module runs its build loop,
so that a failed rebuild neither blocks the pages nor reloads them, and adds a small script that keeps a reloaded
page where the reader had scrolled to (Material's instant navigation turns the browser's own restoring off).
"""
from __future__ import annotations

import json
import logging
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from .diagnostics import BuildError
from .docs_engine import Engine
from .manifest import page_url

log = logging.getLogger("mkdocs.mi_course.serve")
POLL_SECONDS = 0.2  # how often the sources are looked at (MkDocs' default is 0.5 s)
DIRTY_WARNING = "A 'dirty' build is being performed"

# Before a reload the page notes where it was; after it, the same page goes back there.
KEEP_SCROLL = b"""<script>(function(){var k="mi-course-serve-scroll",s=null;
try{s=JSON.parse(sessionStorage.getItem(k)||"null");sessionStorage.removeItem(k)}catch(e){}
addEventListener("pagehide",function(){try{sessionStorage.setItem(k,JSON.stringify([location.pathname,scrollX,scrollY]))}catch(e){}});
if(s&&s[0]===location.pathname)addEventListener("load",function(){setTimeout(function(){scrollTo(s[1],s[2])},0)});
})();</script>"""


@dataclass
class Generation:
    """What one run of the generator left in the generated folder."""
    changed: list[str]  # files written or removed, relative to the docs folder
    files: set[str]  # every generated file


@dataclass
class _Seen:
    texts: dict[str, str] = field(default_factory=dict)  # what the inputs of a full build said last time
    pages: set[str] = field(default_factory=set)  # the Markdown pages among the generated files


def _pages(files) -> set[str]:
    return {f for f in files if f.endswith(".md")}


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may get the nav wrong: here a nav change always gets a full build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


def merge_search_index(before: str, after: str, rebuilt: set[str]) -> str:
    """A dirty build indexes only the pages it rendered: keep every other page's entries from the last index."""
    old, new = json.loads(before), json.loads(after)
    kept = [d for d in old.get("docs", []) if d.get("location", "").split("#")[0] not in rebuilt]
    new["docs"] = kept + new.get("docs", [])
    return json.dumps(new, ensure_ascii=False, separators=(",", ":"))


def _listing_once(env):
    """The theme's file list, walked once (Material's holds thousands of icons) and filtered per call."""
    names = env.list_templates()

    def list_templates(extensions=None, filter_func=None):
        return [n for n in names if (extensions is None or n.rsplit(".", 1)[-1] in extensions)
                and (filter_func is None or filter_func(n))]

    env.list_templates = list_templates
    return env


def _timestamp() -> int:
    return round(time.monotonic() * 1000)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def server_class(base: type) -> type:
    """MkDocs' LiveReloadServer with our build loop and the scroll-keeping script."""

    class Server(base):
        dev: "DevServer"

        def _build_loop(self):
            while True:
                with self._rebuild_cond:
                    while not self._rebuild_cond.wait_for(lambda: self._want_rebuild or self._shutdown,
                                                          timeout=self.shutdown_delay):
                        pass
                    if self._shutdown:
                        break
                    while self._rebuild_cond.wait(timeout=self.build_delay):  # until the saving stops
                        pass
                    self._want_rebuild = False
                self.dev.rebuild()

        def _inject_js_into_html(self, content, epoch):
            content = super()._inject_js_into_html(content, epoch)
            end = content.rfind(b"</body>")
            end = len(content) if end < 0 else end
            return content[:end] + KEEP_SCROLL + content[end:]

    return Server


class DevServer:
    """`regenerate` runs the generator (raising BuildError on author errors); `full_inputs` are the files whose
    change means every page is built again (the root config, the taxonomy, the generated config)."""

    def __init__(self, tool: Engine, config_file: Path, regenerate: Callable[[], Generation], first: Generation,
                 watch: list[Path], full_inputs: list[Path], host: str, port: int):
        self.tool, self.config_file, self.regenerate = tool, config_file, regenerate
        self.watched, self.full_inputs = watch, full_inputs
        self.host, self.port = host, port
        self.site_dir = Path(tempfile.mkdtemp(prefix="mi-course-serve-"))
        self.seen = _Seen(self._texts(), _pages(first.files))
        self.env = None  # the theme's Jinja environment, kept between dirty builds (templates compiled once)
        self.plugins = None
        self.url = ""
        self.server = None

    def _texts(self) -> dict[str, str]:
        out = {}
        for p in self.full_inputs + [self.config_file]:
            try:
                out[str(p)] = p.read_text(encoding="utf-8")
            except OSError:
                out[str(p)] = ""
        return out

    def _config(self, full: bool):
        config = self.tool.load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        if self.plugins is None:  # once, as `mkdocs serve` does; plugins that have startup hooks are kept
            config.plugins.on_startup(command="serve", dirty=False)
            self.plugins = config.plugins
        if not self.url:
            self.url = f"http://{self.host}:{self.port}/" + urlsplit(config.site_url or "/").path.strip("/")
            self.url = self.url.rstrip("/") + "/"
        config.site_url = self.url
        if full or self.env is None:
            self.env = _listing_once(config.theme.get_env())
        env = self.env
        config.theme.get_env = lambda: env  # same config, same theme: the templates stay compiled
        return config

    def build(self, full: bool, changed: list[str]) -> None:
        """MkDocs into the served folder: every page, or (dirty) only the pages whose Markdown changed."""
        index = self.site_dir / "search" / "search_index.json"
        before = index.read_text(encoding="utf-8") if not full and index.is_file() else ""
        config = self._config(full)
        self.tool.build(config, serve_url=self.url, dirty=not full)
        if before and index.is_file():
            rebuilt = {page_url(p, config.use_directory_urls) for p in changed if p.endswith(".md")}
            index.write_text(merge_search_index(before, index.read_text(encoding="utf-8"), rebuilt),
                             encoding="utf-8")

    def rebuild(self) -> None:
        """One save: regenerate, then rebuild what changed and reload the open pages once; or report and keep."""
        start, cpu = time.perf_counter(), time.process_time()
        try:
            gen = self.regenerate()
        except BuildError as exc:
            for d in exc.diagnostics:
                print(d.format(), file=sys.stderr, flush=True)
            log.error("Not rebuilt: fix the error(s) above; the last good build is still served")
            return
        texts, pages = self._texts(), _pages(gen.files)
        # A page more or less changes the nav or links on other pages; a renamed asset (the exercise files' names
        # carry one hash for them all) changes only the pages that name it, which the generator rewrote.
        full = texts != self.seen.texts or pages != self.seen.pages
        self.seen = _Seen(texts, pages)
        if not full and not gen.changed:
            log.info("No page changed")
            return
        server = self.server
        with server._epoch_cond:
            server._wanted_epoch = _timestamp()  # requests wait for the build, never see half a site
        try:
            self.build(full, gen.changed)
            if not full:  # a dirty build leaves the copies of removed files behind
                for rel in gen.changed:
                    if rel not in gen.files:
                        (self.site_dir / rel).unlink(missing_ok=True)
        except Exception:  # MkDocs failed: say so, keep serving, and build everything next time
            traceback.print_exc()
            self.seen.texts = {}
            with server._epoch_cond:
                server._wanted_epoch = server._visible_epoch
                server._epoch_cond.notify_all()
            log.error("MkDocs could not rebuild the site; the last good build is still served")
            return
        pages = sum(p.endswith(".md") for p in gen.changed)
        what = "every page" if full else f"{pages} page{'s' * (pages != 1)}"
        log.info(f"Rebuilt {what} in {time.perf_counter() - start:.2f} s (CPU {time.process_time() - cpu:.2f} s); "
                 "reloading browsers")
        with server._epoch_cond:
            server._visible_epoch = server._wanted_epoch
            server._epoch_cond.notify_all()

    def run(self) -> None:
        logging.getLogger("mkdocs.commands.build").addFilter(_DropDirtyWarning())
        try:
            self.build(True, [])
            base = server_class(self.tool.live_server)
            server = self.server = base(builder=lambda: None, host=self.host, port=self.port,
                                        root=str(self.site_dir), mount_path=urlsplit(self.url).path,
                                        polling_interval=POLL_SECONDS)
            server.dev = self
            server.error_handler = self._error_page
            for path in self.watched:
                server.watch(str(path))
            if threading.current_thread() is threading.main_thread():
                signal.signal(signal.SIGTERM, _interrupt)  # a terminated server cleans up as Ctrl-C does
            try:
                server.serve()
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                server.shutdown()
        finally:
            if self.plugins is not None:
                self.plugins.on_shutdown()
            shutil.rmtree(self.site_dir, ignore_errors=True)

    def _error_page(self, code: int) -> bytes | None:
        page = self.site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None
