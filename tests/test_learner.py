"""The learner's pages in a real browser: dashboard, review of mistakes, spaced review, practice sets, export / import /
reset, completion record, accessibility. A small course (tests/learner/) where option 1 is right in every single_choice
exercise; the browser's clock is fixed so dates are known."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import axe_violations, build_at, served, write_course

HERE = Path(__file__).resolve().parent / "learner"
DAY0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)
COURSE = "Motivational Interviewing — a free course"


def build_learner_course(dest: Path, url: str, *args: str) -> Path:
    course = write_course(dest, {"bank.yaml": (HERE / "bank.yaml").read_text(encoding="utf-8")},
                          {p.name: p.read_text(encoding="utf-8") for p in HERE.glob("*.md")})
    return build_at(course, url, *args)


@pytest.fixture(scope="module")
def learner_site(tmp_path_factory):
    with served(lambda url: build_learner_course(tmp_path_factory.mktemp("learner"), url)) as site:
        yield site


def new_learner(browser, origin: str, when: datetime | None = DAY0, **extra):
    """A fresh browser profile (empty storage), its clock fixed at `when` (None: the real clock), recording outside
    requests and script errors."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, "timezone_id": "UTC",
                                     "locale": "en-US", "accept_downloads": True, **extra})
    pg = context.new_page()
    if when:
        pg.clock.set_fixed_time(when)
    pg.outside, pg.errors = [], []
    pg.on("request", lambda r: None if r.url.startswith((origin, "data:", "blob:", "about:")) else pg.outside.append(r.url))
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    return context, pg


@pytest.fixture
def lp(browser, learner_site):
    url, _ = learner_site
    context, pg = new_learner(browser, url)
    pg.base = url
    yield pg
    assert pg.errors == []
    assert pg.outside == []
    context.close()


def go(pg, path: str) -> None:
    pg.goto(pg.base + path)
    pg.wait_for_selector(".mi-lp [data-lp-js]:not([hidden])" if path.startswith("progress/") else "h1")


def answer(pg, ex: str, *options: int) -> None:
    """Choose the options (authored indices) and press Check, as a learner does."""
    sec = pg.locator(f"#ex-{ex}")
    for o in options:
        sec.locator(f"input[value='{o}']").check()
    sec.locator("[data-action=check]").click()
    sec.locator(".mi-status p").wait_for()


def write(pg, ex: str, text: str) -> None:
    sec = pg.locator(f"#ex-{ex}")
    sec.locator("textarea").fill(text)
    sec.locator("[data-action=show_answer]").click()


def storage(pg) -> dict:
    """Every key of this course in localStorage, parsed."""
    return pg.evaluate("""() => { const out = {}; for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i); if (k.startsWith(MI.ns)) out[k.slice(MI.ns.length)] = JSON.parse(localStorage.getItem(k)); }
        return out; }""")


def unfold(pg, summary: str) -> None:
    """Opens one of the dashboard's folded parts, as a learner does."""
    det = pg.locator("details.mi-dash__more", has=pg.locator("summary", has_text=summary))
    if det.get_attribute("open") is None:
        det.locator("summary").click()


def bar(pg, fill: str, label: str):
    return pg.locator(f".mi-bars[data-fill={fill}] > li", has=pg.get_by_text(label, exact=True))


# Dashboard ---------------------------------------------------------------------------------------------------------

def test_dashboard_figures_match_the_answers_given(lp):
    go(lp, "01-basics/")
    answer(lp, "q1", 1)  # right
    answer(lp, "q2", 0)  # wrong
    write(lp, "w1", "What would you like to change?")  # answered, never marked right or wrong
    go(lp, "02-skills/")
    answer(lp, "r3", 1)  # right (reflections and discord)
    go(lp, "progress/")
    summary = lp.locator(".mi-dash__summary")
    assert "You have answered 4 of 15 exercises; 2 of the 14 that are marked right or wrong were right" in summary.inner_text()
    assert "Last activity: March 2, 2026." in summary.inner_text()
    assert "Due for spaced review today: 0." in summary.inner_text()
    # what to do next comes first, named by its module, position and kind
    assert summary.locator("p").first.inner_text().startswith("Continue where you left off:")
    cont = summary.get_by_role("link", name="Self-assessment, exercise 1 of 1 (Single choice)")
    assert cont.get_attribute("href").endswith("11-self-assessment/#ex-sa1")  # the next exercise after the last answered
    assert "Modules completed: 1 of 3" in summary.inner_text()  # Basics; practice pages are not modules

    started = lp.locator(".mi-bars[data-fill=started] > li")  # unfolded: the modules begun, not finished
    assert started.all_inner_texts()[0].startswith("Skills") and started.count() == 1
    unfold(lp, "All modules")
    basics = bar(lp, "modules", "Basics")
    assert basics.locator(".mi-bar__nums").inner_text() == "3 of 3 answered (100%) · 1 of 2 right (50%)"
    assert basics.locator(".mi-bar__a").get_attribute("width") == "100"
    assert basics.locator(".mi-bar__ok").get_attribute("width") == "50"
    assert bar(lp, "modules", "Skills").locator(".mi-bar__nums").inner_text() == "1 of 3 answered (33%) · 1 of 3 right (33%)"
    assert bar(lp, "modules", "Self-assessment").locator(".mi-bar__nums").inner_text().startswith("0 of 1 answered (0%)")
    assert lp.locator(".mi-bars[data-fill=modules] > li").all_inner_texts()[0].startswith("Basics")
    assert lp.locator(".mi-bars[data-fill=modules] > li").count() == 3  # as the completion record counts them
    unfold(lp, "By topic")
    assert bar(lp, "topics", "Discord").locator(".mi-bar__nums").inner_text() == "1 of 5 answered (20%) · 1 of 5 right (20%)"
    assert bar(lp, "topics", "What MI is and is not").locator(".mi-bar__nums").inner_text() == \
        "2 of 3 answered (67%) · 1 of 3 right (33%)"
    assert bar(lp, "topics", "Open questions").locator(".mi-bar__nums").inner_text() == \
        "1 of 5 answered (20%) · 0 of 4 right (0%)"
    assert lp.locator(".mi-bar__svg").first.get_attribute("aria-hidden") == "true"  # the words carry the figures

    unfold(lp, "By kind of exercise")
    rows = {r[0]: r[1:] for r in lp.eval_on_selector_all(
        ".mi-dash__kinds tbody tr", "rs => rs.map(r => Array.from(r.cells).map(c => c.innerText))")}
    assert rows == {"Single choice": ["13", "3", "2"], "Select all that apply": ["1", "0", "0"],
                    "Write a response": ["1", "1", "–"]}
    assert "You have not saved a copy of your progress yet" in lp.locator(".mi-remind").inner_text()


def test_a_new_learner_is_told_where_to_start(lp):
    go(lp, "progress/")
    text = lp.locator(".mi-dash__summary").inner_text()
    assert "You have answered 0 of 15 exercises" in text
    assert "No answers are saved in this browser yet." in text
    assert lp.locator(".mi-dash__summary").get_by_role("link", name="Basics").get_attribute("href").endswith("01-basics/#ex-q1")
    assert lp.locator(".mi-remind").is_hidden()
    assert lp.locator(".mi-lp__nojs").count() == 0


def test_the_export_reminder_comes_back_after_a_week(lp):
    go(lp, "01-basics/")
    answer(lp, "q1", 1)
    go(lp, "progress/")
    with lp.expect_download():
        lp.get_by_role("button", name="Export my progress").click()
    assert lp.locator(".mi-remind").is_hidden()
    lp.clock.set_fixed_time(datetime(2026, 3, 12, 10, 0, tzinfo=timezone.utc))
    go(lp, "progress/")
    assert "Your last copy of your progress is from March 2, 2026." in lp.locator(".mi-remind").inner_text()


# Review of mistakes -----------------------------------------------------------------------------------------------

def test_review_lists_every_last_answer_that_was_wrong_and_retries_it_in_place(lp):
    go(lp, "01-basics/")
    answer(lp, "q1", 0)  # wrong
    answer(lp, "q2", 1)  # right
    lp.clock.set_fixed_time(datetime(2026, 3, 2, 11, 0, tzinfo=timezone.utc))
    go(lp, "practice/discord/")
    answer(lp, "d1", 2)  # wrong, an hour later
    go(lp, "progress/mistakes/")
    items = lp.locator(".mi-lp__item")
    assert lp.get_by_text("Exercises to review: 2.").is_visible()
    assert [t.split(" · ")[0] for t in items.locator(".mi-lp__head").all_inner_texts()] == ["Extra 1", "Basics one"]
    first = items.nth(1)
    assert first.get_by_role("link", name="open in Basics").get_attribute("href").endswith("01-basics/#ex-q1")
    assert "Last tried: March 2, 2026" in first.inner_text()

    first.get_by_role("button", name="Retry here").click()
    first.locator("#ex-q1").wait_for()
    answer(lp, "q1", 1)
    assert first.locator(".mi-lp__note").inner_text() == "Right this time. It leaves this list the next time you open the page."

    go(lp, "progress/mistakes/")
    assert [t.split(" · ")[0] for t in lp.locator(".mi-lp__head").all_inner_texts()] == ["Extra 1"]
    go(lp, "01-basics/")  # the lesson shows the new answer
    expect_text(lp.locator("#ex-q1 .mi-status"), "Correct")


def test_retry_here_opens_the_exercise_empty_and_only_a_check_replaces_the_record(lp):
    go(lp, "01-basics/")
    answer(lp, "q1", 0)  # wrong
    lp.clock.set_fixed_time(datetime(2026, 3, 3, 10, 0, tzinfo=timezone.utc))
    go(lp, "progress/mistakes/")
    before = storage(lp)["ex:q1"]
    lp.evaluate("""() => { window.booted = [];
        document.addEventListener('mi:boot', e => booted.push([e.detail.root.className, e.detail.fresh])); }""")
    lp.get_by_role("button", name="Retry here").click()
    copy = lp.locator(".mi-lp__slot #ex-q1")
    copy.wait_for()
    assert lp.evaluate("booted") == [["mi-lp__slot", True]]  # the engine says it has started the copy, fresh
    assert copy.locator("input:checked").count() == 0  # empty: not the old wrong answer
    assert copy.locator(".mi-fb").count() == 0 and copy.locator(".mi-status").inner_text() == ""  # no verdicts
    assert copy.locator("[data-action=check]").is_visible() and copy.locator("[data-action=try_again]").is_hidden()
    assert lp.locator(".mi-score").count() == 0  # no page score on the review page
    copy.locator("input[value='2']").check()  # choosing is not answering: the saved answer stays
    assert storage(lp)["ex:q1"] == before
    copy.locator("input[value='1']").check()
    copy.locator("[data-action=check]").click()
    expect_text(copy.locator(".mi-status"), "Correct")
    assert lp.locator(".mi-lp__note").inner_text().startswith("Right this time.")
    assert lp.locator(".mi-score").count() == 0
    rec = storage(lp)["ex:q1"]
    assert rec["answer"] == [1] and rec["correct"] is True and rec["attempts"] == 2  # replaced by the Check ...
    assert rec["first"] == before["first"] and rec["last"].startswith("2026-03-03")  # ... its history carried on
    assert storage(lp)["lb:q1"]["box"] == 2  # and spaced review heard it
    go(lp, "progress/mistakes/")
    assert lp.get_by_text("Nothing to review: every exercise you last answered was right.").is_visible()


def test_review_says_so_when_there_is_nothing_to_review(lp):
    go(lp, "progress/mistakes/")
    assert lp.get_by_text("No answers are saved in this browser yet.").is_visible()
    go(lp, "01-basics/")
    answer(lp, "q1", 1)
    go(lp, "progress/mistakes/")
    assert lp.get_by_text("Nothing to review: every exercise you last answered was right.").is_visible()


def expect_text(locator, text: str) -> None:
    from playwright.sync_api import expect

    expect(locator).to_contain_text(text)


# Spaced review ----------------------------------------------------------------------------------------------------

def at(pg, day: int) -> None:
    pg.clock.set_fixed_time(datetime(2026, 3, 2 + day, 10, 0, tzinfo=timezone.utc))


def due_ids(pg) -> list[str]:
    pg.wait_for_function("() => !document.querySelector('.mi-lp__slot .mi-lp__note')")  # copies loaded
    return pg.eval_on_selector_all(".mi-lp__slot .mi-ex", "es => es.map(e => e.dataset.ex)")


def test_spaced_review_moves_exercises_between_leitner_boxes(lp):
    go(lp, "01-basics/")
    answer(lp, "q1", 1)  # right: box 2, back in 3 days
    answer(lp, "q2", 0)  # wrong: box 1, back tomorrow
    go(lp, "progress/spaced-review/")
    assert lp.locator(".mi-lp__boxes").inner_text() == "Box 1: 1 · Box 2: 1 · Box 3: 0 · Box 4: 0 · Box 5: 0"
    assert lp.get_by_text("Nothing is due today. The next review is due on March 3, 2026.").is_visible()

    at(lp, 1)
    go(lp, "progress/spaced-review/")
    assert lp.get_by_text("Due today: 1.").is_visible()
    assert due_ids(lp) == ["q2"]
    copy = lp.locator(".mi-lp__slot #ex-q2")
    assert not copy.locator("input:checked").count()  # shown blank, not with the last answer
    answer(lp, "q2", 1)
    assert lp.locator(".mi-lp__note").inner_text() == "Right: up to box 2. Next review on March 6, 2026."
    go(lp, "progress/")
    assert "Due for spaced review today: 0." in lp.locator(".mi-dash__summary").inner_text()

    at(lp, 3)
    go(lp, "progress/spaced-review/")
    assert due_ids(lp) == ["q1"]
    answer(lp, "q1", 2)
    assert lp.locator(".mi-lp__note").inner_text() == "Not right: back to box 1. Next review on March 6, 2026."
    rec = storage(lp)["ex:q1"]
    assert rec["first"].startswith("2026-03-02") and rec["attempts"] == 2 and rec["correct"] is False  # history kept

    at(lp, 5)
    go(lp, "progress/")
    assert "Due for spaced review today: 2." in lp.locator(".mi-dash__summary").inner_text()
    go(lp, "progress/spaced-review/")
    assert lp.locator(".mi-lp__boxes").inner_text() == "Box 1: 1 · Box 2: 1 · Box 3: 0 · Box 4: 0 · Box 5: 0"
    assert sorted(due_ids(lp)) == ["q1", "q2"]


def test_answers_given_in_lessons_move_boxes_too(lp):
    go(lp, "01-basics/")
    answer(lp, "q1", 1)
    go(lp, "progress/")  # box 2
    at(lp, 3)
    go(lp, "01-basics/")
    lp.locator("#ex-q1 [data-action=try_again]").click()
    answer(lp, "q1", 1)  # right again, in the lesson: box 3, back in 7 days
    go(lp, "progress/spaced-review/")
    assert lp.locator(".mi-lp__boxes").inner_text() == "Box 1: 0 · Box 2: 0 · Box 3: 1 · Box 4: 0 · Box 5: 0"
    assert lp.get_by_text("The next review is due on March 12, 2026.").is_visible()


# Practice sets ----------------------------------------------------------------------------------------------------

SET = "progress/practice-sets/?seed=42&topics=discord,open-questions&n=4&audience=coach"


def test_a_seeded_practice_set_is_the_same_on_every_load(browser, learner_site):
    url, _ = learner_site
    seen = []
    for _ in range(2):
        context, pg = new_learner(browser, url)
        pg.base = url
        go(pg, SET)
        seen.append(due_ids(pg))
        assert pg.get_by_text("Set 42: 4 exercises, drawn from the 9 that match.").is_visible()
        assert pg.locator("#mi-set-url").input_value() == url + SET
        assert pg.locator("input[name=topics][value=discord]").is_checked()
        assert not pg.locator("input[name=topics][value=reflections]").is_checked()
        assert pg.locator("input[name=audience][value=coach]").is_checked()
        context.close()
    assert seen[0] == seen[1]
    assert len(set(seen[0])) == 4
    # Every one from the chosen topics, and for coaches or for everyone (d4 is for clinicians).
    assert set(seen[0]) <= {"w1", "r3", "d1", "d2", "d3", "d5", "d6", "d7", "d8"}


def test_the_form_makes_a_new_set_and_its_address_can_be_shared(lp):
    go(lp, "progress/practice-sets/")
    assert lp.locator("[data-fill=practice]").inner_text() == ""
    lp.locator("input[name=topics][value=reflections]").check()
    lp.locator("#mi-set-n").fill("2")
    lp.locator("#mi-set-seed").fill("7")
    lp.get_by_role("button", name="Make this set").click()
    lp.wait_for_url("**/progress/practice-sets/?seed=7&topics=reflections&n=2")
    ids = due_ids(lp)
    assert len(ids) == 2 and set(ids) <= {"r1", "r2", "r3"}
    assert not lp.locator(".mi-lp__slot input:checked").count()
    lp.get_by_role("button", name="New random set").click()
    lp.wait_for_url(lambda u: "seed=7&" not in u and "topics=reflections&n=2" in u)
    answer(lp, due_ids(lp)[0], 1)  # answering in a set counts like anywhere else
    go(lp, "progress/")
    assert "You have answered 1 of 15 exercises" in lp.locator(".mi-dash__summary").inner_text()


# Export, import, reset --------------------------------------------------------------------------------------------

def export(pg, tmp_path: Path) -> Path:
    go(pg, "progress/")
    with pg.expect_download() as dl:
        pg.get_by_role("button", name="Export my progress").click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    return path


def import_file(pg, data: bytes | str, name: str = "progress.json") -> str:
    go(pg, "progress/")
    pg.locator("#mi-import").set_input_files(files=[{"name": name, "mimeType": "application/json",
                                                      "buffer": data.encode() if isinstance(data, str) else data}])
    msg = pg.locator("[data-msg=import] p").first
    msg.wait_for()
    return pg.locator("[data-msg=import]").inner_text()


def reset_all(pg) -> None:
    go(pg, "progress/")
    unfold(pg, "Reset")
    pg.get_by_role("button", name="Reset…").click()
    pg.get_by_role("button", name="Yes, delete").click()


def test_export_then_reset_then_import_restores_everything(lp, tmp_path):
    go(lp, "01-basics/")
    answer(lp, "q1", 1)
    answer(lp, "q2", 0)
    write(lp, "w1", "What matters most to you about this?")
    go(lp, "progress/certificate/")
    lp.locator("#mi-name").fill("Ada Lovelace")
    go(lp, "progress/spaced-review/")  # boxes for q1 and q2
    path = export(lp, tmp_path)
    assert path.name == "mi-progress-2026-03-02.json"
    assert "mi-lp__msg--ok" in lp.locator("[data-msg=export]").get_attribute("class")
    data = json.loads(path.read_text(encoding="utf-8"))
    ns = lp.evaluate("MI.ns")
    assert {k: data[k] for k in ("format", "version", "site", "course")} == {
        "format": "mi-course-progress", "version": 1, "site": ns, "course": COURSE}
    assert data["exported"].startswith("2026-03-02T10:00:00")
    assert set(data["records"]) == {"q1", "q2", "w1"}
    q2 = data["records"]["q2"]
    assert q2["correct"] is False and q2["answer"] == [0] and q2["kind"] == "single_choice" and q2["attempts"] == 1
    assert q2["key"] == lp.evaluate("MI_MANIFEST.ex.find(e => e[0] == 'q2')[6]")
    assert q2["leitner"] == {"box": 1, "due": "2026-03-03", "seen": q2["last"], "ok": False, "key": q2["key"]}
    assert data["records"]["w1"]["answer"]["text"] == "What matters most to you about this?"
    assert data["meta"]["learner"]["name"] == "Ada Lovelace"
    before = storage(lp)
    figures = lp.locator(".mi-bars[data-fill=modules]").text_content()

    reset_all(lp)
    assert lp.locator("[data-msg=reset]").inner_text() == "Deleted. Exercises starting fresh: 3."
    assert "You have answered 0 of 15 exercises" in lp.locator(".mi-dash__summary").inner_text()
    assert not [k for k in storage(lp) if k.startswith(("ex:", "lb:", "learner"))]

    assert "Records imported: 3. Kept because yours were newer: 0." in import_file(lp, path.read_bytes())
    assert storage(lp) == before
    go(lp, "progress/")
    assert lp.locator(".mi-bars[data-fill=modules]").text_content() == figures
    go(lp, "01-basics/")  # the lesson shows the restored answers
    expect_text(lp.locator("#ex-q2 .mi-status"), "Not quite")
    assert lp.locator("#ex-w1 textarea").input_value() == "What matters most to you about this?"


def test_import_merges_and_the_newer_answer_wins(lp, tmp_path):
    go(lp, "01-basics/")
    answer(lp, "q1", 0)
    answer(lp, "q2", 0)
    old = export(lp, tmp_path)
    reset_all(lp)
    lp.clock.set_fixed_time(datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc))
    go(lp, "01-basics/")
    answer(lp, "q2", 1)  # newer here than in the file
    assert "Records imported: 1. Kept because yours were newer: 1." in import_file(lp, old.read_bytes())
    recs = storage(lp)
    assert recs["ex:q2"]["correct"] is True and recs["ex:q1"]["correct"] is False


BAD_FILES = {
    "not JSON": ("{records: oops", "This file is not a progress file: it is not valid JSON."),
    "a list": ("[1, 2]", "it holds no JSON object"),
    "another format": ('{"format": "something-else", "version": 1, "records": {}}',
                       'This file is not an mi-course progress file (it lacks "format": "mi-course-progress").'),
    "a newer version": ('{"format": "mi-course-progress", "version": 2, "site": "x", "records": {}}',
                        "This progress file has format version 2; this course reads version 1."),
    "another course": ('{"format": "mi-course-progress", "version": 1, "site": "mi:0000:", "course": "Knitting",'
                       ' "records": {}}', "This progress file is from another course (Knitting)."),
    "no records": ('{"format": "mi-course-progress", "version": 1, "site": "@NS", "records": []}',
                   "This progress file holds no records."),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_malformed_import_is_refused_with_a_reason_and_nothing_changes(lp, case):
    go(lp, "01-basics/")
    answer(lp, "q1", 1)
    go(lp, "progress/")
    before = storage(lp)
    text, reason = BAD_FILES[case]
    message = import_file(lp, text.replace("@NS", lp.evaluate("MI.ns")))
    assert reason in message
    assert "Nothing was imported; your progress is unchanged." in message
    assert "mi-lp__msg--no" in lp.locator("[data-msg=import]").get_attribute("class")
    assert storage(lp) == before
    assert "You have answered 1 of 15 exercises" in lp.locator(".mi-dash__summary").inner_text()


def test_a_damaged_record_names_the_record_and_the_fault(lp, tmp_path):
    go(lp, "01-basics/")
    answer(lp, "q1", 1)
    data = json.loads(export(lp, tmp_path).read_text(encoding="utf-8"))
    data["records"]["q2"] = dict(data["records"]["q1"], last="last Tuesday")
    data["records"]["r1"] = dict(data["records"]["q1"], correct="yes")
    before = storage(lp)
    message = import_file(lp, json.dumps(data))
    assert "This progress file has damaged records:" in message
    assert 'the record for "q2" has a "first" or "last" that is not a date' in message
    assert 'the record for "r1" has a "correct" that is not true, false or null' in message
    assert "Nothing was imported" in message
    assert storage(lp) == before


def test_an_import_is_bounded_in_dates_sizes_names_and_ids(lp, tmp_path):
    go(lp, "01-basics/")
    answer(lp, "q1", 1)
    data = json.loads(export(lp, tmp_path).read_text(encoding="utf-8"))
    q1 = data["records"]["q1"]
    far = dict(data, records={"q2": dict(q1, last="+275760-09-13T00:00:00.000Z")})
    assert 'the record for "q2" has a "first" or "last" that is not a date between 2020 and today' in import_file(
        lp, json.dumps(far))
    never = dict(data, records={"q2": dict(q1, leitner={"box": 2, "due": "2026-02-31"})})
    assert 'the record for "q2" has damaged spaced-review data' in import_file(lp, json.dumps(never))
    big = dict(data, records={"q2": dict(q1, answer=["x" * 30_000])})
    assert 'the record for "q2" is too large to be a progress record' in import_file(lp, json.dumps(big))
    reset_all(lp)
    junk = dict(data, records={**data["records"], **{f"junk-{n}": q1 for n in range(40)}},
                meta={"learner": {"name": "N" * 5000}})
    message = import_file(lp, json.dumps(junk))
    assert "Records imported: 1." in message and "Left out: 40 records for exercises this course does not have." in message
    assert set(storage(lp)) >= {"ex:q1"} and not any(k.startswith("ex:junk") for k in storage(lp))
    assert "N" * 200 not in json.dumps(lp.evaluate("JSON.parse(localStorage.getItem(MI.ns + 'learner') || '{}')"))


def test_reset_one_topic_asks_first_and_keeps_the_rest(lp):
    go(lp, "01-basics/")
    answer(lp, "q1", 1)
    go(lp, "02-skills/")
    answer(lp, "r3", 1)
    go(lp, "progress/")
    unfold(lp, "Reset")
    lp.locator("#mi-reset-what").select_option("reflections")
    lp.get_by_role("button", name="Reset…").click()
    assert lp.locator(".mi-confirm__text").inner_text() == (
        "This deletes your answers in Reflections (answered: 1). It cannot be undone unless you have exported a copy."
        " Delete them?")
    lp.get_by_role("button", name="Cancel").click()
    assert lp.locator(".mi-confirm").is_hidden()
    assert "ex:r3" in storage(lp)
    lp.get_by_role("button", name="Reset…").click()
    lp.get_by_role("button", name="Yes, delete").click()
    keys = storage(lp)
    assert "ex:r3" not in keys and "lb:r3" not in keys and "ex:q1" in keys
    assert "You have answered 1 of 15 exercises" in lp.locator(".mi-dash__summary").inner_text()


# Completion record ------------------------------------------------------------------------------------------------

def test_the_completion_record_after_the_self_assessment(lp):
    go(lp, "progress/certificate/")
    locked = lp.locator("[data-fill=locked]")
    assert "The record is made once you have finished the self-assessment:" in locked.inner_text()
    assert locked.get_by_role("link", name="Self-assessment").get_attribute("href").endswith("11-self-assessment/")
    assert lp.locator(".mi-cert").is_hidden() and lp.get_by_role("button", name="Print or save as PDF").is_hidden()
    assert lp.locator("#mi-self").is_hidden()  # the self-assessment has an exercise: answering it is what counts

    go(lp, "01-basics/")
    answer(lp, "q1", 1)
    answer(lp, "q2", 0)
    write(lp, "w1", "What would you like?")
    lp.clock.set_fixed_time(datetime(2026, 3, 9, 10, 0, tzinfo=timezone.utc))
    go(lp, "11-self-assessment/")
    assert lp.get_by_role("link", name="Make your completion record").get_attribute("href").endswith("progress/certificate/")
    answer(lp, "sa1", 1)
    go(lp, "progress/certificate/")
    lp.locator("#mi-name").fill("Ada Lovelace")
    cert = lp.locator(".mi-cert")
    text = cert.inner_text()
    assert "RECORD OF SELF-STUDY" in text.upper()
    assert COURSE in text and "Course version 0.1" in text
    assert "This records the self-study of Ada Lovelace" in text
    rows = cert.locator("table tr").evaluate_all("rs => rs.map(r => Array.from(r.cells).map(c => c.innerText))")
    assert rows == [["Module", "Completed on", "Score"],
                    ["Basics", "March 2, 2026", "1 of 2 right (50%)"],
                    ["Self-assessment", "March 9, 2026", "1 of 1 right (100%)"]]
    assert "2 of 3 modules completed." in text
    assert "Estimated study time of the completed modules: 0.8 hours (the whole course: 1.6 hours)." in text
    assert "Self-assessment finished on March 9, 2026." in text
    assert "It is not an accreditation" in text
    assert "Record made on March 9, 2026." in text

    go(lp, "progress/certificate/")  # the name is kept
    assert lp.locator("#mi-name").input_value() == "Ada Lovelace"
    assert "Ada Lovelace" in lp.locator(".mi-cert__name").inner_text()
    lp.emulate_media(media="print")  # printed: the record alone
    assert lp.locator(".mi-cert").is_visible()
    for hidden in ("h1", "#mi-name", ".mi-lp__intro", ".md-header", ".md-sidebar--primary", ".md-footer"):
        assert lp.locator(hidden).first.is_hidden(), hidden


def test_a_final_lesson_without_exercises_is_ticked_done_by_the_learner(browser, tmp_path):
    lessons = {p.name: p.read_text(encoding="utf-8") for p in HERE.glob("*.md")}
    lessons["11-self-assessment.md"] = "---\nminutes: 15\n---\n# Self-assessment\n\nRate yourself on paper.\n"
    bank = {"bank.yaml": (HERE / "bank.yaml").read_text(encoding="utf-8")}
    with served(lambda url: build_at(write_course(tmp_path, bank, lessons), url)) as (url, _):
        context, pg = new_learner(browser, url)
        try:
            pg.base = url
            go(pg, "progress/certificate/")
            assert pg.locator(".mi-cert").is_hidden()
            pg.get_by_text("I have worked through the self-assessment").click()
            assert pg.locator(".mi-cert").is_visible()
            assert "Self-assessment finished on March 2, 2026." in pg.locator(".mi-cert").inner_text()
            assert "0 of 2 modules completed." in pg.locator(".mi-cert").inner_text()
            assert pg.errors == [] and pg.outside == []
        finally:
            context.close()


def test_dashboard_and_record_count_the_same_modules_and_say_hour_and_hours(browser, tmp_path):
    minutes = {"index.md": None, "01-basics.md": 45, "02-skills.md": 60, "11-self-assessment.md": 15}  # 2 hours in all
    lessons = {}
    for p in HERE.glob("*.md"):
        text = p.read_text(encoding="utf-8").split("---\n", 2)[-1]
        lessons[p.name] = (f"---\nminutes: {minutes[p.name]}\n---\n" if minutes[p.name] else "") + text
    bank = {"bank.yaml": (HERE / "bank.yaml").read_text(encoding="utf-8")}
    with served(lambda url: build_at(write_course(tmp_path, bank, lessons), url)) as (url, _):
        context, pg = new_learner(browser, url)
        try:
            pg.base = url
            go(pg, "progress/")
            assert "Modules completed: 0 of 3 (0 hours of the course's 2 hours of study)." in \
                pg.locator(".mi-dash__summary").inner_text()
            go(pg, "01-basics/")
            answer(pg, "q1", 1)
            answer(pg, "q2", 1)
            write(pg, "w1", "What would you like?")
            go(pg, "11-self-assessment/")
            answer(pg, "sa1", 1)
            go(pg, "progress/")
            assert "Modules completed: 2 of 3 (1 hour of the course's 2 hours of study)." in \
                pg.locator(".mi-dash__summary").inner_text()
            go(pg, "progress/certificate/")
            text = pg.locator(".mi-cert").inner_text()
            assert "2 of 3 modules completed." in text  # the same modules, the same count
            assert "Estimated study time of the completed modules: 1 hour (the whole course: 2 hours)." in text
            assert pg.errors == [] and pg.outside == []
        finally:
            context.close()


# Accessibility ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_nothing_on_the_learner_pages(lp, scheme):
    go(lp, "01-basics/")
    answer(lp, "q1", 0)
    answer(lp, "q2", 1)
    go(lp, "11-self-assessment/")
    answer(lp, "sa1", 1)
    at(lp, 4)
    pages = {
        "progress/": lambda: (unfold(lp, "All modules"), unfold(lp, "Reset"), lp.get_by_role("button", name="Reset…").click()),
        "progress/mistakes/": lambda: lp.get_by_role("button", name="Retry here").click(),
        "progress/spaced-review/": lambda: due_ids(lp),
        "progress/practice-sets/?seed=3&n=3": lambda: due_ids(lp),
        "progress/certificate/": lambda: lp.locator("#mi-name").fill("Ada"),
    }
    for path, act in pages.items():
        go(lp, path)
        act()
        lp.wait_for_timeout(200)
        found = axe_violations(lp, scheme)
        assert found == [], (path, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found])


def test_the_learner_pages_work_after_instant_navigation(lp):
    go(lp, "01-basics/")
    answer(lp, "q1", 0)
    lp.evaluate("window.stillHere = true")
    lp.locator(".md-nav__link", has_text="Dashboard").first.click()  # Material swaps the page in without a reload
    lp.wait_for_url("**/progress/")
    expect_text(lp.locator(".mi-dash__summary"), "You have answered 1 of 15 exercises")
    lp.locator(".md-nav__link", has_text="Review mistakes").first.click()
    lp.wait_for_url("**/progress/mistakes/")
    lp.get_by_role("button", name="Retry here").click()
    answer(lp, "q1", 1)
    expect_text(lp.locator(".mi-lp__note"), "Right this time")
    lp.locator(".md-nav__link", has_text="Basics").first.click()  # and back to a lesson: the exercises still work
    lp.wait_for_url("**/01-basics/")
    expect_text(lp.locator("#ex-q1 .mi-status"), "Correct")
    answer(lp, "q2", 1)
    lp.locator(".md-nav__link", has_text="Dashboard").first.click()
    lp.wait_for_url("**/progress/")
    expect_text(lp.locator(".mi-dash__summary"), "You have answered 2 of 15 exercises; 2 of the 14")
    assert lp.evaluate("window.stillHere") is True  # never reloaded
