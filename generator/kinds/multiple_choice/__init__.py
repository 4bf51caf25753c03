"""Select all that apply: one or more options are right; each explains why."""
from __future__ import annotations

from dataclasses import dataclass

from ...model import Exercise, Option
from ...question import Choice, Question, moodle_percent, stem
from ...frame import answer_block, context_block, prompt_block
from .._parts import actions, build_options, choices, option_answer as answer, option_key, OPTIONS, options, tally

KIND = __name__.rsplit(".", 1)[-1]  # the folder's name
ORDER = 20
PICKER = ".mi-options"  # the learner's own inputs: the facilitator guide prints the answers instead
PROPERTIES = {"options": OPTIONS}
REQUIRED = ["prompt", "options"]


@dataclass(kw_only=True)
class MultipleChoice(Exercise):
    kind = KIND
    options: list[Option]


def build(data: dict, common: dict) -> MultipleChoice:
    return MultipleChoice(**common, options=build_options(data))


def check(data: dict, path: tuple, doc) -> None:
    if not any(o.get("correct") is True for o in data["options"]):
        doc.diag(path + ("options",), "no option is marked `correct: true`",
                 "mark every right option with `correct: true`", at_key=True)


def render(ex: MultipleChoice, r) -> str:
    return (context_block(ex, r) + prompt_block(ex, r)
            + choices(ex, r, "checkbox", r.strings["choose_all"])
            + actions(r, "check", "try_again", "show_answer")
            + answer_block(r, option_key(ex, r)))


def lms(ex: MultipleChoice, r):
    """Right options share 100%; each wrong one takes back as much as one right one gives."""
    share = moodle_percent(100 / sum(o.correct for o in ex.options))
    return Question(ex.id, ex.title or ex.id, stem(ex, r), "multi", tuple(
        Choice(r.inline(o.text), share if o.correct else -share, r.block(o.feedback)) for o in ex.options))
