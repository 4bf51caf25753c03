"""Golden tests: a bank in, the exact HTML the generator writes out, one pair for every kind (code_transcript's, which
needs a dialogue, is in tests/golden/dialogue/). MI_COURSE_UPDATE_GOLDEN=1 rewrites them."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import write_course
from generator.markup import Markup
from generator.frame import Renderer
from generator.render import render_exercise
from generator.ui_strings import load_strings
from generator.validate import load_course

GOLDEN = Path(__file__).parent / "golden" / "kinds"
CASES = sorted(p.stem for p in GOLDEN.glob("*.yaml"))


def render_bank(tmp_path: Path, name: str) -> str:
    course, diags = load_course(write_course(tmp_path, {f"{name}.yaml": (GOLDEN / f"{name}.yaml").read_text()}))
    assert course is not None, [d.format() for d in diags]
    r = Renderer(course, Markup(), load_strings("en"))
    return "\n\n".join(render_exercise(ex, r) for ex in course.exercises.values()) + "\n"


# Stored with a line break before each block element, so that a failing diff points at the element that changed.
BLOCK = re.compile(r"(?<!\n)(<(?:/?section|header|/?div|/?fieldset|legend|/?ol|/?ul|li|/?details|summary|/?figure|"
                   r"blockquote|p|label|textarea|button)[\s>])")


def pretty(html: str) -> str:
    return BLOCK.sub(lambda m: "\n" + m.group(1), html)


def test_every_kind_has_a_golden_pair():
    from generator.kinds import KINDS

    assert set(KINDS) - set(CASES) <= {"code_transcript"}  # that one is a dialogue golden


@pytest.mark.parametrize("name", CASES)
def test_golden_html(tmp_path, name):
    html = pretty(render_bank(tmp_path, name))
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


TWO_CODES = """\
exercises:
  - id: b2
    kind: best_response
    topics: [reflections]
    client: "I'm tired."
    responses:
      - {text: "You're worn out. What would help?", codes: [complex_reflection, question/open], correct: true, feedback: "Both."}
      - {text: "Sleep more.", code: persuade, feedback: "Advice."}
  - id: s2
    kind: scenario
    topics: [evoking]
    nodes:
      - id: a
        client: "Hi."
        choices:
          - {text: "Good to see you. What brings you?", codes: [affirm, question/open], feedback: "ok", next: b}
      - {id: b, client: "Bye.", ending: {outcome: good, debrief: "Done."}}
"""


def test_a_two_code_reply_shows_both_labels_in_order(tmp_path):
    course, diags = load_course(write_course(tmp_path, {"bank.yaml": TWO_CODES}))
    assert course is not None, [d.format() for d in diags]
    r = Renderer(course, Markup(), load_strings("en"))
    best, scn = course.exercises["b2"], course.exercises["s2"]
    assert best.responses[0].codes == ("complex_reflection", "question/open")
    assert best.responses[1].codes == ("persuade",)
    html = render_exercise(best, r)
    assert ('<span class="mi-code">Complex reflection</span> <span class="mi-code">Question (open)</span>'
            '</p><div class="mi-key__text">') in html
    from generator.kinds import KINDS

    choice = KINDS["best_response"].lms(best, r).choices[0]
    assert choice.feedback.startswith("<p><em>Complex reflection + Question (open)</em></p>")
    html = render_exercise(scn, r)
    assert ('data-code="affirm question/open"' in html and '<ul class="mi-badges"><li class="mi-badge mi-badge--adherent">'
            'Affirm</li><li class="mi-badge mi-badge--question">Question (open)</li></ul>') in html
