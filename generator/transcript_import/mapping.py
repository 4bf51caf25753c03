"""The mapping: which column holds which field, and what a corpus's own labels mean (a YAML file, or options)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import codes
from ..diagnostics import Diagnostic
from ..source import Document, load_file
from ..validate import did_you_mean

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
        diags.append(Diagnostic(where, line, column, f"'{value}' is not a {name} value mi-course knows",
                                did_you_mean(value, allowed) or f"use one of: {', '.join(allowed)}"))
        return
    m.values.setdefault(name, {})[norm(label)] = value
