"""The shipped JSON Schema (for editors) and the Python validator agree, and the schema is current."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import REPO, write_course
from generator.schema import SCHEMA_PATH, schema_text
from generator.validate import bank_files, load_course
from test_bank_errors import CASES

SCHEMA = json.loads(SCHEMA_PATH.read_text())
SHIPPED = bank_files(REPO / "exercises")
# Structural mistakes both must catch (the Python side adds positions, taxonomy, ids and graphs on top).
BOTH = ["missing-required", "missing-feedback", "unknown-field-did-you-mean", "unknown-option-field", "wrong-type-topics",
        "wrong-type-difficulty", "difficulty-range", "yaml-no-as-bool", "yaml-number", "yaml-null", "list-laughs",
        "unknown-kind", "unknown-code", "bad-id", "not-a-mapping", "unknown-top-level"]


def test_schema_file_is_generated_from_the_kind_modules():
    assert SCHEMA_PATH.read_text() == schema_text(), "run: python -m generator.schema"


def test_shipped_banks_exist_and_name_the_schema():
    assert SHIPPED
    for path in SHIPPED:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=")[1]).resolve()
        assert target == SCHEMA_PATH.resolve(), path


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_bank_passes_the_schema(path):
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMA)


def test_shipped_course_passes_the_python_validator():
    course, diags = load_course(REPO)
    assert [d.format() for d in diags if d.severity == "error"] == []
    assert course.exercises


@pytest.mark.parametrize("case", BOTH)
def test_invalid_bank_fails_both(tmp_path, case):
    text = dict((c[0], c[1]) for c in CASES)[case]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(text), SCHEMA)
    course, diags = load_course(write_course(tmp_path, {"bank.yaml": text}))
    assert course is None and any(d.severity == "error" for d in diags)
