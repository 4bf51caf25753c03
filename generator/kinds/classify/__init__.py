"""Sort statements into categories (change talk / sustain talk / discord, DARN-CAT, stage, OARS skill)."""
from __future__ import annotations

from dataclasses import dataclass

from ...diagnostics import did_you_mean, expected
from ...markup import escape
from ...model import Exercise
from ...question import Match, Question, feedback_list, stem
from ...frame import answer_block, context_block, prompt_block
from ...fields import ID, TEXT, list_of, obj
from .._parts import actions, key_item

KIND = __name__.rsplit(".", 1)[-1]  # the folder's name
ORDER = 30
PICKER = "div.mi-classify"  # the learner's own inputs: the facilitator guide prints the answers instead
PROPERTIES = {
    "categories": list_of(obj({"id": ID, "label": TEXT}, ["id", "label"]), 2),
    "items": list_of(obj({"text": TEXT, "category": {"type": "string"}, "feedback": TEXT}, ["text", "category", "feedback"]), 2),
}
REQUIRED = ["prompt", "categories", "items"]


@dataclass(frozen=True)
class Category:
    id: str
    label: str


@dataclass(frozen=True)
class Item:
    text: str
    category: str
    feedback: str


@dataclass(kw_only=True)
class Classify(Exercise):
    kind = KIND
    categories: list[Category]
    items: list[Item]


def build(data: dict, common: dict) -> Classify:
    return Classify(**common, categories=[Category(c["id"], c["label"]) for c in data["categories"]],
                    items=[Item(i["text"], i["category"], i["feedback"]) for i in data["items"]])


def check(data: dict, path: tuple, doc) -> None:
    seen: set[str] = set()
    for n, c in enumerate(data["categories"]):
        if c["id"] in seen:
            doc.diag(path + ("categories", n, "id"), f"duplicate category id '{c['id']}'")
        seen.add(c["id"])
    ids = [c["id"] for c in data["categories"]]
    for n, item in enumerate(data["items"]):
        if item["category"] not in seen:
            doc.diag(path + ("items", n, "category"),
                     f"unknown category: {expected(ids, item['category'])}", did_you_mean(item["category"], ids))


def answer(ex: Classify) -> list:
    return [[i.text, i.category] for i in ex.items]


def render(ex: Classify, r) -> str:
    labels = {c.id: c.label for c in ex.categories}
    rows = []
    for n, item in enumerate(ex.items):
        radios = "".join(
            f'<label class="mi-choice"><input type="radio" name="{ex.id}-{n}" value="{escape(c.id)}">'
            f"<span>{r.inline(c.label)}</span></label>" for c in ex.categories)
        rows.append(f'<fieldset class="mi-classify__item" data-item="{n}"><legend class="mi-classify__text">'
                    f'{r.inline(item.text)}</legend><div class="mi-classify__choices">{radios}</div></fieldset>')
    key = "".join(key_item(n, "info", labels[i.category], r.inline(i.text), r.block(i.feedback),
                           attrs=f' data-cat="{escape(i.category)}"')
                  for n, i in enumerate(ex.items))
    return (context_block(ex, r) + prompt_block(ex, r) + f'<div class="mi-classify">{"".join(rows)}</div>'
            + actions(r, "check", "try_again", "show_answer")
            + answer_block(r, f'<ol class="mi-keylist">{key}</ol>'))


def lms_problem(ex: Classify) -> str:
    """Moodle's matching question needs at least three statements with their answers (its editor refuses fewer)."""
    n = len(ex.items)
    return f"Moodle's matching question needs at least 3 statements; this one has {n}" if n < 3 else ""


def lms(ex: Classify, r):
    labels = {c.id: c.label for c in ex.categories}
    return Question(ex.id, ex.title or ex.id, stem(ex, r), "matching",
                    matches=tuple(Match(r.inline(i.text), labels[i.category]) for i in ex.items),
                    general_feedback=feedback_list([(r.inline(i.text), r.inline(i.feedback)) for i in ex.items]))
