"""`mi-course import-transcript`: the table to dialogues, each validated like a hand-written bank, then written."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic
from ..source import Document, load_file, load_text
from .mapping import Mapping, load_mapping
from .table import Row, read_rows
from .writing import dialogue_yaml, schema_line, slug, write_all


@dataclass
class Result:
    files: dict[Path, str]  # where to write -> YAML text
    dialogues: dict[str, int]  # id -> number of turns
    diagnostics: list[Diagnostic]


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
    from ..validate import TAXONOMY_FILE, bank_files, check_dialogue, check_structure, check_taxonomy, load_taxonomy

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
