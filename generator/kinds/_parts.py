"""HTML pieces several kinds share: option lists, answer keys, buttons, and the option schema."""
from __future__ import annotations

from ..markup import escape
from ..model import Option
from ..schema import TEXT, list_of, obj

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
    return (f'<li class="mi-key mi-key--{verdict_class}" data-opt="{index}"{attrs}><p class="mi-key__verdict">{escape(verdict)}'
            f'{extra}</p><div class="mi-key__text">{text_html}</div><div class="mi-key__fb">{feedback_html}</div></li>')


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
