"""The bank JSON Schema, assembled from the kind modules: one source of truth for editors and the validator.

`python -m generator.schema` rewrites the shipped copy in `generator/schema/bank.schema.json`.
"""
from __future__ import annotations

import json
from pathlib import Path

from . import codes

SCHEMA_PATH = Path(__file__).parent / "schema" / "bank.schema.json"
SCHEMA_ID = "https://mi-course.org/schema/bank.schema.json"

TEXT = {"$ref": "#/$defs/text"}
ID = {"$ref": "#/$defs/id"}
CODE = {"$ref": "#/$defs/code"}
PLAIN = {"type": "string", "minLength": 1, "description": "Plain text, shown as typed (no Markdown)."}
CODES = {"type": "array", "items": CODE, "minItems": 1}
TALK = {"$ref": "#/$defs/talk"}
CODED = [*codes.BEHAVIOURS, "question/open", "question/closed", *codes.TALK_TYPES]


def text_list(min_items: int = 1) -> dict:
    return {"type": "array", "items": TEXT, "minItems": min_items}


def obj(properties: dict, required: list[str], description: str = "") -> dict:
    out = {"type": "object", "properties": properties, "required": required, "additionalProperties": False}
    if description:
        out["description"] = description
    return out


def list_of(item: dict, min_items: int = 1) -> dict:
    return {"type": "array", "items": item, "minItems": min_items}


DEFS = {
    "text": {"type": "string", "minLength": 1, "description": "Text; Markdown allowed."},
    "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "maxLength": 80,
           "description": "Lower-case letters, digits and hyphens; stable once published (progress is keyed to it)."},
    "code": {"enum": codes.CODE_VALUES, "description": "A MITI 4.2.1 behaviour code, optionally with a detail."},
    "talk": {"enum": codes.TALK_VALUES, "description": "Client language: change or sustain (with DARN-CAT), neutral, discord."},
    "review": obj({
        "status": {"enum": ["draft", "reviewed"]},
        "by": {"type": "string"},
        "date": {"type": "string"},
    }, ["status"], "Who has checked this item, and when."),
}

COMMON = {
    "id": ID,
    "kind": {"type": "string"},
    "title": PLAIN,
    "topics": {"type": "array", "items": {"type": "string"}, "minItems": 1,
               "description": "Topic ids from exercises/taxonomy.yaml."},
    "audience": {"type": "array", "items": {"type": "string"}, "minItems": 1},
    "setting": {"type": "string"},
    "difficulty": {"type": "integer", "minimum": 1, "maximum": 3},
    "review": {"$ref": "#/$defs/review"},
    "prompt": TEXT,
    "context": TEXT,
    "facilitator": {**TEXT, "description": "Notes and discussion prompts for the facilitator guide."},
    "self_test": {"enum": ["A", "B"], "description": "An item of form A (taken before the course) or B (after) of the "
                  "pre/post self-test; no lesson or practice page shows it. A choice question with one right option."},
}


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
    from .kinds import KINDS

    defs = dict(DEFS)
    branches = []
    for name, module in KINDS.items():
        props = {**COMMON, **module.PROPERTIES}
        props["kind"] = {"const": name}
        defs[name] = obj(props, ["id", "kind", "topics", *module.REQUIRED], module.__doc__.strip().splitlines()[0])
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
