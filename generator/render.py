"""The HTML frame every exercise shares, and the per-kind dispatch. Kinds render their own body."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import codes
from .markup import Markup, escape
from .model import Course, Exercise

STRINGS_DIR = Path(__file__).parent / "strings"


@lru_cache(maxsize=None)
def load_strings(language: str = "en") -> dict:
    base = yaml.safe_load((STRINGS_DIR / "en.yaml").read_text(encoding="utf-8"))
    path = STRINGS_DIR / f"{language}.yaml"
    if language != "en" and path.exists():
        base.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    return base


@dataclass
class Renderer:
    course: Course
    markup: Markup
    strings: dict
    reveal: bool = False  # the facilitator guide prints every answer open
    audiences: tuple[str, ...] = ()  # the edition's audiences: an exercise names only these (empty: all it has)

    def block(self, text: str) -> str:
        return self.markup.block(text)

    def inline(self, text: str) -> str:
        return self.markup.inline(text)

    def code_label(self, value: str) -> str:
        """`complex_reflection/double_sided` -> "Complex reflection (double-sided)"."""
        base, detail = codes.split(value)
        label = self.strings["codes"].get(base, base)
        return f"{label} ({self.strings['details'].get(detail, detail)})" if detail else label

    def talk_label(self, value: str) -> str:
        base, detail = codes.split(value)
        label = self.strings["talk"].get(base, base)
        return f"{label} ({self.strings['darn_cat'].get(detail, detail)})" if detail else label


def answer_key(ex: Exercise) -> str:
    """A short hash of what decides the answer: saved progress is dropped when it changes, kept otherwise."""
    from .kinds import KINDS

    data = [ex.kind, KINDS[ex.kind].answer(ex)]
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:10]


def render_exercise(ex: Exercise, r: Renderer) -> str:
    from .kinds import KINDS

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


def answer_block(r: Renderer, inner: str) -> str:
    """The answer and feedback, closed by default and kept out of the search index."""
    # Shown (`mi-shown`, as if the learner had opened it): the guide prints every answer, the learner's print only those opened.
    state = ' class="mi-answer mi-shown" data-search-exclude open' if r.reveal else ' class="mi-answer" data-search-exclude'
    return (f'<details{state}><summary>{escape(r.strings["answer_summary"])}</summary>\n'
            f"{inner}\n</details>")


def context_block(ex: Exercise, r: Renderer) -> str:
    return f'<div class="mi-context">{r.block(ex.context)}</div>' if ex.context else ""


def prompt_block(ex: Exercise, r: Renderer, default: str = "") -> str:
    text = ex.prompt or default
    return f'<div class="mi-prompt">{r.block(text)}</div>' if text else ""


def client_bubble(r: Renderer, text: str) -> str:
    return (f'<figure class="mi-bubble mi-bubble--client"><figcaption>{escape(r.strings["client_says"])}</figcaption>'
            f"<blockquote>{r.block(text)}</blockquote></figure>")
