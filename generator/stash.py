"""A Python-Markdown extension that passes the generator's pre-rendered HTML blocks through untouched.

The generator writes each exercise and dialogue block between two marker lines (see `mark`). This preprocessor puts
what lies between them into Python-Markdown's HTML stash, so neither fenced code, md_in_html nor the raw-HTML parser
walks the block's tags: the page comes out as it would have without the markers, in a fraction of the time. The
generated config lists the extension, so plain `mkdocs build` (or any tool that runs Python-Markdown extensions) of
build/<track>/mkdocs.yml reads the markers. Like raw_guard, it imports nothing but Markdown.
"""
from __future__ import annotations

from markdown import Extension
from markdown.preprocessors import Preprocessor

NAME = "generator.stash"
OPEN = "<!-- mi-course:html -->"
CLOSE = "<!-- /mi-course:html -->"


def mark(html: str) -> str:
    """One pre-rendered block, between the lines the preprocessor looks for."""
    return f"{OPEN}\n{html}\n{CLOSE}"


class _Stash(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if OPEN not in lines:
            return lines
        out, i = [], 0
        while i < len(lines):
            end = _index(lines, CLOSE, i + 1) if lines[i] == OPEN else -1
            if end < 0:  # an unmarked line, or an opening marker left alone: Markdown reads it as ever
                out.append(lines[i])
                i += 1
                continue
            # Stored with the newline that ends its last line, and with blank lines around the placeholder (a paragraph
            # the raw-HTML postprocessor replaces by the block): what the raw-HTML parser does with an HTML block.
            out += ["", self.md.htmlStash.store("\n".join(lines[i + 1:end]) + "\n"), ""]
            i = end + 1
        return out


def _index(lines: list[str], line: str, start: int) -> int:
    try:
        return lines.index(line, start)
    except ValueError:
        return -1


class Stash(Extension):
    def extendMarkdown(self, md):
        # After whitespace normalisation (30), so the block is stored as the raw-HTML parser would have seen it;
        # before fenced code (25) and raw HTML (20), so neither walks it.
        md.preprocessors.register(_Stash(md), "mi_course_stash", 29)


def makeExtension(**kwargs):
    return Stash(**kwargs)
