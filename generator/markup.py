"""Markdown in bank text to safe HTML: one reused Markdown instance, a fast path for plain text, then nh3."""
from __future__ import annotations

import html
import json
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
    """Plain text into HTML, element content or attribute value alike."""
    return html.escape(str(text), quote=True)


def one_line(text: str) -> str:
    return " ".join(str(text).split())


# What can start Markdown, HTML or an entity, written as numeric character references: no Markdown extension reads
# those as syntax (a backslash escape is understood only for the characters each extension registers). A bracket
# is escaped, so "(" never starts a link address; "-", "+" and "1." matter only where they would begin a list.
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]#!|~<>&^=$]")
_LIST_START = re.compile(r"^([-+]|\d+\.)")


def md_text(text: str) -> str:
    """Plain author text (a title, a label, a name) placed in generated Markdown: shown exactly as typed, on one line."""
    out = _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", one_line(text))
    return _LIST_START.sub(lambda m: m.group()[:-1] + f"&#{ord(m.group()[-1])};", out)


def nav_title(text: str) -> str:
    """Plain author text as a nav entry or page title. Material's templates print these without escaping."""
    return escape(one_line(text))


def markdown_text(text: str) -> str:
    """Author Markdown as one line of plain text (links keep their words; marks and tags go), e.g. a heading for the nav."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", str(text))
    text = re.sub(r"<[^>]+>|[*_`#]", "", text)
    return html.unescape(one_line(text))


# What YAML will not read as written (or reads as a line break) inside a quoted string; JSON leaves these as they are.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")

# Front-matter values Material prints into the page as they are; keywords (hide, template, icon...) pass unchanged.
_TEXT_META = {"title", "description", "subtitle", "tags"}


def page_source(title: str, body: str, meta: dict | None = None) -> str:
    """A generated page: front matter with its title (so that Material's <title> never decodes an entity) and the body.

    The home page takes no title (`""`): Material gives it the site's name."""
    keep = {"title": nav_title(title)} if title else {}
    for key, value in (meta or {}).items():
        if key in _TEXT_META:
            value = [escape(v) for v in value] if isinstance(value, list) else escape(value)
        keep[key] = value
    if not keep:
        return body
    # JSON is YAML (a flow mapping), and writing it costs a tenth of yaml.safe_dump: a course has a page per lesson,
    # per practice set and per dialogue.
    front = _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(keep, sort_keys=True, ensure_ascii=False))
    return "---\n" + front + "\n---\n\n" + body

