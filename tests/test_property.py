"""Property-based hardening: banks generated and mutated from the shipped ones, validated and rendered in-process.

The only allowed outcomes are a valid course that renders, or clean `path:line:column` diagnostics. No exception
may escape the generator, whatever an author writes. (No MkDocs build per case: `check` + `build_pages` only.)
"""
from __future__ import annotations

import copy
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from conftest import REPO
from generator.config import load_config
from generator.diagnostics import Diagnostic
from generator import directives
from generator.site import build_pages, read_lessons, track_of
from generator.validate import load_course

EXAMPLES = int(os.environ.get("MI_PROPERTY_EXAMPLES", "2000"))  # at least 2,000 per run; raise it for a long hunt
BANK_NAME = "fuzz.yaml"
BANK_PATH = f"exercises/{BANK_NAME}"


def _shipped() -> list[tuple[str, list[dict]]]:
    """(section, items) of every shipped bank, read with PyYAML (the shipped banks hold no anchors)."""
    out = []
    for path in sorted((REPO / "exercises").rglob("*.yaml")):
        if path.name == "taxonomy.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for section in ("exercises", "dialogues"):
            if data.get(section):
                out.append((section, data[section]))
    return out


SHIPPED = _shipped()
DIALOGUES = [d for section, items in SHIPPED if section == "dialogues" for d in items]
KINDS = sorted({e.get("kind") for section, items in SHIPPED if section == "exercises" for e in items})

ODD = st.sampled_from([
    "", " ", "No", "yes", "null", "~", "1.0", "0x1F", "*sighs*", "&anchor", "[laughs] ok", "{a: b}", "- item",
    "a: b", "a #b", "#", "'", '"', "\\", "\t", "\u00a0", "\u200b", "\u202e evil", "\ufeff", "\u0301", "e\u0301",
    "\U0001F600", "\U0001F1EB\U0001F1F7", "日本語", "עברית", "<script>alert(1)</script>",
    "[x](javascript:alert(1))", "<img src=x onerror=alert(1)>", "{{ jinja }}", "{% raw %}", "&amp;", "\x7f",
    "\u2028line", "\u0085", "%TAG", "!!python/object", "<<", "---", "...", "**", "_", "`", "```", "    code",
    "1. list", "> quote", "x" * 5000, "Ω" * 300,
])
TEXT = st.one_of(ODD, st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True), TEXT)
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                     st.dictionaries(TEXT, inner, max_size=3)), max_leaves=6)


def _paths(node, prefix=()):
    """Every path into a nested value (including the root's children), parents before children."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield prefix + (k,)
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield prefix + (i,)
            yield from _paths(v, prefix + (i,))


def _get(node, path):
    for p in path:
        node = node[p]
    return node


@st.composite
def mutated_bank(draw):
    """A bank made from a slice of a shipped one, with a few mutations a careless (or hostile) author could make."""
    section, items = draw(st.sampled_from(SHIPPED))
    start = draw(st.integers(0, len(items) - 1))
    chosen = copy.deepcopy(items[start:start + draw(st.integers(1, 4))])
    data: dict = {section: chosen}
    if section == "exercises" and draw(st.booleans()):
        data["dialogues"] = copy.deepcopy(draw(st.lists(st.sampled_from(DIALOGUES), max_size=2)))
    for _ in range(draw(st.integers(0, 4))):  # none at all: the slice itself, which must render
        paths = list(_paths(data))
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _get(data, path[:-1]), path[-1]
        op = draw(st.sampled_from(["remove", "swap", "unicode", "empty", "dup_id", "dup_item", "kind", "rename",
                                   "toggle", "shuffle", "drop_item", "borrow", "borrow"]))
        if op == "remove":
            del parent[key]
        elif op == "swap":
            parent[key] = draw(VALUE)
        elif op == "unicode":
            strings = [p for p in paths if isinstance(_get(data, p), str)]
            if strings:
                p = draw(st.sampled_from(strings))
                _get(data, p[:-1])[p[-1]] = draw(TEXT)
        elif op == "empty":
            lists = [p for p in paths if isinstance(_get(data, p), (list, dict))]
            if lists:
                p = draw(st.sampled_from(lists))
                _get(data, p[:-1])[p[-1]] = [] if isinstance(_get(data, p), list) else {}
        elif op == "dup_id":
            ids = [p for p in paths if p[-1] == "id"]
            if len(ids) >= 2:
                a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
                _get(data, b[:-1])["id"] = _get(data, a)
        elif op == "dup_item":
            lists = [p for p in paths if isinstance(_get(data, p), list) and _get(data, p)]
            if lists:
                p = draw(st.sampled_from(lists))
                target = _get(data, p)
                target.append(copy.deepcopy(target[draw(st.integers(0, len(target) - 1))]))
        elif op == "kind":
            kinds = [p for p in paths if p[-1] == "kind"]
            if kinds:
                p = draw(st.sampled_from(kinds))
                _get(data, p[:-1])["kind"] = draw(st.sampled_from(KINDS + ["", "Single_Choice", "quiz"]))
        elif op == "toggle":  # schema-valid changes reach the meaning checks: how many are correct, which is best
            dicts = [p for p in paths if isinstance(_get(data, p), dict)]
            if dicts:
                target = _get(data, draw(st.sampled_from(dicts)))
                flag = draw(st.sampled_from(["correct", "acceptable"]))
                target[flag] = not target.get(flag, False)
        elif op == "shuffle":
            lists = [p for p in paths if isinstance(_get(data, p), list) and len(_get(data, p)) > 1]
            if lists:
                target = _get(data, draw(st.sampled_from(lists)))
                target[:] = draw(st.permutations(target))
        elif op == "drop_item":
            lists = [p for p in paths if isinstance(_get(data, p), list) and _get(data, p)]
            if lists:
                target = _get(data, draw(st.sampled_from(lists)))
                del target[draw(st.integers(0, len(target) - 1))]
        elif op == "borrow":  # a string from elsewhere in the bank: `next` to another node, a talk type as a code
            strings = [p for p in paths if isinstance(_get(data, p), str)]
            if len(strings) >= 2:
                a, b = draw(st.sampled_from(strings)), draw(st.sampled_from(strings))
                _get(data, b[:-1])[b[-1]] = _get(data, a)
        elif op == "rename" and isinstance(parent, dict):
            parent[draw(st.sampled_from([str(key) + "s", str(key).upper(), "<<", "", "x y", "id"]))] = parent.pop(key)
    return data


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    def ignore_aliases(self, data):  # a duplicated item is written out twice, as an author would
        return True


def dump(data) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100)


DIAG = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): \S")


@pytest.fixture(scope="module")
def course_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "exercises").mkdir()
    shutil.copy(REPO / "exercises" / "taxonomy.yaml", root / "exercises" / "taxonomy.yaml")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# Home\n", encoding="utf-8")
    return root


def assert_clean(diags: list[Diagnostic]) -> None:
    assert diags, "a failed build must say why"
    for d in diags:
        text = d.format()
        assert "Traceback" not in text and "object at 0x" not in text, text
        if d.path == BANK_PATH:
            assert d.line >= 1 and d.column >= 1, text
            assert DIAG.match(text), text
        assert d.message.strip(), text


_SETUP: dict = {}


def validate_and_render(root: Path, text: str) -> list[Diagnostic] | None:
    """None when the bank is valid and every page rendered; otherwise the diagnostics (checked to be clean).

    The course settings and lessons do not change between cases, so they are read once; the banks (taxonomy and the
    mutated bank) go through `load_course`, the validator every build uses, then `build_pages` renders every page."""
    if root not in _SETUP:
        config, diags = load_config(root)
        lessons, lesson_diags = read_lessons(root / "content", root)
        assert not diags and not lesson_diags
        _SETUP[root] = config, lessons
    config, lessons = _SETUP[root]
    (root / "exercises" / BANK_NAME).write_text(text, encoding="utf-8")
    course, diags = load_course(root)
    if course is None:
        assert any(d.severity == "error" for d in diags)
        assert_clean(diags)
        return diags
    for d in diags:
        assert DIAG.match(d.format()), d.format()
    for d in directives.check(lessons, course):
        assert d.format().strip()
    site = build_pages(course, config, track_of(config, None), lessons)
    pages = "".join(site.files.values())
    for ex_id, ex in course.exercises.items():  # a self-test item is a field of the self-test's form
        assert (f'data-st="{ex_id}"' if ex.self_test else f'data-ex="{ex_id}"') in pages
    # Hostile text may show, escaped, as text (`&lt;img src=x onerror=alert(1)&gt;`), never as a live tag or attribute.
    assert "<script>alert" not in pages and not re.search(r"<[^<>]*\sonerror=", pages)
    return None


@settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
@given(mutated_bank())
def test_mutated_banks_validate_or_fail_cleanly(course_dir, data):
    diags = validate_and_render(course_dir, dump(data))
    event("valid and rendered" if diags is None else "clean errors")  # see --hypothesis-show-statistics


@st.composite
def mangled_text(draw):
    """Text-level damage a YAML structure cannot express: cut lines, stray characters, bad indentation, tabs."""
    section, items = draw(st.sampled_from(SHIPPED))
    start = draw(st.integers(0, len(items) - 1))
    text = dump({section: copy.deepcopy(items[start:start + 2])})
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["cut", "insert", "indent", "dedent", "delete", "dup", "tab", "junk"]))
        if op == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif op == "insert":
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + draw(st.sampled_from(
                [":", ": ", " #", "*", "&", "[", "]", "{", "}", "'", '"', "!", "|", ">", "- ", "? ", "%", "@", "`",
                 "\\", "<<: ", "\u00a0", "\x85", "\ufeff", "---", "*a"])) + lines[i][pos:]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i].lstrip()
        elif op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "tab":
            lines[i] = "\t" + lines[i]
        elif op == "junk":
            lines[i] = draw(st.text(st.characters(blacklist_categories=("Cs",)), max_size=20))
    return "\n".join(lines)


@settings(max_examples=max(100, EXAMPLES // 8), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mangled_text())
def test_mangled_yaml_text_fails_cleanly(course_dir, text):
    assume("\x00" not in text)
    validate_and_render(course_dir, text)


def test_every_shipped_item_alone_is_valid_or_clean(course_dir):
    """The unmutated items: a sanity check that the harness itself accepts good input."""
    for section, items in SHIPPED:
        if section == "exercises":
            assert validate_and_render(course_dir, dump({section: items, "dialogues": DIALOGUES})) is None


@settings(max_examples=max(100, EXAMPLES // 8), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_bank())
def test_the_prepared_schema_reports_what_the_shipped_schema_reports(data):
    """validate.py writes the schema's local $refs out in place for speed: the errors must stay exactly the same."""
    import json

    import jsonschema

    from generator.schema import SCHEMA_PATH
    from generator.source import Document, load_text
    from generator.validate import _validator

    doc = load_text(dump(data), Document(BANK_PATH))
    assume(doc.data is not None)

    def key(validator):
        return sorted((tuple(map(str, e.absolute_path)), e.validator, e.message, repr(e.validator_value),
                       sorted(e.schema.get("properties", {})) if e.validator == "additionalProperties" else [])
                      for e in validator.iter_errors(doc.data))

    shipped = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert key(_validator()) == key(shipped)


@settings(max_examples=max(100, EXAMPLES // 8), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_bank())
def test_the_compiled_validator_leads_to_the_errors_jsonschema_alone_reports(data):
    """jsonschema words only what the compiled validator rejects: the same errors, in the same order, at the same paths."""
    from generator.source import Document, load_text
    from generator.validate import _validator, schema_errors

    doc = load_text(dump(data), Document(BANK_PATH))
    assume(doc.data is not None)

    def key(errors):
        return [(tuple(map(str, e.absolute_path)), e.validator, e.message, repr(e.validator_value)) for e in errors]

    alone = key(_validator().iter_errors(doc.data))
    event("schema errors" if alone else "valid")
    assert key(schema_errors(doc.data)) == alone


def test_jsonschema_reads_only_the_items_the_compiled_validator_rejects(monkeypatch):
    import jsonschema

    from generator.validate import _validator, schema_errors

    good = {"id": "ok-one", "kind": "single_choice", "topics": ["reflections"], "prompt": "P?",
            "options": [{"text": "A", "correct": True, "feedback": "F"}, {"text": "B", "feedback": "G"}]}
    bank = {"exercises": [good, {**good, "id": "Bad id"}, good]}
    expected = [(list(e.absolute_path), e.validator) for e in _validator().iter_errors(bank)]
    assert expected == [(["exercises", 1, "id"], "pattern")]
    seen = []
    descend, iter_errors = jsonschema.Draft202012Validator.descend, jsonschema.Draft202012Validator.iter_errors

    def whole(self, instance, *a, **k):
        assert instance is not bank, "jsonschema read the whole bank"
        return iter_errors(self, instance, *a, **k)

    monkeypatch.setattr(jsonschema.Draft202012Validator, "iter_errors", whole)
    monkeypatch.setattr(jsonschema.Draft202012Validator, "descend",
                        lambda self, instance, *a, **k: seen.append(instance) or descend(self, instance, *a, **k))
    assert [(list(e.absolute_path), e.validator) for e in schema_errors(bank)] == expected
    assert seen[0] == bank["exercises"][1] and good not in seen[:1]
    assert list(schema_errors({"exercises": [good]})) == []
