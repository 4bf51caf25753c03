"""The pre/post self-test: a short knowledge test in two parallel forms, A before the course and B after, drawn from
items no lesson or practice page shows (`self_test: A|B` in a bank). One submission per form: after A the learner sees
only the score; after B both scores, the change and every answer. Its script loads only on its page."""
from __future__ import annotations

import json

from .assets import Asset
from .markup import escape, md_text, page_source
from .kinds import KINDS
from .model import Exercise

PAGE = "progress/self-test.md"
FORMS = ("A", "B")


def self_test_items(exercises: list[Exercise]) -> dict[str, list[Exercise]]:
    """The items of each form, in bank order; a form with no items is left out."""
    forms = {f: [e for e in exercises if e.self_test == f] for f in FORMS}
    return {f: items for f, items in forms.items() if items}


def item_html(ex: Exercise, n: int, r) -> str:
    """One question as a plain form field (no engine widget: nothing is shown until the form is sent), with its
    answer and feedback hidden until the second form is sent."""
    s = r.strings["learner"]
    opts = KINDS[ex.kind].options(ex)  # validate lets only kinds with options and one right answer in
    right = next(i for i, o in enumerate(opts) if o.correct)
    options = "".join(f'<label class="mi-choice"><input type="radio" name="st-{ex.id}" value="{i}">'
                      f'<span>{r.inline(o.text)}</span></label>' for i, o in enumerate(opts))
    key = "".join(f'<li data-opt="{i}"><strong>{escape(s["st_right"] if o.correct else s["st_wrong"])}</strong> '
                  f'<span class="mi-st__opt">{r.inline(o.text)}</span>{r.block(o.feedback)}</li>' for i, o in enumerate(opts))
    context = f'<div class="mi-context">{r.block(ex.context)}</div>' if ex.context else ""
    return (f'<fieldset class="mi-st__item" data-st="{ex.id}" data-right="{right}">'
            f'<legend>{escape(s["st_item"].format(n=n))}</legend>{context}<div class="mi-prompt">{r.block(ex.prompt)}</div>'
            f'<div class="mi-choices">{options}</div>'
            f'<div class="mi-st__answer" hidden data-search-exclude><p class="mi-st__mine"></p><ul>{key}</ul></div>'
            "</fieldset>")


def form_html(form: str, items: list[Exercise], r) -> str:
    s = r.strings["learner"]
    body = "".join(item_html(ex, n, r) for n, ex in enumerate(items, 1))
    return (f'<form class="mi-st__form" data-form="{form}" hidden><h2 id="form-{form.lower()}">'
            f'{escape(s["st_form_" + form])}</h2>{body}'
            f'<p><button type="submit" class="mi-btn">{escape(s["st_submit"])}</button></p></form>')


def self_test_page(forms: dict[str, list[Exercise]], r, css: str, script: Asset, root: str) -> str:
    """progress/self-test.md: what it measures, the two forms and a place for the scores."""
    s = r.strings["learner"]
    ui = {k: v for k, v in s.items() if k.startswith("st_")}
    body = (f'<div class="mi-lp mi-st" data-page="selftest" data-s="{escape(json.dumps(ui, ensure_ascii=False))}">\n'
            f'<link rel="stylesheet" href="{root}{css}">\n'
            f'<p class="mi-lp__nojs admonition warning">{escape(s["nojs"])}</p>\n'
            f'<div data-lp-js hidden><div class="mi-st__status mi-lp__msg" role="status"></div>'
            + "".join(form_html(f, items, r) for f, items in forms.items())
            + f'<p><button type="button" class="mi-btn" data-st="reset" hidden>{escape(s["st_reset"])}</button></p></div>\n'
            f'<script src="{root}{script.name}"></script>\n</div>\n')
    return page_source(s["st_title"], f"# {md_text(s['st_title'])}\n\n{s['st_intro']}\n\n{body}", {"search": {"exclude": True}})
