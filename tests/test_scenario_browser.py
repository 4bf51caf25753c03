"""A practice conversation (scenario) in Chromium: played to each ending and back, by mouse and by keyboard."""
from __future__ import annotations

import json

import pytest

from test_dialogue_browser import conv_site, found, new_page  # noqa: F401  (the served small course)

PATHS = {  # the replies that lead to each ending of scn-gym
    "good": ["Life has got crowded", "What did training give you?"],
    "mixed": ["You could come at 6 am", "Early mornings didn't suit you", "So, shall we book you in"],
    "poor": ["You could come at 6 am", "You just need more discipline"],
}
DEBRIEF = {"good": "the member talks towards a plan", "mixed": "a push to commit too early",
           "poor": "Persuasion and confrontation closed the conversation"}


@pytest.fixture
def pg(browser, conv_site):  # noqa: F811
    p = new_page(browser, conv_site)
    p.goto(conv_site + "practise/")
    yield p
    assert p.errors == [] and p.outside == []
    p.context.close()


def scn(pg):
    return pg.locator("#ex-scn-gym")


def meter(pg) -> str:
    return scn(pg).locator(".mi-meter__label").inner_text()


def choose(pg, reply: str) -> None:
    scn(pg).get_by_role("button", name=reply).click()


def current_line(pg) -> str:
    return scn(pg).locator(".mi-scn__now .mi-dlg__text").inner_text()


def record(pg) -> dict:
    return pg.evaluate("""() => { for (const k of Object.keys(localStorage))
        if (k.endsWith(':ex:scn-gym')) return JSON.parse(localStorage.getItem(k)); return null; }""")


def test_the_conversation_opens_on_the_first_line_with_its_replies(pg):
    assert current_line(pg) == "I haven't been in for weeks. I just don't have the time."
    assert scn(pg).locator(".mi-scn__now .mi-badge").inner_text() == "Sustain talk (ability)"
    assert scn(pg).locator(".mi-scn__pick").all_inner_texts() == [
        "You could come at 6 am, before work.", "Life has got crowded, and the gym has slipped off the list."]
    assert meter(pg) == "Client's talk so far: change talk 0, sustain talk 1"
    assert scn(pg).get_by_role("button", name="Step back").is_disabled()
    assert not scn(pg).locator(".mi-scn__map").evaluate("d => d.open")  # the map of every path stays closed


@pytest.mark.parametrize("outcome", ["good", "mixed", "poor"])
def test_play_to_each_ending_and_back(pg, outcome):
    lines = [current_line(pg)]
    for reply in PATHS[outcome]:
        choose(pg, reply)
        feedback = scn(pg).locator(".mi-scn__log .mi-scn__feedback").last
        assert feedback.is_visible()
        assert feedback.evaluate("e => e === document.activeElement")  # read next: the feedback has focus
        lines.append(current_line(pg))
    end = scn(pg).locator(".mi-scn__end")
    assert end.is_visible()
    assert f"Ending reached: a {outcome} outcome" in end.inner_text() and DEBRIEF[outcome] in end.inner_text()
    assert scn(pg).locator(".mi-scn__pick").count() == 0
    assert scn(pg).locator(".mi-scn__seen").inner_text() == "Endings you have reached: 1 of 3"
    # the record keeps the path and the ending; a good ending counts as done
    rec = record(pg)
    assert rec["kind"] == "scenario" and rec["v"] == 1 and rec["answer"]["endings"] == {f"end-{outcome}": outcome}
    assert rec["correct"] is (outcome == "good") and rec["attempts"] == 1
    # back, one step at a time, to the start
    for step in range(len(PATHS[outcome]), 0, -1):
        scn(pg).get_by_role("button", name="Step back").click()
        assert current_line(pg) == lines[step - 1]
        assert scn(pg).get_by_role("button", name=PATHS[outcome][step - 1]).is_visible()
        assert scn(pg).locator(".mi-scn__now .mi-dlg__turn").evaluate("e => e === document.activeElement")
    assert scn(pg).get_by_role("button", name="Step back").is_disabled()
    assert scn(pg).locator(".mi-scn__end").count() == 0
    assert scn(pg).locator(".mi-scn__seen").inner_text() == "Endings you have reached: 1 of 3"  # still counted


def test_the_meter_moves_with_the_conversation(pg):
    assert meter(pg) == "Client's talk so far: change talk 0, sustain talk 1"
    choose(pg, "You could come at 6 am")
    assert meter(pg) == "Client's talk so far: change talk 0, sustain talk 2"
    choose(pg, "Early mornings didn't suit you")
    assert meter(pg) == "Client's talk so far: change talk 1, sustain talk 2"
    width = scn(pg).locator(".mi-meter__change").evaluate("e => e.style.width")
    assert width.startswith("33.3")
    choose(pg, "What did training give you?")
    assert meter(pg) == "Client's talk so far: change talk 2, sustain talk 2"
    assert scn(pg).locator(".mi-meter__change").evaluate("e => e.style.width") == "50%"
    scn(pg).get_by_role("button", name="Step back").click()
    assert meter(pg) == "Client's talk so far: change talk 1, sustain talk 2"
    scn(pg).get_by_role("button", name="Restart").click()
    assert meter(pg) == "Client's talk so far: change talk 0, sustain talk 1"
    assert scn(pg).locator(".mi-scn__log > li").count() == 0


def test_every_ending_is_remembered_and_the_place_survives_a_reload(pg):
    for outcome in ("poor", "mixed", "good"):
        scn(pg).get_by_role("button", name="Restart").click()
        for reply in PATHS[outcome]:
            choose(pg, reply)
    assert scn(pg).locator(".mi-scn__seen").inner_text() == "Endings you have reached: 3 of 3"
    assert record(pg)["correct"] is True and record(pg)["attempts"] == 3
    scn(pg).get_by_role("button", name="Step back").click()
    pg.reload()
    assert current_line(pg) == "I do miss it. I felt better when I was training."
    assert scn(pg).locator(".mi-scn__log .mi-scn__feedback").count() == 1
    assert scn(pg).locator(".mi-scn__seen").inner_text() == "Endings you have reached: 3 of 3"
    assert "Score on this page: 1 of" in pg.locator(".mi-score").inner_text()


def test_a_record_from_a_changed_scenario_starts_fresh(pg):
    key = pg.evaluate("() => Object.keys(localStorage).find(k => k.endsWith(':seed')).replace('seed', 'ex:scn-gym')")
    stale = {"v": 1, "key": scn(pg).get_attribute("data-key"), "kind": "scenario", "answer": {"path": [1, 7], "endings": {}},
             "correct": None, "attempts": 0, "first": "2026-01-01T00:00:00Z", "last": "2026-01-01T00:00:00Z"}
    pg.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(stale)])
    pg.reload()
    assert current_line(pg) == "I haven't been in for weeks. I just don't have the time."
    assert scn(pg).locator(".mi-scn__pick").count() == 2


def test_played_by_keyboard_alone(pg):
    first = scn(pg).locator(".mi-scn__pick").first
    for _ in range(200):
        pg.keyboard.press("Tab")
        if first.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first reply")
    pg.keyboard.press("Tab")  # the second reply: "Life has got crowded..."
    pg.keyboard.press("Enter")
    assert current_line(pg) == "I do miss it. I felt better when I was training."
    pg.keyboard.press("Tab")  # from the feedback to the first reply of the next line
    pg.keyboard.press("Enter")
    assert "Ending reached: a good outcome" in scn(pg).locator(".mi-scn__end").inner_text()
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.textContent") == "Step back"
    pg.keyboard.press("Enter")
    assert current_line(pg) == "I do miss it. I felt better when I was training."


def test_axe_while_playing_and_at_an_ending(pg):
    assert found(pg) == []
    choose(pg, "You could come at 6 am")
    assert found(pg, "slate") == []
    choose(pg, "You just need more discipline")
    assert found(pg) == []


def test_without_javascript_the_map_reads_as_a_gamebook(browser, conv_site):  # noqa: F811
    p = new_page(browser, conv_site, java_script_enabled=False)
    p.goto(conv_site + "practise/")
    s = p.locator("#ex-scn-gym")
    assert not s.locator(".mi-scn__stage").is_visible()
    s.get_by_text("Every path of the conversation, with feedback").click()
    assert s.locator(".mi-scn__node").count() == 6
    s.get_by_role("link", name="Life has got crowded").click()
    assert p.url.endswith("#ex-scn-gym-opens-up")
    assert s.get_by_text("A reflection that names the squeeze without judging.").is_visible()
    assert "Ending reached: a poor outcome" in s.locator("#ex-scn-gym-end-poor").inner_text()
    p.context.close()
