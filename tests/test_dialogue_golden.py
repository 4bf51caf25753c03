"""Golden tests for conversations: a bank in, the exact pages and HTML the generator writes out.

tests/golden/dialogue/NAME.yaml -> NAME.html: every generated dialogue page, side-by-side page and the index (as the
Markdown with raw HTML that MkDocs receives), a dialogue as the [[dialogue: id]] directive places it, and the
scenario and code_transcript exercises. MI_COURSE_UPDATE_GOLDEN=1 rewrites the expected files.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import write_course
from generator.config import load_config
from generator.dialogue import render_dialogue
from generator.render import render_exercise
from generator.site import Pages, track_of
from generator.validate import load_course

GOLDEN = Path(__file__).parent / "golden" / "dialogue"
CASES = sorted(p.stem for p in GOLDEN.glob("*.yaml"))


def render_case(tmp_path: Path, name: str) -> str:
    root = write_course(tmp_path, {f"{name}.yaml": (GOLDEN / f"{name}.yaml").read_text(encoding="utf-8")})
    course, diags = load_course(root)
    assert course is not None, [d.format() for d in diags]
    config, _ = load_config(root)
    pages = Pages(course, config, track_of(config, None), [])
    site = pages.build()
    out = []
    for path in sorted(p for p in site.files if p.startswith("dialogues/")):
        out.append(f"===== {path}\n{site.files[path]}")
    for d in course.dialogues.values():
        out.append(f"===== [[dialogue: {d.id}]]\n{render_dialogue(d, pages.r)}\n")
    for ex in course.exercises.values():
        out.append(f"===== exercise {ex.id}\n{render_exercise(ex, pages.r)}\n")
    return "\n".join(out)


@pytest.mark.parametrize("name", CASES)
def test_golden_dialogue_html(tmp_path, name):
    html = render_case(tmp_path, name)
    expected = GOLDEN / f"{name}.html"
    if os.environ.get("MI_COURSE_UPDATE_GOLDEN"):
        expected.write_text(html, encoding="utf-8")
    assert html == expected.read_text(encoding="utf-8")


def test_the_golden_cases_cover_what_they_should():
    assert set(CASES) >= {"pair", "edge", "exercises", "talk"}


def test_a_client_turn_with_two_labels_shows_both_in_order(tmp_path):
    html = render_case(tmp_path, "talk")
    assert ('<ul class="mi-badges" aria-label="Client talk"><li class="mi-badge mi-badge--change" data-talk="change/need">'
            'Change talk (need)</li><li class="mi-badge mi-badge--sustain" data-talk="sustain/reasons">Sustain talk '
            '(reasons)</li></ul>') in html
    # the two-label turns count once on each side: change 2 (need, desire), sustain 2 (reasons, commitment)
    assert '<td data-fig="ct_share"><span class="mi-figs__value">50%</span><span class="mi-figs__detail">2 of 4</span>' in html
    assert '<td data-fig="talk_discord"><span class="mi-figs__value">1</span>' in html


def test_hostile_text_in_a_dialogue_is_neutralised(tmp_path):
    html = re.sub(r'<script src="(\.\./)*assets/mi-sort\.[0-9a-f]{10}\.js"></script>', "", render_case(tmp_path, "pair"))
    assert "<script" not in html and "alert(1)" not in html.replace("&lt;script&gt;alert(1)", "")
    assert "Starting <em>light</em> feels safer." in html


def test_edge_case_divisions_by_zero_and_uncoded_turns(tmp_path):
    html = render_case(tmp_path, "edge")
    assert html.count('data-fig="rq"><span class="mi-figs__value">n/a</span>') == 1
    assert html.count('data-fig="pct_cr"><span class="mi-figs__value">n/a</span>') == 1
    assert "O&#x27;Neil &amp; Co" in html
    # an uncoded practitioner turn has no annotations block
    assert ('<li class="mi-dlg__turn mi-dlg__turn--practitioner" id="dlg-no-questions-no-reflections-1" data-turn="1">'
            '<div class="mi-dlg__bubble"><p class="mi-dlg__who"><a href="#dlg-no-questions-no-reflections-1" '
            'aria-label="Turn 1">1</a> · Pat</p><div class="mi-dlg__text"><p>Good morning.</p></div></div></li>') in html
