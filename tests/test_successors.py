"""MkDocs' successors build the generated config: Zensical (which runs no MkDocs plugin) and ProperDocs (the
maintained MkDocs 1.x fork, here in an install that has no MkDocs at all). Both are installed by `.ci/setup --test`
into venvs of their own under .test-tools/; a learner answers an exercise on each result in the browser."""
from __future__ import annotations

import os
import subprocess

import pytest

from conftest import REPO, free_port, open_page, serve, set_site_url, write_course

TOOLS = REPO / ".test-tools"
ZENSICAL = TOOLS / "zensical" / "bin" / "zensical"
PROPERDOCS_VENV = TOOLS / "properdocs" / "bin"

BANK = """\
exercises:
  - id: z-single
    kind: single_choice
    topics: [reflections]
    prompt: "Which is a reflection?"
    options:
      - {text: "You're worried about it.", correct: true, feedback: "FB-RIGHT: it mirrors the feeling."}
      - {text: "Why worry?", feedback: "FB-WRONG: a question."}
"""
LESSONS = {"index.md": "# Home\n\nWelcome. [The lesson](lesson.md)\n",
           "lesson.md": "# Lesson\n\n[[exercise: z-single]]\n"}


def run(cmd: list[str], cwd, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})})


def need(path) -> None:
    assert path.exists(), f"{path} is missing: run `bash .ci/setup --test`"


def answer_in_browser(browser, site, url: str, lesson: str) -> None:
    port = int(url.rsplit(":", 1)[1].strip("/"))
    server = serve(site, port)
    try:
        context, pg = open_page(browser, url)
        pg.goto(url)
        pg.get_by_role("link", name="The lesson").click()  # instant navigation, where the theme has it
        sec = pg.locator("#ex-z-single")
        sec.locator("label", has_text="Why worry?").click()
        sec.get_by_role("button", name="Check").click()
        assert "Not quite" in sec.locator(".mi-status").inner_text()
        assert "FB-WRONG" in sec.inner_text()
        sec.get_by_role("button", name="Try again").click()
        sec.locator("label", has_text="You're worried about it.").click()
        sec.get_by_role("button", name="Check").click()
        assert "Correct" in sec.locator(".mi-status").inner_text()
        pg.goto(url + lesson)
        assert "Correct" in pg.locator("#ex-z-single .mi-status").inner_text()  # kept across a reload
        assert not pg.errors and not pg.outside_requests
        context.close()
    finally:
        server.shutdown()


@pytest.fixture
def course(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": BANK}, LESSONS)
    url = f"http://127.0.0.1:{free_port()}/"
    set_site_url(course, url)
    return course, url


def test_zensical_builds_the_generated_config(browser, course):
    need(ZENSICAL)
    course, url = course
    gen = run([str(REPO / ".venv" / "bin" / "mi-course"), "generate"], course)
    assert gen.returncode == 0, gen.stderr
    # Zensical runs the Python-Markdown extensions the config lists, ours among them: the generator package on its path.
    built = run([str(ZENSICAL), "build", "-f", "build/all/mkdocs.yml"], course, {"PYTHONPATH": str(REPO)})
    assert built.returncode == 0, built.stdout + built.stderr
    site = course / "build" / "all" / "site"
    assert 'id="ex-z-single"' in (site / "lesson" / "index.html").read_text(encoding="utf-8")
    answer_in_browser(browser, site, url, "lesson/")


def test_zensical_at_the_course_root_fails_instead_of_publishing_raw_directives(course):
    need(ZENSICAL)
    course, _ = course
    built = run([str(ZENSICAL), "build"], course, {"PYTHONPATH": str(REPO)})
    assert built.returncode != 0
    assert "the raw line '[[exercise: z-single]]' reached the Markdown renderer" in built.stdout + built.stderr
    # Pages without a directive may be written before the failure; none with a raw directive is.
    assert not (course / "site" / "lesson" / "index.html").exists()
    assert not any("[[exercise:" in p.read_text(encoding="utf-8") for p in course.glob("site/**/*.html"))


def test_properdocs_alone_builds_with_either_config_name(browser, course):
    need(PROPERDOCS_VENV / "properdocs")
    course, url = course
    probe = run([str(PROPERDOCS_VENV / "python"), "-c", "import importlib.util as u; print(u.find_spec('mkdocs'))"], course)
    assert probe.stdout.strip() == "None"  # no MkDocs in this install
    (course / "mkdocs.yml").rename(course / "properdocs.yml")
    version = run([str(PROPERDOCS_VENV / "mi-course"), "--version"], course)
    assert "builds with ProperDocs 1.6.7" in version.stdout
    built = run([str(PROPERDOCS_VENV / "mi-course"), "build"], course)
    assert built.returncode == 0, built.stdout + built.stderr
    answer_in_browser(browser, course / "site", url, "lesson/")
    # ProperDocs' own command: at the course root (through the plugin), and on the generated config.
    root = run([str(PROPERDOCS_VENV / "properdocs"), "build", "--strict", "-d", "site-root"], course)
    assert root.returncode == 0, root.stderr
    assert 'id="ex-z-single"' in (course / "site-root" / "lesson" / "index.html").read_text(encoding="utf-8")
    own = run([str(PROPERDOCS_VENV / "properdocs"), "build", "-f", "build/all/mkdocs.yml"], course)
    assert own.returncode == 0, own.stderr
    assert (course / "build" / "all" / "site" / "lesson" / "index.html").read_bytes() == \
        (course / "site" / "lesson" / "index.html").read_bytes()
