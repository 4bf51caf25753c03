"""The exercise kinds, one folder each, found by looking: `KINDS` maps a kind's name to its `Kind`, in teaching order.

A new kind is a new folder beside the others (generator/kinds/contract.py says what it holds); nothing else is edited.
"""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from .contract import Kind, Tally, kind_of

__all__ = ["KINDS", "Kind", "Tally"]


def discover() -> dict[str, Kind]:
    """Every package below this folder is a kind; ties in teaching order go by name, so the order never varies."""
    found = [kind_of(importlib.import_module(f"{__name__}.{info.name}"))
             for info in pkgutil.iter_modules([str(Path(__file__).parent)]) if info.ispkg]
    return {k.name: k for k in sorted(found, key=lambda k: (k.order, k.name))}


KINDS = discover()
