"""Mistakes in the trainer's mkdocs.yml are named plainly, never a traceback."""
from __future__ import annotations

import pytest

from conftest import run_cli, write_course

CASES = [
    ("extra: {course: {tracks: [a, b]}}", "mkdocs.yml: error: extra.course.tracks should map track names to their settings"),
    ("extra: {course: {tracks: {coach: {audience: [coach]}}}}",
     "mkdocs.yml: error: track 'coach': unknown or mistyped setting(s): audience"),
    ("extra: {course: oops}", "mkdocs.yml: error: extra.course should be a mapping"),
    ("extra: {course: {tracks: {all: {audiences: [coach]}}}}", "mkdocs.yml: error: a track may not be called 'all'"),
]


@pytest.mark.parametrize("extra, expected", CASES)
def test_config_mistakes(tmp_path, extra, expected):
    course = write_course(tmp_path, {"bank.yaml": "exercises: []\n"})
    (course / "mkdocs.yml").write_text(f"site_name: x\nsite_url: https://x.org/\ndocs_dir: content\n{extra}\n")
    result = run_cli("validate", cwd=course)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert expected in result.stderr


def test_missing_site_url(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": "exercises: []\n"})
    (course / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\n")
    result = run_cli("build", cwd=course)
    assert result.returncode == 1 and "mkdocs.yml: error: site_url is not set" in result.stderr


def test_unknown_track(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": "exercises: []\n"})
    result = run_cli("build", "--track", "coaches", cwd=course)
    assert result.returncode == 1
    assert "mkdocs.yml: error: unknown track 'coaches'. Expected one of: all, clinician, coach" in result.stderr
