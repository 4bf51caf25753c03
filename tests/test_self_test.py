"""The pre/post self-test in the browser: form A before the course shows only its score, form B after shows both
scores, the change and every answer; both survive a reload, travel in the exported progress file and come back on
import; the class report shows the group's change. Items of the self-test appear on no lesson or practice page."""
from __future__ import annotations

import json

from conftest import REPO, run_cli
from test_learner import answer, export, go, import_file, lp, learner_site, new_learner, reset_all  # noqa: F401


def take(pg, form: str, right: int) -> None:
    """Answer every question of the form shown, `right` of them right (option 1 is the right one)."""
    f = pg.locator(f".mi-st__form[data-form={form}]")
    items = f.locator(".mi-st__item")
    for n in range(items.count()):
        items.nth(n).locator(f"input[value='{1 if n < right else 0}']").check()
    f.get_by_role("button", name="Send my answers").click()


def test_pre_course_post_change_reload_export_import(lp, tmp_path, browser, learner_site):
    go(lp, "progress/self-test/")
    assert lp.locator(".mi-st__form[data-form=A]").is_visible()
    assert not lp.locator(".mi-st__form[data-form=B]").is_visible()
    lp.locator(".mi-st__form[data-form=A] .mi-st__item input[value='1']").first.check()
    lp.get_by_role("button", name="Send my answers").first.click()
    assert "Answer every question first: 1 still open." in lp.locator(".mi-st__status").inner_text()
    take(lp, "A", 1)
    status = lp.locator(".mi-st__status")
    assert "Before the course you scored 1 of 2." in status.inner_text()
    assert lp.locator(".mi-st__answer:visible").count() == 0  # the pre-test shows only the score
    assert not lp.locator(".mi-st__form[data-form=A]").is_visible()
    go(lp, "01-basics/")  # the course
    answer(lp, "q1", 1)
    go(lp, "progress/self-test/")
    take(lp, "B", 2)
    assert "Before the course: 1 of 2. After the course: 2 of 2. Change: +1." in status.inner_text()
    assert lp.locator(".mi-st__answer:visible").count() == 4  # every answer of both forms, with its feedback
    assert "Feedback ta2 1." in lp.locator(".mi-st__form[data-form=A]").inner_text()
    lp.reload()
    lp.wait_for_selector(".mi-st [data-lp-js]:not([hidden])")
    assert "Change: +1." in status.inner_text()
    go(lp, "progress/")
    assert "Self-test: before the course 1 of 2; after the course 2 / 2 (+1)." in lp.locator("[data-fill=selftest]").inner_text()
    saved = export(lp, tmp_path)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["selftest"]["A"]["score"] == 1 and data["selftest"]["B"]["score"] == 2
    url, _ = learner_site
    context, fresh = new_learner(browser, url)
    fresh.base = url
    assert "Records imported" in import_file(fresh, saved.read_bytes())
    go(fresh, "progress/self-test/")
    assert "Change: +1." in fresh.locator(".mi-st__status").inner_text()
    context.close()
    course = learner_site[1]
    result = run_cli("class-report", str(saved), "--out", str(tmp_path / "r.html"), cwd=course)
    assert result.returncode == 0, result.stderr
    assert "1 learner(s) took both forms" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "+50 percentage points" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_self_test_items_are_on_no_lesson_or_practice_page_and_out_of_search(learner_site):
    _, course = learner_site
    site = course / "site"
    pages = [p for p in site.rglob("index.html") if "self-test" not in p.parts]
    assert not any("Self-test ta1" in p.read_text(encoding="utf-8") for p in pages)
    assert "Self-test ta1" in (site / "progress" / "self-test" / "index.html").read_text(encoding="utf-8")
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Feedback ta1" not in index and "self-test" not in json.dumps([d["location"] for d in json.loads(index)["docs"]])


def test_a_lesson_cannot_place_a_self_test_item(tmp_path):
    from conftest import write_course
    bank = (REPO / "tests" / "learner" / "bank.yaml").read_text(encoding="utf-8")
    course = write_course(tmp_path, {"bank.yaml": bank}, {"index.md": "# Home\n\n[[exercise: ta1]]\n"})
    result = run_cli("validate", cwd=course)
    assert result.returncode == 1
    assert ("content/index.md:3:1: error: 'ta1' is an item of the self-test (form A); it is shown only on the "
            "self-test page") in result.stderr
