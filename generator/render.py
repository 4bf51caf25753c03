"""An exercise's section: the frame every kind shares around the body its folder renders, and its answer key."""
from __future__ import annotations

import hashlib
import json

from .frame import Renderer
from .kinds import KINDS
from .markup import escape
from .model import Exercise


def answer_key(ex: Exercise) -> str:
    """A short hash of what decides the answer: saved progress is dropped when it changes, kept otherwise."""
    data = [ex.kind, KINDS[ex.kind].answer(ex)]
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:10]


def render_exercise(ex: Exercise, r: Renderer) -> str:
    s = r.strings
    tax = r.course.taxonomy
    meta = [tax.audiences.get(a, a) for a in ex.audience if not r.audiences or a in r.audiences]
    if ex.setting:
        meta.append(tax.settings.get(ex.setting, ex.setting))
    meta.append(s["level"].format(n=ex.difficulty))
    title = f" {escape(ex.title)}" if ex.title else ""
    body = KINDS[ex.kind].render(ex, r)
    names = escape("|".join(tax.topics[t].label if t in tax.topics else t for t in ex.topics))  # for the page score by topic
    return (
        f'<section class="mi-ex mi-{ex.kind.replace("_", "-")}" id="ex-{ex.id}" data-ex="{ex.id}" data-kind="{ex.kind}"'
        f' data-key="{answer_key(ex)}" data-topics="{" ".join(ex.topics)}" data-topic-names="{names}"'
        f' aria-labelledby="ex-{ex.id}-t">\n'
        f'<header class="mi-ex__head"><p class="mi-ex__title" id="ex-{ex.id}-t"><span class="mi-ex__kind">'
        f'{escape(s["kinds"][ex.kind])}</span>{title}</p>'
        f'<p class="mi-ex__meta">{" · ".join(escape(m) for m in meta)}</p></header>\n'
        f"{body}\n</section>"
    )
