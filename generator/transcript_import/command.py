"""`mi-course import-transcript`: the table to dialogues, each validated like a hand-written bank, then written."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, errors
from ..source import Document, load_file, load_text
from ..validate import TAXONOMY_FILE, bank_files, check_dialogue, check_structure, check_taxonomy, load_taxonomy
from .mapping import Mapping, load_mapping, shown
from .metadata import check_templates, meta_for
from .table import Row, read_rows, resolve
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
    if not rows and not errors(diags):
        diags.append(Diagnostic(display, 1, 1, "the table has a header but no rows"))
    if rows and rows[0].cells:
        diags.extend(check_templates(mapping, list(rows[0].cells), display))
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.transcript or csv_path.stem, []).append(row)
    prefix = str(mapping.dialogue.get("id_prefix") or "")
    taken: dict[str, str] = {}
    no_majority = 0
    for transcript, group in groups.items():
        for coder, rows_of in _by_coder(group, mapping, display, transcript, diags):
            did = slug(prefix + transcript + (f"-{coder}" if coder else ""))
            name = shown(transcript) + (f" (annotator {shown(coder)})" if coder else "")
            if did in taken:
                diags.append(Diagnostic(display, rows_of[0].line, 1,
                                        f"transcripts '{taken[did]}' and '{name}' would both get the id '{did}'",
                                        "rename one, or set an id_prefix"))
                continue
            taken[did] = name
            if any(r.turn is None for r in rows_of):
                continue  # its errors are reported; nothing will be written
            turns = [r.turn for r in rows_of]
            if mapping.annotators in ("majority", "first"):
                resolved = resolve(rows_of, mapping.annotators)
                turns, no_majority = resolved.turns, no_majority + resolved.no_majority
            if len(turns) < 2 and complete:  # after a row the reader could not finish, any transcript may be short
                diags.append(Diagnostic(display, rows_of[0].line, 1, f"transcript '{name}' has only one row",
                                        "a dialogue needs at least two turns"))
                continue
            meta, problems = meta_for(transcript, rows_of[0].cells, mapping, csv_path.stem, display, rows_of[0].line)
            diags.extend(problems)
            if coder:
                meta["title"] = f"{meta['title']} (annotator {coder})"
            text = dialogue_yaml(did, meta["title"], meta, turns, csv_path.name, schema_line(root, out_dir))
            result.files[out_dir / f"{did}.yaml"] = text
            result.dialogues[did] = len(turns)
    if no_majority:
        diags.append(Diagnostic(display, 0, 0, f"on {no_majority:,} utterance(s) a code or talk label that half of the "
                                "annotators or fewer gave was left out (annotators: majority)", severity="warning"))
    if not errors(diags):
        _check_output(result, root, out_dir, force, display)
    return result


def _by_coder(group: list[Row], m: Mapping, display: str, transcript: str, diags: list[Diagnostic]
              ) -> list[tuple[str, list[Row]]]:
    """One transcript's rows: all together, or one set per annotator (`annotators: coders`)."""
    coders = list(dict.fromkeys(r.annotator for r in group if r.annotator))
    if m.annotators == "coders" and coders:
        return [(c, [r for r in group if r.annotator == c]) for c in coders]
    if len(coders) > 1 and not m.annotators:
        diags.append(Diagnostic(display, group[0].line, 1, f"transcript '{shown(transcript)}' is coded by "
                                f"{len(coders)} annotators ({shown(', '.join(coders))})",
                                "declare how to read them in the mapping file: annotators: majority, first or coders"))
        return []
    return [("", group)]


def _check_output(result: Result, root: Path, out_dir: Path, force: bool, display: str) -> None:
    """The YAML must pass the same checks as a hand-written bank, and its ids must be new to the course."""
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
        for d in doc.diagnostics:  # a warning (a corpus coding against the course's conventions) stays a warning
            what = "would not validate" if d.severity == "error" else "has a warning"
            diags.append(Diagnostic(display, 0, 0, f"the dialogue for {path.name} {what}: {d.message}",
                                    d.hint or "check the mapping's dialogue: section", d.severity))
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


SHOWN = 20  # diagnostics listed one by one; past this, a summary per cause comes first


def report(diags: list[Diagnostic]) -> list[str]:
    """What the terminal shows: every diagnostic, or when there are many a count per cause, then the first few."""
    ordered = sorted(diags, key=lambda d: (d.severity != "error", d.path, d.line))
    if len(ordered) <= SHOWN:
        return [d.format() for d in ordered]
    causes: dict[tuple[str, str, str], list[Diagnostic]] = {}
    for d in ordered:
        causes.setdefault((d.severity, d.path, d.message), []).append(d)
    out = []
    for (severity, path, message), same in sorted(causes.items(), key=lambda kv: (kv[0][0] != "error", -len(kv[1]))):
        rows = f" on {len(same):,} rows" if len(same) > 1 else f" (line {same[0].line})" if same[0].line else ""
        out.append(Diagnostic(path, 0, 0, f"{message}{rows}", same[0].hint, severity).format())
    out.append(f"The first {SHOWN} of {len(ordered):,}, by line:")
    out.extend(d.format() for d in ordered[:SHOWN])
    return out


def run(args) -> int:
    """The `mi-course import-transcript` command."""
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
    result = import_transcript(csv_path, root, out_dir, mapping, diags, force=args.force) if not errors(diags) else None
    for line in report(diags):
        print(line, file=sys.stderr)
    n_errors = len(errors(diags))
    if n_errors or result is None:
        print(f"{n_errors:,} error(s); no file was written.", file=sys.stderr)
        return 1
    if not args.dry_run:
        write_all(result.files)
    verb = "would write" if args.dry_run else "wrote"
    for path, text in result.files.items():
        did = path.stem
        print(f"{verb} {_rel(path, root)} (dialogue '{did}', {result.dialogues[did]} turns)")
    return 0
