"""The facilitator guide holds every answer, open, and stays out of the learner site."""
from __future__ import annotations

import re

from conftest import REPO, copy_course, run_cli
from generator.validate import load_course


def test_guide_from_a_new_course(tmp_path):
    target = tmp_path / "c"
    assert run_cli("init", str(target), cwd=tmp_path).returncode == 0
    result = run_cli("build", "--facilitator", cwd=target)
    assert result.returncode == 0, result.stderr
    guide = target / "site-facilitator"
    module = (guide / "modules" / "01-examples" / "index.html").read_text()
    assert "Which reply in the first exercise would you have given, honestly?" in module
    assert "Client brief" in module and "You want to get fit but you are exhausted after work." in module
    assert "Review: <strong>draft</strong>" in module
    assert re.findall(r'<details class="mi-answer mi-shown" data-search-exclude open>', module)
    assert "A double-sided reflection holds both sides of the ambivalence." in module
    assert "mi-course." not in "".join(re.findall(r'<script src="[^"]+"', module))  # no quiz script: answers stay open
    assert "Complex reflection" in (guide / "observer-sheet" / "index.html").read_text()
    assert not (target / "site").exists()  # the learner site is untouched


def test_guide_of_the_shipped_course_holds_every_answer(tmp_path):
    root = copy_course(tmp_path / "c")
    course, _ = load_course(root)
    result = run_cli("build", "--facilitator", cwd=root)
    assert result.returncode == 0, result.stderr
    html = "".join(p.read_text() for p in (root / "site-facilitator" / "answer-key").rglob("*.html"))
    for ex in course.exercises.values():
        assert f'id="ex-{ex.id}"' in html, ex.id
    assert html.count("data-search-exclude open") == len(course.exercises)
    status = (root / "site-facilitator" / "review-status" / "index.html").read_text()
    assert f"of {len(course.exercises)} items are marked reviewed" in status
