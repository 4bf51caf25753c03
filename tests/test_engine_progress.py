"""Saved progress meets a rebuilt course: an edit to feedback keeps it, a change to the answer starts that exercise fresh.
And the offline build (file://) keeps progress too."""
from __future__ import annotations

import re

import pytest
from conftest import ENGINE, build_engine_course, open_page, run_cli, served
from playwright.sync_api import expect


@pytest.fixture(scope="module")
def rebuildable(tmp_path_factory):
    """The engine's course on its own server, so this module may rebuild it without disturbing other tests."""
    with served(lambda url: build_engine_course(tmp_path_factory.mktemp("rebuild"), url)) as site:
        yield site


def answer(pg, ex_id: str, texts: list[str]) -> None:
    sec = pg.locator(f"#ex-{ex_id}")
    for text in texts:
        sec.locator(".mi-option", has_text=text).locator("label").click()
    sec.get_by_role("button", name="Check", exact=True).click()


def test_feedback_edit_keeps_progress_and_answer_change_starts_fresh(browser, rebuildable):
    url, course = rebuildable
    context, pg = open_page(browser, url)
    pg.goto(url)
    answer(pg, "sc-empathy", ["It sounds like"])
    answer(pg, "mc-open", ["What brings", "How would"])
    sc, mc = pg.locator("#ex-sc-empathy"), pg.locator("#ex-mc-open")
    expect(sc.locator(".mi-status")).to_have_text(re.compile("Correct"))
    expect(mc.locator(".mi-status")).to_have_text(re.compile("Correct"))
    keys = {e: pg.locator(f"#ex-{e}").get_attribute("data-key") for e in ("sc-empathy", "mc-open")}

    bank = (ENGINE / "bank.yaml").read_text(encoding="utf-8")
    edited = bank.replace("A reflection that names the feeling FB-SC-B.", "A reflection naming the feeling, EDITED.")
    edited = edited.replace('      - text: "Do you smoke?"\n', '      - text: "Do you smoke?"\n        correct: true\n')
    assert edited.count("EDITED") == 1 and edited.count("correct: true") == bank.count("correct: true") + 1
    (course / "exercises" / "bank.yaml").write_text(edited, encoding="utf-8")
    result = run_cli("build", cwd=course)
    assert result.returncode == 0, result.stderr

    pg.reload()
    sc, mc = pg.locator("#ex-sc-empathy"), pg.locator("#ex-mc-open")
    assert sc.get_attribute("data-key") == keys["sc-empathy"], "feedback is not part of the answer hash"
    assert mc.get_attribute("data-key") != keys["mc-open"]
    expect(sc.locator(".mi-status")).to_have_text(re.compile("Correct"))  # kept, with the new feedback
    expect(sc.locator(".mi-fb").get_by_text("EDITED")).to_be_visible()
    expect(mc.locator(".mi-status")).to_have_text("")  # a new question: fresh
    expect(mc.locator("input:checked")).to_have_count(0)
    expect(mc.get_by_role("button", name="Check", exact=True)).to_be_visible()
    expect(pg.locator(".mi-score__total")).to_have_text("Score on this page: 1 of 3 scored exercises right.")
    ns = pg.evaluate("MI.ns")
    assert pg.evaluate("k => localStorage.getItem(k)", ns + "ex:mc-open") is None
    answer(pg, "mc-open", ["What brings", "How would", "Do you smoke"])
    expect(mc.locator(".mi-status")).to_have_text(re.compile("Correct"))
    assert pg.errors == []
    context.close()


def test_offline_build_keeps_progress_from_file(browser, tmp_path):
    course = build_engine_course(tmp_path / "offline", "https://example.org/course/")
    result = run_cli("build", "--offline", cwd=course)
    assert result.returncode == 0, result.stderr
    page = (course / "site-offline" / "two.html")
    assert page.exists()
    context, pg = open_page(browser, "file://")
    pg.goto(page.as_uri())
    sec = pg.locator("#ex-br-gym")
    sec.locator(".mi-option", has_text="Part of you").locator("label").click()
    sec.get_by_role("button", name="Check", exact=True).click()
    expect(sec.locator(".mi-status")).to_have_text(re.compile("Best reply"))
    pg.reload()
    expect(pg.locator("#ex-br-gym .mi-status")).to_have_text(re.compile("Best reply"))
    assert pg.outside_requests == [] and pg.errors == []
    context.close()
