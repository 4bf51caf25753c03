"""LMS exports: each kind maps itself to a neutral question (kinds/*.lms); each format writes those out."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from ..diagnostics import Diagnostic
from ..kinds import KINDS
from . import gift, moodle_xml, qti
from ..question import Question, tags_of

FORMATS = ("gift", "moodle-xml", "qti")


@dataclass
class Export:
    questions: list[Question]
    skipped: Counter = field(default_factory=Counter)  # kind -> how many exercises were left out
    warnings: list[Diagnostic] = field(default_factory=list)  # exercises left out for a reason of their own


def collect(exercises, r) -> Export:
    out = Export([])
    for ex in exercises:
        problem = KINDS[ex.kind].lms_problem(ex)
        if problem:
            out.warnings.append(Diagnostic(ex.origin.path, ex.origin.line, ex.origin.column,
                                           f"'{ex.id}' is left out of the export: {problem}", severity="warning"))
            continue
        q = KINDS[ex.kind].lms(ex, r)
        if q is None:
            out.skipped[ex.kind] += 1
        else:
            out.questions.append(replace(q, tags=tags_of(ex)))
    return out


def write(fmt: str, questions: list[Question], title: str) -> bytes:
    if fmt == "gift":
        return gift.dumps(questions).encode("utf-8")
    if fmt == "moodle-xml":
        return moodle_xml.dumps(questions, title)
    if fmt == "qti":
        return qti.dumps(questions, title)
    raise ValueError(f"Expected one of: {', '.join(FORMATS)} but received: {fmt}")
