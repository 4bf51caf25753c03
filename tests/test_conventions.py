"""The course's coding conventions, enforced where a machine can see them: warnings with their position for a reply,
choice or turn whose text and codes disagree, and none in the shipped course."""
from __future__ import annotations

import re

import pytest

from conftest import REPO, run_cli, write_course
from generator.validate import load_course

BANK = """\
exercises:
  - id: b1
    kind: best_response
    topics: [reflections]
    client: "I keep putting it off."
    responses:
      - text: "{text}"
        code: {code}
        correct: true
        feedback: "Fine."
      - text: "You should just start."
        code: persuade
        feedback: "Persuade."
"""

CASES = [
    ("What gets in the way?", "simple_reflection",
     "exercises/bank.yaml:8:15: warning: reply 1: this text asks a question but has no question code"),
    ("It's been hard to start?", "[complex_reflection, question/closed]",
     "exercises/bank.yaml:8:16: warning: reply 1: a reflection code on a text that only asks"),
    ("Would it be OK if I shared what has worked for others?", "seeking_collaboration",
     "exercises/bank.yaml:8:15: warning: reply 1: a permission question with no question code"),
]


@pytest.mark.parametrize("text, code, message", CASES)
def test_a_reply_whose_text_and_codes_disagree_is_warned_about(tmp_path, text, code, message):
    bank = BANK.format(text=text, code=code).replace("code: [", "codes: [")
    course = write_course(tmp_path, {"bank.yaml": bank})
    result = run_cli("validate", cwd=course)
    assert result.returncode == 0  # a warning: the text is the author's
    assert message in result.stderr, result.stderr


def test_a_dialogue_turn_that_asks_without_a_question_code_is_warned_about(tmp_path):
    bank = """\
dialogues:
  - id: d1
    title: A talk
    participants: {practitioner: {name: A}, client: {name: B}}
    turns:
      - {speaker: practitioner, text: "So you feel stuck. Is that right?", codes: [simple_reflection]}
      - {speaker: client, text: "Yes."}
"""
    result = run_cli("validate", cwd=write_course(tmp_path, {"bank.yaml": bank}))
    assert "exercises/bank.yaml:6:83: warning: turn 1: this text asks a question but has no question code" in result.stderr


def test_a_confronting_question_needs_no_question_code(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": BANK.format(text="Do you really think that is fine?", code="confront")})
    assert "warning: reply" not in run_cli("validate", cwd=course).stderr


def test_every_shipped_reply_choice_and_turn_that_asks_carries_a_question_code():
    course, _ = load_course(REPO)
    asking = []
    for ex in course.exercises.values():
        replies = list(getattr(ex, "responses", [])) + [c for n in getattr(ex, "nodes", {}).values() for c in n.choices]
        asking += [(ex.id, r.text, r.codes) for r in replies]
    for d in course.dialogues.values():
        asking += [(d.id, t.text, t.codes) for t in d.turns if t.speaker == "practitioner"]
    assert len(asking) > 700
    missing = [(i, t) for i, t, cs in asking if "?" in re.sub(r"[\"“][^\"”]*[\"”]", "", t)
               and not {c.split("/")[0] for c in cs} & {"question", "confront"}]
    assert missing == []


def test_the_shipped_course_meets_its_own_conventions():
    result = run_cli("validate", cwd=REPO)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
