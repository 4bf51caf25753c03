"""Dialogue pages in Chromium: the annotations switch (remembered), side by side or one after the other, no
JavaScript, print, and axe on every kind of conversation page."""
from __future__ import annotations

import pytest

from conftest import axe_violations, build_at, served, too_wide, write_course
from playwright.sync_api import expect

from test_dialogue_pages import BANK, LESSONS


@pytest.fixture
def conv_site(conversation_site):
    return conversation_site[0]


def found(pg, scheme=None) -> list:
    """axe's violations, as rule and elements, so a failure says where."""
    return [(v["id"], [n["html"][:160] for n in v["nodes"]]) for v in axe_violations(pg, scheme)]


def new_page(browser, url: str, **options):
    context = browser.new_context(viewport=options.pop("viewport", {"width": 1280, "height": 900}), **options)
    pg = context.new_page()
    pg.errors, pg.outside = [], []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("request", lambda r: None if r.url.startswith((url.rstrip("/"), "data:", "blob:", "about:")) else pg.outside.append(r.url))
    return pg


@pytest.fixture
def pg(browser, conv_site):
    p = new_page(browser, conv_site)
    yield p
    assert p.errors == [] and p.outside == []
    p.context.close()

SWITCH = '[data-dlg="annotations"]'  # its label changes with its state: "Hide codes and notes" / "Show codes and notes"


def badges(pg):
    return pg.locator(".mi-dialogue .mi-badge")


def test_annotations_switch_off_is_remembered_across_reloads_and_pages(pg, conv_site):
    pg.goto(conv_site + "dialogues/gym-mi-style/")
    switch = pg.locator(SWITCH).first
    expect(switch).to_have_text("Hide codes and notes")  # the label tells what a press does
    assert switch.get_attribute("aria-pressed") == "true"
    assert badges(pg).first.is_visible() and pg.get_by_text("Desire and fear side by side").is_visible()
    switch.click()
    expect(switch).to_have_text("Show codes and notes")
    assert switch.get_attribute("aria-pressed") == "false"
    assert not badges(pg).first.is_visible() and not pg.get_by_text("Desire and fear side by side").is_visible()
    assert pg.get_by_text("I want to get back to it").is_visible()  # the words stay
    pg.reload()
    assert pg.get_by_role("button", name="Show codes and notes").first.get_attribute("aria-pressed") == "false"
    assert not badges(pg).first.is_visible()
    # instant navigation to the paired dialogue: still off there
    pg.get_by_role("link", name="The same conversation done with the righting reflex").click()
    pg.wait_for_url("**/gym-righting-reflex/")
    assert pg.locator(".mi-dialogue").get_attribute("data-annotations") == "off"
    assert not badges(pg).first.is_visible()
    pg.get_by_role("button", name="Show codes and notes").click()
    assert badges(pg).first.is_visible()
    pg.reload()
    assert badges(pg).first.is_visible()


def test_the_switch_works_from_the_keyboard(pg, conv_site):
    pg.goto(conv_site + "dialogues/gym-mi-style/")
    switch = pg.locator(SWITCH).first
    for _ in range(60):
        pg.keyboard.press("Tab")
        if switch.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the switch")
    pg.keyboard.press("Enter")
    assert switch.get_attribute("aria-pressed") == "false" and not badges(pg).first.is_visible()
    pg.keyboard.press("Space")
    assert switch.get_attribute("aria-pressed") == "true" and badges(pg).first.is_visible()


def test_without_javascript_annotations_show_and_no_switch(browser, conv_site):
    p = new_page(browser, conv_site, java_script_enabled=False)
    p.goto(conv_site + "dialogues/gym-mi-style/")
    assert badges(p).first.is_visible()
    assert p.get_by_text("Desire and fear side by side").is_visible()
    assert p.locator(SWITCH + ":visible").count() == 0  # hidden: it would do nothing
    assert p.get_by_role("table", name="Practitioner summary figures, MITI 4.2.1").is_visible()
    p.goto(conv_site + "dialogues/side-by-side/gym-mi-style/")
    left, right = (p.locator(".mi-compare__col").nth(i).bounding_box() for i in (0, 1))
    assert right["x"] > left["x"] + left["width"] - 1 and abs(right["y"] - left["y"]) < 2  # side by side
    p.context.close()


def test_pairs_side_by_side_or_one_after_the_other(pg, conv_site):
    pg.goto(conv_site + "dialogues/side-by-side/gym-mi-style/")
    cols = pg.locator(".mi-compare__col")
    left, right = cols.nth(0).bounding_box(), cols.nth(1).bounding_box()
    assert right["x"] >= left["x"] + left["width"] and abs(right["y"] - left["y"]) < 2
    layout = pg.get_by_role("button", name="Side by side")
    assert layout.get_attribute("aria-pressed") == "true"
    layout.click()
    left, right = cols.nth(0).bounding_box(), cols.nth(1).bounding_box()
    assert right["y"] >= left["y"] + left["height"] and abs(right["x"] - left["x"]) < 2  # one after the other
    pg.reload()
    assert pg.get_by_role("button", name="Side by side").get_attribute("aria-pressed") == "false"
    pg.get_by_role("button", name="Side by side").click()
    left, right = cols.nth(0).bounding_box(), cols.nth(1).bounding_box()
    assert abs(right["y"] - left["y"]) < 2


def test_a_phone_reads_pairs_one_after_the_other(browser, conv_site):
    p = new_page(browser, conv_site, viewport={"width": 390, "height": 800})
    p.goto(conv_site + "dialogues/side-by-side/gym-mi-style/")
    left, right = (p.locator(".mi-compare__col").nth(i).bounding_box() for i in (0, 1))
    assert right["y"] >= left["y"] + left["height"]
    assert too_wide(p) == []  # nothing spills sideways, whatever the font
    p.context.close()


def test_print_keeps_the_annotations_and_drops_the_switches(pg, conv_site):
    pg.goto(conv_site + "dialogues/side-by-side/gym-mi-style/")
    pg.emulate_media(media="print")
    assert not pg.locator(SWITCH).first.is_visible()
    assert not pg.get_by_role("button", name="Side by side").is_visible()
    assert badges(pg).first.is_visible()
    left, right = (pg.locator(".mi-compare__col").nth(i).bounding_box() for i in (0, 1))
    assert right["y"] >= left["y"] + left["height"]  # on paper one after the other
    bg = pg.locator(".mi-dlg__bubble").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg in ("rgba(0, 0, 0, 0)", "transparent")  # no ink spent on bubble backgrounds
    assert pg.locator(".mi-dlg__turn").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"


@pytest.mark.parametrize("path, scheme", [
    ("dialogues/gym-mi-style/", "default"), ("dialogues/gym-mi-style/", "slate"),
    ("dialogues/side-by-side/gym-mi-style/", "default"), ("dialogues/side-by-side/gym-mi-style/", "slate"),
    ("dialogues/", "default"), ("", "slate")])
def test_axe_finds_nothing_on_conversation_pages(pg, conv_site, path, scheme):
    pg.goto(conv_site + path)
    assert found(pg, scheme) == []
    if pg.locator(SWITCH + ":visible").count():
        pg.locator(SWITCH + ":visible").first.click()
        assert found(pg, scheme) == []


def test_axe_on_the_shipped_dialogues(page, course_site):
    url, site = course_site
    pages = sorted(p.parent.relative_to(site).as_posix() for p in (site / "dialogues").glob("*/index.html")
                   if p.parent.name != "side-by-side")
    assert pages, "the shipped course has dialogue pages"
    pairs = sorted(p.parent.relative_to(site).as_posix() for p in (site / "dialogues" / "side-by-side").glob("*/index.html"))
    for path in pages[:3] + pairs[:1]:
        page.goto(url + path + "/")
        assert found(page) == [], path


def test_the_overview_table_sorts_by_a_column_also_after_instant_navigation(pg, conv_site):
    pg.goto(conv_site + "dialogues/")
    pg.get_by_role("link", name="Figures of every dialogue").first.click()
    pg.wait_for_url("**/dialogues/figures/")
    table = pg.locator(".mi-overview table")
    turns = lambda: [int(t) for t in table.locator("tbody tr td:nth-child(3)").all_inner_texts()]
    assert turns() == [7, 4, 4]  # the page's own order: authored dialogues as the bank has them
    button = table.get_by_role("button", name="Turns")
    button.click()
    assert turns() == [4, 4, 7]
    assert table.locator("th").nth(2).get_attribute("aria-sort") == "ascending"
    button.click()
    assert turns() == [7, 4, 4]
    assert table.locator("th").nth(2).get_attribute("aria-sort") == "descending"
    table.get_by_role("button", name="% complex reflections").click()  # "n/a" sorts last
    assert table.locator("tbody tr td:nth-child(5)").all_inner_texts()[-1].startswith("n/a")
    assert found(pg) == []
