"""Per-transcript dialogue fields: templates over the transcript's first row, and fields read from a column."""
from __future__ import annotations

import re

from ..diagnostics import Diagnostic
from .mapping import TEMPLATES, FromColumn, Mapping, norm, shown

PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
SAFE_URL = re.compile(r"https?://[^\s<>\"'\\]+")


def check_templates(m: Mapping, header: list[str], display: str) -> list[Diagnostic]:
    """Every {column} in a template and every `column:` named must be in the header (reported once, in the mapping)."""
    names = {h.strip().casefold() for h in header} | {"transcript"}
    out = []
    for key, value in m.dialogue.items():
        where = m.where.get(key, (display, 1, 1))
        wanted = ([value.column] if isinstance(value, FromColumn) else
                  PLACEHOLDER.findall(value) if key in TEMPLATES and isinstance(value, str) else [])
        for column in wanted:
            if column.strip().casefold() not in names:
                out.append(Diagnostic(*where, f"no column '{shown(column)}' in the table (in dialogue.{key})",
                                      f"the header has: {shown(', '.join(header), 300)}"))
    return out


def md_escape(text: str) -> str:
    """A corpus value inside Markdown (the context): every character that could start markup is backslashed."""
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~])", r"\\\1", text)


def fill(template: str, transcript: str, cells: dict[str, str], escape=lambda text: text) -> str:
    def one(match: re.Match) -> str:
        name = match.group(1).strip().casefold()
        return escape(transcript if name == "transcript" else cells.get(name, ""))

    return " ".join(PLACEHOLDER.sub(one, template).split())


def meta_for(transcript: str, cells: dict[str, str], m: Mapping, csv_stem: str, display: str, line: int
             ) -> tuple[dict, list[Diagnostic]]:
    """The dialogue fields of one transcript, from the mapping's `dialogue:` section and the transcript's first row."""
    spec, out, problems = m.dialogue, {}, []
    out["title"] = fill(str(spec.get("title") or "Transcript {transcript}"), transcript, cells) or transcript
    context = fill(str(spec["context"]), transcript, cells, md_escape) if spec.get("context") else ""
    if spec.get("source"):
        url = fill(str(spec["source"]), transcript, cells)
        if SAFE_URL.fullmatch(url):
            context = (context + "\n\n" if context else "") + f"Source: <{url}>"
        elif url:
            problems.append(Diagnostic(display, line, 1, f"transcript '{shown(transcript)}': the source '{shown(url)}' "
                                       "is not an http(s) address; it is left out", severity="warning"))
    if context:
        out["context"] = context
    for key in ("setting", "style", "audience", "topics"):
        value = spec.get(key)
        if isinstance(value, FromColumn):
            label = cells.get(value.column.strip().casefold(), "")
            value, found = value.values.get(norm(label)), value
            if value is None:
                value = found.default
            if value is None:
                problems.append(Diagnostic(display, line, 1, f"transcript '{shown(transcript)}': no {key} for "
                                           f"'{shown(label)}' in column {shown(found.column)}",
                                           f"add it to dialogue.{key}.values, or give a default"))
                continue
        if value in (None, "", []):
            continue
        out[key] = [str(v) for v in value] if key in ("audience", "topics") and isinstance(value, list) else \
            [str(value)] if key in ("audience", "topics") else str(value)
    for key in ("participants", "coded"):
        if spec.get(key):
            out[key] = spec[key]
    out["corpus"] = str(spec.get("corpus") or csv_stem)
    return out, problems
