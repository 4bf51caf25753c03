"""The bank JSON Schema, assembled from the kinds' folders: one source of truth for editors and the validator.

`python -m generator.schema` rewrites the shipped copy in `generator/schema/bank.schema.json`.
"""
from __future__ import annotations

import json
from pathlib import Path

from . import codes
from .fields import CODED, CODES, COMMON, DEFS, ID, PLAIN, TALK, TEXT, list_of, obj
from .kinds import KINDS

SCHEMA_PATH = Path(__file__).parent / "schema" / "bank.schema.json"
SCHEMA_ID = "https://mi-course.org/schema/bank.schema.json"

def _dialogue_schema() -> dict:
    participant = obj({"name": TEXT, "role": TEXT}, ["name"])
    # One label, or several in the order spoken: "I should cut down, but it's the only thing that helps me sleep" is
    # change talk then sustain talk. The two forms differ by type, so an error names the form the author wrote. The
    # labels are written out rather than referenced: an anyOf error carries its branches, and they must read the same
    # in the shipped schema and in the validator's copy with references written out.
    label = {"enum": codes.TALK_VALUES}
    talk = {"anyOf": [label, {"type": "array", "items": label, "minItems": 1, "uniqueItems": True}],
            "description": "Client turns: one talk label, or a list of labels in the order spoken when the turn "
                           "carries more than one (`[change/need, sustain/reasons]`)."}
    turn = obj({
        "speaker": {"enum": ["practitioner", "client"]},
        "text": TEXT,
        "codes": CODES,
        "talk": talk,
        "note": TEXT,
    }, ["speaker", "text"])
    return obj({
        "id": ID, "title": PLAIN, "context": TEXT,
        "setting": COMMON["setting"], "audience": COMMON["audience"], "topics": COMMON["topics"],
        "style": {"enum": ["mi", "righting_reflex"]},
        "pair": ID,
        "corpus": {**TEXT, "description": "The collection an imported transcript belongs to: its dialogues get an index "
                                          "page of their own instead of one nav entry each."},
        "markup": {"enum": ["markdown", "plain"],
                   "description": "plain: turns and notes show exactly as typed (imported text); markdown is the default."},
        "coded": {"type": "array", "items": {"enum": CODED}, "minItems": 1, "uniqueItems": True,
                  "description": "What the coding covers (the default is everything): behaviour codes, question/open and "
                                 "question/closed when questions are split, client talk types. Figures of anything "
                                 "left out show as not coded, not as zero."},
        "participants": obj({"practitioner": participant, "client": participant}, ["practitioner", "client"]),
        "turns": list_of(turn, 2),
        "review": COMMON["review"],
        "facilitator": COMMON["facilitator"],
    }, ["id", "title", "participants", "turns"])


def build_schema() -> dict:
    defs = dict(DEFS)
    branches = []
    for name, kind in KINDS.items():
        props = {**COMMON, **kind.properties}
        props["kind"] = {"const": name}
        defs[name] = obj(props, ["id", "kind", "topics", *kind.required], kind.doc)
        branches.append({"if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
                         "then": {"$ref": f"#/$defs/{name}"}})
    defs["dialogue"] = _dialogue_schema()
    exercise = {
        "type": "object",
        "required": ["id", "kind"],
        "properties": {"kind": {"enum": list(KINDS)}},
        "allOf": branches,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "mi-course exercise bank",
        "type": "object",
        "properties": {
            "exercises": {"type": "array", "items": {"$ref": "#/$defs/exercise"}},
            "dialogues": {"type": "array", "items": {"$ref": "#/$defs/dialogue"}},
        },
        "additionalProperties": False,
        "minProperties": 1,
        "$defs": {**defs, "exercise": exercise},
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, sort_keys=False) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.parent.mkdir(exist_ok=True)
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
