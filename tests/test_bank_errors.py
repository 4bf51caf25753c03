"""Malformed banks: each gives the promised error at the exact file, line and column, and never a traceback."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_course
from generator.validate import load_course

HEAD = "exercises:\n"
GOOD = """\
  - id: q1
    kind: single_choice
    topics: [reflections]
    prompt: "Which is a reflection?"
    options:
      - text: "You're worried."
        correct: true
        feedback: "It names a feeling."
      - text: "Why?"
        feedback: "A question."
"""

# (case id, bank text, expected "line:column: severity: message" start)
CASES = [
    ("yaml-syntax", HEAD + "  - id: q1\n    kind: single_choice\n   topics: [x]\n", "4:4: error: YAML syntax error"),
    ("tab-indent", HEAD + "  - id: q1\n\tkind: single_choice\n", "3:1: error: a tab is used for indentation"),
    ("duplicate-key", HEAD + GOOD.replace("    kind: single_choice\n", "    kind: single_choice\n    kind: multiple_choice\n"),
     "4:5: error: duplicate key 'kind' in this mapping"),
    ("duplicate-id-same-file", HEAD + GOOD + GOOD, "12:9: error: duplicate id 'q1'"),
    ("missing-required", HEAD + GOOD.replace('    prompt: "Which is a reflection?"\n', ""), "2:5: error: missing required field 'prompt'"),
    ("missing-feedback", HEAD + GOOD.replace('        feedback: "A question."\n', ""), "10:9: error: missing required field 'feedback' in 'options'"),
    ("misspelt-kind", HEAD + GOOD.replace("    kind:", "    kin:"),  # at the misspelt key, with the hint
     "3:5: error: missing required field 'kind'\n  hint: the item has 'kin': did you mean 'kind'?"),
    ("unknown-field-did-you-mean", HEAD + GOOD.replace("    options:", "    optoins: []\n    options:"),
     "6:5: error: unknown field 'optoins'"),
    ("unknown-option-field", HEAD + GOOD.replace('        correct: true\n', '        corect: true\n'),
     "8:9: error: unknown field 'corect' in 'options'"),
    ("wrong-type-topics", HEAD + GOOD.replace("topics: [reflections]", "topics: reflections"),
     "4:13: error: 'topics' should be a list, but YAML read text"),
    ("wrong-type-difficulty", HEAD + GOOD.replace("    topics:", "    difficulty: hard\n    topics:"),
     "4:17: error: 'difficulty' should be a whole number, but YAML read text"),
    ("difficulty-range", HEAD + GOOD.replace("    topics:", "    difficulty: 5\n    topics:"),
     "4:17: error: 'difficulty' must be from 1 to 3; received: 5"),
    ("yaml-no-as-bool", HEAD + GOOD.replace('- text: "Why?"', "- text: No"),
     "10:15: error: 'text' should be text, but YAML read `No` as a boolean (true/false): false"),
    ("yaml-yes-as-bool", HEAD + GOOD.replace('- text: "Why?"', "- text: yes"), "10:15: error: 'text' should be text, but YAML read `yes`"),
    ("yaml-on-as-bool", HEAD + GOOD.replace('- text: "Why?"', "- text: on"), "10:15: error: 'text' should be text, but YAML read `on`"),
    ("yaml-number", HEAD + GOOD.replace('- text: "Why?"', "- text: 1.0"),
     "10:15: error: 'text' should be text, but YAML read `1.0` as a number: 1.0"),
    ("yaml-null", HEAD + GOOD.replace('feedback: "A question."', "feedback: null"),
     "11:19: error: 'feedback' should be text, but YAML read `null` as null (nothing)"),
    ("yaml-empty-value", HEAD + GOOD.replace('feedback: "A question."', "feedback:"),
     "11:18: error: 'feedback' has no value"),
    ("alias-sighs", HEAD + GOOD.replace('- text: "Why?"', "- text: *sighs* fine"), "10:15: error: "),
    ("list-laughs", HEAD + GOOD.replace('- text: "Why?"', "- text: [laughs]"),
     "10:15: error: 'text' should be text, but YAML read a list"),
    ("list-laughs-then-text", HEAD + GOOD.replace('- text: "Why?"', "- text: [laughs] well"), "10:24: error: YAML syntax error"),
    ("comment-cut", HEAD + GOOD.replace('- text: "Why?"', "- text: Why not try #2 first"),
     "10:27: error: the text before ` #` is cut short"),
    ("anchor", HEAD + GOOD.replace('feedback: "A question."', 'feedback: &fb "A question."'),
     "11:19: error: anchors (&fb) are not allowed in banks"),
    ("alias", HEAD + GOOD.replace('feedback: "It names a feeling."', 'feedback: &fb "x"').replace('feedback: "A question."', "feedback: *fb"),
     "9:19: error: anchors (&fb) are not allowed in banks"),
    ("merge-key", HEAD + GOOD.replace("    kind: single_choice\n", "    <<: {kind: single_choice}\n"),
     "3:5: error: merge keys (<<) are not allowed in banks"),
    ("no-correct-single", HEAD + GOOD.replace("        correct: true\n", ""),
     "6:5: error: a single-choice question needs exactly one option with `correct: true`; found 0"),
    ("two-correct-single", HEAD + GOOD.replace('        feedback: "A question."\n', '        correct: true\n        feedback: "A question."\n'),
     "6:5: error: a single-choice question needs exactly one option with `correct: true`; found 2"),
    ("unknown-kind", HEAD + GOOD.replace("kind: single_choice", "kind: single_choise"),
     "3:11: error: Expected one of: single_choice, multiple_choice"),
    ("unknown-topic", HEAD + GOOD.replace("[reflections]", "[reflection]"), "4:14: error: unknown topic 'reflection'"),
    ("unknown-setting", HEAD + GOOD.replace("    topics:", "    setting: gym\n    topics:"), "4:14: error: unknown setting 'gym'"),
    ("unknown-audience", HEAD + GOOD.replace("    topics:", "    audience: [coaches]\n    topics:"), "4:16: error: unknown audience 'coaches'"),
    ("unknown-code", HEAD + """\
  - id: b1
    kind: best_response
    topics: [reflections]
    client: "I'm tired."
    responses:
      - {text: "You're tired.", code: simple_reflektion, correct: true, feedback: "x"}
      - {text: "Sleep more.", code: persuade, feedback: "y"}
""", "7:39: error: Expected one of: simple_reflection, complex_reflection, simple_reflection/summary"),
    ("bad-id", HEAD + GOOD.replace("id: q1", "id: Q 1"), "2:9: error: 'Q 1' is not a valid id"),
    ("empty-file", "", "1:1: error: the file is empty"),
    ("comments-only", "# nothing yet\n", "1:1: error: the file is empty"),
    ("not-a-mapping", "- just a list\n", "1:1: error: expected a mapping of fields, but YAML read a list"),
    ("unknown-top-level", "exercise: []\n", "1:1: error: unknown field 'exercise'"),
    ("two-documents", HEAD + GOOD + "---\nexercises: []\n", "12:1: error: a bank file holds one YAML document"),
    ("python-tag", HEAD + GOOD.replace('"Why?"', "!!python/object:os.system x"), "10:15: error: the tag tag:yaml.org,2002:python/object:os.system is not allowed"),
    ("scenario-bad-next", HEAD + """\
  - id: s1
    kind: scenario
    topics: [evoking]
    nodes:
      - id: start
        client: "Hi."
        choices:
          - {text: "Hello.", code: question/open, feedback: "ok", next: middel}
      - id: middle
        client: "Well."
        ending: {outcome: good, debrief: "Fine."}
""", "9:73: error: node 'start', choice 1: `next` names 'middel', but no node has that id"),
    ("classify-unknown-category", HEAD + """\
  - id: c1
    kind: classify
    topics: [change-talk]
    prompt: "Sort."
    categories: [{id: change, label: Change talk}, {id: sustain, label: Sustain talk}]
    items:
      - {text: "I want to quit.", category: change, feedback: "Desire."}
      - {text: "I like smoking.", category: sustian, feedback: "Status quo."}
""", "9:45: error: unknown category: Expected one of: change, sustain but received: sustian\n  hint: did you mean 'sustain'?"),
]


@pytest.mark.parametrize("case, text, expected", CASES, ids=[c[0] for c in CASES])
def test_malformed_bank(tmp_path, case, text, expected):
    course = write_course(tmp_path, {"bank.yaml": text})
    result, diags = load_course(course)
    printed = [d.format() for d in diags]
    assert any(p.startswith(f"exercises/bank.yaml:{expected}") for p in printed), printed
    if ": error:" in expected:
        assert result is None


def test_did_you_mean_hints(tmp_path):
    text = HEAD + GOOD.replace("    options:", "    optoins: []\n    options:").replace("[reflections]", "[reflection]")
    _, diags = load_course(write_course(tmp_path, {"bank.yaml": text}))
    hints = {d.message: d.hint for d in diags}
    assert hints["unknown field 'optoins'"] == "did you mean 'options'?"
    assert hints["unknown topic 'reflection'"] == "did you mean 'reflections'?"
    # a field of another kind is no typo of the missing one, however close (`next`, of scenarios, and `text`)
    text = HEAD + GOOD.replace('      - text: "Why?"', '      - next: "Why?"')
    _, diags = load_course(write_course(tmp_path / "next", {"bank.yaml": text}))
    assert {d.message: d.hint for d in diags}["missing required field 'text' in 'options'"] == ""


def test_yaml_trap_hints_say_how_to_quote(tmp_path):
    text = HEAD + GOOD.replace('- text: "Why?"', "- text: No")
    _, diags = load_course(write_course(tmp_path, {"bank.yaml": text}))
    assert [d.hint for d in diags if "`No`" in d.message] == ['put the text in quotes: "No"']


def test_duplicate_id_across_files_names_the_first(tmp_path):
    _, diags = load_course(write_course(tmp_path, {"a.yaml": HEAD + GOOD, "b.yaml": HEAD + GOOD}))
    dup = [d for d in diags if d.message == "duplicate id 'q1'"]
    assert [(d.path, d.line, d.column) for d in dup] == [("exercises/b.yaml", 2, 9)]
    assert "exercises/a.yaml:2:9" in dup[0].hint


def test_every_error_is_reported_not_only_the_first(tmp_path):
    text = HEAD + GOOD.replace("[reflections]", "[reflection]").replace("        correct: true\n", "") \
        + GOOD.replace("id: q1", "id: q2").replace('feedback: "A question."', "feedback: null")
    _, diags = load_course(write_course(tmp_path, {"bank.yaml": text, "other.yaml": "exercises: [1]\n"}))
    assert len([d for d in diags if d.severity == "error"]) >= 4
    assert {d.path for d in diags} == {"exercises/bank.yaml", "exercises/other.yaml"}


def test_size_cap(tmp_path):
    course = write_course(tmp_path, {"big.yaml": HEAD + "#" * (6 * 1024 * 1024) + "\n"})
    _, diags = load_course(course)
    assert [d.format() for d in diags][0].startswith("exercises/big.yaml: error: file is ")


def test_depth_cap(tmp_path):
    deep = "exercises:\n  - id: q1\n    kind: single_choice\n    topics: " + "[" * 60 + "]" * 60 + "\n"
    _, diags = load_course(write_course(tmp_path, {"deep.yaml": deep}))
    assert any("nested more than 40 levels" in d.message for d in diags)


def test_not_utf8(tmp_path):
    course = write_course(tmp_path, {})
    (course / "exercises" / "latin1.yaml").write_bytes(HEAD.encode() + '  - id: "caf\xe9"\n'.encode("latin-1"))
    _, diags = load_course(course)
    assert [d.format().split("\n")[0] for d in diags] == ["exercises/latin1.yaml:2:13: error: the file is not UTF-8 (byte 0xe9)"]


def test_bom_and_crlf_are_fine(tmp_path):
    course = write_course(tmp_path, {})
    (course / "exercises" / "win.yaml").write_bytes(b"\xef\xbb\xbf" + (HEAD + GOOD).replace("\n", "\r\n").encode())
    result, diags = load_course(course)
    assert diags == [] and list(result.exercises) == ["q1"]


def test_symlink_loop_does_not_hang(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": HEAD + GOOD})
    (course / "exercises" / "loop").symlink_to(course / "exercises")
    result, diags = load_course(course)
    assert diags == [] and list(result.exercises) == ["q1"]


SCENARIO = HEAD + """\
  - id: s1
    kind: scenario
    topics: [evoking]
    nodes:
      - id: start
        client: "Hi."
        choices:
          - {text: "Hello.", code: question/open, feedback: "ok", next: loop}
          - {text: "Bye.", code: giving_information, feedback: "ok", next: end}
      - id: loop
        client: "Round we go."
        choices:
          - {text: "Again.", code: question/closed, feedback: "ok", next: loop}
      - id: end
        client: "Bye."
        ending: {outcome: good, debrief: "Fine."}
      - id: orphan
        client: "Nobody reaches me."
        ending: {outcome: poor, debrief: "Lost."}
"""


def test_scenario_graph_errors_name_the_node(tmp_path):
    _, diags = load_course(write_course(tmp_path, {"bank.yaml": SCENARIO}))
    assert [d.format().split("\n")[0] for d in diags] == [
        "exercises/bank.yaml:11:13: error: from node 'loop' no path leads to an ending: its choices only go round in a loop",
        "exercises/bank.yaml:18:13: error: node 'orphan' cannot be reached from the start node 'start'",
    ]


REPLY_CODES = HEAD + """\
  - id: b1
    kind: best_response
    topics: [reflections]
    client: "I'm tired."
    responses:
      - {text: "You're tired.", code: simple_reflection, codes: [simple_reflection], correct: true, feedback: "x"}
      - {text: "Sleep more.", feedback: "y"}
      - text: "Worn out and fed up. What would help?"
        codes: [simple_reflection, complex_reflection, question/open]
        feedback: "z"
  - id: s1
    kind: scenario
    topics: [evoking]
    nodes:
      - id: start
        client: "Hi."
        choices:
          - {text: "Hello.", feedback: "ok", next: end}
          - {text: "Hi.", code: affirm, codes: [affirm], feedback: "ok", next: end}
          - {text: "Hi?", codes: [simple_reflection, complex_reflection], feedback: "ok", next: end}
      - id: end
        client: "Bye."
        ending: {outcome: good, debrief: "Fine."}
"""


def test_reply_and_choice_codes_follow_the_turn_rules(tmp_path):
    """`code` or `codes`, exactly one; a list is checked as a dialogue turn's codes are (one shared rule)."""
    result, diags = load_course(write_course(tmp_path, {"bank.yaml": REPLY_CODES}))
    assert result is None
    assert [d.format().split("\n")[0] for d in diags if d.severity == "error"] == [
        "exercises/bank.yaml:7:58: error: reply 1 has both `code` and `codes`",
        "exercises/bank.yaml:8:9: error: reply 2 has neither `code` nor `codes`",
        "exercises/bank.yaml:10:9: error: a turn carries at most one reflection code (MITI counts one per utterance)",
        "exercises/bank.yaml:19:13: error: node 'start', choice 1 has neither `code` nor `codes`",
        "exercises/bank.yaml:20:41: error: node 'start', choice 2 has both `code` and `codes`",
        "exercises/bank.yaml:21:27: error: a turn carries at most one reflection code (MITI counts one per utterance)",
    ]
    assert {d.hint for d in diags if "both" in d.message} == {"`code: a` is short for `codes: [a]`; keep one of them"}
