"""The bank format as a trainer reads it: each kind's fields, the codes and talk values, the quoting rules. Made from
the same schema the validator runs, so `mi-course init`'s README cannot drift from what a build accepts."""
from __future__ import annotations

from . import codes
from .schema import build_schema

QUOTING = """\
Put text in double quotes. Unquoted, YAML reads `No`, `yes`, `on`, `1.0` and `null` as something other than text,
`*sighs*` as an alias, `[laughs] fine` as a list, `: ` as the start of a new field and ` #` as the start of a comment
(in a bank that last one is an error). Inside double quotes write a double quote as `\\"`, or put the whole text in
single quotes: `'He said "no"'`. Indent the fields of each item under each other, with spaces, never tabs."""

TALK_LIST = """\
A dialogue's client turn takes one value (`talk: change/desire`) or, when it does two things, a list in the order
spoken: `talk: [change/need, sustain/reasons]` for "I know I should cut down, but it's the only thing that helps me
sleep". Each value at most once; `neutral` stands alone. A turn with both counts once as change talk and once as
sustain talk in the summary figures."""


def _kind_of(prop: dict) -> str:
    """A field's type in words."""
    if "$ref" in prop:
        return {"text": "text (Markdown)", "id": "id", "code": "code", "codes": "list of codes", "talk": "talk value",
                "review": "review: {status, by, date}"}.get(prop["$ref"].rsplit("/", 1)[-1], "value")
    if "enum" in prop:
        return "one of: " + ", ".join(str(v) for v in prop["enum"])
    if prop.get("type") == "array":
        items = prop.get("items", {})
        if "properties" in items:  # a list of mappings: name their fields, the required ones in bold
            return "list of {" + ", ".join(f"**{n}**" if n in items.get("required", []) else n
                                           for n in items["properties"]) + "}"
        return "list of " + ("text" if items.get("$ref", "").endswith("/text") else "names")
    if prop.get("type") == "object" and "properties" in prop:
        return "{" + ", ".join(f"**{n}**" if n in prop.get("required", []) else n for n in prop["properties"]) + "}"
    return {"string": "text", "integer": "whole number", "boolean": "true or false", "object": "mapping"}.get(
        prop.get("type", ""), "value")


def bank_reference() -> str:
    """Markdown: one section per kind with its fields, then the codes, the talk values and the quoting rules."""
    schema = build_schema()
    defs = schema["$defs"]
    kinds = schema["$defs"]["exercise"]["properties"]["kind"]["enum"]
    out = ["## The bank format", "", "Every exercise has `id`, `kind` and `topics`; the fields of each kind follow "
           "(**bold**: required).", ""]
    for kind in [*kinds, "dialogue"]:
        d = defs[kind]
        out += [f"### `{kind}`", "", d.get("description", ""), ""]
        for name, prop in d["properties"].items():
            if name == "kind":
                continue
            label = f"**`{name}`**" if name in d["required"] else f"`{name}`"
            note = prop.get("description", "")
            out.append(f"- {label}: {_kind_of(prop)}" + (f". {note}" if note else ""))
        out.append("")
    out += ["## Codes (MITI 4.2.1)", "", "Written `code` or `code/detail`:", "",
            ", ".join(f"`{c}`" for c in codes.CODE_VALUES), "", "## Client talk", "",
            ", ".join(f"`{t}`" for t in codes.TALK_VALUES), "", TALK_LIST, "", "## Quoting rules", "", QUOTING, ""]
    return "\n".join(out)
