"""The learner codes each practitioner turn of a dialogue; the page compares with the expert's coding."""
from __future__ import annotations

from dataclasses import dataclass

from .. import codes
from ..markup import escape
from ..model import Exercise
from ..render import answer_block, context_block, prompt_block
from ..schema import ID
from ._parts import actions

KIND = "code_transcript"
PROPERTIES = {"dialogue": ID}
REQUIRED = ["dialogue"]


@dataclass(kw_only=True)
class CodeTranscript(Exercise):
    kind = KIND
    dialogue: str


def build(data: dict, common: dict) -> CodeTranscript:
    return CodeTranscript(**common, dialogue=data["dialogue"])


def check(data: dict, path: tuple, doc) -> None:
    pass  # the dialogue reference is checked once every bank is read (validate.check_references)


def answer(ex: CodeTranscript) -> list:
    return [ex.dialogue]


def render(ex: CodeTranscript, r) -> str:
    dialogue = r.course.dialogues[ex.dialogue]
    s = r.strings
    rows, key = [], []
    for n, turn in enumerate(dialogue.turns):
        who = dialogue.practitioner.name if turn.speaker == "practitioner" else dialogue.client.name
        line = f'<p class="mi-turn__text"><strong>{escape(who)}:</strong> {r.inline(turn.text)}</p>'
        if turn.speaker != "practitioner" or not turn.codes:
            rows.append(f'<li class="mi-turn mi-turn--{turn.speaker}">{line}</li>')
            continue
        opts = "".join(f'<option value="{c}">{escape(s["codes"][c])}</option>' for c in codes.BEHAVIOURS)
        rows.append(f'<li class="mi-turn mi-turn--practitioner" data-turn="{n}">{line}'
                    f'<label class="mi-code-pick">{escape(s["category"])} <select name="{ex.id}-{n}">'
                    f'<option value="">—</option>{opts}</select></label></li>')
        expert = ", ".join(escape(r.code_label(c)) for c in turn.codes)
        key.append(f'<li data-turn="{n}"><p class="mi-key__verdict">{expert}</p>'
                   f'<div class="mi-key__text">{r.inline(turn.text)}</div>'
                   f'<div class="mi-key__fb">{r.block(turn.note) if turn.note else ""}</div></li>')
    return (context_block(ex, r) + prompt_block(ex, r) + f'<ol class="mi-transcript">{"".join(rows)}</ol>'
            + actions(r, "check", "try_again", "show_answer")
            + answer_block(r, f'<ol class="mi-keylist">{"".join(key)}</ol>'))


def lms(ex, r):
    return None  # no LMS question type holds this kind; exports skip it and say so
