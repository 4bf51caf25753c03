"""Put items in order (stages of change, the four processes, elicit-provide-elicit); listed here in the right order."""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from ...markup import escape
from ...model import Exercise
from ...question import Match, Question, feedback_list, stem
from ...frame import answer_block, context_block, prompt_block
from ...fields import TEXT, list_of, obj
from .._parts import actions

KIND = __name__.rsplit(".", 1)[-1]  # the folder's name
ORDER = 40
PICKER = "ol.mi-order"  # the learner's own inputs: the facilitator guide prints the answers instead
PROPERTIES = {
    "items": list_of(obj({"text": TEXT, "feedback": TEXT}, ["text"]), 2),
    "explanation": TEXT,
}
REQUIRED = ["prompt", "items", "explanation"]


@dataclass(frozen=True)
class Step:
    text: str
    feedback: str = ""


@dataclass(kw_only=True)
class Order(Exercise):
    kind = KIND
    items: list[Step]
    explanation: str


def build(data: dict, common: dict) -> Order:
    return Order(**common, items=[Step(i["text"], i.get("feedback", "")) for i in data["items"]],
                 explanation=data["explanation"])


def check(data: dict, path: tuple, doc) -> None:
    texts = [i["text"] for i in data["items"]]
    for n, t in enumerate(texts):
        if t in texts[:n]:
            doc.diag(path + ("items", n, "text"), "two items have the same text, so the order cannot be checked")


def answer(ex: Order) -> list:
    return [i.text for i in ex.items]


def start_order(ex: Order) -> list[int]:
    """A fixed scrambled order (from the id, so builds are repeatable) that is never already right."""
    n = len(ex.items)
    rng = random.Random(hashlib.sha256(ex.id.encode()).hexdigest())
    order = list(range(n))
    while order == list(range(n)):
        rng.shuffle(order)
    return order


def render(ex: Order, r) -> str:
    s = r.strings
    items = "".join(
        f'<li class="mi-order__item" data-item="{i}"><span class="mi-order__text" id="{ex.id}-i{i}">{r.inline(ex.items[i].text)}</span>'
        f'<span class="mi-order__moves" hidden data-js data-search-exclude><button type="button" class="mi-btn mi-btn--icon" data-move="-1" '
        f'aria-label="{escape(s["move_up"])}" aria-describedby="{ex.id}-i{i}">↑</button><button type="button" '
        f'class="mi-btn mi-btn--icon" data-move="1" aria-label="{escape(s["move_down"])}" aria-describedby="{ex.id}-i{i}">↓</button>'
        f'</span></li>'
        for i in start_order(ex))
    key = "".join(f'<li>{r.inline(i.text)}{(" " + r.inline(i.feedback)) if i.feedback else ""}</li>' for i in ex.items)
    return (context_block(ex, r) + prompt_block(ex, r)
            + f'<p class="mi-hint" hidden data-js>{escape(s["order_hint"])}</p><ol class="mi-order">{items}</ol>'
            + actions(r, "check", "try_again", "show_answer")
            + answer_block(r, f'<p class="mi-key__verdict">{escape(s["correct_order"])}</p><ol class="mi-keylist mi-keylist--order">{key}</ol>'
                           f'<div class="mi-key__fb">{r.block(ex.explanation)}</div>'))


def lms(ex: Order, r):
    """Exported as matching (item to position): every LMS has matching; not all have an ordering type."""
    return Question(ex.id, ex.title or ex.id, stem(ex, r), "matching",
                    matches=tuple(Match(r.inline(i.text), f"Position {n}") for n, i in enumerate(ex.items, 1)),
                    general_feedback=r.block(ex.explanation)
                    + feedback_list([(r.inline(i.text), r.inline(i.feedback)) for i in ex.items if i.feedback]))
