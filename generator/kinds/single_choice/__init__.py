"""A question with one correct option; every option explains why it is or is not right."""
from __future__ import annotations

from dataclasses import dataclass

from ...model import Exercise, Option
from ...question import Choice, Question, stem
from ...frame import answer_block, context_block, prompt_block
from .._parts import actions, build_options, choices, option_answer as answer, option_key, OPTIONS, options, tally

KIND = __name__.rsplit(".", 1)[-1]  # the folder's name
ORDER = 10
PICKER = ".mi-options"  # the learner's own inputs: the facilitator guide prints the answers instead
PROPERTIES = {"options": OPTIONS}
REQUIRED = ["prompt", "options"]


@dataclass(kw_only=True)
class SingleChoice(Exercise):
    kind = KIND
    options: list[Option]


def build(data: dict, common: dict) -> SingleChoice:
    return SingleChoice(**common, options=build_options(data))


def check(data: dict, path: tuple, doc) -> None:
    right = sum(1 for o in data["options"] if o.get("correct") is True)
    if right != 1:
        doc.diag(path + ("options",), f"a single-choice question needs exactly one option with `correct: true`; found {right}",
                 "mark the right option with `correct: true`, or use `kind: multiple_choice`", at_key=True)


def render(ex: SingleChoice, r) -> str:
    return (context_block(ex, r) + prompt_block(ex, r)
            + choices(ex, r, "radio", r.strings["choose_one"])
            + actions(r, "check", "try_again", "show_answer")
            + answer_block(r, option_key(ex, r)))


def lms(ex: SingleChoice, r):
    return Question(ex.id, ex.title or ex.id, stem(ex, r), "single", tuple(
        Choice(r.inline(o.text), 100 if o.correct else 0, r.block(o.feedback)) for o in ex.options))
