"""`mi-course class-report` reads learners' progress files; bad or foreign files are reported and skipped."""
from __future__ import annotations

import json

from conftest import run_cli, write_course
from generator.config import load_config
from generator.render import answer_key
from generator.validate import load_course

BANK = """exercises:
  - id: cr-single
    kind: single_choice
    topics: [reflections]
    prompt: "Which is a reflection?"
    options:
      - {text: "You're worried.", correct: true, feedback: "A reflection."}
      - {text: "Why are you worried?", feedback: "A question."}
      - {text: "Don't worry.", feedback: "Reassurance."}
  - id: cr-scn
    kind: scenario
    topics: [evoking]
    nodes:
      - {id: a, client: "Hi.", choices: [{text: "Go on.", code: question/open, feedback: "ok", next: b},
                                          {text: "Stop.", code: confront, feedback: "no", next: c}]}
      - {id: b, client: "Thanks.", ending: {outcome: good, debrief: "Good."}}
      - {id: c, client: "Bye.", ending: {outcome: poor, debrief: "Poor."}}
"""
LESSON = "# Reflections\n\n[[exercise: cr-single]]\n"


def progress(ns, records):
    return json.dumps({"format": "mi-course-progress", "version": 1, "site": ns, "exported": "2026-11-20T10:00:00Z",
                       "records": records})


def test_report_counts_learners_answers_and_wrong_choices(tmp_path):
    course_dir = write_course(tmp_path / "c", {"bank.yaml": BANK}, {"index.md": "# Home\n", "reflections.md": LESSON})
    course, _ = load_course(course_dir)
    config, _ = load_config(course_dir)
    key = answer_key(course.exercises["cr-single"])
    skey = answer_key(course.exercises["cr-scn"])
    rec = lambda ok, ans: {"v": 1, "key": key, "kind": "single_choice", "correct": ok, "answer": ans, "attempts": 1}
    files = {
        "ana.json": progress(config.namespace, {"cr-single": rec(True, [0]),
                                                "cr-scn": {"v": 1, "key": skey, "kind": "scenario", "correct": True,
                                                           "answer": {"path": [0], "endings": {"b": "good", "c": "poor"}}}}),
        "ben.json": progress(config.namespace, {"cr-single": rec(False, [2])}),
        "cat.json": progress(config.namespace, {"cr-single": rec(False, [2])}),
        "old.json": progress(config.namespace, {"cr-single": {**rec(True, [0]), "key": "0000000000"}}),
        "other.json": progress("mi:deadbeef:", {"cr-single": rec(True, [0])}),
        "junk.json": "not json at all",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    result = run_cli("class-report", *[str(tmp_path / n) for n in files], "--out", str(tmp_path / "r.html"), cwd=course_dir)
    assert result.returncode == 0, result.stderr
    assert "other.json: warning: skipped: exported from another course or site" in result.stderr
    assert "junk.json: warning: skipped: not a JSON file" in result.stderr
    html = (tmp_path / "r.html").read_text()
    assert "4 learner file(s)" in html
    row = html.split("<code>cr-single</code>")[1].split("</tr>")[0]
    assert "<td>Reflections</td><td>3 of 4</td><td>33%</td><td>Don&#x27;t worry. (2)</td>" in row
    scn = html.split("<code>cr-scn</code>")[1].split("</tr>")[0]
    assert "good: 1, poor: 1" in scn


def test_one_reader_decides_which_records_count():
    from generator.record import Record, read

    good = {"v": 1, "key": "abc", "kind": "single_choice", "correct": False, "answer": [2], "attempts": 3,
            "first": "2026-03-02T10:00:00Z", "last": "2026-03-03T10:00:00Z"}
    assert read(good, "abc") == Record("single_choice", "abc", False, [2], 3, "2026-03-02T10:00:00Z", "2026-03-03T10:00:00Z")
    assert read(good, "old") is None  # an older version of the question
    for damaged in ({**good, "v": 2}, {**good, "answer": None}, [good], "x"):
        assert read(damaged, "abc") is None
    odd = read({**good, "correct": "yes", "attempts": True, "first": 5}, "abc")
    assert (odd.correct, odd.attempts, odd.first) == (None, 0, "")
