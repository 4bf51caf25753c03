"""Coded transcripts from a CSV table (one row per utterance) to dialogue YAML files.

Columns (the field names are also the default column names, matched without regard to case):
    transcript  which conversation the row belongs to (optional: without it the whole file is one dialogue)
    speaker     who speaks: practitioner or client (therapist, counsellor, coach, patient... are understood)
    text        what is said
    code        practitioner rows: MITI 4.2.1 behaviour code(s); several in one cell are separated by `;`
    detail      the code's detail (open/closed question; double-sided/amplified/reframe/summary reflection), or on a
                client row the DARN-CAT subtype of the talk
    talk        client rows: change, sustain, neutral or discord
    note        optional: what is happening, shown with the turn

A mapping file (YAML) or command-line options rename columns and translate a corpus's own labels:

    columns: {transcript: session_id, speaker: role, text: utterance, code: behaviour, detail: subtype, talk: client_code}
    values:
      speaker: {T: practitioner, C: client}
      code: {reflection/simple: simple_reflection, reflection/complex: complex_reflection, GI: giving_information}
      detail: {ds: double_sided}
      talk: {"+": change, "-": sustain, "0": neutral}
    dialogue: {id_prefix: corpus-, title: "Session {transcript}", setting: addiction, audience: [clinician],
               topics: [reflections], style: mi,
               participants: {practitioner: {name: Therapist}, client: {name: Client}}}
    csv: {delimiter: ",", separator: ";"}

    --column speaker=role   --value speaker:T=practitioner   --value code:reflection/simple=simple_reflection

A code label is looked up first together with its detail (`reflection/simple`), then alone; labels match without
regard to case, spaces or hyphens. Every problem is reported with the CSV line; no file is written unless the
whole table converts and every dialogue validates.
"""
from __future__ import annotations

import os  # noqa: F401  (tests stub os.fdopen through this name)

from .command import Result, import_transcript, report, run
from .mapping import FIELDS, VALUE_FIELDS, Mapping, load_mapping, norm, shown
from .table import Row, convert, read_rows, resolve
from .writing import dialogue_yaml, q, schema_line, slug, write_all

__all__ = ["FIELDS", "VALUE_FIELDS", "Mapping", "Result", "Row", "convert", "dialogue_yaml", "import_transcript", "load_mapping",
           "norm", "q", "read_rows", "report", "resolve", "run", "schema_line", "shown", "slug", "write_all"]
