"""The table: CSV rows to turns, every problem with its CSV line; several annotators' rows to one turn by a rule."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from .. import codes
from ..diagnostics import Diagnostic, did_you_mean
from ..source import decode_utf8
from .mapping import FIELDS, LOOKS_EMPTY, Mapping, _builtin, norm, shown


@dataclass
class Row:
    line: int
    transcript: str
    turn: dict | None  # None: the row could not be converted (its errors are reported)
    utterance: str = ""
    annotator: str = ""
    cells: dict[str, str] = field(default_factory=dict)  # casefolded header -> cell, for per-transcript fields


@dataclass(frozen=True)
class Columns:
    """Where each field, detail column and yes/no column sits in the header."""
    index: dict[str, int]  # field -> position
    details: dict[str, tuple[int, str]]  # normalised code label -> (position, column name)
    flags: list[tuple[int, str, str]]  # (position, column name, code label)
    header: list[str]


def find_columns(header: list[str], m: Mapping, display: str, diags: list[Diagnostic]) -> Columns | None:
    names = {h.strip().casefold(): i for i, h in enumerate(header)}
    before = len(diags)

    def missing(column: str, what: str, hint: str) -> None:
        diags.append(Diagnostic(display, 1, 1, f"no column '{shown(column)}' ({what}) in the header",
                                f"the header has: {shown(', '.join(header), 300)}; {hint}"))

    index: dict[str, int] = {}
    for f in FIELDS:
        wanted = m.columns.get(f, f)
        if wanted.strip().casefold() in names:
            index[f] = names[wanted.strip().casefold()]
        elif f in m.columns or f in ("speaker", "text"):
            missing(wanted, f"for {f}", f"map it with --column {f}=NAME")
    details, flags = {}, []
    for column, label in m.details.items():
        if column.casefold() in names:
            details[label] = (names[column.casefold()], column)
        else:
            missing(column, f"a detail of {label}", "correct `details:` in the mapping file")
    for column, label in m.flags.items():
        if column.casefold() in names:
            flags.append((names[column.casefold()], column, label))
        else:
            missing(column, f"yes/no for {label}", "correct `flags:` in the mapping file")
    if m.annotators in ("majority", "first") and "utterance" not in index:
        diags.append(Diagnostic(*m.where.get("annotators", (display, 1, 1)),
                                f"`annotators: {m.annotators}` needs an utterance column to tell which rows are one utterance",
                                "map it: columns: {utterance: utterance_id}"))
    return None if len(diags) > before else Columns(index, details, flags, header)


def read_rows(raw: bytes, display: str, m: Mapping, diags: list[Diagnostic]) -> tuple[list[Row], bool]:
    """Every row (turn None where it could not be converted) and whether the reader got to the end of the file."""
    text, problem = decode_utf8(raw, display, "save the table as CSV UTF-8")
    if problem:
        diags.append(problem)
        return [], False
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=m.delimiter, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        diags.append(Diagnostic(display, 1, 1, "the file holds no header row", "the first row names the columns"))
        return [], False
    cols = find_columns(header, m, display, diags)
    if cols is None:
        return [], False
    index = cols.index
    keys = [h.strip().casefold() for h in header]
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
        turn = convert(cell, m, display, line, diags, _extra(cells, cols, m))
        rows.append(Row(line, cell.get("transcript", ""), turn, cell.get("utterance", ""), cell.get("annotator", ""),
                        dict(zip(keys, (c.strip() for c in cells)))))
    return rows, True


@dataclass(frozen=True)
class Extra:
    """What a row says beyond the fields: detail columns per code label, and the code labels its yes/no columns set."""
    details: dict[str, tuple[str, str]]  # normalised code label -> (detail label, column name)
    flagged: list[tuple[str, str]]  # (code label, column name)
    bad_flags: list[tuple[str, str]]  # (cell, column name): neither yes nor no


def _extra(cells: list[str], cols: Columns, m: Mapping) -> Extra:
    details = {label: (cells[i].strip(), name) for label, (i, name) in cols.details.items()
               if not m.is_empty(name, cells[i]) and not m.is_empty("detail", cells[i])}
    flagged, bad = [], []
    for i, name, label in cols.flags:
        cell = cells[i].strip()
        if m.is_empty(name, cell) or norm(cell) in m.no:
            continue
        if norm(cell) in m.yes:
            flagged.append((label, name))
        else:
            bad.append((cell, name))
    return Extra(details, flagged, bad)


def convert(cell: dict, m: Mapping, display: str, line: int, diags: list[Diagnostic], extra: Extra | None = None
            ) -> dict | None:
    extra = extra or Extra({}, [], [])

    def err(message: str, hint: str = "") -> None:
        diags.append(Diagnostic(display, line, 1, message, hint))

    def column(name: str) -> str:
        return shown(m.columns.get(name, name))

    before = len(diags)
    if "transcript" in cell and not cell["transcript"]:
        err("the transcript id is empty", "every row names its transcript")
    speaker = m.lookup("speaker", cell["speaker"]) if cell["speaker"] else None
    if not cell["speaker"]:
        err("the speaker is empty", "every row names its speaker: practitioner or client")
    elif not speaker:
        label = shown(cell["speaker"])
        err(f"unknown speaker label '{label}'", f"map it to practitioner or client: --value \"speaker:{label}=practitioner\"")
    if not cell["text"]:
        err("the text is empty", "every row holds what was said")
    for value, name in extra.bad_flags:
        err(f"'{shown(value)}' in the yes/no column {shown(name)} is neither yes nor no",
            f"yes is one of: {', '.join(m.yes)}; no: {', '.join(m.no)}; or, if it means no value, declare it empty in the "
            f'mapping file: empty: {{{shown(name)}: ["{shown(value)}"]}}')
    if len(diags) > before or not speaker:
        return None
    for name in ("code", "detail", "talk", "note"):
        if name in cell and m.is_empty(name, cell[name]):
            cell[name] = ""
    turn: dict = {"speaker": speaker, "text": cell["text"]}
    code_cell, detail_cell, talk_cell = cell.get("code", ""), cell.get("detail", ""), cell.get("talk", "")
    if speaker == "practitioner":
        if talk_cell:
            err(f"a practitioner row has a client talk label '{shown(talk_cell)}' in column {column('talk')}",
                "client talk goes on client rows only" + _or_empty(talk_cell, "talk"))
        found = _codes(code_cell, detail_cell, extra, m, err, column("code"))
        if found:
            bases = [codes.split(c)[0] for c in found]
            if sum(b in codes.REFLECTIONS for b in bases) > 1:
                err("the row carries two reflection codes; MITI counts at most one reflection per utterance",
                    "keep the more complex one")
            if bases.count("question") > 1:
                err("the row carries two question codes; MITI counts at most one question per utterance")
            turn["codes"] = found
    else:
        if code_cell or extra.flagged:
            label = shown(code_cell) if code_cell else f"yes in {shown(extra.flagged[0][1])}"
            err(f"a client row has a behaviour code '{label}'" + (f" in column {column('code')}" if code_cell else ""),
                "behaviour codes go on practitioner rows only" + (_or_empty(code_cell, "code") if code_cell else ""))
        if talk_cell:
            talk = _talk(talk_cell, detail_cell, m, err, column("talk"))
            if "neutral" in talk and len(talk) > 1:
                err(f"the talk '{shown(talk_cell)}' is neutral and something else",
                    "neutral means neither change nor sustain talk: keep it alone, or drop it")
            elif talk:
                turn["talk"] = talk
        elif detail_cell:
            err(f"the detail '{shown(detail_cell)}' has no talk type beside it",
                "give the talk: change, sustain, neutral or discord")
    if cell.get("note"):
        turn["note"] = cell["note"]
    return None if len(diags) > before else turn


def _or_empty(label: str, name: str) -> str:
    return f'; if \'{shown(label)}\' means no value, declare it empty in the mapping file: empty: {{{name}: ["{shown(label)}"]}}'


def _empty_hint(label: str, name: str) -> str:
    """For a label that looks like "no value": declaring it empty, never a guess at a code."""
    if norm(label) in LOOKS_EMPTY:
        return f'if \'{shown(label)}\' means "no value" here, declare it empty in the mapping file: empty: {{{name}: ["{shown(label)}"]}}'
    return ""


def _codes(code_cell: str, detail_cell: str, extra: Extra, m: Mapping, err, column: str) -> list[str]:
    labels = [c.strip() for c in code_cell.split(m.separator)] if code_cell else []
    details = [c.strip() for c in detail_cell.split(m.separator)] if detail_cell else []
    if len(details) > max(len(labels), 1) or (details and any(details) and not labels and not extra.flagged):
        err(f"the detail '{shown(detail_cell)}' has no behaviour code beside it",
            f"give one detail per code, separated by '{m.separator}'")
        return []
    pairs = [(label, details[n] if n < len(details) else "", column) for n, label in enumerate(labels)]
    pairs = [(label, d if not m.is_empty("detail", d) else "", c) for label, d, c in pairs]
    named = {norm(label) for label, _, _ in pairs}
    pairs += [(label, "", name) for label, name in extra.flagged if norm(label) not in named]  # yes/no columns
    out = []
    for label, detail, where in pairs:
        if not label or m.is_empty("code", label):
            if not label:
                err(f"an empty code in '{shown(code_cell)}'")
            continue
        if not detail and norm(label) in extra.details:
            detail, _ = extra.details[norm(label)]  # a detail column tied to this code label
        value = m.lookup("code", f"{label}/{detail}") if detail else None
        if value is None:
            value = m.lookup("code", label)
            if value is None:
                err(f"unknown behaviour code label '{shown(label)}' in column {where}",
                    _empty_hint(label, "code") or _close(label, "code", m)
                    or f'map it to a MITI code in the mapping file (values: code: {{{shown(label)}: simple_reflection}}), '
                    f'or to "" for no code (codes: {", ".join(codes.BEHAVIOURS)})')
                continue
            if detail and value:
                value = _with_detail(value, detail, codes.CODE_VALUES, "code", m, err)
        if value and value not in out:
            out.append(value)
    return out


def _talk(talk_cell: str, detail_cell: str, m: Mapping, err, column: str) -> list[str]:
    """The cell's talk labels in order: several are separated by `csv.separator`, as codes are, each with the detail
    in the same place of the detail cell (`+; -` with `desire; reasons`). A label given twice counts once."""
    labels = [t.strip() for t in talk_cell.split(m.separator)]
    details = [d.strip() for d in detail_cell.split(m.separator)] if detail_cell else []
    if len(details) > len(labels):
        err(f"the detail '{shown(detail_cell)}' has more parts than the talk labels '{shown(talk_cell)}' beside it",
            f"give one detail per talk label, separated by '{m.separator}'")
        return []
    out: list[str] = []
    for n, label in enumerate(labels):
        detail = details[n] if n < len(details) and not m.is_empty("detail", details[n]) else ""
        if not label or m.is_empty("talk", label):
            if not label:
                err(f"an empty talk label in '{shown(talk_cell)}'")
            continue
        value = m.lookup("talk", f"{label}/{detail}") if detail else None
        if value is None:
            value = m.lookup("talk", label)
            if value is None:
                err(f"unknown client talk label '{shown(label)}' in column {column}",
                    _empty_hint(label, "talk") or _close(label, "talk", m)
                    or f'map it, e.g. values: talk: {{{shown(label)}: change}} (change, sustain, neutral, discord), or "" for none')
                continue
            if detail and value:
                value = _with_detail(value, detail, codes.TALK_VALUES, "talk", m, err)
        if value and value not in out:
            out.append(value)
    return out


def _close(label: str, name: str, m: Mapping) -> str:
    guess = did_you_mean(norm(label), list(m.values.get(name, {})) + list(_builtin()[name]))
    return f"{guess} Otherwise map the label with --value or a mapping file" if guess else ""


def _with_detail(value: str, detail_label: str, allowed: list[str], what: str, m: Mapping, err) -> str:
    detail = m.lookup("detail", detail_label)
    base, had = codes.split(value)
    fits = [v.split("/")[1] for v in allowed if v.startswith(base + "/")]
    if detail == "":
        return value  # the mapping says this detail label means nothing
    if detail is None:
        err(f"unknown detail label '{shown(detail_label)}' for {what} '{base}'",
            _empty_hint(detail_label, "detail") or
            (f"details of {base}: {', '.join(fits)}; map the label to one (values: detail:), or to \"\" for none"
             if fits else f"{base} takes no detail; map the label to \"\" (values: detail:)"))
        return ""
    if had and had != detail:
        err(f"the label already means '{value}', so the detail '{shown(detail_label)}' contradicts it")
        return ""
    combined = f"{base}/{detail}"
    if combined not in allowed:
        err(f"the detail '{shown(detail_label)}' does not go with {what} '{base}'",
            f"details of {base}: {', '.join(fits)}" if fits else f"{base} takes no detail")
        return ""
    return combined


# Several annotators ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Resolved:
    turns: list[dict]
    no_majority: int  # utterances where a code or talk label was left out for want of a majority


def resolve(rows: list[Row], rule: str) -> Resolved:
    """One turn per utterance: the first annotator's row, or what more than half of the annotators gave."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.utterance or f"line {row.line}", []).append(row)
    turns, lost = [], 0
    for group in groups.values():
        first = dict(group[0].turn)
        if rule == "majority" and len(group) > 1:
            n = len(group)
            votes: dict[str, int] = {}
            for r in group:
                for value in set(r.turn.get("codes", [])) | set(r.turn.get("talk", [])):
                    votes[value] = votes.get(value, 0) + 1
            order = [v for r in group for v in r.turn.get("codes", []) + r.turn.get("talk", [])]
            kept = [v for v in dict.fromkeys(order) if votes[v] * 2 > n]
            first.pop("codes", None)
            first.pop("talk", None)
            given = [v for v in kept if first["speaker"] == "practitioner"]
            if given:
                first["codes"] = given
            if first["speaker"] == "client" and kept:
                first["talk"] = kept  # each label that more than half gave, in the order they were given
            lost += any(count * 2 <= n for count in votes.values())
        turns.append(first)
    return Resolved(turns, lost)
