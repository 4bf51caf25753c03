"""What an exercise kind provides: the contract every folder under `generator/kinds/` keeps.

A kind is a package `generator/kinds/<name>/` (the folder's name is the kind's name, as banks write it):

    __init__.py        the Python: the module members below
    widget.js          the browser widget, run inside `function (MI, kind, d) {...}` (d: document): it sets `MI.kinds[kind]`
                       (the members are listed at the top of generator/assets/js/core.js)
    style.css          optional: the kind's styles (screen and print), bundled after the engine's
    strings/<lang>.yaml  the kind's interface strings: `label` (its name on every exercise), and any other keys,
                       which join the engine's strings (a key the engine or another kind has is an error)

Members of `__init__.py` (`kinds.discover` reads them into a `Kind`; the optional ones have the defaults below):

    ORDER: int                 where it comes in teaching order (stats, the dashboard, the schema)
    PROPERTIES: dict           its fields' JSON Schema (`generator.fields` has the building blocks)
    REQUIRED: list[str]        the fields an item must have beside id, kind and topics
    build(data, common)        the checked bank item (plain data) to the model object (an `Exercise`)
    answer(ex) -> list         what decides the answer: hashed into the progress key, so a change restarts progress
    render(ex, r) -> str       the HTML body inside the exercise's section (`r`: a `frame.Renderer`)
    check(data, path, doc)     optional: what the schema cannot say, as `doc.diag(...)` errors with positions
    link(ex, course)           optional: fills in what the exercise draws from other items once every bank is read
    lms(ex, r)                 optional: the LMS question (`generator.question.Question`), or None: no LMS holds it
    lms_problem(ex) -> str     optional: why this one exercise cannot be exported ("" when it can)
    SCORED: bool               optional, True: its Check says right or wrong (False: the learner rates it)
    PICKER: str                optional: a CSS selector for the learner's own inputs, which the printed
                               facilitator guide hides (it prints the answers instead)
    options(ex) -> list|None   optional: its options (each with `text`, `correct`, `feedback`) when it is a choice
                               question, which the self-test may use; None otherwise
    tally(ex, answer, correct) optional: what one learner's saved record adds to the class report (a `Tally`), or None
                               when the record holds no answer yet; by default a checked record counts
    dialogue_of(ex) -> str     optional: the id of the dialogue it practises on ("" for none): that dialogue's page
                               links to it
    CONVERSATION: bool         optional, False: it is itself a conversation, listed beside the dialogues
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable


@dataclass(frozen=True)
class Tally:
    """What one learner's record of an exercise adds to the class report."""
    wrong: tuple[str, ...] = ()  # the text of each wrong option chosen
    endings: tuple[str, ...] = ()  # the outcome of each ending reached (a practice conversation's)


def _no_check(data, path, doc) -> None:
    return None


def _no_link(ex, course) -> None:
    return None


def _no_lms(ex, r) -> None:
    return None


def _no_problem(ex) -> str:
    return ""


def _no_options(ex) -> None:
    return None


def _no_dialogue(ex) -> str:
    return ""


def _checked(ex, answer, correct) -> Tally | None:
    return Tally() if isinstance(correct, bool) else None


@dataclass(frozen=True)
class Kind:
    """One kind, as its folder defines it."""
    name: str
    folder: Path
    doc: str  # the first line of its docstring: its description in the schema
    order: int
    properties: dict
    required: list[str]
    build: Callable[[dict, dict], Any]
    answer: Callable[[Any], list]
    render: Callable[[Any, Any], str]
    check: Callable = _no_check
    link: Callable = _no_link
    lms: Callable = _no_lms
    lms_problem: Callable[[Any], str] = _no_problem
    scored: bool = True
    picker: str = ""
    options: Callable = _no_options
    tally: Callable = _checked
    dialogue_of: Callable[[Any], str] = _no_dialogue
    conversation: bool = False

    @property
    def widget(self) -> Path:
        return self.folder / "widget.js"

    @property
    def style(self) -> Path:
        return self.folder / "style.css"

    def strings_file(self, language: str) -> Path:
        return self.folder / "strings" / f"{language}.yaml"


REQUIRED_MEMBERS = ("ORDER", "PROPERTIES", "REQUIRED", "build", "answer", "render")
OPTIONAL_MEMBERS = {"check": "check", "link": "link", "lms": "lms", "lms_problem": "lms_problem", "SCORED": "scored",
                    "PICKER": "picker", "options": "options", "tally": "tally",
                    "dialogue_of": "dialogue_of", "CONVERSATION": "conversation"}


def kind_of(module) -> Kind:
    """The `Kind` a folder's module defines; a member missing is a mistake of whoever wrote the folder."""
    missing = [m for m in REQUIRED_MEMBERS if not hasattr(module, m)]
    folder = Path(module.__file__).parent
    if missing:
        raise TypeError(f"the kind in {folder} lacks {', '.join(missing)} (see generator/kinds/contract.py)")
    if not (folder / "widget.js").is_file() or not (folder / "strings" / "en.yaml").is_file():
        raise TypeError(f"the kind in {folder} needs widget.js and strings/en.yaml (see generator/kinds/contract.py)")
    extra = {field: getattr(module, member) for member, field in OPTIONAL_MEMBERS.items() if hasattr(module, member)}
    return Kind(name=folder.name, folder=folder, doc=(module.__doc__ or folder.name).strip().splitlines()[0],
                order=module.ORDER, properties=module.PROPERTIES, required=list(module.REQUIRED), build=module.build,
                answer=module.answer, render=module.render, **extra)
