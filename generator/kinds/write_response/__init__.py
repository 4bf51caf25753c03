"""The learner writes a reflection or open question, then compares with model answers and rates it on a 5-level rubric."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...markup import escape
from ...model import Exercise
from ...question import Question, stem
from ...frame import answer_block, client_bubble, context_block, prompt_block
from ...fields import TEXT, text_list
from .._parts import actions

KIND = __name__.rsplit(".", 1)[-1]  # the folder's name
ORDER = 60
PICKER = ".mi-write"  # the learner's own inputs: the facilitator guide prints the answers instead
SCORED = False  # the learner rates her own answer against the models
PROPERTIES = {
    "client": TEXT,
    "model_answers": text_list(1),
    "points": {**TEXT, "description": "What makes these work: the teaching points of the task, shown with the model answers."},
    "rubric": {**text_list(5), "maxItems": 5, "description": "Five levels, lowest first; the course's HRQ-style rubric when left out."},
}
REQUIRED = ["prompt", "model_answers"]


@dataclass(kw_only=True)
class WriteResponse(Exercise):
    kind = KIND
    model_answers: list[str]
    client: str = ""
    rubric: list[str] = field(default_factory=list)
    points: str = ""


def build(data: dict, common: dict) -> WriteResponse:
    return WriteResponse(**common, client=data.get("client", ""), model_answers=list(data["model_answers"]),
                         rubric=list(data.get("rubric", [])), points=data.get("points", ""))


def check(data: dict, path: tuple, doc) -> None:
    pass


def answer(ex: WriteResponse) -> list:
    return [ex.client, ex.prompt]  # the learner's own text is kept while the task stays the same


def _unnumbered(text: str, n: int) -> str:
    return re.sub(rf"^\s*{n}\s*[:.)]\s*", "", text)


def render(ex: WriteResponse, r) -> str:
    s = r.strings
    levels = ex.rubric or s["rubric_levels"]
    # Each level shows its number, as the status after rating ("rated 4 of 5") counts by it; a level written with its
    # number already ("4: ...") keeps it once.
    rubric = "".join(
        f'<label class="mi-choice"><input type="radio" name="{ex.id}-rating" value="{n}"><span>{n}: {r.inline(_unnumbered(t, n))}'
        '</span></label>'
        for n, t in enumerate(levels, 1))
    models = "".join(f"<li>{r.block(m)}</li>" for m in ex.model_answers)
    points = (f'<p class="mi-key__verdict">{escape(s["model_points"])}</p><div class="mi-points">{r.block(ex.points)}</div>'
              if ex.points else "")
    bubble = client_bubble(r, ex.client) if ex.client else ""
    return (context_block(ex, r) + bubble + prompt_block(ex, r)
            + f'<p class="mi-note">{escape(s["not_graded"])}</p>'
            + f'<label class="mi-write"><span class="mi-write__label">{escape(s["your_reply"])}</span>'
              f'<textarea rows="3" name="{ex.id}-text"></textarea></label>'
            + actions(r, "show_answer", labels={"show_answer": "show_models"})
            + answer_block(r, f'<p class="mi-key__verdict">{escape(s["model_answers"])}</p><ul class="mi-models">{models}</ul>{points}'
                           f'<fieldset class="mi-rubric"><legend>{escape(s["rubric"])}</legend>{rubric}</fieldset>'))


def lms(ex: WriteResponse, r):
    """An essay: the model answers and the rubric go to the grader (and to the learner as general feedback)."""
    models = "<ul>" + "".join(f"<li>{r.inline(m)}</li>" for m in ex.model_answers) + "</ul>"
    rubric = "<ol>" + "".join(f"<li>{r.inline(t)}</li>" for t in (ex.rubric or r.strings["rubric_levels"])) + "</ol>"
    s = r.strings
    points = f"<p>{escape(s['model_points'])}</p>{r.block(ex.points)}" if ex.points else ""
    info = f"<p>{escape(s['model_answers'])}</p>{models}{points}<p>{escape(s['rubric'])}</p>{rubric}"
    return Question(ex.id, ex.title or ex.id, stem(ex, r), "essay", general_feedback=models + points, grader_info=info)
