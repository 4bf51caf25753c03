"""Phone and print, on the shipped course: every page type at 320 and 375 px wide without sideways scrolling, whatever the font, and with our touch
targets at least 44 px; printed pages without the site's chrome, answers hidden unless opened, dark on white."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import axe_violations, too_wide

PHONE = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
# Our controls: exercise buttons and options, answer summaries, the learner pages' fields.
OURS = (".md-content .mi-btn, .md-content .mi-option > label, .md-content .mi-choice, .md-content .mi-answer > summary,"
        " .md-content .mi-ct__options label, .md-content .mi-scn__pick,"
        " .mi-lp select, .mi-lp input[type=number], .mi-lp input[type=text], .mi-lp input[type=file]")


def page_types(site: Path) -> list[str]:
    """One page of every type the generator writes, found in the built site."""
    def first(folder: str) -> str:
        found = sorted(p for p in (site / folder).glob("*/index.html"))
        assert found, folder
        return found[0].parent.relative_to(site).as_posix() + "/"

    return ["", "05-core-skills/03-reflections/", "09-glossary/", first("dialogues"), first("dialogues/side-by-side"),
            "dialogues/", "practice/", "practice/reflections/", "progress/", "progress/mistakes/",
            "progress/spaced-review/", "progress/practice-sets/?seed=5&n=4", "progress/certificate/",
            "08-in-practice/02-fitness-coaching/", "11-self-assessment/"]  # a practice conversation; transcript coding


@pytest.fixture
def phone(browser, course_site):
    url, _ = course_site
    context = browser.new_context(**PHONE)
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    assert pg.errors == []
    context.close()


def test_every_page_type_fits_a_phone_and_our_targets_are_big_enough(phone, course_site):
    url, site = course_site
    phone.goto(url + "05-core-skills/03-reflections/")  # some progress, so the learner pages have lists to show
    sec = phone.locator(".mi-single-choice, .mi-best-response").first
    sec.locator(".mi-option input").first.check()
    sec.locator("[data-action=check]").click()
    for path in page_types(site):
        phone.goto(url + path)
        phone.wait_for_load_state("load")
        phone.wait_for_timeout(300)
        assert too_wide(phone) == [], path  # at 320 and 375 px, with this machine's fonts and a wider one
        small = phone.evaluate("""sel => Array.from(document.querySelectorAll(sel))
            .filter(e => e.getClientRects().length && getComputedStyle(e).visibility != 'hidden')
            .map(e => [e.className || e.tagName, e.getBoundingClientRect()])
            .filter(([, r]) => r.width < 44 || r.height < 44).map(([c, r]) => [c, Math.round(r.width), Math.round(r.height)])""",
                               OURS)
        assert small == [], (path, small[:5])
        gaps = phone.evaluate("""() => [...document.querySelectorAll('.mi-scn__pick')].map(b => b.getBoundingClientRect())
            .filter(r => r.height).map((r, i, a) => i && a[i - 1].bottom <= r.top ? r.top - a[i - 1].bottom : null)
            .filter(g => g !== null)""")
        assert all(g >= 8 for g in gaps), (path, "reply buttons touch", gaps)
        if path.startswith("progress/"):  # ours: nothing for axe at phone size either (e.g. a table scrolling sideways)
            found = axe_violations(phone)
            assert found == [], (path, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found])


def test_dialogue_turns_and_tables_reflow(phone, course_site):
    url, site = course_site
    pair = page_types(site)[4]
    phone.goto(url + pair)
    cols = phone.locator(".mi-compare__col")
    assert cols.count() == 2
    a, b = cols.nth(0).bounding_box(), cols.nth(1).bounding_box()
    assert b["y"] >= a["y"] + a["height"] - 1  # stacked, not side by side
    for box in phone.locator(".mi-dlg__bubble").evaluate_all("es => es.slice(0, 20).map(e => e.getBoundingClientRect().right)"):
        assert box <= 375
    table = phone.locator("table.mi-figs__table").first
    assert table.bounding_box()["x"] + table.bounding_box()["width"] <= 375


def test_a_printed_lesson_has_no_chrome_and_hides_answers_not_opened(browser, course_site):
    url, _ = course_site
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    pg = context.new_page()
    pg.goto(url + "05-core-skills/03-reflections/")
    sections = pg.locator(".mi-ex:has(.mi-answer)")
    opened, closed = sections.nth(0), sections.nth(1)
    opened.locator(".mi-answer > summary").click()  # the learner opens one answer
    pg.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert pg.locator(chrome).first.is_hidden(), chrome
    assert opened.locator(".mi-answer > :not(summary)").first.is_visible()
    assert closed.locator(".mi-answer > :not(summary)").first.is_hidden()
    assert closed.locator(".mi-actions").is_hidden()  # buttons do nothing on paper
    context.close()


def test_a_page_printed_in_dark_mode_prints_dark_on_white(browser, course_site):
    url, _ = course_site
    context = browser.new_context(color_scheme="dark")
    pg = context.new_page()
    pg.goto(url + "05-core-skills/03-reflections/")
    pg.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    pg.emulate_media(media="print")
    colour = pg.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).color")
    rgb = [int(x) for x in colour[colour.index("(") + 1:].split(",")[:3]]
    assert max(rgb) < 80, colour  # dark ink, whatever the screen scheme
    context.close()


def test_a_printed_dialogue_keeps_the_turns_and_drops_the_switches(browser, course_site):
    url, site = course_site
    context = browser.new_context()
    pg = context.new_page()
    pg.goto(url + page_types(site)[3])
    pg.emulate_media(media="print")
    assert pg.locator(".mi-dlg__turn").first.is_visible()
    assert pg.locator(".mi-dlg__bar").first.is_hidden()
    assert pg.locator(".md-header").is_hidden()
    context.close()


def test_the_welcome_page_starts_the_course_and_progress_comes_right_after_home_in_the_drawer(phone, course_site):
    url, _ = course_site
    phone.goto(url)
    start = phone.locator(".md-content").get_by_role("link", name="Start the course")
    expect(start).to_be_visible()
    assert start.bounding_box()["y"] < PHONE["viewport"]["height"], "on the first screen, not 7,000 px down"
    start.click()
    expect(phone).not_to_have_url(url)  # the first lesson
    assert "/progress/" not in phone.url
    phone.goto(url)
    phone.locator("label.md-header__button[for=__drawer]").click()
    items = phone.locator(".md-nav--primary > .md-nav__list > .md-nav__item")
    expect(items.nth(1)).to_contain_text("Your progress")


def test_the_dashboard_on_a_phone_puts_what_to_do_next_first_and_stays_short(browser, course_site):
    url, _ = course_site
    tall = {**PHONE, "viewport": {"width": 375, "height": 812}}
    context = browser.new_context(**tall)
    pg = context.new_page()
    try:
        pg.goto(url + "05-core-skills/03-reflections/")  # a learner who has answered a few exercises
        secs = pg.locator(".mi-single-choice, .mi-best-response")
        for i in range(3):
            secs.nth(i).locator(".mi-option input").first.check()
            secs.nth(i).locator("[data-action=check]").click()
        pg.goto(url + "progress/")
        summary = pg.locator(".mi-dash__summary")
        expect(summary).to_contain_text("You have answered 3 of")
        first = summary.locator("p").first
        assert first.inner_text().startswith("Continue where you left off:")
        assert first.bounding_box()["y"] < 812, "on the first screen"
        link = first.get_by_role("link")
        assert link.inner_text().startswith("Reflections, exercise ")  # the module and the place, not "Hm. OK."
        height = pg.evaluate("document.documentElement.scrollHeight")
        assert height < 3 * 812, f"{height} px"
        n = pg.evaluate("MI_MANIFEST.modules.filter((m, i) => m.lesson && MI_MANIFEST.ex.some(e => e[5] == i)).length")
        assert f"Modules completed: 0 of {n} (" in summary.inner_text()
        assert not pg.locator(".mi-bars > li", has_text="Practice:").count()  # practice pages are not modules
        assert too_wide(pg) == []
    finally:
        context.close()
