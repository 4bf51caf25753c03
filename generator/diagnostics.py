"""Author-facing errors and warnings: `path:line:column: error: message`, with an optional hint."""
from __future__ import annotations

from dataclasses import dataclass


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
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class BuildError(Exception):
    """Raised with every diagnostic of a run when at least one is an error."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} problem(s)")
        self.diagnostics = diagnostics


def errors(diags: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.severity == "error"]
