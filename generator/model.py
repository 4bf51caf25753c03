"""The typed course model. Each exercise kind's class lives in its own module under `kinds/`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True)
class Origin:
    path: str
    line: int
    column: int = 1


@dataclass(frozen=True)
class Review:
    status: str = "draft"
    by: str = ""
    date: str = ""


@dataclass(kw_only=True)
class Exercise:
    """Fields every kind shares."""

    kind: ClassVar[str] = ""
    id: str
    topics: list[str]
    origin: Origin
    title: str = ""
    prompt: str = ""
    context: str = ""
    audience: list[str] = field(default_factory=list)
    setting: str = ""
    difficulty: int = 1
    review: Review = field(default_factory=Review)
    facilitator: str = ""
    self_test: str = ""  # "A" or "B": an item of that form of the pre/post self-test, placed nowhere else


@dataclass(frozen=True)
class Option:
    text: str
    feedback: str
    correct: bool = False


@dataclass(frozen=True)
class Participant:
    name: str
    role: str = ""


@dataclass(frozen=True)
class Turn:
    speaker: str  # "practitioner" or "client"
    text: str
    codes: tuple[str, ...] = ()  # practitioner turns: MITI codes, `base` or `base/detail`
    talk: tuple[str, ...] = ()  # client turns, in the order spoken: `change/desire`, `sustain`, `neutral`, `discord`
    note: str = ""


@dataclass(kw_only=True)
class Dialogue:
    id: str
    title: str
    origin: Origin
    turns: list[Turn]
    practitioner: Participant
    client: Participant
    context: str = ""
    setting: str = ""
    audience: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    style: str = "mi"  # "mi" or "righting_reflex"
    pair: str = ""
    review: Review = field(default_factory=Review)
    facilitator: str = ""
    corpus: str = ""  # the imported collection it belongs to, if any
    markup: str = "markdown"  # "plain": turns and notes are shown as typed
    coded: tuple[str, ...] = ()  # what the coding covers; empty: everything


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    group: str
    description: str = ""


@dataclass
class Taxonomy:
    topics: dict[str, Topic]
    settings: dict[str, str]
    audiences: dict[str, str]
    groups: dict[str, str] = field(default_factory=dict)


@dataclass
class Course:
    taxonomy: Taxonomy
    exercises: dict[str, Exercise]  # by id, in bank order
    dialogues: dict[str, Dialogue]
