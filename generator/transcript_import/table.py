"""The table: CSV rows to turns, every problem with its CSV line."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from .. import codes
from ..diagnostics import Diagnostic
from ..source import decode_utf8
from ..validate import did_you_mean
from .mapping import FIELDS, Mapping, _builtin, norm


# The table -------------------------------------------------------------------------------------------------------

@dataclass
class Row:
    line: int
    transcript: str
    turn: dict | None


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
    guess = did_you_mean(norm(label), list(m.values.get(name, {})) + list(_builtin()[name]))
    return f"{guess} Otherwise map the label with --value or a mapping file" if guess else ""


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
