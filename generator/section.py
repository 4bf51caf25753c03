"""What a page builder returns: generated files and the nav entries that reach them, as data."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    """Pages one builder made: `files` (docs-relative path -> text), `nav` (entries for the nav, in order) and
    `notes` (text to add at the end of a page another builder made, such as a link under the last lesson)."""
    files: dict[str, str] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
