"""A client statement and candidate replies, each with its MI code and feedback; one best, others may be acceptable."""
from __future__ import annotations

from dataclasses import dataclass

from ...markup import escape
from ...model import Exercise
from ...question import Choice, Question, stem
from ...frame import answer_block, client_bubble, context_block, prompt_block
from ...fields import CODE, CODES, TEXT, list_of, obj
from .._parts import actions, check_reply_codes, choices, code_labels, key_item, options, reply_codes, tally

KIND = __name__.rsplit(".", 1)[-1]  # the folder's name
ORDER = 50
PICKER = ".mi-options"  # the learner's own inputs: the facilitator guide prints the answers instead
PROPERTIES = {
    "client": TEXT,
    "responses": list_of(obj({"text": TEXT, "code": CODE, "codes": CODES, "correct": {"type": "boolean"},
                              "acceptable": {"type": "boolean"}, "feedback": TEXT},
                             ["text", "feedback"]), 2),
}
REQUIRED = ["client", "responses"]


@dataclass(frozen=True)
class Response:
    text: str
    codes: tuple[str, ...]  # in the order the reply does them, e.g. a reflection then a question
    feedback: str
    correct: bool = False  # the best reply
    acceptable: bool = False


@dataclass(kw_only=True)
class BestResponse(Exercise):
    kind = KIND
    client: str
    responses: list[Response]

    @property
    def options(self) -> list[Response]:
        return self.responses


def build(data: dict, common: dict) -> BestResponse:
    return BestResponse(**common, client=data["client"], responses=[
        Response(x["text"], reply_codes(x), x["feedback"], bool(x.get("correct")), bool(x.get("acceptable")))
        for x in data["responses"]])


def check(data: dict, path: tuple, doc) -> None:
    best = sum(1 for x in data["responses"] if x.get("correct") is True)
    if best != 1:
        doc.diag(path + ("responses",), f"mark exactly one reply as best with `correct: true`; found {best}",
                 "other good replies take `acceptable: true`", at_key=True)
    for n, x in enumerate(data["responses"]):
        check_reply_codes(x, path + ("responses", n), doc, f"reply {n + 1}")
        if x.get("correct") is True and x.get("acceptable") is True:
            doc.diag(path + ("responses", n, "acceptable"), "a reply is either best (`correct`) or `acceptable`, not both",
                     at_key=True)


def answer(ex: BestResponse) -> list:
    return [[x.text, x.correct, x.acceptable] for x in ex.responses]


def verdict(x: Response) -> str:
    return "best" if x.correct else "acceptable" if x.acceptable else "not_best"


def render(ex: BestResponse, r) -> str:
    s = r.strings
    key = "".join(
        key_item(i, {"best": "correct", "acceptable": "acceptable", "not_best": "incorrect"}[verdict(x)],
                 s[verdict(x)], r.inline(x.text), r.block(x.feedback),
                 "".join(f' <span class="mi-code">{escape(r.code_label(c))}</span>' for c in x.codes))
        for i, x in enumerate(ex.responses))
    return (context_block(ex, r) + client_bubble(r, ex.client) + prompt_block(ex, r)
            + choices(ex, r, "radio", s["your_reply"])
            + actions(r, "check", "try_again", "show_answer")
            + answer_block(r, f'<ol class="mi-keylist">{key}</ol>'))


def lms(ex: BestResponse, r):
    """The best reply scores 100%, an acceptable one 50%; the MI codes go with each reply's feedback."""
    return Question(ex.id, ex.title or ex.id, stem(ex, r), "single", tuple(
        Choice(r.inline(x.text), 100 if x.correct else 50 if x.acceptable else 0,
               f"<p><em>{escape(code_labels(x.codes, r))}</em></p>{r.block(x.feedback)}") for x in ex.responses))
