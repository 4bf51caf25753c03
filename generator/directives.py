"""The lines by which a lesson places exercises, and the checks an author's mistakes in them meet.

A lesson places exercises with a line of its own:
    [[exercise: ID]]      one exercise
    [[topic: TOPIC]]      every exercise of a topic (in the track being built)
    [[dialogue: ID]]      an annotated dialogue
    [[part: TITLE]]       the lesson goes on in a page of its own (site.split_parts)

The checks read the lessons as written, whatever the track, and render nothing: `mi-course validate` costs what
reading the files costs, and an error in a lesson only one edition shows is found by every run.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .diagnostics import Diagnostic, did_you_mean
from .model import Course
from .outline import FENCE

DIRECTIVE = re.compile(r"^\[\[\s*([a-z_-]+)\s*:\s*([^\]\s]*)\s*\]\]\s*$")
# A line that starts like a directive but is not one: an author's mistake that would otherwise be published as text.
LOOKS_LIKE_DIRECTIVE = re.compile(r"^(\s*)\[\[\s*[A-Za-z_-]+\b")
# Lines that open a block whose indented lines are part of it (a list item, an admonition, a tab): a directive
# indented under one would be published as text. Under anything else, four spaces make a code block, shown as code.
BLOCK_OPENER = re.compile(r"^([-*+]|\d+[.)])\s|^(!!!|\?\?\?|===)")
DIRECTIVES = ("exercise", "topic", "dialogue")
PART = re.compile(r"^\[\[\s*part\s*:\s*(.*?)\s*\]\]\s*$")


def read(body: str) -> Iterator[tuple[int, str, re.Match | None, bool]]:
    """Each line of a lesson's body: (its index, the line, its directive or None, whether a code fence holds it)."""
    fenced = False
    for n, line in enumerate(body.split("\n")):
        if FENCE.match(line):
            fenced = not fenced
        yield n, line, None if fenced else DIRECTIVE.match(line), fenced


def problem(name: str, arg: str, course: Course) -> tuple[str, str] | None:
    """What is wrong with `[[name: arg]]` (message, hint), or None when it places something."""
    if name not in DIRECTIVES:
        return f"unknown directive '[[{name}: ...]]'. Expected one of: {', '.join(DIRECTIVES)}", did_you_mean(name, DIRECTIVES)
    if name == "exercise":
        ex = course.exercises.get(arg)
        if ex is None:
            return f"no exercise has the id '{arg}'", did_you_mean(arg, course.exercises)
        if ex.self_test:
            return (f"'{arg}' is an item of the self-test (form {ex.self_test}); it is shown only on the self-test page",
                    "place another exercise here, or remove `self_test` from this one")
    elif name == "topic" and arg not in course.taxonomy.topics:
        return f"unknown topic '{arg}'", did_you_mean(arg, course.taxonomy.topics)
    elif name == "dialogue" and arg not in course.dialogues:
        return f"no dialogue has the id '{arg}'", did_you_mean(arg, course.dialogues)
    return None


def misread(line: str, opener: str) -> tuple[str, str] | None:
    """A line that looks like a directive and would be published as text (message, hint), or None.
    `opener`: the last line above that starts at the left margin."""
    m = LOOKS_LIKE_DIRECTIVE.match(line)
    if not m:
        return None
    indent = len(m.group(1))
    if indent >= 4 and not BLOCK_OPENER.match(opener):
        return None  # an indented code block: the author shows the directive on purpose
    if indent and DIRECTIVE.match(line.strip()):
        return (f"a directive must start at the beginning of its line; this one is indented by {indent}",
                "remove the spaces before `[[`: a directive cannot sit inside a list, a quote or an admonition")
    return (f"this line looks like a directive but cannot be read: {line.strip()}",
            "write it on a line of its own as `[[exercise: ID]]`, `[[topic: TOPIC]]` or `[[dialogue: ID]]`, "
            "with the colon")


def check(lessons: list, course: Course) -> list[Diagnostic]:
    """Every directive of every lesson (site.Lesson, as read from content/) that places nothing, with its line."""
    out = []
    for lesson in lessons:
        opener = ""
        for n, line, m, fenced in read(lesson.body):
            if fenced or PART.match(line):
                found = None
            else:
                found = problem(*m.groups(), course) if m else misread(line, opener)
            if found:
                out.append(Diagnostic(lesson.display, lesson.body_line + n, 1, *found))
            if not m and line.strip() and not line[0].isspace():
                opener = line
    return out
