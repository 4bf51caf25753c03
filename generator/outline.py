"""A page's outline: its headings as Python-Markdown's toc names them, and the links that jump to them."""
from __future__ import annotations

import re

from markdown.extensions.toc import slugify

from .markup import escape, markdown_text

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{2,6})\s+(.+?)\s*(?:\{\s*:?\s*#([\w-]+)[^}]*\})?\s*$")


def toc_slug(text: str) -> str:
    return slugify(text, "-")


def headings(body: str, deepest: int = 6) -> list[tuple[str, str]]:
    """(anchor, text) of each heading below the title down to level `deepest`, as Python-Markdown's toc names them
    (an explicit {#id} wins)."""
    out, seen, fenced = [], set(), False
    for line in body.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
            continue
        m = None if fenced else HEADING.match(line)
        if not m:
            continue
        text = markdown_text(m.group(2))
        anchor = m.group(3) or toc_slug(text)
        base, n = anchor, 1
        while anchor in seen:  # toc's own rule for a repeated heading
            anchor, n = f"{base}_{n}", n + 1
        seen.add(anchor)
        if len(m.group(1)) <= deepest:
            out.append((anchor, text))
    return out


def jump_nav(targets: list[tuple[str, str]], label: str) -> str:
    """Links to each section (or exercise) of a long page, at its top: on a phone it is many screens long."""
    links = "".join(f'<li><a href="#{escape(a)}">{escape(t)}</a></li>' for a, t in targets)
    return f'<nav class="mi-jump" aria-label="{escape(label)}"><p class="mi-jump__title">{escape(label)}</p><ul>{links}</ul></nav>'
