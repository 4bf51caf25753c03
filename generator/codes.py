"""The practitioner behaviour codes (MITI 4.2.1) and the client talk types (MISC-style) banks may use.

Codes are written `code` or `code/detail`, e.g. `question/open`, `complex_reflection/double_sided`;
client talk is `change/desire`, `sustain/reasons`, `neutral` or `discord`.
"""
from __future__ import annotations

# MITI 4.2.1 behaviour codes, in the manual's order, with the details a course may add.
BEHAVIOURS: dict[str, tuple[str, ...]] = {
    "giving_information": (),
    "persuade": (),
    "persuade_with_permission": (),
    "question": ("open", "closed"),
    "simple_reflection": ("summary",),
    "complex_reflection": ("double_sided", "amplified", "reframe", "summary"),
    "affirm": (),
    "seeking_collaboration": (),
    "emphasizing_autonomy": (),
    "confront": (),
}
REFLECTIONS = ("simple_reflection", "complex_reflection")
MI_ADHERENT = ("seeking_collaboration", "affirm", "emphasizing_autonomy")
MI_NON_ADHERENT = ("confront", "persuade")

DARN_CAT = ("desire", "ability", "reasons", "need", "commitment", "activation", "taking_steps")
TALK_TYPES: dict[str, tuple[str, ...]] = {"change": DARN_CAT, "sustain": DARN_CAT, "neutral": (), "discord": ()}


def _with_details(table: dict[str, tuple[str, ...]]) -> list[str]:
    out = []
    for base, details in table.items():
        out.append(base)
        out.extend(f"{base}/{d}" for d in details)
    return out


CODE_VALUES = _with_details(BEHAVIOURS)
TALK_VALUES = _with_details(TALK_TYPES)


def split(value: str) -> tuple[str, str]:
    """`complex_reflection/double_sided` -> ("complex_reflection", "double_sided")."""
    base, _, detail = value.partition("/")
    return base, detail


def check_turn(values: list, path: tuple, doc) -> None:
    """The rules for the codes of one practitioner turn (a dialogue turn, a reply, a scenario choice), reported on
    `doc` at `path` (the `codes` list): at most one reflection code and one question code, no code twice."""
    bases = [split(c)[0] for c in values]
    if sum(b in REFLECTIONS for b in bases) > 1:
        doc.diag(path, "a turn carries at most one reflection code (MITI counts one per utterance)",
                 "keep the more complex one", at_key=True)
    if bases.count("question") > 1:
        doc.diag(path, "a turn carries at most one question code", at_key=True)
    for c, base in enumerate(bases):
        if base in bases[:c] and base not in REFLECTIONS and base != "question":
            doc.diag(path + (c,), f"the code '{base}' appears twice in this turn", "list each code once")
