"""Annotated dialogue pages: a chat-style transcript with codes, notes and summary figures."""
from __future__ import annotations

from .markup import escape
from .model import Dialogue


def render_dialogue(d: Dialogue, r) -> str:
    turns = []
    for t in d.turns:
        who = d.practitioner if t.speaker == "practitioner" else d.client
        tags = "".join(f'<span class="mi-code">{escape(r.code_label(c))}</span>' for c in t.codes)
        if t.talk:
            tags += f'<span class="mi-talk mi-talk--{t.talk.split("/")[0]}">{escape(r.talk_label(t.talk))}</span>'
        note = f'<div class="mi-turn__note">{r.block(t.note)}</div>' if t.note else ""
        turns.append(f'<li class="mi-turn mi-turn--{t.speaker}"><p class="mi-turn__who">{escape(who.name)}</p>'
                     f'<div class="mi-turn__text">{r.block(t.text)}</div>'
                     f'<div class="mi-turn__codes">{tags}</div>{note}</li>')
    return (f'<section class="mi-dialogue" id="dlg-{d.id}" data-dialogue="{d.id}">'
            f'<div class="mi-context">{r.block(d.context)}</div>' if d.context else
            f'<section class="mi-dialogue" id="dlg-{d.id}" data-dialogue="{d.id}">') + f'<ol class="mi-turns">{"".join(turns)}</ol></section>'
