"""Scenario graphs and dialogue turns: every error names the node (or turn) and its exact file position."""
from __future__ import annotations

from conftest import run_cli, write_course
from generator.validate import load_course

HEAD = "exercises:\n"


def scenario(nodes: str, start: str = "") -> str:
    return (HEAD + "  - id: s1\n    kind: scenario\n    topics: [evoking]\n" + (f"    start: {start}\n" if start else "")
            + "    nodes:\n" + nodes)


def errors(tmp_path, text: str) -> list[str]:
    """The errors of the bank (warnings about coding conventions have tests of their own)."""
    course, diags = load_course(write_course(tmp_path, {"bank.yaml": text}))
    return [d.format() for d in diags if d.severity == "error"]


def first_lines(tmp_path, text: str) -> list[str]:
    return [e.split("\n")[0] for e in errors(tmp_path, text)]


GOOD = """\
      - id: a
        client: "Hi."
        talk: neutral
        choices:
          - {text: "Hello.", code: question/open, feedback: "ok", next: b}
      - id: b
        client: "Bye."
        ending: {outcome: good, debrief: "Fine."}
"""


def test_a_sound_graph_has_no_errors(tmp_path):
    assert errors(tmp_path, scenario(GOOD)) == []


def test_a_next_that_names_no_node(tmp_path):
    text = scenario(GOOD.replace("next: b}", "next: bb}"))
    out = errors(tmp_path, text)
    # line 10: the choice; column 73: where `bb` stands. Node b, which only that choice led to, is now unreachable.
    assert out == ["exercises/bank.yaml:10:73: error: node 'a', choice 1: `next` names 'bb', but no node has that id\n"
                   "  hint: did you mean 'b'?",
                   "exercises/bank.yaml:11:13: error: node 'b' cannot be reached from the start node 'a'\n"
                   "  hint: point a choice's `next` at it, or remove it"]
    assert text.splitlines()[9][72:74] == "bb"


def test_a_node_nobody_reaches(tmp_path):
    text = scenario(GOOD + """\
      - id: lost
        client: "Anyone?"
        ending: {outcome: poor, debrief: "Unreachable."}
""")
    assert first_lines(tmp_path, text) == [
        "exercises/bank.yaml:14:13: error: node 'lost' cannot be reached from the start node 'a'"]


def test_a_loop_with_no_way_out(tmp_path):
    text = scenario("""\
      - id: a
        client: "Hi."
        choices:
          - {text: "Go on.", code: question/open, feedback: "ok", next: b}
          - {text: "Stop.", code: giving_information, feedback: "ok", next: end}
      - id: b
        client: "Round."
        choices:
          - {text: "Again.", code: simple_reflection, feedback: "ok", next: c}
      - id: c
        client: "And round."
        choices:
          - {text: "Back.", code: simple_reflection, feedback: "ok", next: b}
      - id: end
        client: "Bye."
        ending: {outcome: mixed, debrief: "Done."}
""")
    assert first_lines(tmp_path, text) == [
        "exercises/bank.yaml:11:13: error: from node 'b' no path leads to an ending: its choices only go round in a loop",
        "exercises/bank.yaml:15:13: error: from node 'c' no path leads to an ending: its choices only go round in a loop",
    ]


def test_an_unknown_start(tmp_path):
    assert first_lines(tmp_path, scenario(GOOD, start="aa")) == [
        "exercises/bank.yaml:5:12: error: the start node 'aa' does not exist"]


def test_a_named_start_changes_what_is_reachable(tmp_path):
    assert first_lines(tmp_path, scenario(GOOD, start="b")) == [
        "exercises/bank.yaml:7:13: error: node 'a' cannot be reached from the start node 'b'"]


def test_duplicate_node_ids_point_at_the_first(tmp_path):
    text = scenario(GOOD + """\
      - id: b
        client: "Again."
        ending: {outcome: good, debrief: "Twice."}
""")
    out = errors(tmp_path, text)
    assert out == ["exercises/bank.yaml:14:13: error: duplicate node id 'b' in this scenario\n"
                   "  hint: the first node 'b' is on line 11; node ids must be unique within a scenario"]


def test_a_node_with_neither_choices_nor_ending(tmp_path):
    text = scenario(GOOD + """\
      - id: c
        client: "Stuck."
""")
    lines = first_lines(tmp_path, text)
    assert "exercises/bank.yaml:14:9: error: node 'c' has neither `choices` nor an `ending`, so the conversation stops there" in lines


def test_a_node_with_both_choices_and_ending(tmp_path):
    text = scenario(GOOD.replace('        ending: {outcome: good, debrief: "Fine."}\n',
                                 '        ending: {outcome: good, debrief: "Fine."}\n'
                                 '        choices:\n'
                                 '          - {text: "More.", code: affirm, feedback: "ok", next: a}\n'))
    assert "exercises/bank.yaml:13:9: error: node 'b' has both `choices` and an `ending`" in first_lines(tmp_path, text)


def test_no_ending_at_all(tmp_path):
    text = scenario("""\
      - id: a
        client: "Hi."
        choices:
          - {text: "Hello.", code: question/open, feedback: "ok", next: b}
      - id: b
        client: "Hi again."
        choices:
          - {text: "Hello.", code: question/open, feedback: "ok", next: a}
""")
    assert first_lines(tmp_path, text) == ["exercises/bank.yaml:5:5: error: the scenario has no ending"]


def test_every_graph_error_of_a_scenario_in_one_run_from_the_cli(tmp_path):
    text = scenario(GOOD.replace("next: b}", "next: zz}") + """\
      - id: lost
        client: "Anyone?"
        ending: {outcome: poor, debrief: "Unreachable."}
""")
    course = write_course(tmp_path, {"bank.yaml": text})
    result = run_cli("validate", cwd=course)
    assert result.returncode == 1
    assert "exercises/bank.yaml:10:73: error: node 'a', choice 1: `next` names 'zz', but no node has that id" in result.stderr
    assert "exercises/bank.yaml:11:13: error: node 'b' cannot be reached from the start node 'a'" in result.stderr
    assert "exercises/bank.yaml:14:13: error: node 'lost' cannot be reached" in result.stderr
    assert "Traceback" not in result.stderr


# Dialogues -------------------------------------------------------------------------------------------------------

DIALOGUE = """\
dialogues:
  - id: d1
    title: A dialogue
    participants:
      practitioner: {name: Sam}
      client: {name: Alex}
    turns:
      - speaker: practitioner
        text: "What brings you here?"
        codes: [question/open]
      - speaker: client
        text: "My doctor sent me."
        talk: sustain/reasons
"""


def test_a_sound_dialogue(tmp_path):
    assert errors(tmp_path, DIALOGUE) == []


def test_talk_on_a_practitioner_turn_and_codes_on_a_client_turn(tmp_path):
    text = DIALOGUE.replace("        codes: [question/open]\n", "        talk: change\n").replace(
        "        talk: sustain/reasons\n", "        codes: [affirm]\n")
    assert first_lines(tmp_path, text) == [
        "exercises/bank.yaml:10:9: error: `talk` is for client turns; a practitioner turn takes `codes`",
        "exercises/bank.yaml:13:9: error: `codes` are for practitioner turns; a client turn takes `talk`",
    ]


def test_two_reflections_or_two_questions_in_one_turn(tmp_path):
    text = DIALOGUE.replace("codes: [question/open]", "codes: [simple_reflection, complex_reflection, question/open, question]")
    assert first_lines(tmp_path, text) == [
        "exercises/bank.yaml:10:9: error: a turn carries at most one reflection code (MITI counts one per utterance)",
        "exercises/bank.yaml:10:9: error: a turn carries at most one question code",
    ]


def test_the_same_code_twice_in_a_turn(tmp_path):
    text = DIALOGUE.replace("codes: [question/open]", "codes: [affirm, question/open, affirm]")
    assert first_lines(tmp_path, text) == ["exercises/bank.yaml:10:40: error: the code 'affirm' appears twice in this turn"]


def test_unknown_code_and_detail_that_does_not_fit(tmp_path):
    text = DIALOGUE.replace("codes: [question/open]", "codes: [question/double_sided]").replace(
        "talk: sustain/reasons", "talk: sustain/hope")
    lines = first_lines(tmp_path, text)
    assert lines[0].startswith("exercises/bank.yaml:10:17: error: Expected one of: question/closed, complex_reflection/double_sided,")
    assert lines[0].endswith("but received: question/double_sided (for codes)")
    assert lines[1].startswith("exercises/bank.yaml:13:15: error: Expected one of:")


def test_several_talk_labels_in_the_order_spoken(tmp_path):
    text = DIALOGUE.replace("talk: sustain/reasons", "talk: [change/need, sustain/reasons]")
    course, diags = load_course(write_course(tmp_path, {"bank.yaml": text}))
    assert diags == [] and course.dialogues["d1"].turns[1].talk == ("change/need", "sustain/reasons")
    assert load_course(write_course(tmp_path / "one", {"bank.yaml": DIALOGUE}))[0].dialogues["d1"].turns[1].talk == (
        "sustain/reasons",)


def test_an_unknown_talk_label_in_a_list_is_named_at_its_place(tmp_path):
    text = DIALOGUE.replace("talk: sustain/reasons", "talk: [sustain/reasons, chnage/desire]")
    assert errors(tmp_path, text) == [
        "exercises/bank.yaml:13:33: error: Expected one of: change/desire, change/need, sustain/desire, change/reasons, "
        "change/commitment (the closest of 18) but received: chnage/desire (for talk)\n  hint: did you mean 'change/desire'?"]
    one = DIALOGUE.replace("talk: sustain/reasons", "talk: sustian/reasons")  # one label: the same error as before
    assert errors(tmp_path / "one", one) == [
        "exercises/bank.yaml:13:15: error: Expected one of: sustain/reasons, change/reasons, sustain/desire, "
        "sustain/activation, sustain/need (the closest of 18) but received: sustian/reasons (for talk)\n"
        "  hint: did you mean 'sustain/reasons'?"]


def test_a_talk_label_twice_an_empty_list_and_neutral_beside_another(tmp_path):
    twice = DIALOGUE.replace("talk: sustain/reasons", "talk: [change/desire, sustain, change/desire]")
    assert errors(tmp_path, twice) == [
        "exercises/bank.yaml:13:40: error: the talk label 'change/desire' appears twice in this turn\n"
        "  hint: list each one once (the first is item 1)"]
    empty = DIALOGUE.replace("talk: sustain/reasons", "talk: []")
    assert first_lines(tmp_path / "empty", empty) == ["exercises/bank.yaml:13:15: error: 'talk' needs at least 1 item(s); found 0"]
    neutral = DIALOGUE.replace("talk: sustain/reasons", "talk: [neutral, change]")
    assert first_lines(tmp_path / "neutral", neutral) == [
        "exercises/bank.yaml:13:16: error: `neutral` cannot stand beside another talk label: it says the turn is "
        "neither change nor sustain talk"]
    coded = DIALOGUE.replace("    title: A dialogue\n", "    title: A dialogue\n    coded: [question, sustain, question]\n")
    assert first_lines(tmp_path / "coded", coded)[0] == "exercises/bank.yaml:4:32: error: 'question' appears twice in 'coded'"


def test_a_list_of_talk_on_a_practitioner_turn_and_labels_outside_coded(tmp_path):
    text = DIALOGUE.replace("        codes: [question/open]\n", "        talk: [change, sustain]\n")
    assert first_lines(tmp_path, text) == [
        "exercises/bank.yaml:10:9: error: `talk` is for client turns; a practitioner turn takes `codes`"]
    coded = DIALOGUE.replace("    title: A dialogue\n", "    title: A dialogue\n    coded: [question, question/open, sustain]\n").replace(
        "talk: sustain/reasons", "talk: [sustain/reasons, change/desire]")
    assert first_lines(tmp_path / "coded", coded) == [
        "exercises/bank.yaml:14:33: error: 'change' is not in the dialogue's `coded:` list"]


def test_a_pair_that_does_not_exist_or_is_itself(tmp_path):
    missing = DIALOGUE.replace("    title: A dialogue\n", "    title: A dialogue\n    pair: d2\n")
    assert first_lines(tmp_path, missing) == ["exercises/bank.yaml:4:11: error: no dialogue has the id 'd2'"]
    itself = DIALOGUE.replace("    title: A dialogue\n", "    title: A dialogue\n    pair: d1\n")
    assert first_lines(tmp_path, itself) == ["exercises/bank.yaml:4:11: error: a dialogue cannot be its own pair"]


def test_a_code_transcript_needs_a_coded_dialogue(tmp_path):
    uncoded = DIALOGUE.replace("        codes: [question/open]\n", "")
    text = uncoded + "exercises:\n  - {id: ct, kind: code_transcript, topics: [evoking], dialogue: d1}\n" \
        "  - {id: ct2, kind: code_transcript, topics: [evoking], dialogue: d9}\n"
    assert first_lines(tmp_path, text) == [
        "exercises/bank.yaml:14:66: error: dialogue 'd1' has no coded practitioner turns to practise on",
        "exercises/bank.yaml:15:67: error: no dialogue has the id 'd9'",
    ]
