"""Coded transcripts from a CSV table (one row per utterance) to dialogue YAML files.

Columns (the field names are also the default column names, matched without regard to case):
    transcript  which conversation the row belongs to (optional: without it the whole file is one dialogue)
    speaker     who speaks: practitioner or client (therapist, counsellor, coach, patient... are understood)
    text        what is said
    code        practitioner rows: MITI 4.2.1 behaviour code(s); several in one cell are separated by `;`
    detail      the code's detail (open/closed question; double-sided/amplified/reframe/summary reflection), or on a
                client row the DARN-CAT subtype of the talk
    talk        client rows: change, sustain, neutral or discord
    note        optional: what is happening, shown with the turn

A mapping file (YAML) or command-line options rename columns and translate a corpus's own labels:

    columns: {transcript: session_id, speaker: role, text: utterance, code: behaviour, detail: subtype, talk: client_code}
    values:
      speaker: {T: practitioner, C: client}
      code: {reflection/simple: simple_reflection, reflection/complex: complex_reflection, GI: giving_information}
      detail: {ds: double_sided}
      talk: {"+": change, "-": sustain, "0": neutral}
    dialogue: {id_prefix: corpus-, title: "Session {transcript}", setting: addiction, audience: [clinician],
               topics: [reflections], style: mi,
               participants: {practitioner: {name: Therapist}, client: {name: Client}}}
    csv: {delimiter: ",", separator: ";"}

    --column speaker=role   --value speaker:T=practitioner   --value code:reflection/simple=simple_reflection

A code label is looked up first together with its detail (`reflection/simple`), then alone; labels match without
regard to case, spaces or hyphens. Every problem is reported with the CSV line; no file is written unless the
whole table converts and every dialogue validates.
"""
from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import codes
from .diagnostics import Diagnostic
from .source import Document, load_file, load_text

FIELDS = ("transcript", "speaker", "text", "code", "detail", "talk", "note")
VALUE_FIELDS = ("speaker", "code", "detail", "talk")
DIALOGUE_KEYS = ("id_prefix", "title", "setting", "audience", "topics", "style", "participants", "context")


def norm(label: str) -> str:
    """`Double-Sided ` -> `double_sided`; `Reflection / Simple` -> `reflection/simple`."""
    text = re.sub(r"\s*/\s*", "/", label.strip().casefold())
    return re.sub(r"[\s\-]+", "_", text)


@lru_cache(maxsize=1)
def _builtin() -> dict[str, dict[str, str]]:
    code = {norm(v): v for v in codes.CODE_VALUES}
    code.update({"gi": "giving_information", "pwp": "persuade_with_permission", "persuade_with": "persuade_with_permission",
                 "q": "question", "oq": "question/open", "cq": "question/closed", "sr": "simple_reflection",
                 "cr": "complex_reflection", "af": "affirm", "seek": "seeking_collaboration",
                 "seco": "seeking_collaboration", "emphasize": "emphasizing_autonomy", "emph": "emphasizing_autonomy",
                 "ea": "emphasizing_autonomy", "reflection/simple": "simple_reflection",
                 "reflection/complex": "complex_reflection"})
    details = {norm(d): d for table in (codes.BEHAVIOURS, codes.TALK_TYPES) for ds in table.values() for d in ds}
    talk = {norm(v): v for v in codes.TALK_VALUES}
    talk.update({"change_talk": "change", "ct": "change", "sustain_talk": "sustain", "st": "sustain",
                 "follow/neutral": "neutral", "fn": "neutral"})
    speaker = {w: "practitioner" for w in ("practitioner", "therapist", "counsellor", "counselor", "clinician", "coach",
                                          "interviewer", "nurse", "doctor", "physician")}
    speaker.update({w: "client" for w in ("client", "patient", "member")})
    return {"speaker": speaker, "code": code, "detail": details, "talk": talk}


@dataclass
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)  # field -> the CSV's column name
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> normalised label -> our value
    dialogue: dict = field(default_factory=dict)
    delimiter: str = ","
    separator: str = ";"

    def lookup(self, name: str, label: str) -> str | None:
        key = norm(label)
        if key in self.values.get(name, {}):
            return self.values[name][key]
        return _builtin()[name].get(key)


@dataclass
class Result:
    files: dict[Path, str]  # where to write -> YAML text
    dialogues: dict[str, int]  # id -> number of turns
    diagnostics: list[Diagnostic]


# The mapping: file and command line ------------------------------------------------------------------------------

def load_mapping(path: Path | None, display: str, columns: list[str], values: list[str],
                 diags: list[Diagnostic]) -> Mapping:
    m = Mapping()
    if path is not None:
        doc = load_file(path, display)
        if doc.data is not None:
            _read_mapping_file(doc, m)
        diags.extend(doc.diagnostics)
    for spec in columns:
        name, eq, column = spec.partition("=")
        name = name.strip()
        if not eq or name not in FIELDS or not column.strip():
            diags.append(Diagnostic("--column", 0, 0, f"cannot read --column {spec!r}",
                                    f"write FIELD=COLUMN, e.g. --column speaker=role; fields: {', '.join(FIELDS)}"))
        else:
            m.columns[name] = column.strip()
    for spec in values:
        m_ = re.fullmatch(r"\s*(\w+)\s*:(.*?)=(.*)", spec)
        if not m_ or m_.group(1) not in VALUE_FIELDS or not m_.group(2).strip():
            diags.append(Diagnostic("--value", 0, 0, f"cannot read --value {spec!r}",
                                    f"write FIELD:LABEL=VALUE, e.g. --value speaker:T=practitioner; fields: {', '.join(VALUE_FIELDS)}"))
        else:
            _add_value(m, m_.group(1), m_.group(2), m_.group(3).strip(), diags, "--value", 0)
    return m


def _read_mapping_file(doc: Document, m: Mapping) -> None:
    data = doc.data
    if not isinstance(data, dict):
        doc.diag((), "a mapping file holds `columns:`, `values:`, `dialogue:` and `csv:`")
        return
    for key in data:
        if key not in ("columns", "values", "dialogue", "csv"):
            doc.diag((key,), f"unknown section '{key}' in the mapping file", "sections: columns, values, dialogue, csv",
                     at_key=True)
    for name, column in (data.get("columns") or {}).items():
        if name not in FIELDS:
            doc.diag(("columns", name), f"unknown field '{name}'", f"fields: {', '.join(FIELDS)}", at_key=True)
        elif not isinstance(column, str) or not column:
            doc.diag(("columns", name), f"the column name for '{name}' should be text", 'quote it: "0"')
        else:
            m.columns[name] = column
    for name, table in (data.get("values") or {}).items():
        if name not in VALUE_FIELDS:
            doc.diag(("values", name), f"unknown field '{name}' in values", f"fields: {', '.join(VALUE_FIELDS)}",
                     at_key=True)
            continue
        if not isinstance(table, dict):
            doc.diag(("values", name), f"values.{name} should map labels to values, e.g. {{T: practitioner}}")
            continue
        for label, value in table.items():
            loc = doc.loc(("values", name, label))
            _add_value(m, name, str(label), "" if value is None else value, doc.diagnostics, doc.path, loc.line, loc.column)
    for key, value in (data.get("dialogue") or {}).items():
        if key not in DIALOGUE_KEYS:
            doc.diag(("dialogue", key), f"unknown field '{key}' in dialogue", f"fields: {', '.join(DIALOGUE_KEYS)}",
                     at_key=True)
        else:
            m.dialogue[key] = value
    for key, value in (data.get("csv") or {}).items():
        if key not in ("delimiter", "separator") or not isinstance(value, str) or len(value) != 1:
            doc.diag(("csv", key), "csv takes `delimiter` and `separator`, each one character", 'e.g. delimiter: ";"')
        else:
            setattr(m, key, value)


def _add_value(m: Mapping, name: str, label: str, value, diags: list, where: str, line: int, column: int = 1) -> None:
    allowed = {"speaker": ["practitioner", "client"], "code": codes.CODE_VALUES, "talk": codes.TALK_VALUES,
               "detail": sorted({d for t in (codes.BEHAVIOURS, codes.TALK_TYPES) for ds in t.values() for d in ds})}[name]
    if not isinstance(value, str) or value not in allowed:
        from .validate import did_you_mean

        diags.append(Diagnostic(where, line, column, f"'{value}' is not a {name} value mi-course knows",
                                did_you_mean(value, allowed) or f"use one of: {', '.join(allowed)}"))
        return
    m.values.setdefault(name, {})[norm(label)] = value


# The table -------------------------------------------------------------------------------------------------------

@dataclass
class Row:
    line: int
    transcript: str
    turn: dict | None


def read_rows(raw: bytes, display: str, m: Mapping, diags: list[Diagnostic]) -> tuple[list[Row], bool]:
    """Every row (turn None where it could not be converted) and whether the reader got to the end of the file."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        diags.append(Diagnostic(display, line, 1, f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x})",
                                "save the table as CSV UTF-8"))
        return [], False
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=m.delimiter, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        diags.append(Diagnostic(display, 1, 1, "the file holds no header row", "the first row names the columns"))
        return [], False
    names = {h.strip().casefold(): i for i, h in enumerate(header)}
    index: dict[str, int] = {}
    for f in FIELDS:
        wanted = m.columns.get(f, f)
        if wanted.strip().casefold() in names:
            index[f] = names[wanted.strip().casefold()]
        elif f in m.columns or f in ("speaker", "text"):
            diags.append(Diagnostic(display, 1, 1, f"no column '{wanted}' (for {f}) in the header",
                                    f"the header has: {', '.join(header)}; map it with --column {f}=NAME"))
    if diags:
        return [], False
    rows = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            diags.append(Diagnostic(display, start, 1, f"the CSV cannot be read here: {exc}",
                                    "a field with a quote, comma or line break must be in double quotes, with inner quotes doubled"))
            return rows, False
        line = start
        if not any(c.strip() for c in cells):
            continue
        if len(cells) < len(header):
            cells += [""] * (len(header) - len(cells))
        elif len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            diags.append(Diagnostic(display, line, 1, f"the row has {len(cells)} fields but the header has {len(header)}",
                                    "a field with a comma in it must be in double quotes"))
            rows.append(Row(line, cells[index["transcript"]].strip() if "transcript" in index else "", None))
            continue
        cell = {f: cells[i].strip() for f, i in index.items()}
        rows.append(Row(line, cell.get("transcript", ""), convert(cell, m, display, line, diags)))  # None: not converted
    return rows, True


def convert(cell: dict, m: Mapping, display: str, line: int, diags: list[Diagnostic]) -> dict | None:
    def err(message: str, hint: str = "") -> None:
        diags.append(Diagnostic(display, line, 1, message, hint))

    before = len(diags)
    if "transcript" in cell and not cell["transcript"]:
        err("the transcript id is empty", "every row names its transcript")
    speaker = m.lookup("speaker", cell["speaker"]) if cell["speaker"] else None
    if not cell["speaker"]:
        err("the speaker is empty", "every row names its speaker: practitioner or client")
    elif speaker is None:
        err(f"unknown speaker label '{cell['speaker']}'",
            f"map it to practitioner or client: --value \"speaker:{cell['speaker']}=practitioner\"")
    if not cell["text"]:
        err("the text is empty", "every row holds what was said")
    if len(diags) > before or speaker is None:
        return None
    turn: dict = {"speaker": speaker, "text": cell["text"]}
    code_cell, detail_cell, talk_cell = cell.get("code", ""), cell.get("detail", ""), cell.get("talk", "")
    if speaker == "practitioner":
        if talk_cell:
            err(f"a practitioner row has a client talk label '{talk_cell}'", "client talk goes on client rows only")
        found = _codes(code_cell, detail_cell, m, err)
        if found:
            bases = [codes.split(c)[0] for c in found]
            if sum(b in codes.REFLECTIONS for b in bases) > 1:
                err("the row carries two reflection codes; MITI counts at most one reflection per utterance",
                    "keep the more complex one")
            if bases.count("question") > 1:
                err("the row carries two question codes; MITI counts at most one question per utterance")
            turn["codes"] = found
    else:
        if code_cell:
            err(f"a client row has a behaviour code '{code_cell}'", "behaviour codes go on practitioner rows only")
        if talk_cell:
            talk = _talk(talk_cell, detail_cell, m, err)
            if talk:
                turn["talk"] = talk
        elif detail_cell:
            err(f"the detail '{detail_cell}' has no talk type beside it", "give the talk: change, sustain, neutral or discord")
    if cell.get("note"):
        turn["note"] = cell["note"]
    return None if len(diags) > before else turn


def _codes(code_cell: str, detail_cell: str, m: Mapping, err) -> list[str]:
    labels = [c.strip() for c in code_cell.split(m.separator)] if code_cell else []
    details = [c.strip() for c in detail_cell.split(m.separator)] if detail_cell else []
    if len(details) > max(len(labels), 1) or (details and any(details) and not labels):
        err(f"the detail '{detail_cell}' has no behaviour code beside it",
            f"give one detail per code, separated by '{m.separator}'")
        return []
    out = []
    for n, label in enumerate(labels):
        detail = details[n] if n < len(details) else ""
        if not label:
            err(f"an empty code in '{code_cell}'")
            continue
        value = m.lookup("code", f"{label}/{detail}") if detail else None
        if value is None:
            value = m.lookup("code", label)
            if value is None:
                err(f"unknown behaviour code label '{label}'",
                    _close(label, "code", m) or f"map it to a MITI code, e.g. --value \"code:{label}=simple_reflection\" "
                    f"(codes: {', '.join(codes.BEHAVIOURS)})")
                continue
            if detail:
                value = _with_detail(value, detail, codes.CODE_VALUES, "code", m, err)
        if value:
            out.append(value)
    return out


def _talk(talk_cell: str, detail_cell: str, m: Mapping, err) -> str:
    value = m.lookup("talk", f"{talk_cell}/{detail_cell}") if detail_cell else None
    if value is None:
        value = m.lookup("talk", talk_cell)
        if value is None:
            err(f"unknown client talk label '{talk_cell}'",
                _close(talk_cell, "talk", m) or f"map it, e.g. --value \"talk:{talk_cell}=change\" (change, sustain, neutral, discord)")
            return ""
        if detail_cell:
            value = _with_detail(value, detail_cell, codes.TALK_VALUES, "talk", m, err)
    return value


def _close(label: str, name: str, m: Mapping) -> str:
    import difflib

    known = list(m.values.get(name, {})) + list(_builtin()[name])
    close = difflib.get_close_matches(norm(label), known, n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'? Otherwise map the label with --value or a mapping file" if close else ""


def _with_detail(value: str, detail_label: str, allowed: list[str], what: str, m: Mapping, err) -> str:
    detail = m.lookup("detail", detail_label)
    if detail is None:
        err(f"unknown detail label '{detail_label}'", f"map it: --value \"detail:{detail_label}=open\"")
        return ""
    base, had = codes.split(value)
    if had and had != detail:
        err(f"the label already means '{value}', so the detail '{detail_label}' contradicts it")
        return ""
    combined = f"{base}/{detail}"
    if combined not in allowed:
        fits = [v.split("/")[1] for v in allowed if v.startswith(base + "/")]
        err(f"the detail '{detail_label}' does not go with {what} '{base}'",
            f"details of {base}: {', '.join(fits)}" if fits else f"{base} takes no detail")
        return ""
    return combined


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


def import_transcript(csv_path: Path, root: Path, out_dir: Path, mapping: Mapping, diags: list[Diagnostic],
                      force: bool = False) -> Result:
    """Everything but the writing: rows to dialogues to YAML, each validated. Diagnostics collect every problem."""
    display = _rel(csv_path, root)
    result = Result({}, {}, diags)
    try:
        raw = csv_path.read_bytes()
    except OSError as exc:
        diags.append(Diagnostic(display, 0, 0, f"cannot read the file: {exc.strerror or exc}"))
        return result
    rows, complete = read_rows(raw, display, mapping, diags)
    if not rows and not diags:
        diags.append(Diagnostic(display, 1, 1, "the table has a header but no rows"))
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.transcript or csv_path.stem, []).append(row)
    meta = mapping.dialogue
    prefix = str(meta.get("id_prefix") or "")
    taken: dict[str, str] = {}
    for transcript, group in groups.items():
        did = slug(prefix + transcript)
        if did in taken:
            diags.append(Diagnostic(display, group[0].line, 1,
                                    f"transcripts '{taken[did]}' and '{transcript}' would both get the id '{did}'",
                                    "rename one, or set an id_prefix"))
            continue
        taken[did] = transcript
        if len(group) < 2 and complete:  # after a row the reader could not finish, any transcript may be short
            diags.append(Diagnostic(display, group[0].line, 1, f"transcript '{transcript}' has only one row",
                                    "a dialogue needs at least two turns"))
            continue
        if any(r.turn is None for r in group):
            continue  # its errors are reported; nothing will be written
        title = str(meta.get("title") or "Transcript {transcript}").replace("{transcript}", transcript)
        text = dialogue_yaml(did, title, meta, [r.turn for r in group], csv_path.name, schema_line(root, out_dir))
        result.files[out_dir / f"{did}.yaml"] = text
        result.dialogues[did] = len(group)
    if not diags:
        _check_output(result, root, out_dir, force, display)
    return result


def _check_output(result: Result, root: Path, out_dir: Path, force: bool, display: str) -> None:
    """The YAML must pass the same checks as a hand-written bank, and its ids must be new to the course."""
    from .validate import TAXONOMY_FILE, bank_files, check_dialogue, check_structure, check_taxonomy, load_taxonomy

    diags = result.diagnostics
    tax_path = root / "exercises" / TAXONOMY_FILE
    taxonomy = load_taxonomy(tax_path, _rel(tax_path, root), []) if tax_path.exists() else None
    for path, text in result.files.items():
        doc = load_text(text, Document(_rel(path, root)))
        if doc.data is not None and not check_structure(doc):
            item = doc.data["dialogues"][0]
            check_dialogue(item, ("dialogues", 0), doc)
            if taxonomy:
                check_taxonomy(item, ("dialogues", 0), doc, taxonomy)
        for d in doc.diagnostics:
            diags.append(Diagnostic(display, 0, 0, f"the dialogue for {path.name} would not validate: {d.message}",
                                    d.hint or "check the mapping's dialogue: section"))
        if path.exists() and not force:
            diags.append(Diagnostic(_rel(path, root), 0, 0, "the file already exists; nothing was overwritten",
                                    "pass --force to replace it, or choose another --out folder"))
    # Ids already used by the course's other banks (files this import replaces do not count).
    replaced = {p.resolve() for p in result.files}
    exercises = root / "exercises"
    for bank in bank_files(exercises) if exercises.is_dir() else []:
        if bank.resolve() in replaced:
            continue
        doc = load_file(bank, _rel(bank, root))
        data = doc.data if isinstance(doc.data, dict) else {}
        for section in ("exercises", "dialogues"):
            for n, item in enumerate(data.get(section) or []):
                if isinstance(item, dict) and item.get("id") in result.dialogues:
                    loc = doc.loc((section, n, "id"))
                    diags.append(Diagnostic(display, 0, 0, f"the id '{item['id']}' is already used at {doc.path}:{loc.line}",
                                            "set another id_prefix, or pass --force and --out to replace that file"))


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


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def run(args) -> int:
    """The `mi-course import-transcript` command."""
    import sys

    root = Path(args.root).resolve()
    csv_path = Path(args.csv)
    diags: list[Diagnostic] = []
    map_path = Path(args.map) if args.map else None
    mapping = load_mapping(map_path, args.map or "", args.column, args.value, diags)
    for key, value in (("id_prefix", args.prefix), ("title", args.title), ("setting", args.setting)):
        if value:
            mapping.dialogue[key] = value
    if args.delimiter:
        mapping.delimiter = {"\\t": "\t", "tab": "\t"}.get(args.delimiter, args.delimiter)
    out_dir = Path(args.out)
    out_dir = out_dir if out_dir.is_absolute() else root / out_dir
    result = import_transcript(csv_path, root, out_dir, mapping, diags, force=args.force) if not diags else None
    errors = [d for d in diags if d.severity == "error"]
    for d in sorted(diags, key=lambda d: (d.path, d.line)):
        print(d.format(), file=sys.stderr)
    if errors or result is None:
        print(f"{len(errors)} error(s); no file was written.", file=sys.stderr)
        return 1
    if not args.dry_run:
        write_all(result.files)
    verb = "would write" if args.dry_run else "wrote"
    for path, text in result.files.items():
        did = path.stem
        print(f"{verb} {_rel(path, root)} (dialogue '{did}', {result.dialogues[did]} turns)")
    return 0
