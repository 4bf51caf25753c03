"""The learner's record of one exercise, as the engine writes it: the format is described once, in
docs/progress-record.md. `read` is the one place Python reads a record (the browser's twin is MI.record in
generator/assets/js/core.js)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Record:
    kind: str
    key: str
    correct: bool | None  # the last Check; None: not checked since the last change, or never marked
    answer: Any  # by kind: see docs/progress-record.md
    attempts: int
    first: str
    last: str


def read(rec: Any, key: str) -> Record | None:
    """The record if it is valid for the exercise whose answer hash is `key` (an object with v 1, that key and an
    answer), else None. Fields a damaged record gets wrong read as nothing: a `correct` that is not a bool as None,
    attempts that are not a whole number as 0, dates that are not text as ""."""
    if not isinstance(rec, dict) or rec.get("v") != 1 or rec.get("key") != key or rec.get("answer") is None:
        return None
    correct, attempts = rec.get("correct"), rec.get("attempts")

    def text(name: str) -> str:
        value = rec.get(name)
        return value if isinstance(value, str) else ""

    return Record(kind=text("kind"), key=key, correct=correct if isinstance(correct, bool) else None,
                  answer=rec["answer"],
                  attempts=attempts if isinstance(attempts, int) and not isinstance(attempts, bool) and attempts >= 0 else 0,
                  first=text("first"), last=text("last"))
