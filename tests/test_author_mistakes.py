"""Mistakes a hurried trainer makes, each with its exact message and position: `validate` and `build` say the same,
nothing is written, and nothing ends in a traceback."""
from __future__ import annotations

import json

import pytest

from conftest import run_cli, write_course

HEAD = "exercises:\n"
ONE = """\
  - id: q1
    kind: single_choice
    topics: [reflections]
    prompt: "Which is a reflection?"
    options:
      - text: "You feel stuck."
        correct: true
        feedback: "It names a feeling."
      - text: "Why not try?"
        feedback: "A question."
"""

# (case, bank text, lesson text, exact message lines)
CASES = [
    ("directive without its colon", HEAD + ONE, "# L\n\n[[exercise q1]]\n",
     "content/01-l.md:3:1: error: this line looks like a directive but cannot be read: [[exercise q1]]\n"
     "  hint: write it on a line of its own as `[[exercise: ID]]`, `[[topic: TOPIC]]` or `[[dialogue: ID]]`, with the colon"),
    ("indented directive", HEAD + ONE, "# L\n\n- a list\n\n    [[exercise: q1]]\n",
     "content/01-l.md:5:1: error: a directive must start at the beginning of its line; this one is indented by 4\n"
     "  hint: remove the spaces before `[[`: a directive cannot sit inside a list, a quote or an admonition"),
    ("dedented feedback", HEAD + ONE.replace('        feedback: "A question."', '    feedback: "A question."'), None,
     "exercises/bank.yaml:11:5: error: unknown field 'feedback'\n  hint: `feedback` belongs to each item of `options`: "
     "is it indented less than the item's other fields? Line it up with them"),
    ("a field out of line", HEAD + ONE.replace('        feedback: "A question."', '      feedback: "A question."'), None,
     "exercises/bank.yaml:11:7: error: YAML syntax error while parsing a block collection: did not find expected '-' "
     "indicator\n  hint: this line is indented differently from the lines around it: line up the fields of each item"),
    ("inner double quotes", HEAD + ONE.replace('"Why not try?"', '"He said "no" to me"'), None,
     "exercises/bank.yaml:10:25: error: YAML syntax error while parsing a block mapping: did not find expected key"
     "\n  hint: the text is in double quotes and holds double quotes too, so YAML took the first inner one "
     "as the end; write each inner one as \\\" or put the text in single quotes: 'He said \"no\"'"),
    ("invisible character in an id", HEAD + ONE.replace("id: q1", "id: q1\u202e2"), None,
     "exercises/bank.yaml:2:9: error: 'q1<U+202E>2' is not a valid id: it holds invisible characters "
     "(U+202E RIGHT-TO-LEFT OVERRIDE)"),
    ("an id too long for a file name", HEAD + ONE.replace("id: q1", "id: " + "a" * 241), None,
     "exercises/bank.yaml:2:9: error: 'id' is too long: 241 characters, at most 80"),
    ("a code that is no code", HEAD + ONE.replace("kind: single_choice", "kind: best_response\n    client: \"Hm.\"")
     .replace("options:", "responses:").replace("        correct: true", "        code: reflection\n        correct: true")
     .replace('        feedback: "A question."', '        code: question/open\n        feedback: "A question."'), None,
     "exercises/bank.yaml:9:15: error: Expected one of: simple_reflection, complex_reflection, simple_reflection/summary, "
     "question, complex_reflection/summary (the closest of 17) but received: reflection (for code)\n"
     "  hint: did you mean 'simple_reflection'?"),
    ("a comment cuts the text", HEAD + ONE.replace('"Why not try?"', "Why not try #2 first"), None,
     "exercises/bank.yaml:10:27: error: the text before ` #` is cut short: YAML reads ` #` as the start of a comment"),
    ("control characters echoed", HEAD + ONE.replace("[reflections]", '["ref\\e[31mlections"]'), None,
     "exercises/bank.yaml:4:14: error: unknown topic 'ref<U+001B>[31mlections'"),
]


def course_for(tmp_path, bank: str, lesson: str | None):
    lessons = {"index.md": "# Home\n", "01-l.md": lesson or "# L\n\n[[exercise: q1]]\n"}
    return write_course(tmp_path, {"bank.yaml": bank}, lessons)


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_a_mistake_is_named_where_it_is_the_same_by_validate_and_build(tmp_path, case):
    _, bank, lesson, message = next(c for c in CASES if c[0] == case)
    course = course_for(tmp_path, bank, lesson)
    checked, built = run_cli("validate", cwd=course), run_cli("build", cwd=course)
    for result in (checked, built):
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert message in result.stderr, result.stderr
    assert not (course / "site").exists()


def test_a_mistake_in_a_lesson_only_one_edition_shows_is_found_by_every_run(tmp_path):
    """The coach edition's home page is no page of the full course; its directives are checked all the same."""
    course = write_course(tmp_path, {"bank.yaml": HEAD + ONE}, {"index.md": "# Home\n", "01-l.md": "# L\n\n[[exercise: q1]]\n",
                                                             "coach-home.md": "# Coaches\n\n[[exercise: q2]]\n"})
    for result in (run_cli("validate", cwd=course), run_cli("build", cwd=course)):
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "content/coach-home.md:3:1: error: no exercise has the id 'q2'" in result.stderr, result.stderr
    assert not (course / "site").exists()


def test_a_type_error_does_not_hide_the_other_errors_of_the_item(tmp_path):
    bank = HEAD + ONE.replace("        correct: true\n", "").replace("topics: [reflections]", "topics: [reflections]\n    difficulty: hard")
    result = run_cli("validate", cwd=course_for(tmp_path, bank, None))
    assert "exercises/bank.yaml:5:17: error: 'difficulty' should be a whole number" in result.stderr
    assert "a single-choice question needs exactly one option with `correct: true`; found 0" in result.stderr


def test_a_broken_dialogue_is_still_known_to_what_refers_to_it(tmp_path):
    bank = """\
exercises:
  - id: ct
    kind: code_transcript
    topics: [reflections]
    dialogue: dl
dialogues:
  - id: dl
    title: A talk
    participants: {practitioner: {name: A}, client: {name: B}}
    turns:
      - {speaker: practitioner, text: "Hi.", codes: [question/open, question/closed]}
      - {speaker: client, text: "Hello."}
  - id: dl-other
    title: Another
    participants: {practitioner: {name: A}, client: {name: B}}
    turns:
      - {speaker: practitioner, text: "Hi.", codes: [question/open]}
      - {speaker: client, text: "Hello."}
"""
    result = run_cli("validate", cwd=course_for(tmp_path, bank, "# L\n"))
    assert "a turn carries at most one question code" in result.stderr
    assert "no dialogue has the id" not in result.stderr and result.stderr.count("error:") == 1


def test_class_report_skips_a_deeply_nested_or_huge_file_and_reports_the_rest(tmp_path):
    course = course_for(tmp_path, HEAD + ONE, None)
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "mi-course-progress", "version": 1, "records": ' + "[" * 100_000 + "]" * 100_000 + "}")
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps({"format": "mi-course-progress", "pad": "x" * 6_000_000}))
    result = run_cli("class-report", str(deep), str(huge), "--out", str(tmp_path / "r.html"), cwd=course)
    assert "Traceback" not in result.stderr
    assert "deep.json: warning: skipped: nested too deeply to be a progress file" in result.stderr
    assert "huge.json: warning: skipped: too large to be a progress file" in result.stderr
    assert (tmp_path / "r.html").exists()


def test_links_in_labels_review_and_objectives_are_shown_as_typed_and_validate_agrees(tmp_path):
    bank = HEAD + ONE.replace("    kind: single_choice", "    kind: single_choice\n    review: {status: reviewed, by: \"[Dr X](other.md)\"}")
    lesson = "---\nobjectives: ['See [the glossary](09-glossary.md)']\n---\n# L\n\n[[exercise: q1]]\n"
    course = course_for(tmp_path, bank, lesson)
    taxonomy = (course / "exercises" / "taxonomy.yaml").read_text(encoding="utf-8")
    (course / "exercises" / "taxonomy.yaml").write_text(
        taxonomy.replace("{label: Reflections,", "{label: \"[Reflections](nowhere.md)\","), encoding="utf-8")
    assert run_cli("validate", cwd=course).returncode == 0
    built = run_cli("build", cwd=course)
    assert built.returncode == 0, built.stderr
    page = (course / "site" / "practice" / "index.html").read_text(encoding="utf-8")
    assert "[Reflections](nowhere.md)" in page


def test_class_report_groups_endings_it_does_not_know(tmp_path):
    bank = """exercises:
  - id: s1
    kind: scenario
    topics: [reflections]
    nodes:
      - id: start
        client: "Hm."
        choices: [{text: "Go on.", code: question/open, feedback: "Open.", next: end}]
      - {id: end, client: "OK.", ending: {outcome: good, debrief: "Fine."}}
"""
    course = course_for(tmp_path, bank, "# L\n\n[[exercise: s1]]\n")
    from generator.pipeline import check
    from generator.render import answer_key
    config, model, _, _ = check(course)
    record = {"v": 1, "key": answer_key(model.exercises["s1"]), "kind": "scenario", "correct": None, "attempts": 1,
              "answer": {"endings": {f"n{i}": f"junk-{i}" for i in range(60_000)} | {"end": "good"}}}
    data = {"format": "mi-course-progress", "version": 1, "site": config.namespace, "records": {"s1": record}}
    (tmp_path / "p.json").write_text(json.dumps(data))
    result = run_cli("class-report", str(tmp_path / "p.json"), "--out", str(tmp_path / "r.html"), cwd=course)
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "junk-" not in report and len(report) < 20_000 and "other: 2" in report
