"""The exercise engine in a real browser: every kind answered wrong and right, by mouse and by keyboard alone; progress
that survives a reload, instant navigation and broken storage; hostile bank text; phones; print; no JavaScript.

The course is tests/engine/ (the `engine_site` fixture): the home page holds single_choice, multiple_choice and a
hostile bank's exercise; "Two" holds classify, order, best_response and write_response.
"""
from __future__ import annotations

import json
import re

import pytest
from conftest import open_page
from playwright.sync_api import expect

HOME, TWO = "", "two/"


# Helpers: what a learner does ----------------------------------------------------------------------------------

def ex(pg, ex_id: str):
    return pg.locator(f"#ex-{ex_id}")


def button(sec, name: str):
    return sec.get_by_role("button", name=name, exact=True)


def status(sec):
    return sec.locator(".mi-status")


def option(sec, text: str):
    return sec.locator(".mi-option, .mi-choice", has_text=text).locator("input")


def result(sec):
    """Where the focus goes after Check: the verdict on the learner's own choice, or the status under the items."""
    mine = sec.locator(".mi-option .mi-fb", has=sec.page.locator(".mi-tag"))
    return mine.first if mine.count() else status(sec)


def is_focused(locator) -> bool:
    return locator.evaluate("e => e === document.activeElement || e.contains(document.activeElement)")


def tab_to(pg, locator, shift: bool = False, limit: int = 80) -> None:
    """Presses Tab (or Shift+Tab) until the focus is on or inside `locator`, as a keyboard user would. From the top
    of the page it first takes the theme's "Skip to content" link, past the navigation."""
    if pg.evaluate("document.activeElement === document.body"):
        pg.keyboard.press("Tab")
        assert pg.evaluate("document.activeElement.classList.contains('md-skip')")
        pg.keyboard.press("Enter")  # instant navigation redraws the page; the script puts the focus on its title
        pg.wait_for_function("document.activeElement.tagName === 'H1'")
    trail = []
    for _ in range(limit):
        if is_focused(locator):  # resolved afresh each time: instant navigation may redraw the page under a handle
            return
        pg.keyboard.press("Shift+Tab" if shift else "Tab")
        trail.append(pg.evaluate("document.activeElement.outerHTML.slice(0, 60)"))
    raise AssertionError(f"Tab never reached {locator}; it went through {trail}")


def arrow_to(pg, target) -> None:
    """In a radio group that has the focus, press the Down arrow until `target` (an input) is chosen."""
    for _ in range(12):
        if target.is_checked():
            return
        pg.keyboard.press("ArrowDown")
    raise AssertionError("the arrow keys never reached the option")


def press(pg, locator, key: str = "Enter") -> None:
    tab_to(pg, locator)
    pg.keyboard.press(key)


def check(pg, sec, kb: bool) -> None:
    if kb:
        press(pg, button(sec, "Check"))
    else:
        button(sec, "Check").click()


def try_again(pg, sec, kb: bool) -> None:
    if kb:
        tab_to(pg, button(sec, "Try again"), shift=True)
        pg.keyboard.press("Enter")
    else:
        button(sec, "Try again").click()


def choose(pg, sec, texts: set[str], all_texts: list[str], kb: bool, radio: bool) -> None:
    for text in all_texts:
        box = option(sec, text)
        want = text in texts
        if radio:
            if want:
                if kb:
                    tab_to(pg, box.locator("xpath=ancestor::fieldset[1]"))
                    arrow_to(pg, box)
                else:
                    box.locator("xpath=..").click()
            continue
        if box.is_checked() != want:
            if kb:
                press(pg, box, "Space")
            else:
                box.locator("xpath=..").click()


def order_items(sec) -> list[str]:
    return [t.strip() for t in sec.locator(".mi-order__text").all_inner_texts()]


def item(sec, text: str):
    return sec.locator(".mi-order__item").filter(has=sec.page.get_by_text(text, exact=True))


def put_in_order(pg, sec, wanted: list[str], kb: bool) -> None:
    """Moves items up with their buttons until the list reads `wanted`."""
    for pos, text in enumerate(wanted):
        now = order_items(sec).index(text)
        up = item(sec, text).get_by_role("button", name="Move up")
        if kb and now > pos:
            tab_to(pg, up)
        for _ in range(now - pos):
            if kb:
                pg.keyboard.press("Enter")
            else:
                up.click()
    assert order_items(sec) == wanted


# Each kind: how to answer it wrong and right, and what the learner is then told ---------------------------------

SC = ["I understand exactly how you feel.", "It sounds like the last few weeks have worn you down.",
      "Don't worry, lots of people go through this."]
MC = ["What brings you here today?", "Do you smoke?", "How would you like things to be different?", "Is it ten a day?"]
BR = ["You just need to push through.", "Part of you wants to train, and by evening there's nothing left.",
      "You're tired after work.", "What time do you finish work?"]
CL = {"I want to feel fit again.": "Change talk", "Smoking helps me relax.": "Sustain talk",
      "I could walk to work.": "Change talk"}
STAGES = ["Precontemplation", "Contemplation", "Preparation", "Action"]


def answer_single(pg, sec, right, kb):
    choose(pg, sec, {SC[1] if right else SC[0]}, SC, kb, radio=True)


def answer_multiple(pg, sec, right, kb):
    choose(pg, sec, {MC[0], MC[2]} if right else {MC[0], MC[1]}, MC, kb, radio=False)


def answer_best(pg, sec, right, kb):
    choose(pg, sec, {BR[1] if right else BR[0]}, BR, kb, radio=True)


def answer_classify(pg, sec, right, kb):
    for statement, category in CL.items():
        group = sec.locator(".mi-classify__item", has_text=statement)
        box = option(group, category if right else "Change talk")
        if kb:
            tab_to(pg, group)
            arrow_to(pg, box)
        else:
            box.locator("xpath=..").click()


def answer_order(pg, sec, right, kb):
    if right:
        put_in_order(pg, sec, STAGES, kb)
    else:
        assert order_items(sec) != STAGES  # the starting order is never already right


KINDS = {
    # kind: (page, id, answer, wrong status, right status, a feedback marker shown after checking)
    "single_choice": (HOME, "sc-empathy", answer_single, "Not quite", "Correct", "FB-SC-B"),
    "multiple_choice": (HOME, "mc-open", answer_multiple, "Not quite", "Correct", "FB-MC-D"),
    "classify": (TWO, "cl-talk", answer_classify, "2 of 3 right.", "3 of 3 right.", "FB-CL-B"),
    "order": (TWO, "or-stages", answer_order, r"[0-3] of 4 in the right place", "4 of 4 in the right place", "right place"),
    "best_response": (TWO, "br-gym", answer_best, "Not the best reply", "Best reply", "FB-BR-C"),
}


@pytest.mark.parametrize("kb", [False, True], ids=["mouse", "keyboard"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_kind_answered_wrong_then_right(epage, engine_site, kind, kb):
    url, _ = engine_site
    page_path, ex_id, answer, wrong, right, marker = KINDS[kind]
    pg = epage
    pg.goto(url + page_path)
    sec = ex(pg, ex_id)
    score = pg.locator(".mi-score__total")
    expect(pg.locator(".mi-score")).to_have_count(0)  # nothing to say before the first answer
    expect(sec.get_by_text(marker)).to_be_hidden()  # feedback waits in the closed answer block

    answer(pg, sec, False, kb)
    check(pg, sec, kb)
    expect(status(sec)).to_have_text(re.compile(wrong))
    expect(status(sec)).to_have_class(re.compile("mi-st--no"))
    assert "\u2717" in status(sec).locator("p").evaluate("e => getComputedStyle(e, '::before').content")  # an icon too
    assert is_focused(result(sec)), "after Check the focus moves to the verdict on her choice, or to the status"
    assert "below" not in status(sec).inner_text()  # the feedback is above the status, with each option
    expect(sec.locator(".mi-fb").get_by_text(re.compile(marker)).first).to_be_visible()
    expect(score).to_have_text("Score on this page: 0 of 3 scored exercises right.")
    expect(pg.locator(".mi-score")).to_contain_text(  # what is not scored is said
        "Writing exercises, which you rate yourself, are not scored: 1 on this page." if page_path == TWO else "0 of 3")
    if page_path == HOME:
        expect(pg.locator(".mi-score")).not_to_contain_text("Writing exercises")
    expect(button(sec, "Check")).to_be_hidden()

    try_again(pg, sec, kb)
    expect(sec.locator(".mi-fb")).to_have_count(0)
    expect(status(sec)).to_have_text("")
    answer(pg, sec, True, kb)
    check(pg, sec, kb)
    expect(status(sec)).to_have_text(re.compile(right))
    expect(status(sec)).to_have_class(re.compile("mi-st--ok"))
    assert "\u2713" in status(sec).locator("p").evaluate("e => getComputedStyle(e, '::before').content")
    expect(score).to_have_text("Score on this page: 1 of 3 scored exercises right.")

    pg.reload()
    sec = ex(pg, ex_id)
    expect(status(sec)).to_have_text(re.compile(right))
    expect(pg.locator(".mi-score__total")).to_have_text("Score on this page: 1 of 3 scored exercises right.")
    expect(button(sec, "Try again")).to_be_visible()
    expect(sec.locator(".mi-fb").first).to_be_visible()
    assert pg.errors == [] and pg.outside_requests == []


def test_choices_show_feedback_for_every_option_and_mark_the_chosen(epage, engine_site):
    pg = epage
    pg.goto(engine_site[0])
    sec = ex(pg, "mc-open")
    answer_multiple(pg, sec, False, kb=False)
    check(pg, sec, kb=False)
    for marker in ("FB-MC-A", "FB-MC-B", "FB-MC-C", "FB-MC-D"):
        expect(sec.locator(".mi-options").get_by_text(re.compile(marker))).to_be_visible()
    chosen = sec.locator(".mi-option", has=pg.locator("input:checked"))
    expect(chosen).to_have_count(2)
    expect(chosen.locator(".mi-tag")).to_have_text(["Your choice", "Your choice"])
    expect(sec.locator(".mi-option", has_text=MC[1]).locator(".mi-key__verdict")).to_contain_text("Not quite")
    expect(sec.locator(".mi-option", has_text=MC[2]).locator(".mi-key__verdict")).to_contain_text("Correct")
    expect(sec.locator(".mi-option input").first).to_be_disabled()


@pytest.mark.parametrize("kind", list(KINDS))
def test_one_route_to_the_answer(epage, engine_site, kind):
    """Before Check: Check, or Show answer (it opens the answer block, then goes). After a wrong Check every option or
    item carries its verdict, so Try again is the only button and the answer block, which would repeat them, is gone."""
    url, _ = engine_site
    page_path, ex_id, answer, wrong, _, marker = KINDS[kind]
    pg = epage
    pg.goto(url + page_path)
    sec = ex(pg, ex_id)
    shown = sec.locator(".mi-actions button:visible")
    expect(shown).to_have_text(["Check", "Show answer"])
    answer(pg, sec, False, kb=False)
    check(pg, sec, kb=False)
    expect(status(sec)).to_have_text(re.compile(wrong))
    expect(shown).to_have_text(["Try again"])
    expect(sec.locator("details.mi-answer")).to_be_hidden()
    expect(sec.locator(".mi-fb").get_by_text(re.compile(marker)).first).to_be_visible()
    if kind == "order":  # a misplaced item says where it goes: the answer is on the page
        expect(sec.locator(".mi-fb", has_text="Not in the right place").first).to_contain_text(re.compile(r"position [1-4]\."))
    try_again(pg, sec, kb=False)
    expect(shown).to_have_text(["Check", "Show answer"])
    answer_block = sec.locator("details.mi-answer")
    expect(answer_block).not_to_have_attribute("open", "")
    button(sec, "Show answer").click()
    expect(answer_block).to_have_attribute("open", "")
    assert is_focused(answer_block.locator("summary"))
    expect(answer_block.locator(".mi-keylist > li").first).to_be_visible()
    expect(shown).to_have_text(["Check"])  # nothing left to show


def test_checking_nothing_asks_for_an_answer(epage, engine_site):
    pg = epage
    pg.goto(engine_site[0] + TWO)
    sec = ex(pg, "cl-talk")
    option(sec.locator(".mi-classify__item", has_text="I could walk"), "Change talk").locator("xpath=..").click()
    button(sec, "Check").click()
    expect(status(sec)).to_have_text("Choose a category for every statement first.")
    expect(sec.locator(".mi-fb")).to_have_count(0)
    sec = ex(pg, "br-gym")
    button(sec, "Check").click()
    expect(status(sec)).to_have_text("Choose an answer first.")


def test_best_response_reveals_codes_and_tells_best_from_acceptable(epage, engine_site):
    pg = epage
    pg.goto(engine_site[0] + TWO)
    sec = ex(pg, "br-gym")
    expect(sec.locator(".mi-bubble")).to_contain_text("after work I'm wiped out")
    expect(sec.locator(".mi-options .mi-code")).to_have_count(0)
    option(sec, BR[2]).locator("xpath=..").click()
    button(sec, "Check").click()
    expect(status(sec)).to_have_text(re.compile("A good reply, though another is better"))
    expect(status(sec)).to_have_class(re.compile("mi-st--ok"))
    mine = sec.locator(".mi-option", has_text=BR[2])
    expect(mine.locator(".mi-key__verdict")).to_contain_text("Acceptable")
    expect(mine.locator(".mi-code")).to_have_text("Simple reflection")
    expect(mine.locator(".mi-tag")).to_have_text("Your choice")
    best = sec.locator(".mi-option", has_text=BR[1])
    expect(best.locator(".mi-key__verdict")).to_contain_text("Best")
    expect(best.locator(".mi-code")).to_have_text("Complex reflection (double-sided)")
    expect(sec.locator(".mi-option", has_text=BR[0]).locator(".mi-code")).to_have_text("Persuade")


def test_order_moves_announce_and_edges(epage, engine_site):
    pg = epage
    pg.goto(engine_site[0] + TWO)
    sec = ex(pg, "or-stages")
    expect(sec.locator(".mi-hint")).to_be_visible()
    text = order_items(sec)[0]
    item(sec, text).get_by_role("button", name="Move up").click()
    expect(status(sec)).to_have_text("Already at the top.")
    down = item(sec, text).get_by_role("button", name="Move down")
    down.click()
    expect(status(sec)).to_have_text("Moved to position 2 of 4.")
    assert order_items(sec)[1] == text
    assert is_focused(down), "the pressed button keeps the focus, so the item can move on"
    pg.reload()
    assert order_items(ex(pg, "or-stages"))[1] == text, "a reload keeps the order so far"


@pytest.mark.parametrize("kb", [False, True], ids=["mouse", "keyboard"])
def test_write_response_keeps_text_and_self_rating(epage, engine_site, kb):
    pg = epage
    pg.goto(engine_site[0] + TWO)
    sec = ex(pg, "wr-reflect")
    note = sec.locator(".mi-note")
    expect(note).to_contain_text("Nothing here is graded automatically")
    expect(note).to_contain_text("stays in this browser")
    expect(note).to_contain_text("could identify a real person")
    models = sec.get_by_text("MODEL-WR-A")
    expect(models).to_be_hidden()
    reply = "It sounds like the nagging gets in the way."
    box = sec.get_by_label("Your reply")
    if kb:
        tab_to(pg, box)
        pg.keyboard.type(reply)
        press(pg, button(sec, "Show model answers"))
    else:
        box.fill(reply)
        button(sec, "Show model answers").click()
    expect(models).to_be_visible()
    expect(sec.get_by_text("MODEL-WR-B")).to_be_visible()
    assert is_focused(sec.locator(".mi-answer > summary"))
    expect(button(sec, "Show model answers")).to_be_hidden()  # the models are open: nothing left to show
    levels = sec.locator(".mi-rubric label")
    expect(levels).to_have_text([re.compile(rf"^{n}: [A-Z]") for n in range(1, 6)])  # numbered, as "rated 4 of 5" counts
    expect(status(sec)).to_have_text("Compare your reply with the model answers, then rate it.")
    level = sec.get_by_label(re.compile("^4: "))
    if kb:
        tab_to(pg, sec.locator(".mi-rubric"))
        arrow_to(pg, level)
    else:
        level.click()
    expect(status(sec)).to_have_text("Saved: you rated your reply 4 of 5.")
    expect(pg.locator(".mi-score")).to_have_count(0)  # not scored: rating her own reply is not an answer to score
    pg.reload()
    sec = ex(pg, "wr-reflect")
    expect(sec.get_by_label("Your reply")).to_have_value(reply)
    expect(sec.get_by_label(re.compile("^4: "))).to_be_checked()
    expect(sec.get_by_text("MODEL-WR-A")).to_be_visible()
    expect(button(sec, "Show model answers")).to_be_hidden()


def test_progress_record_format(epage, engine_site):
    """The record other pages (dashboard, review, export) read: one key per exercise, documented in core.js."""
    pg = epage
    url, _ = engine_site
    pg.goto(url)
    sec = ex(pg, "sc-empathy")
    answer_single(pg, sec, False, kb=False)
    check(pg, sec, kb=False)
    try_again(pg, sec, kb=False)
    answer_single(pg, sec, True, kb=False)
    check(pg, sec, kb=False)
    ns = pg.evaluate("MI.ns")
    assert re.fullmatch(r"mi:[0-9a-f]{8}:", ns)
    rec = json.loads(pg.evaluate("k => localStorage.getItem(k)", ns + "ex:sc-empathy"))
    assert rec["v"] == 1 and rec["kind"] == "single_choice" and rec["correct"] is True
    assert rec["key"] == sec.get_attribute("data-key")
    assert rec["answer"] == [1] and rec["attempts"] == 2
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+Z", rec["first"]) and rec["first"] <= rec["last"]
    pg.goto(url + TWO)
    wr = ex(pg, "wr-reflect")
    wr.get_by_label("Your reply").fill("Hello")
    rec = json.loads(pg.evaluate("k => localStorage.getItem(k)", ns + "ex:wr-reflect"))
    assert rec["answer"] == {"text": "Hello", "rating": 0} and rec["correct"] is None and rec["kind"] == "write_response"
    keys = pg.evaluate("Object.keys(localStorage)")
    assert {ns + "seed", ns + "ex:sc-empathy", ns + "ex:wr-reflect"} <= set(keys)
    assert [k for k in keys if k.startswith("mi:") and not k.startswith(ns)] == []


def test_two_tabs_keep_each_others_progress(browser, engine_site):
    url, _ = engine_site
    context, one = open_page(browser, url)
    two = context.new_page()
    one.goto(url)
    two.goto(url)
    answer_single(one, ex(one, "sc-empathy"), True, kb=False)
    check(one, ex(one, "sc-empathy"), kb=False)
    answer_multiple(two, ex(two, "mc-open"), True, kb=False)
    check(two, ex(two, "mc-open"), kb=False)
    for pg in (one, two):
        pg.reload()
        expect(status(ex(pg, "sc-empathy"))).to_have_text(re.compile("Correct"))
        expect(status(ex(pg, "mc-open"))).to_have_text(re.compile("Correct"))
    context.close()


def test_instant_navigation_and_back(epage, engine_site):
    pg = epage
    url, _ = engine_site
    pg.goto(url)
    sec = ex(pg, "sc-empathy")
    answer_single(pg, sec, True, kb=False)
    check(pg, sec, kb=False)
    pg.evaluate("window.__samePage = true")  # survives only if Material swaps the page in place
    pg.locator(".md-sidebar--primary").get_by_role("link", name="Two", exact=True).click()
    expect(pg).to_have_url(url + TWO)
    assert pg.evaluate("window.__samePage === true"), "instant navigation, not a full page load"
    br = ex(pg, "br-gym")
    answer_best(pg, br, True, kb=False)
    check(pg, br, kb=False)
    expect(status(br)).to_have_text(re.compile("Best reply"))
    expect(pg.locator(".mi-score")).to_have_count(1)
    expect(pg.locator(".mi-score__total")).to_have_text("Score on this page: 1 of 3 scored exercises right.")
    expect(pg.locator(".mi-score li")).to_have_text(  # by main topic: each exercise once, so they add up to the total
        ["Change talk (DARN-CAT): 0 of 1", "Precontemplation: 0 of 1", "Reflections: 1 of 1"])

    pg.go_back()
    expect(pg).to_have_url(url)
    assert pg.evaluate("window.__samePage === true")
    sec = ex(pg, "sc-empathy")
    expect(status(sec)).to_have_text(re.compile("Correct"))
    expect(pg.locator(".mi-score")).to_have_count(1)
    expect(pg.locator(".mi-score__total")).to_have_text("Score on this page: 1 of 3 scored exercises right.")
    for opt in sec.locator(".mi-option").all():
        expect(opt.locator(".mi-fb")).to_have_count(1)  # started once, not twice
    try_again(pg, sec, kb=False)
    expect(sec.locator(".mi-fb")).to_have_count(0)
    answer_single(pg, sec, False, kb=False)
    check(pg, sec, kb=False)
    expect(status(sec)).to_have_text(re.compile("Not quite"))
    pg.go_forward()
    expect(status(ex(pg, "br-gym"))).to_have_text(re.compile("Best reply"))
    assert pg.errors == [] and pg.outside_requests == []


# Every later slice of the start-up is held back, and the clock moves 10 ms a reading, so the first slice starts
# the first section alone: what a learner meets who answers on a long page before it has finished starting.
HOLD_START = """
window.__held = []; window.__hold = true; window.__booted = 0;
const realTimeout = window.setTimeout, realNow = Date.now;
let step = 0;
window.setTimeout = function (fn, ms, ...rest) {
  if (!ms && window.__hold) { window.__held.push(fn); return 0; }
  return realTimeout(fn, ms, ...rest);
};
Date.now = () => realNow() + (step += 10);
document.addEventListener("mi:boot", () => { window.__booted++; });
"""


def test_a_section_answered_before_the_start_up_reaches_it_works_and_the_rest_follow(epage, engine_site):
    pg = epage
    pg.add_init_script(HOLD_START)
    pg.goto(engine_site[0])
    first, later = ex(pg, "sc-empathy"), ex(pg, "mc-open")
    expect(button(first, "Check")).to_be_visible()
    expect(button(later, "Check")).to_be_hidden()  # its slice has not come yet
    answer_multiple(pg, later, True, kb=False)  # the first touch starts it
    check(pg, later, kb=False)
    expect(status(later)).to_contain_text("Correct")
    assert pg.evaluate("window.__booted") == 0
    pg.evaluate("() => { window.__hold = false; window.__held.splice(0).forEach(f => f()); }")
    pg.wait_for_function("window.__booted === 1")
    expect(button(ex(pg, "hostile"), "Check")).to_be_visible()
    expect(pg.locator(".mi-score")).to_contain_text("1 of 3")  # the score, once every section has started
    assert pg.errors == []


def test_sections_wait_unrendered_off_screen_until_their_slice_and_all_are_rendered_after_start_up(browser, engine_site):
    """The theme's start-up restyles the page several times: a section off screen that has not started is skipped by
    the browser then; once the start-up has run, every section is styled and laid out (find in page, print and
    assistive tools see the whole page)."""
    url, _ = engine_site
    context, pg = open_page(browser, url, viewport={"width": 375, "height": 500}, is_mobile=True)
    pg.add_init_script(HOLD_START)
    pg.goto(url + TWO)
    rendered = """() => [...document.querySelectorAll('.mi-ex')].map(e =>
        [e.id, e.querySelector('.mi-prompt').checkVisibility({contentVisibilityAuto: true})])"""
    before = dict(pg.evaluate(rendered))
    assert before["ex-cl-talk"] is True  # the first section, started by the first slice
    assert before["ex-wr-reflect"] is False  # the last, screens below, waits for its slice
    pg.evaluate("() => { window.__hold = false; window.__held.splice(0).forEach(f => f()); }")
    pg.wait_for_function("window.__booted === 1")
    assert all(shown for _, shown in pg.evaluate(rendered)), pg.evaluate(rendered)
    assert pg.errors == []
    context.close()


def test_corrupted_storage_starts_fresh(epage, engine_site):
    pg = epage
    url, _ = engine_site
    pg.goto(url)
    ns = pg.evaluate("MI.ns")
    mc_key = ex(pg, "mc-open").get_attribute("data-key")
    bad = {
        "ex:sc-empathy": "{not json",
        "ex:mc-open": json.dumps({"v": 1, "key": mc_key, "kind": "multiple_choice", "correct": True, "answer": "garbage"}),
        "ex:hostile": "42",
        "seed": '"not a number"',
    }
    pg.evaluate("([ns, bad]) => { for (const k in bad) localStorage.setItem(ns + k, bad[k]); }", [ns, bad])
    pg.reload()
    for ex_id in ("sc-empathy", "mc-open", "hostile"):
        sec = ex(pg, ex_id)
        expect(status(sec)).to_have_text("")
        expect(button(sec, "Check")).to_be_visible()
        expect(sec.locator("input:checked")).to_have_count(0)
    sec = ex(pg, "sc-empathy")
    answer_single(pg, sec, True, kb=False)
    check(pg, sec, kb=False)
    expect(status(sec)).to_have_text(re.compile("Correct"))
    assert json.loads(pg.evaluate("k => localStorage.getItem(k)", ns + "ex:sc-empathy"))["correct"] is True
    pg.reload()
    expect(status(ex(pg, "sc-empathy"))).to_have_text(re.compile("Correct"))
    assert pg.errors == []


BROKEN_STORAGE = {
    "blocked": """Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});""",
    "full": """Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };""",
}


@pytest.mark.parametrize("how", list(BROKEN_STORAGE))
def test_broken_storage_never_breaks_the_page(epage, engine_site, how):
    pg = epage
    url, _ = engine_site
    pg.add_init_script(BROKEN_STORAGE[how])
    pg.goto(url + TWO)
    note = pg.locator(".mi-off")
    expect(note).to_have_text(re.compile("progress cannot be saved in this browser"))
    sec = ex(pg, "br-gym")
    answer_best(pg, sec, True, kb=False)
    check(pg, sec, kb=False)
    expect(status(sec)).to_have_text(re.compile("Best reply"))
    expect(pg.locator(".mi-score__total")).to_have_text("Score on this page: 1 of 3 scored exercises right.")
    sec = ex(pg, "or-stages")
    put_in_order(pg, sec, STAGES, kb=False)
    check(pg, sec, kb=False)
    expect(status(sec)).to_have_text(re.compile("4 of 4"))
    wr = ex(pg, "wr-reflect")
    wr.get_by_label("Your reply").fill("still works")
    button(wr, "Show model answers").click()
    expect(wr.get_by_text("MODEL-WR-A")).to_be_visible()
    before = len(pg.errors)
    pg.reload()
    expect(status(ex(pg, "br-gym"))).to_have_text("")  # nothing could be kept, and nothing broke
    # Material's own head script does not catch a storage that throws; ours adds no error of its own.
    with_ours, before = len(pg.errors) - before, len(pg.errors)
    pg.route("**/assets/mi-course.*.js", lambda route: route.abort())
    pg.reload()
    expect(pg.locator(".mi-actions").first).to_be_hidden()
    assert with_ours == len(pg.errors) - before


def test_persistent_storage_is_requested(epage, engine_site):
    pg = epage
    pg.add_init_script("""window.__asked = 0;
        Object.defineProperty(navigator, 'storage', {value: {persisted: () => Promise.resolve(false),
            persist: () => { window.__asked++; return Promise.resolve(true); }}});""")
    pg.goto(engine_site[0])
    sec = ex(pg, "sc-empathy")
    answer_single(pg, sec, True, kb=False)
    check(pg, sec, kb=False)
    pg.wait_for_function("window.__asked === 1")


def test_shuffle_is_stable_per_learner(browser, engine_site):
    url, _ = engine_site
    context, pg = open_page(browser, url)
    pg.goto(url + TWO)
    ns = pg.evaluate("MI.ns")
    seen = set()
    for seed in (1, 2, 3, 4, 5):  # five learners: the seed is all that tells them apart
        pg.evaluate("([k, v]) => localStorage.setItem(k, v)", [ns + "seed", str(seed)])
        pg.reload()
        first = [t.strip() for t in ex(pg, "br-gym").locator(".mi-option").all_inner_texts()]
        assert sorted(first) == sorted(BR)
        assert order_items(ex(pg, "or-stages")) != STAGES
        pg.reload()
        assert [t.strip() for t in ex(pg, "br-gym").locator(".mi-option").all_inner_texts()] == first
        seen.add(tuple(first))
    assert len(seen) > 1, "different learners see different orders"
    context.close()


def test_hostile_bank_text_never_runs(epage, engine_site):
    pg = epage
    url, site = engine_site
    html = (site / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="ex-hostile"'):]
    section = section[: section.index("</section>")]
    for bad in ("<script", "onerror", "onmouseover", "onload", "javascript:", "<iframe", "<img", "<svg"):
        assert bad not in section.lower()
    pg.goto(url)
    sec = ex(pg, "hostile")
    expect(sec).to_contain_text("Pick one")
    sec.locator(".mi-option").first.locator("label").click()
    button(sec, "Check").click()
    expect(status(sec)).to_be_visible()
    sec.locator(".mi-option b").first.hover()
    for link in sec.locator(".mi-fb a").all():
        link.click()
    button(sec, "Try again").click()  # after Check the answer block is not offered: its verdicts are on the options
    button(sec, "Show answer").click()
    for link in sec.locator(".mi-answer a").all():
        link.click()
    expect(pg).to_have_url(url)
    assert pg.evaluate("window.__pwned") is None
    found = pg.evaluate("""() => [...document.querySelectorAll('.mi-ex *')].flatMap(e =>
        [...e.attributes].filter(a => /^on/i.test(a.name) || /^\\s*javascript:/i.test(a.value)).map(a => a.name)
        .concat(/^(SCRIPT|IFRAME|IMG|SVG|OBJECT|EMBED)$/i.test(e.tagName) ? [e.tagName] : []))""")
    assert found == []
    assert pg.errors == [] and pg.outside_requests == []


def test_no_request_leaves_the_site(epage, engine_site):
    pg = epage
    url, site = engine_site
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(pages) >= 4
    for path in pages:
        pg.goto(url + ("" if path == "." else path + "/"))
    pg.wait_for_load_state("networkidle")
    assert pg.outside_requests == []
    assert pg.errors == []


def test_phone_targets_and_touch(browser, engine_site):
    url, _ = engine_site
    context, pg = open_page(browser, url, viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True)
    controls = ".mi-ex .mi-btn, .mi-option > label, .mi-choice, .mi-answer > summary, .mi-write textarea"
    for path in (HOME, TWO):
        pg.goto(url + path)
        assert pg.evaluate("document.documentElement.scrollWidth") <= 375, "no sideways scrolling"
        sizes = pg.evaluate("""sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent)
            .map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim().slice(0, 30), r.width, r.height]; })""",
                            controls)
        assert len(sizes) > 10
        small = [s for s in sizes if s[1] < 44 or s[2] < 44]
        assert small == [], small
    sec = ex(pg, "br-gym")
    sec.locator(".mi-option", has_text=BR[1]).locator("label").tap()
    button(sec, "Check").tap()
    expect(status(sec)).to_have_text(re.compile("Best reply"))
    sec = ex(pg, "or-stages")
    sec.locator(".mi-order__item").first.get_by_role("button", name="Move down").tap()
    expect(status(sec)).to_have_text("Moved to position 2 of 4.")
    assert pg.errors == []
    context.close()


@pytest.mark.parametrize("kind", ["best_response", "classify"])
def test_after_check_on_a_phone_she_sees_her_verdict_without_a_jump(browser, engine_site, kind):
    """On a 375 px phone, with Check pressed where it sits, the verdict on the chosen reply (or the status right under
    the statements) has the focus and is on screen, and the exercise moved less than half a screen to show it."""
    url, _ = engine_site
    page_path, ex_id, answer, wrong, _, _ = KINDS[kind]
    context, pg = open_page(browser, url, viewport={"width": 375, "height": 812}, has_touch=True, is_mobile=True)
    pg.goto(url + page_path)
    sec = ex(pg, ex_id)
    answer(pg, sec, False, kb=False)
    button(sec, "Check").evaluate("b => b.scrollIntoView({block: 'end'})")
    on_screen = "e => e.getBoundingClientRect().top"  # what she sees move, whatever grew above (the page score)
    before = sec.evaluate(on_screen)
    button(sec, "Check").tap()
    expect(status(sec)).to_have_text(re.compile(wrong))
    target = result(sec)
    if kind == "best_response":
        expect(target).to_contain_text("Your choice")
        expect(target).to_contain_text("Less helpful")
    assert is_focused(target)
    box = target.evaluate("e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, innerHeight]; }")
    assert box[0] >= 0 and (box[1] <= box[2] + 1 or box[0] < box[2] / 2), box  # on screen (its start, if it is taller)
    moved = abs(sec.evaluate(on_screen) - before)
    assert moved < 406, f"the exercise jumped {moved} px on the screen"
    assert "below" not in status(sec).inner_text()
    assert pg.errors == []
    context.close()


def test_print_leaves_answers_closed_unless_opened(epage, engine_site):
    pg = epage
    pg.goto(engine_site[0])
    ex(pg, "sc-empathy").locator(".mi-answer > summary").click()  # the learner opens this one
    pg.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # Material opens every details block to print
    pg.emulate_media(media="print")
    expect(ex(pg, "mc-open").locator(".mi-answer")).to_have_attribute("open", "")
    expect(ex(pg, "mc-open").get_by_text("FB-MC-A").last).to_be_hidden()
    expect(ex(pg, "sc-empathy").locator(".mi-answer").get_by_text("FB-SC-A")).to_be_visible()
    expect(button(ex(pg, "mc-open"), "Check")).to_be_hidden()


def test_without_javascript_answers_are_in_details(browser, engine_site):
    url, _ = engine_site
    context, pg = open_page(browser, url, java_script_enabled=False)
    pg.goto(url + TWO)
    for ex_id in ("cl-talk", "or-stages", "br-gym", "wr-reflect"):
        sec = ex(pg, ex_id)
        expect(sec.locator(".mi-actions")).to_be_hidden()
        details = sec.locator("details.mi-answer")
        expect(details).not_to_have_attribute("open", "")
        assert details.get_attribute("data-search-exclude") is not None
    sec = ex(pg, "br-gym")
    expect(sec.get_by_text("FB-BR-B")).to_be_hidden()
    sec.locator(".mi-answer > summary").click()
    expect(sec.get_by_text("FB-BR-B")).to_be_visible()
    expect(sec.locator(".mi-answer")).to_contain_text("Complex reflection (double-sided)")
    context.close()
