"""Dialogue YAML text from converted turns, and writing every file or none."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path


# Dialogues -------------------------------------------------------------------------------------------------------

def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return s or "transcript"


def q(text: str) -> str:
    """A double-quoted YAML scalar: safe from every plain-scalar trap (No, *sighs*, [laughs], #, : )."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or 0x7f <= ord(ch) < 0xa0 or ch in "\u2028\u2029\ufeff":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def schema_line(root: Path, out_dir: Path) -> str:
    """The editor's schema line, pointing at the course's copy of the bank schema if it has one."""
    for candidate in (root / "generator" / "schema" / "bank.schema.json", root / "exercises" / "bank.schema.json"):
        if candidate.exists():
            return f"# yaml-language-server: $schema={os.path.relpath(candidate, out_dir).replace(os.sep, '/')}"
    return ""


def dialogue_yaml(did: str, title: str, meta: dict, turns: list[dict], source: str, schema: str = "") -> str:
    lines = ([schema] if schema else []) + [f"# Imported by `mi-course import-transcript` from {source}.", "dialogues:",
             f"  - id: {did}", f"    title: {q(title)}"]
    for key in ("setting",):
        if meta.get(key):
            lines.append(f"    {key}: {q(str(meta[key]))}")
    for key in ("audience", "topics"):
        if meta.get(key):
            lines.append(f"    {key}: [{', '.join(q(str(v)) for v in meta[key])}]")
    lines.append(f"    style: {meta.get('style') or 'mi'}")
    people = meta.get("participants") or {}
    lines.append("    participants:")
    for who, default in (("practitioner", "Practitioner"), ("client", "Client")):
        p = people.get(who) or {}
        role = f", role: {q(str(p['role']))}" if p.get("role") else ""
        lines.append(f"      {who}: {{name: {q(str(p.get('name') or default))}{role}}}")
    if meta.get("context"):
        lines.append(f"    context: {q(str(meta['context']))}")
    lines.append("    turns:")
    for t in turns:
        lines.append(f"      - speaker: {t['speaker']}")
        lines.append(f"        text: {q(t['text'])}")
        if t.get("codes"):
            lines.append(f"        codes: [{', '.join(t['codes'])}]")
        if t.get("talk"):
            lines.append(f"        talk: {t['talk']}")
        if t.get("note"):
            lines.append(f"        note: {q(t['note'])}")
    return "\n".join(lines) + "\n"


def write_all(files: dict[Path, str]) -> None:
    """Every file or none: each is written to a temporary file beside its target, then all are renamed in."""
    temps: list[tuple[Path, Path]] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps.append((Path(tmp), path))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
    except BaseException:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path in temps:
        os.replace(tmp, path)
