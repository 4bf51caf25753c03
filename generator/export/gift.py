"""GIFT, Moodle's plain-text question format."""
from __future__ import annotations

import re

from ..question import Question, moodle_percent

_SPECIAL = re.compile(r"([~=#{}:\\])")


def escape(text: str) -> str:
    """GIFT's special characters take a backslash; a newline would end the question."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s*\n\s*", " ", text)).strip()


def _choice_line(percent: float, text: str, feedback: str, single: bool) -> str:
    if single and percent == 100:
        mark = "="
    else:
        p = moodle_percent(percent)
        mark = "~" if p == 0 else f"~%{p:g}%"
    return f"\t{mark}{escape(text)}" + (f"#{escape(feedback)}" if feedback else "")


# Moodle's GIFT importer reads `[id:...]` and `[tag:...]` from a question's comment lines: it refuses control
# characters and `[` in an id, `<` and `>` in a tag, and takes `\]` for a `]` inside either.
_COMMENT_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>\[]")


def _token(name: str, value: str) -> str:
    return f"[{name}:" + _COMMENT_UNSAFE.sub(" ", value).replace("]", "\\]") + "]"


def question(q: Question) -> str:
    comments = f"// {_token('id', q.id)}" + "".join(f" {_token('tag', t)}" for t in q.tags)
    head = f"{comments}\n::{escape(q.title)}::[html]{escape(q.text)}"
    general = f"\n\t####{escape(q.general_feedback)}" if q.general_feedback else ""
    if q.type in ("single", "multi"):
        lines = [_choice_line(c.percent, c.text, c.feedback, q.type == "single") for c in q.choices]
        return head + "{\n" + "\n".join(lines) + general + "\n}"
    if q.type == "matching":
        lines = [f"\t={escape(m.prompt)} -> {escape(m.answer)}" for m in q.matches]
        return head + "{\n" + "\n".join(lines) + general + "\n}"
    if q.type == "essay":
        return head + "{" + general + "\n}"
    raise ValueError(q.type)


def dumps(questions: list[Question]) -> str:
    return "// Exported by mi-course. Import into Moodle: Question bank > Import > GIFT format.\n\n" + \
        "\n\n".join(question(q) for q in questions) + "\n"
