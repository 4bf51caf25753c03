"""Author-facing errors and warnings: `path:line:column: error: message`, with an optional hint."""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

# Control characters (a terminal acts on them), direction overrides and zero-width characters (a line reads
# differently from what it holds): never printed raw, always shown by name.
_HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based
    message: str
    hint: str = ""
    severity: str = "error"

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        text = f"{shown(where)}: {self.severity}: {shown(self.message)}"
        if self.hint:
            text += f"\n  hint: {shown(self.hint)}"
        return text


class BuildError(Exception):
    """Raised with every diagnostic of a run when at least one is an error."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} problem(s)")
        self.diagnostics = diagnostics


def errors(diags: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.severity == "error"]


def shown(text: str) -> str:
    """Text safe to print on a terminal: hidden characters written as <U+202E>."""
    return _HIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", str(text))


def hidden_characters(text: str) -> str:
    """The hidden characters in `text`, named for an author ("U+202E RIGHT-TO-LEFT OVERRIDE"); "" when there are none."""
    found = dict.fromkeys(_HIDDEN.findall(str(text)))
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'CONTROL CHARACTER')}" for c in found)


def close_match(name, known) -> str:
    """The one name among `known` close to `name` (a typo of it); "" when nothing is close."""
    close = difflib.get_close_matches(str(name), [str(k) for k in known], n=1, cutoff=0.6)
    return close[0] if close else ""


def did_you_mean(name, known) -> str:
    """The one close match among `known`, as a hint; "" when nothing is close."""
    close = close_match(name, known)
    return f"did you mean '{close}'?" if close else ""


def expected(known, received, limit: int = 12) -> str:
    """MkDocs' wording: "Expected one of: a, b but received: c". A long list is cut to the names closest to `received`."""
    names = [str(k) for k in known]
    close = difflib.get_close_matches(str(received), names, n=5, cutoff=0.3) if len(names) > limit else []
    if close:
        listed = ", ".join(close) + f" (the closest of {len(names)})"
    else:
        listed = ", ".join(names[:limit]) + (f", ... ({len(names)} in all)" if len(names) > limit else "")
    return f"Expected one of: {listed} but received: {received}"
