"""Which MkDocs runs the build: ProperDocs (the maintained MkDocs 1.x fork) when it is installed, else MkDocs 1.6.

ProperDocs answers every `mkdocs.*` import itself once `properdocs.replacement` is imported, so Material, our plugin
and build.py import `mkdocs.*` either way. A trainer who installed ProperDocs beside MkDocs chose it, so it wins.
"""
from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass

from .diagnostics import BuildError, Diagnostic


@dataclass(frozen=True)
class Engine:
    name: str  # "ProperDocs" or "MkDocs"
    version: str


def installed() -> str:
    """The engine's name without importing it (for --version); "" when neither is installed."""
    if "mkdocs" in sys.modules:  # already running inside one of them (our plugin): that one
        return "ProperDocs" if sys.modules["mkdocs"].__name__ == "properdocs" else "MkDocs"
    if importlib.util.find_spec("properdocs"):
        return "ProperDocs"
    return "MkDocs" if importlib.util.find_spec("mkdocs") else ""


def engine() -> Engine:
    """Makes `import mkdocs...` work with whichever is installed. Raises BuildError when neither is."""
    name = installed()
    if name == "ProperDocs":
        import properdocs
        import properdocs.replacement  # noqa: F401  (maps mkdocs.* onto properdocs.*)

        return Engine(name, properdocs.__version__)
    if name == "MkDocs":
        import mkdocs

        return Engine(name, mkdocs.__version__)
    raise BuildError([Diagnostic("mi-course", 0, 0, "neither MkDocs nor ProperDocs is installed",
                                 "install one: pip install mkdocs-material (it brings MkDocs), or pip install properdocs")])
