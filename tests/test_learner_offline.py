"""The offline copy (`mi-course build --offline`) opened from the file system, as from a USB stick: lessons, exercises,
the learner pages and search all work from file://, and nothing is asked of any other origin."""
from __future__ import annotations

import pytest

from test_learner import answer, due_ids, new_learner


@pytest.fixture
def offline_site(learner_course):
    site = learner_course / "site-offline"
    assert (site / "index.html").is_file() and (site / "progress" / "index.html").is_file()
    return site


@pytest.fixture
def fpg(browser, offline_site):
    context, pg = new_learner(browser, "file://")
    yield pg
    assert pg.errors == []
    assert pg.outside == []  # not even the offline plugin's search shim from unpkg.com
    context.close()


def test_a_learner_works_through_the_offline_copy(fpg, offline_site):
    fpg.goto(offline_site.joinpath("index.html").as_uri())
    fpg.locator(".md-nav__link", has_text="Basics").first.click()
    assert fpg.url.endswith("/01-basics.html")
    answer(fpg, "q1", 1)
    answer(fpg, "q2", 0)
    fpg.locator(".md-nav__link", has_text="Dashboard").first.click()
    assert fpg.url.endswith("/progress/index.html")
    summary = fpg.locator(".mi-dash__summary")
    summary.wait_for()
    assert "You have answered 2 of 15 exercises; 1 of the 14" in summary.inner_text()
    cont = summary.get_by_role("link", name="Basics, exercise 3 of 3 (Write a response)")
    assert cont.get_attribute("href").endswith("01-basics.html#ex-w1")
    cont.click()
    assert fpg.url.endswith("/01-basics.html#ex-w1")

    fpg.goto(offline_site.joinpath("progress", "mistakes.html").as_uri())
    fpg.get_by_role("button", name="Retry here").click()  # the copy comes from a script file: works from file://
    fpg.locator(".mi-lp__slot #ex-q2").wait_for()  # empty: nothing to clear first
    answer(fpg, "q2", 1)
    assert "Right this time" in fpg.locator(".mi-lp__note").inner_text()

    url = offline_site.joinpath("progress", "practice-sets.html").as_uri() + "?seed=9&topics=discord&n=3"
    fpg.goto(url)
    first = due_ids(fpg)
    fpg.goto(url)
    assert due_ids(fpg) == first and len(first) == 3


def test_search_works_offline(browser, offline_site):
    context, pg = new_learner(browser, "file://", when=None)  # the real clock: search waits on timers
    pg.goto(offline_site.joinpath("index.html").as_uri())
    pg.locator("input[data-md-component=search-query]").click()
    pg.wait_for_function("() => !/Initializing/.test(document.querySelector('.md-search-result__meta').textContent)")
    pg.keyboard.type("Basics", delay=30)
    pg.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    assert "matching document" in pg.locator(".md-search-result__meta").inner_text()
    assert pg.errors == [] and pg.outside == []
    context.close()
