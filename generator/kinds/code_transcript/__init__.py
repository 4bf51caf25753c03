"""The learner codes each practitioner turn of a dialogue; the page compares with the expert's coding."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from ... import codes
from ...dialogue import Column, code_badge, figures_html
from ...figures import MIN_COUNT, PCT_CR, RQ, compute
from ...markup import escape
from ...model import Dialogue, Exercise, Turn
from ...frame import answer_block, context_block
from ...fields import ID
from .._parts import actions

KIND = __name__.rsplit(".", 1)[-1]  # the folder's name
ORDER = 80
PICKER = ".mi-ct__pick"  # the learner's own inputs: the facilitator guide prints the answers instead
PROPERTIES = {"dialogue": ID}
REQUIRED = ["dialogue"]


@dataclass(kw_only=True)
class CodeTranscript(Exercise):
    kind = KIND
    dialogue: str
    turns: list[Turn] = field(default_factory=list)  # the dialogue's turns, filled in by `link` once every bank is read


def build(data: dict, common: dict) -> CodeTranscript:
    return CodeTranscript(**common, dialogue=data["dialogue"])


def check(data: dict, path: tuple, doc) -> None:
    pass  # the dialogue reference is checked once every bank is read (validate.check_references)


def dialogue_of(ex: CodeTranscript) -> str:
    return ex.dialogue


def link(ex: CodeTranscript, course) -> None:
    """Copy the dialogue's turns in, so that the answer key changes when the expert coding does."""
    d = course.dialogues.get(ex.dialogue)
    ex.turns = list(d.turns) if d else []


def expert(turn: Turn) -> list[str]:
    """The base codes a learner is compared on (the learner does not mark open/closed or the kind of reflection)."""
    return sorted({codes.split(c)[0] for c in turn.codes})


def answer(ex: CodeTranscript) -> list:
    return [ex.dialogue, [expert(t) for t in ex.turns if t.speaker == "practitioner" and t.codes]]


def _bubble(turn: Turn, d: Dialogue, r, extra: str = "", attrs: str = "") -> str:
    who = d.practitioner if turn.speaker == "practitioner" else d.client
    return (f'<li class="mi-dlg__turn mi-dlg__turn--{turn.speaker}"{attrs}><div class="mi-dlg__bubble">'
            f'<p class="mi-dlg__who">{escape(who.name)}</p><div class="mi-dlg__text">{r.block(turn.text)}</div></div>'
            f"{extra}</li>")


def render(ex: CodeTranscript, r) -> str:
    d = r.course.dialogues[ex.dialogue]
    s, c = r.strings, r.strings["coding"]
    rows, key, n = [], [], 0
    for turn in d.turns:
        if turn.speaker != "practitioner" or not turn.codes:
            rows.append(_bubble(turn, d, r))
            continue
        n += 1
        boxes = "".join(f'<label><input type="checkbox" name="{ex.id}-{n}" value="{b}"> {escape(s["codes"][b])}</label>'
                        for b in codes.BEHAVIOURS)
        pick = (f'<fieldset class="mi-ct__pick"><legend>{escape(c["codes_for"].format(n=n))}</legend>'
                f'<div class="mi-ct__options">{boxes}</div></fieldset>')
        rows.append(_bubble(turn, d, r, pick, f' data-turn="{n}"'))
        badges = "".join(code_badge(v, r) for v in turn.codes)
        key.append(f'<li class="mi-key" data-turn="{n}" data-codes="{" ".join(expert(turn))}">'
                   f'<p class="mi-key__verdict">{escape(c["codes_for"].format(n=n))}</p>'
                   f'<div class="mi-key__text">{r.block(turn.text)}</div><ul class="mi-badges">{badges}</ul>'
                   f'<div class="mi-key__fb">{r.block(turn.note) if turn.note else ""}</div></li>')
    figures = compute(d.turns)
    learner = Column(c["yours"], compute([]), "learner", d.coded)
    limits = json.dumps({"rq": [RQ.fair, RQ.good, MIN_COUNT], "pct_cr": [PCT_CR.fair, PCT_CR.good, MIN_COUNT]})
    # The words the widget writes after Check travel with the exercise, not in the bundle every page loads.
    words = {k: s["fig"][f"level_{k}"] for k in ("good", "fair", "below", "few", "na")}
    words.update({k[3:]: s[k] for k in ("ct_agree", "ct_partial", "ct_disagree", "ct_not_coded", "ct_yours", "ct_expert",
                                         "ct_none", "ct_overall")})
    words = json.dumps(words, ensure_ascii=False)
    compare = (f'<div class="mi-ct__figs" hidden data-search-exclude data-limits="{escape(limits)}" data-words="{escape(words)}">'
               f'{figures_html([learner, Column(c["experts"], figures, "expert", d.coded)], r, f"ex-{ex.id}-figs", chart=False, client=False)}'
               "</div>")
    prompt = f'<div class="mi-prompt">{r.block(ex.prompt or c["instructions"])}</div>'
    expert_key = (f'<p class="mi-ct__keyhead">{escape(c["expert_key"])}</p><ol class="mi-keylist">{"".join(key)}</ol>'
                  + figures_html([Column(c["experts"], figures, coded=d.coded)], r, f"ex-{ex.id}-key-figs", chart=False, client=False))
    return (context_block(ex, r) + prompt + f'<ol class="mi-ct__turns">{"".join(rows)}</ol>'
            + actions(r, "check", "try_again", "show_answer") + compare + answer_block(r, expert_key))


def lms(ex, r):
    return None  # no LMS question type holds this kind; exports skip it and say so
