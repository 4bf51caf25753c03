"""HTML pieces several kinds share: option lists, answer keys, buttons, and the option schema."""
from __future__ import annotations

from .. import codes
from ..conventions import coding_warnings
from ..markup import escape
from ..model import Option
from .contract import Tally
from ..fields import TEXT, list_of, obj

OPTION = obj({"text": TEXT, "correct": {"type": "boolean"}, "feedback": TEXT}, ["text", "feedback"])
OPTIONS = list_of(OPTION, 2)


def actions(r, *names: str, labels: dict | None = None) -> str:
    """Buttons for the browser widget; hidden until the script shows them, so no-JS readers see none."""
    labels = labels or {}
    buttons = "".join(f'<button type="button" class="mi-btn" data-action="{n}">{escape(r.strings[labels.get(n, n)])}</button>'
                      for n in names)
    # data-search-exclude: button words ("CheckTry againShow answer") would fill the search snippets.
    return (f'<div class="mi-actions" hidden data-search-exclude>{buttons}</div>'
            '<div class="mi-status" role="status" aria-live="polite"></div>')


def choices(ex, r, input_type: str, legend: str) -> str:
    """One input per option, each in its own box so the script can shuffle the boxes and add feedback below a label."""
    items = "".join(
        f'<div class="mi-option" data-opt="{i}"><label><input type="{input_type}" name="{ex.id}" value="{i}">'
        f'<span class="mi-option__text">{r.inline(o.text)}</span></label></div>'
        for i, o in enumerate(ex.options))
    return (f'<fieldset class="mi-options"><legend class="mi-sr">{escape(legend)}</legend>{items}</fieldset>')


def key_item(index: int, verdict_class: str, verdict: str, text_html: str, feedback_html: str, extra: str = "",
             attrs: str = "") -> str:
    """An entry of the answer key: the verdict, the option's text, then its feedback (MI.fb copies what follows the
    text under the option)."""
    return (f'<li class="mi-key mi-key--{verdict_class}" data-opt="{index}"{attrs}><p class="mi-key__verdict">{escape(verdict)}'
            f'{extra}</p><div class="mi-key__text">{text_html}</div>{feedback_html}</li>')


def option_key(ex, r) -> str:
    s = r.strings
    items = "".join(
        key_item(i, "correct" if o.correct else "incorrect", s["correct"] if o.correct else s["incorrect"],
                 r.inline(o.text), r.block(o.feedback))
        for i, o in enumerate(ex.options))
    return f'<ol class="mi-keylist">{items}</ol>'


def build_options(data: dict) -> list[Option]:
    return [Option(o["text"], o["feedback"], bool(o.get("correct"))) for o in data["options"]]


def option_answer(ex) -> list:
    return [[o.text, o.correct] for o in ex.options]


def reply_codes(x: dict) -> tuple[str, ...]:
    """A reply's codes: `codes: [a, b]`, or `code: a` (the one-code shorthand)."""
    return tuple(x["codes"]) if "codes" in x else (x["code"],)


def check_reply_codes(x: dict, path: tuple, doc, what: str) -> None:
    """Exactly one of `code` and `codes`; a list follows the same rules as a dialogue turn's codes."""
    if "code" in x and "codes" in x:
        doc.diag(path + ("codes",), f"{what} has both `code` and `codes`",
                 "`code: a` is short for `codes: [a]`; keep one of them", at_key=True)
    elif "code" not in x and "codes" not in x:
        doc.diag(path, f"{what} has neither `code` nor `codes`", "add `code: ...` for one behaviour, or `codes: [..., ...]` for several")
    else:
        if "codes" in x:
            codes.check_turn(x["codes"], path + ("codes",), doc)
        at = path + ("codes" if "codes" in x else "code",)
        for message, hint in coding_warnings(x["text"], reply_codes(x)):
            doc.diag(at, f"{what}: {message}", hint, "warning")


def code_labels(values: tuple[str, ...], r) -> str:
    """The codes' labels in order, joined for a line of text: "Complex reflection + Question (open)"."""
    return " + ".join(r.code_label(c) for c in values)


def options(ex) -> list:
    """A choice kind's options, for the self-test (each has `text`, `correct` and `feedback`)."""
    return list(ex.options)


def tally(ex, answer, correct) -> Tally | None:
    """A checked record adds the wrong options the learner chose (by their text) to the class report."""
    if not isinstance(correct, bool):
        return None
    opts = ex.options
    wrong = () if correct or not isinstance(answer, list) else tuple(
        opts[i].text for i in answer if isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(opts)
        and not opts[i].correct)
    return Tally(wrong=wrong)
