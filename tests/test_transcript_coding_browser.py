"""Coding a transcript (code_transcript) in Chromium, by keyboard: agreement per turn with the expert's reason,
overall agreement, and the learner's summary figures beside the expert's."""
from __future__ import annotations

import pytest

from test_dialogue_browser import conv_site, found, new_page  # noqa: F401  (the served small course)

# The expert coding of gym-mi-style's practitioner turns, as base codes (what the learner ticks).
EXPERT = [["question"], ["complex_reflection"], ["affirm", "question"], ["simple_reflection"]]
LABELS = {"question": "Question", "complex_reflection": "Complex reflection", "affirm": "Affirm",
          "simple_reflection": "Simple reflection", "persuade": "Persuade", "giving_information": "Giving information"}


@pytest.fixture
def pg(browser, conv_site):  # noqa: F811
    p = new_page(browser, conv_site)
    p.goto(conv_site + "practise/")
    yield p
    assert p.errors == [] and p.outside == []
    p.context.close()


def ct(pg):
    return pg.locator("#ex-ct-gym")


def focused(pg, locator) -> bool:
    return locator.evaluate("e => e === document.activeElement")


def tab_to(pg, locator, limit: int = 300) -> None:
    for _ in range(limit):
        if focused(pg, locator):
            return
        pg.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {locator}")


def code_by_keyboard(pg, coding: list[list[str]]) -> None:
    """Tab from checkbox to checkbox; Space ticks the ones in `coding`; then Tab to Check and press Enter."""
    for n, codes in enumerate(coding, 1):
        group = ct(pg).get_by_role("group", name=f"Codes for turn {n}")
        for code in codes:
            box = group.get_by_role("checkbox", name=LABELS[code], exact=True)
            tab_to(pg, box)
            pg.keyboard.press("Space")
            assert box.is_checked()
    tab_to(pg, ct(pg).get_by_role("button", name="Check"))
    pg.keyboard.press("Enter")


def results(pg) -> list[str]:
    return [r.split("\n")[0] for r in ct(pg).locator(".mi-ct__result").all_inner_texts()]


def learner_and_expert(pg, fig: str) -> tuple[str, str]:
    box = ct(pg).locator(".mi-ct__figs.mi-fb")
    return (box.locator(f'td[data-fig="{fig}"][data-col="learner"]').inner_text(),
            box.locator(f'td[data-fig="{fig}"][data-col="expert"] .mi-figs__value').inner_text())


def test_every_practitioner_turn_has_a_group_of_codes(pg):
    groups = ct(pg).get_by_role("group", name="Codes for turn")
    assert groups.count() == 4
    assert groups.first.get_by_role("checkbox").count() == 10
    assert ct(pg).locator(".mi-dlg__turn--client").count() == 3  # client turns are read, not coded


def test_coding_like_the_expert_by_keyboard(pg):
    start = ct(pg).get_by_role("group", name="Codes for turn 1").get_by_role("checkbox").first
    tab_to(pg, start)
    code_by_keyboard(pg, EXPERT)
    status = ct(pg).locator(".mi-status")
    assert status.inner_text().strip().endswith("You agreed with the expert on 4 of 4 turns (100%).")
    assert focused(pg, status)  # the result is announced and has focus
    assert results(pg) == ["Agrees with the expert"] * 4
    # the learner's figures beside the expert's: the same
    for fig in ("rq", "pct_cr", "adherent", "non_adherent", "n_question", "n_total"):
        mine, expert = learner_and_expert(pg, fig)
        assert mine.split(" ")[0] == expert, fig
    # four coded turns are too few for a verdict (figures.MIN_COUNT), on the learner's side as on the expert's
    assert learner_and_expert(pg, "rq")[0] == "1:1 too few for a verdict"
    assert learner_and_expert(pg, "pct_cr")[0] == "50% too few for a verdict"
    assert found(pg) == []


def test_disagreements_show_the_experts_codes_and_reason(pg):
    first = ct(pg).get_by_role("group", name="Codes for turn 1").get_by_role("checkbox").first
    tab_to(pg, first)
    code_by_keyboard(pg, [["question"], ["simple_reflection"], ["affirm"], []])
    assert ct(pg).locator(".mi-status").inner_text().strip().endswith(
        "You agreed with the expert on 1 of 4 turns (25%).")
    assert results(pg) == ["Agrees with the expert", "Differs from the expert", "Partly agrees with the expert",
                           "You did not code this turn"]
    turn2 = ct(pg).locator(".mi-ct__result").nth(1).inner_text()
    assert "Your codes: Simple reflection" in turn2
    assert "Expert: Complex reflection (double-sided)" in turn2
    assert "Both sides of the ambivalence, the change side last." in turn2  # the expert's reason
    assert "Expert: Affirm, Question (open)" in ct(pg).locator(".mi-ct__result").nth(2).inner_text()
    # figures from this coding: 1 simple reflection, 1 question -> R:Q 1:1; no complex -> 0%
    assert learner_and_expert(pg, "rq") == ("1:1 too few for a verdict", "1:1")
    assert learner_and_expert(pg, "pct_cr") == ("0% too few for a verdict", "50%")
    assert learner_and_expert(pg, "n_total") == ("3", "5")
    assert found(pg, "slate") == []


def test_try_again_clears_the_results_and_keeps_the_ticks(pg):
    group = ct(pg).get_by_role("group", name="Codes for turn 1")
    group.get_by_role("checkbox", name="Persuade", exact=True).check()
    ct(pg).get_by_role("button", name="Check").click()
    assert results(pg)[0] == "Differs from the expert"
    assert group.get_by_role("checkbox", name="Question", exact=True).is_disabled()  # locked while results show
    ct(pg).get_by_role("button", name="Try again").click()
    assert ct(pg).locator(".mi-ct__result").count() == 0 and ct(pg).locator(".mi-ct__figs.mi-fb").count() == 0
    assert group.get_by_role("checkbox", name="Persuade", exact=True).is_checked()
    assert group.get_by_role("checkbox", name="Question", exact=True).is_enabled()


def test_nothing_ticked_asks_for_a_code_first(pg):
    ct(pg).get_by_role("button", name="Check").click()
    assert "Code at least one turn first." in ct(pg).locator(".mi-status").inner_text()
    assert ct(pg).locator(".mi-ct__result").count() == 0


def test_the_coding_and_its_result_survive_a_reload(pg):
    for n, codes in enumerate(EXPERT, 1):
        for code in codes:
            ct(pg).get_by_role("group", name=f"Codes for turn {n}").get_by_role("checkbox", name=LABELS[code], exact=True).check()
    ct(pg).get_by_role("button", name="Check").click()
    rec = pg.evaluate("""() => { for (const k of Object.keys(localStorage))
        if (k.endsWith(':ex:ct-gym')) return JSON.parse(localStorage.getItem(k)); return null; }""")
    assert rec["answer"] == sorted(EXPERT[0:1]) + [["complex_reflection"], ["affirm", "question"], ["simple_reflection"]]
    assert rec["correct"] is True and rec["kind"] == "code_transcript"
    pg.reload()
    assert results(pg) == ["Agrees with the expert"] * 4
    assert ct(pg).get_by_role("group", name="Codes for turn 3").get_by_role("checkbox", name="Affirm").is_checked()


def test_without_javascript_the_expert_coding_is_in_the_answer(browser, conv_site):  # noqa: F811
    p = new_page(browser, conv_site, java_script_enabled=False)
    p.goto(conv_site + "practise/")
    box = p.locator("#ex-ct-gym")
    assert not box.locator(".mi-ct__figs").is_visible()
    box.get_by_text("Answer and feedback").click()
    key = box.locator(".mi-answer")
    assert "Complex reflection (double-sided)" in key.inner_text()
    assert "Both sides of the ambivalence, the change side last." in key.inner_text()
    assert key.get_by_role("table", name="Practitioner summary figures, MITI 4.2.1").is_visible()
    p.context.close()
