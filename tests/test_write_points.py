"""A write_response item's teaching points ("What makes these work") sit with the model answers, inside the answer block."""
from __future__ import annotations

from conftest import write_course
from generator.markup import Markup
from generator.frame import Renderer
from generator.render import render_exercise
from generator.ui_strings import load_strings
from generator.validate import load_course

BANK = """\
exercises:
  - id: wp-with
    kind: write_response
    topics: [reflections]
    client: "Nobody listens."
    prompt: "Write a complex reflection."
    model_answers: ["You feel invisible.", "It's lonely being unheard."]
    points: "Both name the **feeling** under the complaint."
  - id: wp-without
    kind: write_response
    topics: [reflections]
    client: "Nobody listens."
    prompt: "Write a complex reflection."
    model_answers: ["You feel invisible."]
"""


def rendered(tmp_path):
    course, diags = load_course(write_course(tmp_path, {"bank.yaml": BANK}))
    assert course is not None, [d.format() for d in diags]
    r = Renderer(course, Markup(), load_strings("en"))
    return {i: render_exercise(ex, r) for i, ex in course.exercises.items()}, course


def answer_part(html: str) -> str:
    start = html.index('<details class="mi-answer"')
    return html[start:html.index("</details>", start)]


def test_points_shown_inside_answer_block(tmp_path):
    html, _ = rendered(tmp_path)
    inside = answer_part(html["wp-with"])
    assert "What makes these work" in inside
    assert '<div class="mi-points">' in inside and "<strong>feeling</strong>" in inside
    assert inside.index('class="mi-models"') < inside.index("What makes these work") < inside.index('class="mi-rubric"')
    before = html["wp-with"][:html["wp-with"].index('<details class="mi-answer"')]
    assert "What makes these work" not in before and "feeling" not in before


def test_without_points_no_heading(tmp_path):
    html, course = rendered(tmp_path)
    assert "What makes these work" not in html["wp-without"]
    assert "mi-points" not in html["wp-without"]
    from generator.kinds import write_response
    a = course.exercises["wp-with"]
    assert write_response.answer(a) == [a.client, a.prompt]  # the points do not reset a learner's saved reply
