"""Bank files to the typed model, collecting every error with its position.

The shipped JSON Schema checks structure (one source of truth with editors); Python adds what a schema
cannot say: the taxonomy, unique ids, references between files, scenario graphs, "did you mean".
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import jsonschema_rs

from . import codes
from .conventions import coding_warnings
from .diagnostics import Diagnostic, close_match, did_you_mean, expected, hidden_characters
from .kinds import KINDS
from .model import Course, Dialogue, Exercise, Origin, Participant, Review, Taxonomy, Topic, Turn
from .schema import build_schema
from .source import Document, ParseCache, load_file

TAXONOMY_FILE = "taxonomy.yaml"
SECTIONS = ("dialogues", "exercises")
_YAML_TYPES = {str: "text", bool: "a boolean (true/false)", type(None): "null (nothing)", int: "a number", float: "a number",
               list: "a list", dict: "a mapping"}
_SCHEMA_TYPES = {"string": "text", "integer": "a whole number", "boolean": "true or false", "array": "a list",
                 "object": "a mapping of fields", "number": "a number"}


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = build_schema()  # from the kinds' folders, so a new folder is checked without regenerating the shipped file
    return jsonschema.Draft202012Validator(_inline_refs(schema, schema.get("$defs", {})))


@lru_cache(maxsize=1)
def _fields() -> frozenset[str]:
    """Every field name the bank schema knows, at any depth."""
    def walk(node) -> Iterator[str]:
        if isinstance(node, dict):
            if isinstance(node.get("properties"), dict):
                yield from node["properties"]
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)
    return frozenset(walk(_validator().schema))


@lru_cache(maxsize=1)
def _compiled() -> jsonschema_rs.Validator:
    """The same schema in a compiled validator: it finds what fails, fast; jsonschema then words the errors."""
    return jsonschema_rs.Draft202012Validator(build_schema())


def _inline_refs(node: Any, defs: dict, seen: tuple = ()) -> Any:
    """The schema with its local `$ref`s written out in place: the same checks and errors, but no reference lookup per
    value (about a third of the time a large bank took). A reference that would recur is kept as it is."""
    if isinstance(node, list):
        return [_inline_refs(x, defs, seen) for x in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    name = ref[len("#/$defs/"):] if isinstance(ref, str) and ref.startswith("#/$defs/") else None
    out = {k: _inline_refs(x, defs, seen) for k, x in node.items() if k != "$ref" or name not in defs or name in seen}
    if name in defs and name not in seen:
        target = _inline_refs(defs[name], defs, seen + (name,))
        return target if not out else {**out, "allOf": [*out.get("allOf", []), target]}
    return out


def bank_files(exercises_dir: Path) -> list[Path]:
    """Every bank below `exercises/`, in a stable order; symlinked folders are not followed (no loops)."""
    found = []
    for folder, dirs, files in os.walk(exercises_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and not (folder == str(exercises_dir) and name == TAXONOMY_FILE):
                found.append(Path(folder) / name)
    return found


def load_course(root: Path, cache: ParseCache | None = None) -> tuple[Course | None, list[Diagnostic]]:
    """Read taxonomy and banks under `root/exercises`. Returns the course (None if any error) and all diagnostics.
    `cache`: banks parsed before and unchanged since are not parsed again (the dev server's)."""
    exercises_dir = root / "exercises"
    diags: list[Diagnostic] = []
    taxonomy = load_taxonomy(exercises_dir / TAXONOMY_FILE, _rel(exercises_dir / TAXONOMY_FILE, root), diags)
    load = cache.load_file if cache else load_file
    docs = [load(p, _rel(p, root)) for p in bank_files(exercises_dir)]
    course = Course(taxonomy or Taxonomy({}, {}, {}), {}, {})
    ids: dict[str, tuple[Document, tuple]] = {}
    broken_dialogues: set[str] = set()  # known by id, so that references to them do not add a misleading error
    pending_refs: list[tuple[Document, tuple, dict]] = []
    for doc in docs:
        if doc.data is None:
            continue
        bad_items = {p[:2] for p in check_structure(doc)}  # a set: a bank of many broken items stays linear
        data = doc.data if isinstance(doc.data, dict) else {}
        for section in ("dialogues", "exercises"):
            items = data.get(section)
            for n, item in enumerate(items if isinstance(items, list) else []):  # not a list: a schema error
                path = (section, n)
                if not isinstance(item, dict):
                    continue
                before = len(doc.diagnostics)
                if isinstance(item.get("id"), str):
                    _unique(item["id"], doc, path, ids)
                if taxonomy:
                    check_taxonomy(item, path, doc, taxonomy)
                broken = path in bad_items
                if section == "dialogues":
                    _meaning(check_dialogue, item, path, doc, broken)
                    if not broken and not _has_errors(doc.diagnostics[before:]):
                        course.dialogues[item["id"]] = build_dialogue(item, doc, path)
                    elif isinstance(item.get("id"), str):
                        broken_dialogues.add(item["id"])
                    pending_refs.append((doc, path, item))
                    continue
                if isinstance(item.get("kind"), str) and item["kind"] in KINDS:
                    _meaning(KINDS[item["kind"]].check, item, path, doc, broken)
                if not broken and not _has_errors(doc.diagnostics[before:]):
                    ex = course.exercises[item["id"]] = build_exercise(item, doc, path)
                    options = KINDS[ex.kind].options(ex) if ex.self_test else None
                    if ex.self_test and (options is None or sum(o.correct for o in options) != 1):
                        doc.diag(path + ("self_test",), "a self-test item is a choice question with exactly one right "
                                 "option", "use a question with options and one of them `correct: true`, or leave "
                                 "`self_test` out", at_key=True)
                pending_refs.append((doc, path, item))
    for doc, path, item in pending_refs:
        check_references(item, path, doc, set(course.dialogues) | broken_dialogues, course)

    for doc in docs:
        _comment_cuts(doc)
    for ex in course.exercises.values():  # what a kind draws from other items (a dialogue, say), once all are read
        KINDS[ex.kind].link(ex, course)
    for doc in docs:
        diags.extend(doc.diagnostics)
    if not docs and not diags:
        diags.append(Diagnostic(_rel(exercises_dir, root), 0, 0, "no bank files (*.yaml) found",
                                "run `mi-course init` for a starter course, or add a bank to exercises/"))
    diags.sort(key=lambda d: (d.path, d.line, d.column))
    return (None if _has_errors(diags) else course), diags


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _meaning(check, item: dict, path: tuple, doc: Document, broken: bool) -> None:
    """The checks a schema cannot make. On an item whose structure is wrong they still run, so that one run reports
    every error of the item; a check that trips over the broken part has nothing to add beyond the schema's error."""
    if not broken:
        check(item, path, doc)
        return
    try:
        check(item, path, doc)
    except (KeyError, TypeError, AttributeError, ValueError, IndexError):
        pass


# Fields of banks whose values are names, not text: a comment after them is fine.
NAME_FIELDS = {"id", "kind", "topics", "audience", "setting", "difficulty", "code", "codes", "talk", "next", "start",
               "dialogue", "category", "speaker", "style", "pair", "status", "outcome", "date"}


def _comment_cuts(doc: Document) -> None:
    """In a bank, ` #` after unquoted free text cuts the text short: an error, since the author can quote."""
    for path, loc in doc.cuts.items():
        field = next((p for p in reversed(path) if isinstance(p, str)), "")
        if field not in NAME_FIELDS:
            doc.diagnostics.append(Diagnostic(
                doc.path, loc.line, loc.column, "the text before ` #` is cut short: YAML reads ` #` as the start of a comment",
                "put the whole text in double quotes if the `#` belongs to it; in banks a comment goes on a line of its own"))


def _has_errors(diags: list[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diags)


def _one_of(known) -> str:
    return ", ".join(str(k) for k in known)


# Structure (JSON Schema) -------------------------------------------------------------------------------------------

def check_structure(doc: Document) -> set[tuple]:
    """Report schema errors in author language; return the paths that had one."""
    bad: set[tuple] = set()
    for err in schema_errors(doc.data):
        path = tuple(err.absolute_path)
        bad.add(path)
        for message, hint, at, at_key in _explain(err, doc):
            doc.diag(at if at is not None else path, message, hint, at_key=at_key)
    return bad


def schema_errors(data: Any) -> Iterator[jsonschema.ValidationError]:
    """jsonschema's errors for a bank, in its order, asked only about the items the compiled validator rejects."""
    try:
        failing = {tuple(e.instance_path[:2]) for e in _compiled().iter_errors(data)}
    except (ValueError, TypeError, OverflowError):  # a value JSON has no type for (a YAML date): jsonschema words it
        return _validator().iter_errors(data)
    if any(len(p) < 2 or p[0] not in SECTIONS or not isinstance(p[1], int) for p in failing):
        return _validator().iter_errors(data)  # the file or a section is wrong as a whole
    return _item_errors(data, failing)


def _item_errors(data: dict, failing: set[tuple]) -> Iterator[jsonschema.ValidationError]:
    """What the `properties` and `items` keywords would yield for these items: the same errors, paths and order."""
    v = _validator()
    for section, schema in v.schema["properties"].items():
        for n in sorted(n for s, n in failing if s == section):
            for err in v.descend(data[section][n], schema["items"], path=n):
                err.path.appendleft(section)
                yield err


def _explain(err, doc: Document):
    """Yield (message, hint, path or None, point at key) for one schema error."""
    path = tuple(err.absolute_path)
    field = _field_name(path)
    v = err.validator
    if v == "required":
        missing = err.message.split("'")[1]
        # `kin:` for `kind:` leaves the kind unknown, so no kind's schema can call `kin` unknown: point at it here
        typo = close_match(missing, [k for k in err.instance if isinstance(k, str) and k not in _fields()])
        yield (f"missing required field '{missing}'{_in(path)}",
               f"the item has '{typo}': did you mean '{missing}'?" if typo else "", path + (typo,) if typo else None,
               bool(typo))
    elif v == "additionalProperties":
        allowed = list(err.schema.get("properties", {}))
        nested = _nested_fields(err.schema)
        for extra in sorted(set(err.instance) - set(allowed)):
            hint = did_you_mean(extra, allowed) or f"Expected one of: {_one_of(allowed)}"
            if extra in nested:
                hint = (f"`{extra}` belongs to each item of `{nested[extra]}`: is it indented less than the item's other "
                        f"fields? Line it up with them")
            yield f"unknown field '{extra}'{_in(path)}", hint, path + (extra,), True
    elif v == "type":
        yield _type_message(err, doc, path, field)
    elif v in ("anyOf", "oneOf"):  # a value written one of several ways (`talk`: one label or a list of labels)
        for sub in _branch_errors(err):
            for message, hint, at, at_key in _explain(sub, doc):  # at the part that is wrong: a list's item
                yield message, hint, tuple(sub.absolute_path) if at is None else at, at_key
    elif v == "uniqueItems":
        first: dict[str, int] = {}
        for n, value in enumerate(err.instance):
            key = json.dumps(value, sort_keys=True, ensure_ascii=False)
            if key in first:
                shown = _show(value, doc, path + (n,))
                what = (f"the talk label '{shown}' appears twice in this turn" if field == "talk"
                        else f"'{shown}' appears twice in '{field}'")
                yield what, f"list each one once (the first is item {first[key] + 1})", path + (n,), False
            else:
                first[key] = n
    elif v in ("enum", "const"):
        options = err.validator_value if v == "enum" else [err.validator_value]
        yield (f"{expected(options, _show(err.instance, doc, path))}{' (for ' + field + ')' if field else ''}",
               did_you_mean(err.instance, options), None, False)
    elif v == "minItems":
        yield f"'{field}' needs at least {err.validator_value} item(s); found {len(err.instance)}", "", None, False
    elif v == "maxItems":
        yield f"'{field}' takes at most {err.validator_value} item(s); found {len(err.instance)}", "", None, False
    elif v == "minLength":
        yield f"'{field}' is empty", "write the text, or leave the field out if it is optional", None, False
    elif v == "pattern":
        hidden = hidden_characters(err.instance)
        yield (f"'{err.instance}' is not a valid id" + (f": it holds invisible characters ({hidden})" if hidden else ""),
               "ids use lower-case letters, digits and hyphens, e.g. oars-reflect-gym", None, False)
    elif v == "maxLength":
        yield (f"'{field}' is too long: {len(err.instance)} characters, at most {err.validator_value}",
               "ids name files and progress records; keep them short", None, False)
    elif v in ("minimum", "maximum"):
        yield f"'{field}' must be from 1 to 3; received: {err.instance}", "", None, False
    elif v == "minProperties":
        yield "the file holds no `exercises:` or `dialogues:`", "", None, False
    else:  # pragma: no cover - every keyword the schema uses is handled above
        yield err.message, "", None, False


def _branch_errors(err) -> list:
    """The errors of the one branch of an anyOf/oneOf written for this kind of value: the branch whose `type` the
    value has (a list for a list), else the branch with no `type` (one value). Every branch's errors would
    mostly say "not a list" to an author who meant one value, and the reverse."""
    checker = _validator().TYPE_CHECKER
    branches = err.validator_value

    def fits(schema: dict) -> bool:
        wanted = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return any(checker.is_type(err.instance, t) for t in wanted)

    typed = [n for n, b in enumerate(branches) if isinstance(b, dict) and "type" in b and fits(b)]
    untyped = [n for n, b in enumerate(branches) if isinstance(b, dict) and "type" not in b]
    pick = (typed or untyped or [0])[0]
    return [sub for sub in err.context if sub.relative_schema_path and sub.relative_schema_path[0] == pick]


def _nested_fields(schema: dict) -> dict[str, str]:
    """Fields of the lists one level down (an option's `feedback` under `options`), to tell a dedented line."""
    out: dict[str, str] = {}
    for name, sub in schema.get("properties", {}).items():
        items = sub.get("items", {}) if isinstance(sub, dict) else {}
        for part in [items, *items.get("allOf", [])]:
            for field in part.get("properties", {}) if isinstance(part, dict) else {}:
                out.setdefault(field, name)
    return out


def _field_name(path: tuple) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else ""


def _in(path: tuple) -> str:
    field = _field_name(path)
    if len(path) >= 2 and path[0] in ("exercises", "dialogues") and len(path) == 2:
        return ""
    return f" in '{field}'" if field else ""


def _show(value: Any, doc: Document, path: tuple) -> str:
    loc = doc.locs.get(path)
    if loc and loc.raw is not None:
        return loc.raw
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def _type_message(err, doc: Document, path: tuple, field: str):
    expected = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
    want = _SCHEMA_TYPES.get(expected, expected)
    got = _YAML_TYPES.get(type(err.instance), type(err.instance).__name__)
    loc = doc.locs.get(path)
    raw = loc.raw if loc else None
    message = f"'{field}' should be {want}, but YAML read {got}" if field else f"expected {want}, but YAML read {got}"
    hint = ""
    if raw == "" and err.instance is None:
        return f"'{field}' has no value", "write the value after the colon; put text in double quotes", None, False
    if expected == "string" and raw is not None and loc.plain and not isinstance(err.instance, (list, dict)):
        shown = {True: "true", False: "false", None: "null"}.get(err.instance, repr(err.instance)) \
            if isinstance(err.instance, (bool, type(None))) else repr(err.instance)
        message = f"'{field}' should be text, but YAML read `{raw}` as {got}: {shown}"
        hint = f'put the text in quotes: "{raw}"'
    elif expected == "string" and isinstance(err.instance, list):
        hint = 'a value that starts with `[` is read as a list; put the whole text in double quotes, e.g. "[laughs] fine"'
    elif expected == "string" and isinstance(err.instance, dict):
        hint = "the text contains `: ` (colon and space), which starts a mapping; put it in double quotes"
    elif expected == "array" and isinstance(err.instance, str):
        hint = f"write a list, e.g. [{err.instance}]"
    return message, hint, None, False


# Meaning (Python) -------------------------------------------------------------------------------------------------

def _unique(item_id: str, doc: Document, path: tuple, ids: dict) -> None:
    if item_id in ids:
        first_doc, first_path = ids[item_id]
        loc = first_doc.loc(first_path + ("id",))
        doc.diag(path + ("id",), f"duplicate id '{item_id}'",
                 f"it is already used at {first_doc.path}:{loc.line}:{loc.column}; ids must be unique across all banks")
    else:
        ids[item_id] = (doc, path)


def check_taxonomy(item: dict, path: tuple, doc: Document, tax: Taxonomy) -> None:
    """Runs even when the structure has errors, so one run reports all; values of the wrong type are skipped."""
    topics = item.get("topics") if isinstance(item.get("topics"), list) else []
    audience = item.get("audience") if isinstance(item.get("audience"), list) else []
    for n, topic in enumerate(topics):
        if isinstance(topic, str) and topic not in tax.topics:
            doc.diag(path + ("topics", n), f"unknown topic '{topic}'",
                     did_you_mean(topic, tax.topics) or "topics are defined in exercises/taxonomy.yaml")
    if isinstance(item.get("setting"), str) and item["setting"] not in tax.settings:
        doc.diag(path + ("setting",), f"unknown setting '{item['setting']}'. Expected one of: {_one_of(tax.settings)}",
                 did_you_mean(item["setting"], tax.settings))
    for n, who in enumerate(audience):
        if isinstance(who, str) and who not in tax.audiences:
            doc.diag(path + ("audience", n), f"unknown audience '{who}'. Expected one of: {_one_of(tax.audiences)}",
                     did_you_mean(who, tax.audiences))


def check_dialogue(item: dict, path: tuple, doc: Document) -> None:
    if item.get("pair") == item["id"]:
        doc.diag(path + ("pair",), "a dialogue cannot be its own pair",
                 "`pair` names the same conversation done the other way (MI style or righting reflex)")
    for n, turn in enumerate(item["turns"]):
        p = path + ("turns", n)
        if turn["speaker"] == "practitioner":
            if "talk" in turn:
                doc.diag(p + ("talk",), "`talk` is for client turns; a practitioner turn takes `codes`", at_key=True)
            codes.check_turn(turn.get("codes", []), p + ("codes",), doc)
            for message, hint in coding_warnings(turn["text"], turn.get("codes", [])) if turn.get("codes") else ():
                doc.diag(p + ("codes",), f"turn {n + 1}: {message}", hint, "warning")
        else:
            if "codes" in turn:
                doc.diag(p + ("codes",), "`codes` are for practitioner turns; a client turn takes `talk`", at_key=True)
            _check_talk(p, turn, doc)
        _check_coded(item, p, turn, doc)


def talk_labels(turn: dict) -> list[tuple[tuple, str]]:
    """A turn's talk labels with the path of each below the turn: `talk: x` -> [(("talk",), x)];
    `talk: [x, y]` -> [(("talk", 0), x), (("talk", 1), y)]. Values of the wrong type are left to the schema."""
    value = turn.get("talk")
    if isinstance(value, str) and value:
        return [(("talk",), value)]
    if isinstance(value, list):
        return [(("talk", n), v) for n, v in enumerate(value) if isinstance(v, str)]
    return []


def _check_talk(p: tuple, turn: dict, doc: Document) -> None:
    """Several labels on one client turn: `neutral` says the turn is neither change nor sustain talk, so it stands alone
    (a repeated label is the schema's error, `uniqueItems`)."""
    labels = talk_labels(turn)
    if len(labels) > 1:
        for at, value in labels:
            if value == "neutral":
                doc.diag(p + at, "`neutral` cannot stand beside another talk label: it says the turn is neither change "
                         "nor sustain talk", "remove `neutral`, or the other labels")


def _check_coded(item: dict, p: tuple, turn: dict, doc: Document) -> None:
    """A turn may only carry what the dialogue's `coded:` says its coding covers."""
    coded = item.get("coded")
    if not coded:
        return
    for n, value in enumerate(turn.get("codes", [])):
        base, detail = codes.split(value)
        if base not in coded or (base == "question" and detail and value not in coded):
            doc.diag(p + ("codes", n), f"'{value}' is not in the dialogue's `coded:` list",
                     f"add '{value if base == 'question' and detail else base}' to `coded:`, or remove the code")
    for at, value in talk_labels(turn):
        if codes.split(value)[0] not in coded:
            doc.diag(p + at, f"'{codes.split(value)[0]}' is not in the dialogue's `coded:` list",
                     "add it to `coded:`, or remove the talk label")


def check_references(item: dict, path: tuple, doc: Document, known: set[str], course: Course) -> None:
    """References to other items; `known` holds every dialogue id, including those with errors of their own."""
    if isinstance(item.get("dialogue"), str):
        target = item["dialogue"]
        if target not in known:
            doc.diag(path + ("dialogue",), f"no dialogue has the id '{target}'", did_you_mean(target, course.dialogues))
        elif target in course.dialogues and not any(t.codes for t in course.dialogues[target].turns):
            doc.diag(path + ("dialogue",), f"dialogue '{target}' has no coded practitioner turns to practise on")
    if isinstance(item.get("pair"), str) and item["pair"] not in known and item["pair"] != item.get("id"):
        doc.diag(path + ("pair",), f"no dialogue has the id '{item['pair']}'", did_you_mean(item["pair"], course.dialogues))


# Model ------------------------------------------------------------------------------------------------------------

def _origin(doc: Document, path: tuple) -> Origin:
    loc = doc.loc(path)
    return Origin(doc.path, loc.line, loc.column)


def _review(data: dict | None) -> Review:
    return Review(**data) if data else Review()


def build_exercise(item: dict, doc: Document, path: tuple) -> Exercise:
    common = dict(
        id=item["id"], topics=list(item["topics"]), origin=_origin(doc, path), title=item.get("title", ""),
        prompt=item.get("prompt", ""), context=item.get("context", ""), audience=list(item.get("audience", [])),
        setting=item.get("setting", ""), difficulty=item.get("difficulty", 1), review=_review(item.get("review")),
        facilitator=item.get("facilitator", ""), self_test=item.get("self_test", ""))
    return KINDS[item["kind"]].build(item, common)


def build_dialogue(item: dict, doc: Document, path: tuple) -> Dialogue:
    people = item["participants"]
    return Dialogue(
        id=item["id"], title=item["title"], origin=_origin(doc, path),
        turns=[Turn(t["speaker"], t["text"], tuple(t.get("codes", ())), tuple(v for _, v in talk_labels(t)),
                    t.get("note", "")) for t in item["turns"]],
        practitioner=Participant(people["practitioner"]["name"], people["practitioner"].get("role", "")),
        client=Participant(people["client"]["name"], people["client"].get("role", "")),
        context=item.get("context", ""), setting=item.get("setting", ""), audience=list(item.get("audience", [])),
        topics=list(item.get("topics", [])), style=item.get("style", "mi"), pair=item.get("pair", ""),
        review=_review(item.get("review")), facilitator=item.get("facilitator", ""), corpus=item.get("corpus", ""),
        markup=item.get("markup", "markdown"), coded=tuple(item.get("coded", ())))


# Taxonomy ---------------------------------------------------------------------------------------------------------

def load_taxonomy(path: Path, display: str, diags: list[Diagnostic]) -> Taxonomy | None:
    doc = load_file(path, display)
    if doc.data is None:
        diags.extend(doc.diagnostics or [Diagnostic(display, 0, 0, "missing taxonomy file")])
        return None
    data = doc.data if isinstance(doc.data, dict) else {}
    for name in sorted(set(data) - {"groups", "topics", "settings", "audiences"}):
        doc.diag((name,), f"unknown section '{name}' in the taxonomy", did_you_mean(name, ["groups", "topics", "settings", "audiences"]),
                 at_key=True)
    groups = data.get("groups") or {}
    topics = {}
    for key, value in (data.get("topics") or {}).items():
        if not isinstance(value, dict) or not isinstance(value.get("label"), str):
            doc.diag(("topics", key), f"topic '{key}' needs a `label`", "e.g. reflections: {label: Reflections, group: oars}")
            continue
        group = value.get("group", "")
        if groups and group not in groups:
            doc.diag(("topics", key, "group"), f"unknown group '{group}'. Expected one of: {_one_of(groups)}")
        topics[str(key)] = Topic(str(key), value["label"], group, value.get("description", ""))
    settings = {str(k): str(v) for k, v in (data.get("settings") or {}).items()}
    audiences = {str(k): str(v) for k, v in (data.get("audiences") or {}).items()}
    for section, table in (("topics", topics), ("settings", settings), ("audiences", audiences)):
        if not table:
            doc.diag((), f"the taxonomy defines no {section}")
    diags.extend(doc.diagnostics)
    return None if _has_errors(doc.diagnostics) else Taxonomy(topics, settings, audiences, dict(groups))
