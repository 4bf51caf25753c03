"""`mi-course serve`: serves on 127.0.0.1 the track asked for, rebuilds once per save (only the pages a save changed),
keeps a broken bank's errors in the terminal and the last good site served, and settles (no rebuild loop)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import REPO, copy_course, free_port, write_course
from test_build import BANK, LESSON

REBUILT = "Rebuilt "  # the server's line after each rebuild ("Rebuilt 1 page in 0.42 s; reloading browsers")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def wait_for(predicate, seconds: float = 120):
    end = time.time() + seconds
    while time.time() < end:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out")


class Server:
    """A real `mi-course serve` (or `mkdocs serve`) in its own process, its terminal output in a file."""

    def __init__(self, course: Path, *args: str, command: tuple[str, ...] = ("-m", "generator", "serve")):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = course.parent / f"serve-{self.port}.log"
        self.log = open(self.log_path, "w")
        port_args = ("--port", str(self.port)) if command[-1] == "serve" and "generator" in command else \
            ("--dev-addr", f"127.0.0.1:{self.port}")
        self.proc = subprocess.Popen([sys.executable, *command, *port_args, *args], cwd=course,
                                     stdout=self.log, stderr=subprocess.STDOUT)

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def count(self, text: str) -> int:
        return self.output().count(text)

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log.close()


def test_serve_rebuilds_on_bank_change_once_without_looping(tmp_path):
    course = write_course(tmp_path / "course", {"bank.yaml": BANK}, {"index.md": "# Home\n", "reflections.md": LESSON})
    server = Server(course)
    try:
        url = server.url + "reflections/"
        assert "fed up with early sessions" in wait_for(lambda: fetch(url))
        time.sleep(1.5)
        assert server.count(REBUILT) == 0
        bank = course / "exercises" / "bank.yaml"
        bank.write_text(bank.read_text().replace("fed up with early sessions", "tired of dawn workouts"))
        wait_for(lambda: "tired of dawn workouts" in fetch(url))
        time.sleep(4)  # a second build (the generator's own writes) or a loop would show here
        assert server.count(REBUILT) == 1, server.output()
        time.sleep(3)
        assert server.count(REBUILT) == 1
        assert server.proc.poll() is None
    finally:
        server.close()


def test_plain_mkdocs_serve_builds_once_per_save(tmp_path):
    """The plugin keeps `mkdocs serve` on the root config working, with one build per save (its own writes into
    the generated docs folder do not start another)."""
    course = write_course(tmp_path / "course", {"bank.yaml": BANK}, {"index.md": "# Home\n", "reflections.md": LESSON})
    server = Server(course, command=("-m", "mkdocs", "serve"))
    try:
        url = server.url + "reflections/"
        assert "fed up with early sessions" in wait_for(lambda: fetch(url))
        time.sleep(1.5)
        before = server.count("Building documentation")
        lesson = course / "content" / "reflections.md"
        lesson.write_text(lesson.read_text() + "\nA sentence added while serving.\n")
        wait_for(lambda: "A sentence added while serving." in fetch(url))
        time.sleep(5)
        assert server.count("Building documentation") - before == 1, server.output()
    finally:
        server.close()


def test_serving_the_coach_track_a_save_reloads_the_page_once_and_a_broken_bank_keeps_the_last_site(tmp_path, browser):
    course = copy_course(tmp_path / "course")
    server = Server(course, "--track", "coach")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    loads = []
    page.on("load", lambda: loads.append(page.url))
    try:
        lesson_url = server.url + "02-spirit/"
        wait_for(lambda: "The spirit of MI" in fetch(lesson_url), 300)
        # The coach edition: a lesson only the full course has is not served; the coach's home page is.
        assert status(server.url + "08-in-practice/01-addiction/") == 404
        assert "fitness coaches" in fetch(server.url)

        page.goto(lesson_url)
        page.wait_for_selector("text=The spirit of MI")
        page.wait_for_timeout(1500)  # the live-reload script starts polling after load
        page.evaluate("window.scrollTo(0, 900)")
        page.wait_for_timeout(300)
        scrolled = page.evaluate("window.scrollY")
        assert scrolled > 500
        assert len(loads) == 1

        # A lesson's text changes: the page shows it after one reload, where the reader was.
        search = server.url + "search/search_index.json"
        pages_before = {d["location"].split("#")[0] for d in json.loads(fetch(search))["docs"]}
        lesson = course / "content" / "02-spirit.md"
        old = "Miller and Rollnick therefore describe an underlying **spirit**"
        new = "Miller and Rollnick therefore name an underlying **spirit**"
        lesson.write_text(lesson.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        page.wait_for_function("() => !!document.body && document.body.innerText.includes('therefore name an underlying')",
                               timeout=120_000)
        page.wait_for_timeout(5000)  # a second rebuild would reload the page again in this time
        assert len(loads) == 2, loads
        assert server.count(REBUILT) == 1, server.output()
        assert abs(page.evaluate("window.scrollY") - scrolled) < 50
        # Only that page was rendered again; search still finds every page, and the new text.
        index = json.loads(fetch(search))["docs"]
        assert {d["location"].split("#")[0] for d in index} == pages_before
        assert any("therefore name an underlying" in d["text"] for d in index)

        # A bank with an error: the terminal names file:line:column, the server stays up, the page is not reloaded
        # and the last good build is still what is served.
        bank = course / "exercises" / "spirit-foundations.yaml"
        good = bank.read_text(encoding="utf-8")
        bank.write_text(good.replace("  - id: sf-sp-timeline\n", "  - id: sf-sp-timeline\n    colour: teal\n"),
                        encoding="utf-8")
        found = wait_for(lambda: re.search(r"exercises/spirit-foundations\.yaml:\d+:\d+: error: .*colour",
                                           server.output()))
        line = int(found.group(0).split(":")[1])
        assert bank.read_text(encoding="utf-8").split("\n")[line - 1].strip() == "colour: teal"
        time.sleep(3)
        assert server.proc.poll() is None
        assert "therefore name an underlying" in fetch(lesson_url)
        assert len(loads) == 2 and server.count(REBUILT) == 1

        # Fixed again: the next save rebuilds and reloads once more.
        bank.write_text(good.replace('title: "How the spirit has been described"',
                                     'title: "How the spirit was described"'), encoding="utf-8")
        page.wait_for_function("() => !!document.body && document.body.innerText.includes('How the spirit was described')",
                               timeout=120_000)
        page.wait_for_timeout(3000)
        assert len(loads) == 3, loads
    finally:
        context.close()
        server.close()


def test_a_change_to_the_nav_rebuilds_every_page(tmp_path):
    """A dirty build renders only the changed pages; a new lesson title is in every page's nav, so all are rebuilt."""
    course = write_course(tmp_path / "course", {"bank.yaml": BANK}, {"index.md": "# Home\n", "reflections.md": LESSON})
    server = Server(course)
    try:
        assert "Reflections" in wait_for(lambda: fetch(server.url))
        lesson = course / "content" / "reflections.md"
        lesson.write_text(lesson.read_text().replace("# Reflections", "# Reflective listening"))
        wait_for(lambda: "Reflective listening" in fetch(server.url))  # the home page's nav, not the changed page
        assert "Reflective listening" in fetch(server.url + "reflections/")
        wait_for(lambda: "Rebuilt every page" in server.output())
        time.sleep(3)
        assert server.count(REBUILT) == 1, server.output()
    finally:
        server.close()
