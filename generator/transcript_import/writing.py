"""Dialogue YAML text from converted turns, and writing every file or none."""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from .mapping import shown


# Dialogues -------------------------------------------------------------------------------------------------------

MAX_ID = 60  # a dialogue id is also a file name and a page address: far below the 255 bytes a file name may take


def slug(text: str) -> str:
    """An id from any transcript value; a long one is cut and given a hash of the whole, so two stay apart."""
    s = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "transcript"
    if len(s) <= MAX_ID:
        return s
    return s[: MAX_ID - 9].rstrip("-") + "-" + hashlib.sha256(s.encode()).hexdigest()[:8]


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
    lines = ([schema] if schema else []) + [f"# Imported by `mi-course import-transcript` from {shown(source, 200)}.", "dialogues:",
             f"  - id: {did}", f"    title: {q(title)}"]
    for key in ("setting",):
        if meta.get(key):
            lines.append(f"    {key}: {q(str(meta[key]))}")
    for key in ("audience", "topics"):
        if meta.get(key):
            lines.append(f"    {key}: [{', '.join(q(str(v)) for v in meta[key])}]")
    lines.append(f"    style: {q(str(meta.get('style') or 'mi'))}")
    if meta.get("corpus"):
        lines.append(f"    corpus: {q(str(meta['corpus']))}")
    lines.append("    markup: plain")  # the corpus's turns and notes are shown as typed, never read as Markdown
    if meta.get("coded"):
        lines.append(f"    coded: [{', '.join(q(str(c)) for c in meta['coded'])}]")
    people = meta.get("participants") if isinstance(meta.get("participants"), dict) else {}
    lines.append("    participants:")
    for who, default in (("practitioner", "Practitioner"), ("client", "Client")):
        p = people.get(who) if isinstance(people.get(who), dict) else {}
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
            talk = t["talk"] if isinstance(t["talk"], list) else [t["talk"]]
            lines.append(f"        talk: {talk[0]}" if len(talk) == 1 else f"        talk: [{', '.join(talk)}]")
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
