"""A Python-Markdown extension that stops a build meeting a raw `[[exercise: ...]]` line.

The root config's lessons (content/) hold directives only mi-course expands. A tool that ignores the mi-course plugin
(Zensical, or MkDocs with the plugin left out) would publish them as text and exit 0; the root config lists this
extension, which every one of them runs, so such a build fails with a message that says what to run instead. The
generated folder holds no raw directive, so there the extension does nothing. It imports nothing but Markdown: a
Zensical install needs only the generator package on its path, not mi-course's dependencies.
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

# The same rule as generator.directives.DIRECTIVE (a test keeps the two equal): a line of its own, not indented.
DIRECTIVE = re.compile(r"^\[\[\s*([a-z_-]+)\s*:\s*([^\]\s]*)\s*\]\]\s*$")
HOW = ("this course's lessons must go through mi-course first: run `mi-course build`, or `mi-course generate` "
       "and then build build/<track>/mkdocs.yml (e.g. `zensical build -f build/all/mkdocs.yml`)")


class RawDirectiveError(RuntimeError):
    pass


class _Guard(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        for line in lines:
            if DIRECTIVE.match(line):
                raise RawDirectiveError(f"error: the raw line '{line.strip()}' reached the Markdown renderer; {HOW}")
        return lines


class RawGuard(Extension):
    def extendMarkdown(self, md):
        # Below fenced code (25) and raw HTML (20): a directive shown in a code block or an HTML block is no error.
        md.preprocessors.register(_Guard(md), "mi_course_raw_guard", 15)


def makeExtension(**kwargs):
    return RawGuard(**kwargs)
