"""A trainer's report from learners' exported progress files, with no server: completion and share correct per
module and exercise, the most chosen wrong answers, scenario endings reached. The progress file and the records in it
are described in docs/progress-record.md; generator/record.py reads a record."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from html import escape

from .diagnostics import Diagnostic
from .kinds import KINDS
from .model import Course
from .record import read as read_record
from .render import answer_key

FORMAT = "mi-course-progress"
MAX_BYTES = 5_000_000  # as the dashboard's import: a whole course's progress is a few hundred KB


@dataclass
class ExerciseRow:
    id: str
    kind: str
    module: str
    answered: int = 0
    correct: int = 0
    wrong_choices: Counter = field(default_factory=Counter)  # option text -> learners who chose it when wrong
    endings: Counter = field(default_factory=Counter)  # scenario outcome -> learners who reached it


@dataclass
class Report:
    learners: list[str]
    rows: dict[str, ExerciseRow]
    modules: list[str]
    self_tests: list[tuple[float, float]] = field(default_factory=list)  # (before, after) share right, both forms taken


def self_test_shares(data: dict) -> tuple[float, float] | None:
    """A learner's share right in form A and form B of the self-test, when both were taken and look sound."""
    x = data.get("selftest")
    forms = [x.get(f) if isinstance(x, dict) else None for f in ("A", "B")]
    if not all(isinstance(f, dict) and isinstance(f.get("score"), int) and isinstance(f.get("total"), int)
               and 0 <= f["score"] <= f["total"] <= 200 and f["total"] > 0 for f in forms):
        return None
    return forms[0]["score"] / forms[0]["total"], forms[1]["score"] / forms[1]["total"]


def read_progress(name: str, raw: bytes, namespace: str) -> tuple[dict | None, Diagnostic | None]:
    """One learner's file, or why it was skipped."""
    def bad(message: str, hint: str = "") -> tuple[None, Diagnostic]:
        return None, Diagnostic(name, 0, 0, f"skipped: {message}", hint, "warning")

    if len(raw) > MAX_BYTES:
        return bad(f"too large to be a progress file ({len(raw):,} bytes; at most {MAX_BYTES:,})")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return bad(f"not a JSON file ({exc.__class__.__name__})", "ask the learner to export again from the dashboard")
    except RecursionError:
        return bad("nested too deeply to be a progress file", "ask the learner to export again from the dashboard")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return bad(f"not an mi-course progress file (expected \"format\": \"{FORMAT}\")")
    if data.get("version") != 1:
        return bad(f"progress format version {data.get('version')!r} is not supported", "update mi-course")
    if data.get("site") != namespace:
        return bad("exported from another course or site", "check the learner used this course's address")
    if not isinstance(data.get("records"), dict):
        return bad("the file holds no records")
    return data, None


def class_report(course: Course, modules: dict[str, str], files: list[tuple[str, bytes]], namespace: str
                 ) -> tuple[Report, list[Diagnostic]]:
    """`modules` maps exercise id -> module title. Records of an older version of an exercise are not counted."""
    diags = []
    rows = {e.id: ExerciseRow(e.id, e.kind, modules.get(e.id, "Practice")) for e in course.exercises.values()}
    keys = {e.id: answer_key(e) for e in course.exercises.values()}
    learners, self_tests = [], []
    for name, raw in files:
        data, problem = read_progress(name, raw, namespace)
        if problem:
            diags.append(problem)
            continue
        learners.append(name)
        shares = self_test_shares(data)
        if shares:
            self_tests.append(shares)
        for ex_id, rec in data["records"].items():
            row = rows.get(ex_id)
            if row is None or read_record(rec, keys[ex_id]) is None:  # another exercise's, an older version's, or damaged
                continue
            _count(row, rec, course.exercises[ex_id])
    order = list(dict.fromkeys(r.module for r in rows.values()))
    return Report(learners, rows, order, self_tests), diags


def _count(row: ExerciseRow, rec: dict, ex) -> None:
    """What the exercise's kind reads in the record (its folder's `tally`): nothing until there is an answer."""
    tally = KINDS[ex.kind].tally(ex, rec.get("answer"), rec.get("correct"))
    if tally is None:
        return
    row.answered += 1
    row.correct += rec.get("correct") is True
    row.wrong_choices.update(tally.wrong)
    row.endings.update(tally.endings)


def _self_test_html(report: Report) -> str:
    if not report.self_tests:
        return "<h2>Self-test</h2><p>No learner file holds both forms of the self-test.</p>"
    n = len(report.self_tests)
    before = sum(a for a, _ in report.self_tests) / n
    after = sum(b for _, b in report.self_tests) / n
    return (f"<h2>Self-test</h2><p>{n} learner(s) took both forms (A before the course, B after). Mean share right: "
            f"{before:.0%} before, {after:.0%} after; mean change {100 * (after - before):+.0f} percentage points. "
            "It measures knowledge, not skill.</p>")


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "n/a"


def to_html(report: Report, course: Course, title: str) -> str:
    n = len(report.learners)
    mod_rows = []
    for module in report.modules:
        rows = [r for r in report.rows.values() if r.module == module]
        answered = sum(r.answered for r in rows)
        correct = sum(r.correct for r in rows)
        mod_rows.append(f"<tr><td>{escape(module)}</td><td>{len(rows)}</td><td>{_pct(answered, len(rows) * n)}</td>"
                        f"<td>{_pct(correct, answered)}</td></tr>")
    ex_rows = []
    for r in report.rows.values():
        ex = course.exercises[r.id]
        wrong = "; ".join(f"{escape(t)} ({c})" for t, c in r.wrong_choices.most_common(2))
        ends = ", ".join(f"{escape(o)}: {c}" for o, c in sorted(r.endings.items()))
        ex_rows.append(f"<tr><td><code>{r.id}</code><br>{escape(ex.title or ex.prompt[:80])}</td><td>{escape(r.module)}</td>"
                       f"<td>{r.answered} of {n}</td><td>{_pct(r.correct, r.answered)}</td><td>{wrong or ends}</td></tr>")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Class report: {escape(title)}</title>
<style>body{{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#1a1a1a}}table{{border-collapse:collapse;width:100%;margin:1rem 0 2rem}}
th,td{{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}}th{{background:#eee}}</style></head>
<body><h1>Class report: {escape(title)}</h1>
<p>{n} learner file(s). Progress stays with each learner; this report was made from the files they exported.
Answers given to an older version of an exercise are not counted.</p>
{_self_test_html(report)}
<h2>Per module</h2><table><tr><th>module</th><th>exercises</th><th>completion</th><th>share correct</th></tr>
{"".join(mod_rows)}</table>
<h2>Per exercise</h2><table><tr><th>exercise</th><th>module</th><th>answered</th><th>share correct</th>
<th>most chosen wrong answers / conversation endings reached</th></tr>
{"".join(ex_rows)}</table></body></html>
"""
