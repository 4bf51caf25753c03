"""Mistakes in the trainer's mkdocs.yml are named plainly, never a traceback."""
from __future__ import annotations

import pytest

from conftest import run_cli, write_course

# Each case is line 4 of mkdocs.yml: the message names the key's own line and column.
CASES = [
    ("extra: {course: {tracks: [a, b]}}", "mkdocs.yml:4:18: error: extra.course.tracks should map track names to their settings"),
    ("extra: {course: {tracks: {coach: {audience: [coach]}}}}",
     "mkdocs.yml:4:35: error: unknown setting 'audience' in track 'coach'\n  hint: did you mean 'audiences'?"),
    ("extra: {course: {tracks: {coach: {audiences: coach}}}}",
     "mkdocs.yml:4:35: error: 'audiences' of track 'coach' should be a list"),
    ("extra: {course: oops}", "mkdocs.yml:4:9: error: extra.course should be a mapping"),
    ("extra: {course: {tracks: {all: {audiences: [coach]}}}}", "mkdocs.yml:4:27: error: a track may not be called 'all'"),
    ("extra: {course: {trakcs: {coach: {audiences: [coach]}}}}",
     "mkdocs.yml:4:18: error: unknown setting 'trakcs' in extra.course\n  hint: did you mean 'tracks'?"),
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
    assert result.returncode == 1 and "mkdocs.yml: error: site_url is not set" in result.stderr  # the whole file


def test_unknown_track(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": "exercises: []\n"})
    result = run_cli("build", "--track", "coaches", cwd=course)
    assert result.returncode == 1
    line = next(n for n, text in enumerate((course / "mkdocs.yml").read_text().splitlines(), 1) if "tracks:" in text)
    assert (f"mkdocs.yml:{line}:5: error: unknown track: Expected one of: all, clinician, coach but received: coaches\n"
            "  hint: did you mean 'coach'?") in result.stderr


def test_validate_and_build_agree_on_every_config_mistake(tmp_path):
    for n, (extra, expected) in enumerate(CASES):
        course = write_course(tmp_path / str(n), {"bank.yaml": "exercises: []\n"})
        (course / "mkdocs.yml").write_text(f"site_name: x\nsite_url: https://x.org/\ndocs_dir: content\n{extra}\n")
        built = run_cli("build", cwd=course)
        assert built.returncode == 1 and expected in built.stderr and not (course / "site").exists()
