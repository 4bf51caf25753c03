"""The mapping: which column holds which field, and what a corpus's own labels mean (a YAML file, or options)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import codes
from ..diagnostics import Diagnostic, did_you_mean
from ..source import Document, load_file

FIELDS = ("transcript", "speaker", "text", "code", "detail", "talk", "note", "utterance", "annotator")
VALUE_FIELDS = ("speaker", "code", "detail", "talk")
SECTIONS = ("columns", "empty", "details", "flags", "yes_no", "values", "annotators", "dialogue", "csv")
DIALOGUE_KEYS = ("id_prefix", "title", "setting", "audience", "topics", "style", "participants", "context", "source",
                 "coded", "corpus")
FROM_COLUMN = ("setting", "audience", "topics", "style")  # may be read from a column, per transcript
TEMPLATES = ("title", "context", "source")  # text with {column} placeholders
RULES = ("majority", "first", "coders")
YES = ("yes", "y", "true", "1", "x")
NO = ("no", "n", "false", "0")
# Labels that usually mean "no value here": the hint proposes declaring them empty, never mapping them to a code.
LOOKS_EMPTY = {"n/a", "na", "none", "null", "nan", "-", "--", ".", "?", "missing", "not_applicable", "not_coded", "nil"}


def norm(label: str) -> str:
    """`Double-Sided ` -> `double_sided`; `Reflection / Simple` -> `reflection/simple`."""
    text = re.sub(r"\s*/\s*", "/", label.strip().casefold())
    return re.sub(r"[\s\-]+", "_", text)


def shown(label: str, limit: int = 60) -> str:
    """A label as an error message may echo it: control characters (terminal escapes) spelled out, length bounded."""
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"
                   for ch in label)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


@dataclass(frozen=True)
class FromColumn:
    """A dialogue field read per transcript: the column's label looked up in `values`, else `default`."""
    column: str
    values: dict  # normalised label -> value (text, or a list for audience and topics)
    default: object = None
    where: tuple[str, int, int] = ("", 0, 0)


@dataclass
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)  # field -> the CSV's column name
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> normalised label -> value ("": nothing)
    dialogue: dict = field(default_factory=dict)  # key -> value, or FromColumn
    delimiter: str = ","
    separator: str = ";"
    empty: dict[str, set[str]] = field(default_factory=dict)  # field or column name ("*": every one) -> labels
    details: dict[str, str] = field(default_factory=dict)  # detail column -> normalised code label it refines
    flags: dict[str, str] = field(default_factory=dict)  # yes/no column -> code label it stands for
    yes: tuple[str, ...] = YES
    no: tuple[str, ...] = NO
    annotators: str = ""  # "", or one of RULES
    where: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # setting -> where it was written

    def lookup(self, name: str, label: str) -> str | None:
        """Our value for a label: "" when it is mapped to nothing, None when it is unknown."""
        key = norm(label)
        if key in self.values.get(name, {}):
            return self.values[name][key]
        return _builtin()[name].get(key)

    def is_empty(self, name: str, cell: str) -> bool:
        """Blank, or a label the mapping declares empty for this field or column (or for every one)."""
        if not cell.strip():
            return True
        key = norm(cell)
        return key in self.empty.get("*", ()) or key in self.empty.get(name.casefold(), ())

# The mapping: file and command line ------------------------------------------------------------------------------

def load_mapping(path: Path | None, display: str, columns: list[str], values: list[str],
                 diags: list[Diagnostic]) -> Mapping:
    m = Mapping()
    if path is not None:
        doc = load_file(path, display)  # an end-of-line comment is ordinary YAML here: only banks refuse one
        if doc.data is not None:
            _read_mapping_file(doc, m)
        diags.extend(doc.diagnostics)
    for spec in columns:
        name, eq, column = spec.partition("=")
        name = name.strip()
        if not eq or name not in FIELDS or not column.strip():
            diags.append(Diagnostic("--column", 0, 0, f"cannot read --column {shown(spec)!r}",
                                    f"write FIELD=COLUMN, e.g. --column speaker=role; fields: {', '.join(FIELDS)}"))
        else:
            m.columns[name] = column.strip()
    for spec in values:
        m_ = re.fullmatch(r"\s*(\w+)\s*:(.*?)=(.*)", spec)
        if not m_ or m_.group(1) not in VALUE_FIELDS or not m_.group(2).strip():
            diags.append(Diagnostic("--value", 0, 0, f"cannot read --value {shown(spec)!r}",
                                    f"write FIELD:LABEL=VALUE, e.g. --value speaker:T=practitioner; fields: {', '.join(VALUE_FIELDS)}"))
        else:
            _add_value(m, m_.group(1), m_.group(2), m_.group(3).strip(), diags, "--value", 0)
    return m


def _labels(value) -> list[str] | None:
    """A label or a list of labels as text (YAML reads `NA` as text, `0` as a number, `no` as false)."""
    items = value if isinstance(value, list) else [value]
    if any(isinstance(v, (dict, list)) for v in items):
        return None
    return ["" if v is None else str(v).lower() if isinstance(v, bool) else str(v) for v in items]


def _read_mapping_file(doc: Document, m: Mapping) -> None:
    data = doc.data
    if not isinstance(data, dict):
        doc.diag((), "a mapping file holds sections such as `columns:`, `values:`, `dialogue:` and `csv:`",
                 f"Expected one of: {', '.join(SECTIONS)}")
        return
    for key in data:
        if key not in SECTIONS:
            doc.diag((key,), f"unknown section '{shown(str(key))}' in the mapping file",
                     did_you_mean(key, SECTIONS) or f"Expected one of: {', '.join(SECTIONS)}", at_key=True)

    def table(name: str) -> dict:
        value = data.get(name)
        if value is not None and not isinstance(value, dict):
            doc.diag((name,), f"`{name}:` should be a mapping, e.g. {name}: {{...}}")
            return {}
        return value or {}

    for name, column in table("columns").items():
        if name not in FIELDS:
            doc.diag(("columns", name), f"unknown field '{shown(str(name))}'",
                     did_you_mean(name, FIELDS) or f"Expected one of: {', '.join(FIELDS)}", at_key=True)
        elif not isinstance(column, (str, int)) or isinstance(column, bool) or column == "":
            doc.diag(("columns", name), f"the column name for '{name}' should be text", 'quote it: "0"')
        else:
            m.columns[name] = str(column)
    empty = data.get("empty")
    if isinstance(empty, dict):
        for name, labels in empty.items():
            got = _labels(labels)
            if got is None:
                doc.diag(("empty", name), "list the labels that mean no value, e.g. [n/a, NA]")
            else:
                m.empty.setdefault(str(name).casefold(), set()).update(norm(x) for x in got)
    elif empty is not None:
        got = _labels(empty)
        if got is None:
            doc.diag(("empty",), "`empty:` lists labels that mean no value, e.g. [n/a, NA], or maps fields to them")
        else:
            m.empty["*"] = {norm(x) for x in got}
    for section, target in (("details", m.details), ("flags", m.flags)):
        for column, label in table(section).items():
            if not isinstance(label, str) or not label.strip():
                doc.diag((section, column), f"`{section}:` maps a column to the code label it "
                         + ("refines" if section == "details" else "stands for"), "e.g. reflection_subtype: reflection")
            else:
                target[str(column)] = norm(label) if section == "details" else label
    for word, default in (("yes", YES), ("no", NO)):
        got = _labels(table("yes_no").get(word, list(default)))
        if got is None:
            doc.diag(("yes_no", word), f"`yes_no.{word}` lists the cells that mean {word}")
        else:
            setattr(m, word, tuple(norm(x) for x in got))
    for key in table("yes_no"):
        if key not in ("yes", "no"):
            doc.diag(("yes_no", key), f"unknown field '{shown(str(key))}' in yes_no", "Expected one of: yes, no", at_key=True)
    rule = data.get("annotators")
    if rule is not None:
        if rule not in RULES:
            doc.diag(("annotators",), f"unknown rule '{shown(str(rule))}' for several annotators",
                     "majority (a code or talk label more than half of the annotators gave), first (the first row of "
                     "each utterance), or coders (one dialogue per annotator)")
        else:
            m.annotators = rule
            m.where["annotators"] = _at(doc, ("annotators",))
    for name, labels in table("values").items():
        if name not in VALUE_FIELDS:
            doc.diag(("values", name), f"unknown field '{shown(str(name))}' in values", f"Expected one of: {', '.join(VALUE_FIELDS)}",
                     at_key=True)
            continue
        if not isinstance(labels, dict):
            doc.diag(("values", name), f"values.{name} should map labels to values, e.g. {{T: practitioner}}")
            continue
        for label, value in labels.items():
            loc = doc.loc(("values", name, label))
            _add_value(m, name, str(label), "" if value is None else value, doc.diagnostics, doc.path, loc.line, loc.column)
    for key, value in table("dialogue").items():
        if key not in DIALOGUE_KEYS:
            doc.diag(("dialogue", key), f"unknown field '{shown(str(key))}' in dialogue",
                     did_you_mean(key, DIALOGUE_KEYS) or f"Expected one of: {', '.join(DIALOGUE_KEYS)}", at_key=True)
            continue
        m.where[key] = _at(doc, ("dialogue", key))
        if isinstance(value, dict) and key in FROM_COLUMN:
            m.dialogue[key] = _from_column(doc, ("dialogue", key), value)
        else:
            m.dialogue[key] = value
    for key, value in table("csv").items():
        if key not in ("delimiter", "separator") or not isinstance(value, str) or len(value) != 1:
            doc.diag(("csv", key), "csv takes `delimiter` and `separator`, each one character", 'e.g. delimiter: ";"')
        else:
            setattr(m, key, value)


def _at(doc: Document, path: tuple) -> tuple[str, int, int]:
    loc = doc.loc(path)
    return doc.path, loc.line, loc.column


def _from_column(doc: Document, path: tuple, value: dict) -> FromColumn | None:
    unknown = set(value) - {"column", "values", "default"}
    if unknown or not isinstance(value.get("column"), str) or not isinstance(value.get("values") or {}, dict):
        doc.diag(path, f"`{path[-1]}:` is a value, or {{column: NAME, values: {{LABEL: VALUE}}, default: VALUE}}",
                 "e.g. style: {column: quality, values: {high: mi, low: righting_reflex}}")
        return None
    labels = {norm(str(k).lower() if isinstance(k, bool) else str(k)): v for k, v in (value.get("values") or {}).items()}
    return FromColumn(value["column"], labels, value.get("default"), _at(doc, path))


def _add_value(m: Mapping, name: str, label: str, value, diags: list, where: str, line: int, column: int = 1) -> None:
    allowed = {"speaker": ["practitioner", "client"], "code": codes.CODE_VALUES, "talk": codes.TALK_VALUES,
               "detail": sorted({d for t in (codes.BEHAVIOURS, codes.TALK_TYPES) for ds in t.values() for d in ds})}[name]
    if value == "" and name != "speaker":
        m.values.setdefault(name, {})[norm(label)] = ""  # a label that means no code, no detail, no talk
        return
    if not isinstance(value, str) or value not in allowed:
        nothing = "" if name == "speaker" else '; "" maps the label to nothing'
        diags.append(Diagnostic(where, line, column, f"'{shown(str(value))}' is not a {name} value mi-course knows",
                                (did_you_mean(value, allowed) or f"Expected one of: {', '.join(allowed)}") + nothing))
        return
    m.values.setdefault(name, {})[norm(label)] = value
