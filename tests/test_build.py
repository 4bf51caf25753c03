"""End to end: real builds in temporary folders, read back as HTML, as an author and a learner would meet them."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import run_cli, write_course

BANK = """\
# yaml-language-server: $schema=../generator/schema/bank.schema.json
exercises:
  - id: e2e-single
    kind: single_choice
    topics: [reflections]
    audience: [coach]
    setting: fitness
    prompt: "Which reply is a reflection?"
    options:
      - text: "You're fed up with early sessions."
        correct: true
        feedback: "SECRETFEEDBACK one: it mirrors the feeling."
      - text: "Why don't you train at lunch?"
        feedback: "SECRETFEEDBACK two: advice dressed as a question."
  - id: e2e-multiple
    kind: multiple_choice
    topics: [affirmations]
    prompt: "Which are affirmations?"
    options:
      - {text: "You stuck with it for six weeks.", correct: true, feedback: "SECRETFEEDBACK three."}
      - {text: "Great job!", feedback: "SECRETFEEDBACK four: praise."}
"""
LESSON = """\
---
minutes: 15
objectives: [Tell a reflection from a question.]
---
# Reflections

Some teaching text.

[[exercise: e2e-single]]

More text.
"""


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(tmp_path, banks=None, lessons=None):
    course = write_course(tmp_path, banks or {"bank.yaml": BANK}, lessons or {"index.md": "# Home\n", "reflections.md": LESSON})
    return course, run_cli("build", cwd=course)


def test_build_places_exercises_and_practice_pages(tmp_path):
    course, result = build(tmp_path)
    assert result.returncode == 0, result.stderr
    page = (course / "site" / "reflections" / "index.html").read_text()
    assert 'id="ex-e2e-single"' in page
    assert "About 15 minutes" in page and "Tell a reflection from a question." in page
    # Without JavaScript the answer sits in a closed <details> block, kept out of search.
    details = re.search(r'<details class="mi-answer" data-search-exclude>.*?</details>', page, re.S).group(0)
    assert "SECRETFEEDBACK one" in details and " open" not in details.split(">")[0]
    practice = (course / "site" / "practice" / "affirmations" / "index.html").read_text()
    assert 'id="ex-e2e-multiple"' in practice and 'type="checkbox"' in practice
    index = (course / "site" / "practice" / "index.html").read_text()
    assert "Reflections" in index and "Affirmations" in index


def test_feedback_stays_out_of_the_search_index(tmp_path):
    course, result = build(tmp_path)
    assert result.returncode == 0, result.stderr
    search = (course / "site" / "search" / "search_index.json").read_text()
    assert "Which reply is a reflection?" in search  # questions are searchable
    assert "SECRETFEEDBACK" not in search


def test_practice_pages_stay_out_of_the_search_index(tmp_path):
    course, result = build(tmp_path, lessons={"index.md": "# Home\n", "reflections.md": LESSON,
                                              "affirmations.md": "# Affirmations\n\n[[topic: affirmations]]\n"})
    assert result.returncode == 0, result.stderr
    docs = json.loads((course / "site" / "search" / "search_index.json").read_text())["docs"]
    pages = {d["location"].split("#")[0] for d in docs}
    assert "practice/" in pages and [p for p in pages if p.startswith("practice/") and p != "practice/"] == []
    lessons = " ".join(d["text"] for d in docs if d["location"].split("/")[0] in ("reflections", "affirmations"))
    assert "Which reply is a reflection?" in lessons and "Which are affirmations?" in lessons
    practice = (course / "site" / "practice" / "reflections" / "index.html").read_text()
    assert 'id="ex-e2e-single"' in practice  # the learner still practises there


def test_assets_are_hashed_and_loaded_once_per_page(tmp_path):
    course, result = build(tmp_path)
    page = (course / "site" / "index.html").read_text()
    scripts = re.findall(r'src="[^"]*assets/(mi-course\.[0-9a-f]{10}\.js)"', page)
    styles = re.findall(r'href="[^"]*assets/(mi-course\.[0-9a-f]{10}\.css)"', page)
    assert len(scripts) == 1 and len(styles) == 1
    assert (course / "site" / "assets" / scripts[0]).exists()
    assert "<script>" not in (course / "site" / "reflections" / "index.html").read_text().split("mi-ex")[1]


def test_no_outside_origins_in_html(tmp_path):
    course, result = build(tmp_path)
    for page in (course / "site").rglob("*.html"):
        html = page.read_text()
        assert not re.search(r'<(script|img|iframe)[^>]+src="(https?:)?//', html), page
        assert not re.search(r'<link (?![^>]*rel="canonical")[^>]*href="(https?:)?//', html), page  # canonical is no request
        assert "fonts.googleapis" not in html and "api.github.com" not in html


def test_errors_exit_1_without_traceback_and_leave_the_site_intact(tmp_path):
    course, result = build(tmp_path)
    assert result.returncode == 0
    before = tree_digest(course / "site")
    (course / "exercises" / "bank.yaml").write_text(BANK.replace("correct: true\n", "correct: yes please\n")
                                                   .replace("topics: [affirmations]", "topics: [afirmations]"))
    bad = run_cli("build", cwd=course)
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert "exercises/bank.yaml:11:18: error: 'correct' should be true or false" in bad.stderr
    assert "exercises/bank.yaml:17:14: error: unknown topic 'afirmations'" in bad.stderr
    assert "nothing was written to the site" in bad.stderr
    assert tree_digest(course / "site") == before


def test_unknown_id_in_a_lesson_points_at_the_line(tmp_path):
    course, result = build(tmp_path, lessons={"index.md": "# Home\n", "reflections.md": LESSON.replace("e2e-single", "e2e-singel")})
    assert result.returncode == 1
    assert "content/reflections.md:9:1: error: no exercise has the id 'e2e-singel'" in result.stderr
    assert "did you mean 'e2e-single'?" in result.stderr


def test_generated_markdown_is_deterministic(tmp_path):
    course, first = build(tmp_path)
    one = tree_digest(course / "build" / "all")
    second = run_cli("build", cwd=course)
    assert first.returncode == second.returncode == 0
    assert tree_digest(course / "build" / "all") == one


def test_tracks_and_offline_build_into_separate_folders(tmp_path):
    course, result = build(tmp_path)
    assert run_cli("build", "--track", "clinician", cwd=course).returncode == 0
    assert run_cli("build", "--offline", cwd=course).returncode == 0
    assert (course / "site" / "index.html").exists()
    assert (course / "site-clinician" / "practice" / "affirmations" / "index.html").exists()
    assert not (course / "site-clinician" / "practice" / "reflections").exists()  # its one item is coach-only
    assert (course / "site" / "practice" / "reflections" / "index.html").exists()
    offline = (course / "site-offline" / "index.html").read_text()
    assert "navigation.instant" not in offline
    assert (course / "site-offline" / "reflections.html").exists()  # use_directory_urls: false


def test_plain_mkdocs_build_runs_the_generator(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": BANK}, {"index.md": "# Home\n\n[[exercise: e2e-single]]\n"})
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=course, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert 'id="ex-e2e-single"' in (course / "site" / "index.html").read_text()


def test_validate_and_stats_commands(tmp_path):
    course, _ = build(tmp_path)
    ok = run_cli("validate", cwd=course)
    assert ok.returncode == 0 and ok.stdout.startswith("ok: 2 exercises")
    stats = json.loads(run_cli("stats", "--json", cwd=course).stdout)
    assert stats["exercises"] == 2
    assert stats["by_kind"] == {"multiple_choice": 1, "single_choice": 1}
    assert stats["by_topic"]["reflections"] == 1 and stats["by_topic"]["summaries"] == 0
    assert stats["by_audience"] == {"(any)": 1, "coach": 1}
    text = run_cli("stats", cwd=course).stdout
    assert re.search(r"^  reflections\s+1$", text, re.M)


def test_mistyped_command_and_missing_config_speak_plainly(tmp_path):
    result = run_cli("validate", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "mkdocs.yml: error: no mkdocs.yml in this folder" in result.stderr


def test_validate_checks_lesson_directives_too(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": BANK},
                          {"index.md": "# Home\n\n[[dialogue: nowhere]]\n\n[[exercize: e2e-single]]\n"})
    result = run_cli("validate", cwd=course)
    assert result.returncode == 1
    assert "content/index.md:3:1: error: no dialogue has the id 'nowhere'" in result.stderr
    assert "content/index.md:5:1: error: unknown directive '[[exercize: ...]]'" in result.stderr
    assert not (course / "site").exists() and not (course / "build").exists()
