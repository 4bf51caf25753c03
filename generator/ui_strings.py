"""The interface strings of a build: the engine's and pages' (generator/strings/) with each kind's own
(generator/kinds/<kind>/strings/) merged in, English first and the course's language over it."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from .kinds import KINDS

STRINGS_DIR = Path(__file__).parent / "strings"


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


@lru_cache(maxsize=None)
def load_strings(language: str = "en") -> dict:
    """Every string a page, the engine or a kind's widget shows; a kind's `label` goes under `kinds`."""
    out = {**_read(STRINGS_DIR / "en.yaml"), **(_read(STRINGS_DIR / f"{language}.yaml") if language != "en" else {})}
    labels = {}
    for kind in KINDS.values():
        own = {**_read(kind.strings_file("en")), **(_read(kind.strings_file(language)) if language != "en" else {})}
        labels[kind.name] = own.pop("label", kind.name)
        clash = sorted(set(own) & set(out))
        if clash:  # a mistake in the package, not in a course: two owners for one key
            raise ValueError(f"{kind.strings_file('en')}: {', '.join(clash)} already defined by the engine or another kind")
        out.update(own)
    out["kinds"] = labels
    return out
