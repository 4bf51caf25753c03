"""Golden tests: a bank in, the exact HTML the generator writes out. MI_COURSE_UPDATE_GOLDEN=1 rewrites them."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import write_course
from generator.markup import Markup
from generator.render import Renderer, load_strings, render_exercise
from generator.validate import load_course

GOLDEN = Path(__file__).parent / "golden" / "kinds"
CASES = sorted(p.stem for p in GOLDEN.glob("*.yaml"))


def render_bank(tmp_path: Path, name: str) -> str:
    course, diags = load_course(write_course(tmp_path, {f"{name}.yaml": (GOLDEN / f"{name}.yaml").read_text()}))
    assert course is not None, [d.format() for d in diags]
    r = Renderer(course, Markup(), load_strings("en"))
    return "\n\n".join(render_exercise(ex, r) for ex in course.exercises.values()) + "\n"


@pytest.mark.parametrize("name", CASES)
def test_golden_html(tmp_path, name):
    html = render_bank(tmp_path, name)
    expected = GOLDEN / f"{name}.html"
    if os.environ.get("MI_COURSE_UPDATE_GOLDEN"):
        expected.write_text(html, encoding="utf-8")
    assert html == expected.read_text(encoding="utf-8")


def test_hostile_text_is_neutralised(tmp_path):
    html = render_bank(tmp_path, "hostile")
    for bad in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<img"):
        assert bad not in html
    assert "&lt;angle&gt;" in html or "<angle>" not in html


def test_plain_text_fast_path_matches_markdown():
    m = Markup()
    for text in ["It sounds like you're tired.", "A \"quoted\" reply, with commas; and a colon: here."]:
        fast = m.block(text)
        m._md.reset()
        assert fast == m._md.convert(text)
