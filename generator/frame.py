"""What every kind's HTML is made with: the renderer (strings, Markdown, code labels) and the frame pieces kinds share."""
from __future__ import annotations

from dataclasses import dataclass

from . import codes
from .markup import Markup, escape
from .model import Course, Exercise


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
