"""The LMS-neutral question each kind exports to (its folder's `lms`); the formats in export/ write it out."""
from __future__ import annotations

from dataclasses import dataclass

from .frame import client_bubble

# Moodle accepts only these grade fractions (in percent); weights are rounded to the nearest.
MOODLE_FRACTIONS = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571,
                    12.5, 11.11111, 10, 5, 0)


@dataclass(frozen=True)
class Choice:
    text: str  # HTML
    percent: float  # -100 to 100
    feedback: str = ""  # HTML


@dataclass(frozen=True)
class Match:
    prompt: str  # HTML
    answer: str  # plain text (LMSs show matching answers as plain text)


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    text: str  # HTML
    type: str  # "single", "multi", "matching" or "essay"
    choices: tuple[Choice, ...] = ()
    matches: tuple[Match, ...] = ()
    general_feedback: str = ""  # HTML
    grader_info: str = ""  # HTML, for essays
    tags: tuple[str, ...] = ()  # the exercise's topics, setting and audiences: filters in the LMS's question bank


def tags_of(ex) -> tuple[str, ...]:
    """What a trainer filters a question bank by: topics first, then the setting and the audiences."""
    seen: dict[str, None] = {}
    for tag in (*ex.topics, ex.setting, *ex.audience):
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def moodle_percent(value: float) -> float:
    """The allowed Moodle fraction nearest to `value`, keeping its sign."""
    best = min(MOODLE_FRACTIONS, key=lambda f: abs(f - abs(value)))
    return -best if value < 0 else best


def stem(ex, r, *extra: str) -> str:
    """Context, the client's words and the prompt, as one HTML question text. An item without a prompt asks the
    strings' `lms_prompt`, so the LMS never shows a question that asks nothing."""
    parts = [r.block(ex.context)] if ex.context else []
    client = getattr(ex, "client", "")
    if client:
        parts.append(client_bubble(r, client))
    parts.append(r.block(ex.prompt or r.strings["lms_prompt"]))
    parts.extend(extra)
    return "".join(parts)


def feedback_list(rows: list[tuple[str, str]]) -> str:
    """Per-item feedback an LMS has no slot for, kept as a list in the general feedback rather than dropped."""
    return "<ul>" + "".join(f"<li>{a}: {b}</li>" for a, b in rows) + "</ul>" if rows else ""
