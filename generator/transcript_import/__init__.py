"""Coded transcripts from a CSV table (one row per utterance) to dialogue YAML files: `mi-course import-transcript`.

The mapping format is FORMAT below; `mi-course import-transcript --help` prints it.
"""
from __future__ import annotations

import os  # noqa: F401  (tests stub os.fdopen through this name)

from .command import Result, import_transcript, report, run
from .mapping import FIELDS, VALUE_FIELDS, Mapping, load_mapping, norm, shown
from .table import Row, convert, read_rows, resolve
from .writing import dialogue_yaml, q, schema_line, slug, write_all

FORMAT = """\
The mapping file (--map MAP.yaml) is YAML; comments are welcome. Every section is optional.

  columns:          # field: the table's column (the field's own name is the default)
    transcript: session       # which conversation a row belongs to (none: the file is one dialogue)
    speaker: role             # practitioner or client (therapist, patient... are understood)
    text: utterance
    code: behaviour           # MITI 4.2.1 code(s); several in one cell separated by csv.separator
    detail: subtype           # the code's detail (open/closed, double_sided...) or the talk's DARN-CAT
    talk: client_talk         # change, sustain, neutral, discord; several in one cell separated by csv.separator
    note: comment
    utterance: utterance_id   # rows of one utterance, when several annotators coded it
    annotator: annotator_id
  empty: [n/a, NA]          # labels that mean "no value" in every column; or per field/column: {code: [n/a]}
  details:                  # detail columns, each refining one code label
    reflection_subtype: reflection
    question_subtype: question
  flags:                    # yes/no columns, each standing for a code label (several codes per utterance)
    reflection_exists: reflection
  yes_no: {yes: [yes, true, 1], no: [no, false, 0]}
  annotators: majority      # majority (more than half gave it), first (the first row), coders (a dialogue each)
  values:                   # the corpus's labels; "" maps a label to nothing
    speaker: {T: practitioner, C: client}
    code: {reflection/simple: simple_reflection, reflection/complex: complex_reflection, other: ""}
    detail: {ds: double_sided}
    talk: {"+": change, "-": sustain, "0": neutral}
  dialogue:                 # the dialogues' fields; {column} in a template is the transcript's first row
    id_prefix: corpus-
    title: "Session {transcript}: {topic}"
    source: "{video_url}"     # an http(s) link, shown under the title
    style: {column: quality, values: {high: mi, low: righting_reflex}, default: mi}
    setting: {column: topic, values: {alcohol: addiction}, default: general}
    audience: [clinician]
    topics: [reflections]
    coded: [simple_reflection, complex_reflection, question, change, sustain, neutral]  # what the coding covers
    corpus: My corpus         # its index page (default: the file's name)
    participants: {practitioner: {name: Therapist}, client: {name: Client}}
  csv: {delimiter: ",", separator: ";"}

A code label is looked up with its detail first (reflection/simple), then alone; labels match without regard to
case, spaces or hyphens. Errors are reported per cause, then line by line; warnings never block. See the README,
"Importing coded transcripts (CSV)".
"""

__all__ = ["FORMAT", "FIELDS", "VALUE_FIELDS", "Mapping", "Result", "Row", "convert", "dialogue_yaml", "import_transcript", "load_mapping",
           "norm", "q", "read_rows", "report", "resolve", "run", "schema_line", "shown", "slug", "write_all"]
