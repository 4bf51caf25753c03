"""Markdown in bank text to safe HTML: one reused Markdown instance, a fast path for plain text, then nh3."""
from __future__ import annotations

import html
import re

import markdown
import nh3

_TAGS = {"p", "em", "strong", "b", "i", "code", "a", "ul", "ol", "li", "br", "blockquote", "abbr", "sub", "sup", "span",
         "kbd", "mark", "s", "del", "q", "cite", "small"}
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "span": {"lang"}}
# A link the sanitiser took the address from (javascript: and the like).
_DEAD_LINK = re.compile(r"<a(?![^>]*\shref=)(?:\s[^>]*)?>(.*?)</a>", re.S)
# Characters that can start Markdown or HTML syntax; text without them is escaped directly.
_SPECIAL = re.compile(r"[\\`*_\[\]<>&#!|~\n]|^\s*([-+]|\d+[.)])\s|  $")


class Markup:
    """Renders author text. Reusing one Markdown instance is what keeps large banks fast."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        self._cache: dict[str, str] = {}

    def block(self, text: str) -> str:
        """Text that may hold paragraphs and lists."""
        if not text:
            return ""
        if not _SPECIAL.search(text):
            return f"<p>{html.escape(text, quote=False)}</p>"
        cached = self._cache.get(text)
        if cached is None:
            self._md.reset()
            cached = nh3.clean(self._md.convert(text), tags=_TAGS, attributes=_ATTRIBUTES,
                               url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")
            cached = _DEAD_LINK.sub(r"\1", cached)  # a link whose address was unsafe becomes plain text
            self._cache[text] = cached
        return cached

    def inline(self, text: str) -> str:
        """Text shown inside a line (an option, a label): one paragraph, without the <p>."""
        out = self.block(text)
        if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
            return out[3:-4]
        return out


def escape(text: str) -> str:
    return html.escape(text, quote=True)
