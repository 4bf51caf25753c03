"""Tracks: the coach site holds no clinician-only exercise, and every core topic keeps exercises in each track."""
from __future__ import annotations

import re

from conftest import REPO, copy_course, run_cli, write_course
from generator.config import load_config
from generator.site import in_track, track_of
from generator.validate import load_course


def test_every_topic_has_exercises_in_every_shipped_track():
    course, _ = load_course(REPO)
    config, _ = load_config(REPO)
    assert set(config.tracks) == {"clinician", "coach"}
    for name in config.tracks:
        track = track_of(config, name)
        kept = {t for e in course.exercises.values() if in_track(e, track) for t in e.topics}
        assert set(course.taxonomy.topics) - kept == set(), name


def test_coach_build_has_no_clinician_only_exercise(tmp_path):
    root = copy_course(tmp_path / "c")
    course, _ = load_course(root)
    result = run_cli("build", "--track", "coach", cwd=root)
    assert result.returncode == 0, result.stderr
    html = "".join(p.read_text() for p in (root / "site-coach").rglob("*.html"))
    shown = set(re.findall(r'<section class="mi-ex[^"]*" id="ex-([a-z0-9-]+)"', html))
    clinician_only = {e.id for e in course.exercises.values() if e.audience == ["clinician"]}
    assert shown and not shown & clinician_only
    assert {e.id for e in course.exercises.values() if "coach" in e.audience} <= shown


def test_a_track_that_empties_a_topic_is_named_in_a_warning(tmp_path):
    bank = """exercises:
  - id: only-clinicians
    kind: single_choice
    topics: [summaries]
    audience: [clinician]
    prompt: "Pick."
    options:
      - {text: "A", correct: true, feedback: "Yes."}
      - {text: "B", feedback: "No."}
"""
    course = write_course(tmp_path, {"bank.yaml": bank})
    result = run_cli("build", "--track", "coach", cwd=course)
    assert result.returncode == 0, result.stderr
    assert re.search(r"mkdocs.yml:\d+:\d+: warning: track 'coach' has no exercises for: summaries", result.stderr)
