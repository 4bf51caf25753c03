"""The building blocks of the bank schema that kinds and the schema share: field types, the common fields, `obj`."""
from __future__ import annotations

from . import codes

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
