"""Dialogue pages in a real build: one page per dialogue, side-by-side pairs, the index, the directive, the nav.

The small course of tests/conversations/ (BANK, LESSONS) is also what the browser tests of dialogues, scenarios and
coding use (the session fixture conversation_site).
"""
from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import HERE, run_cli, write_course

COURSE = HERE / "conversations"
BANK = (COURSE / "conversations.yaml").read_text(encoding="utf-8")
LESSONS = {p.name: p.read_text(encoding="utf-8") for p in COURSE.glob("*.md")}


@pytest.fixture
def built(conversation_site):
    return conversation_site[1]


def docs(course, path: str) -> str:
    return (course / "build" / "all" / "docs" / path).read_text(encoding="utf-8")


def html(course, path: str) -> str:
    return (course / "site" / path).read_text(encoding="utf-8")


def text_of(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_every_dialogue_has_a_page_in_the_nav(built):
    nav = yaml.safe_load((built / "build" / "all" / "mkdocs.yml").read_text())["nav"]
    section = next(e["Dialogues"] for e in nav if isinstance(e, dict) and "Dialogues" in e)
    assert section == [
        "dialogues/index.md",
        {"Back to training after an injury (MI style)": "dialogues/gym-mi-style.md"},
        {"Back to training after an injury (righting reflex)": "dialogues/gym-righting-reflex.md"},
        {"How important is quitting?": "dialogues/quit-smoking-rulers.md"},
        {"Figures of every dialogue": "dialogues/figures.md"},
    ]
    titles = [list(e)[0] if isinstance(e, dict) else e for e in nav]
    assert titles.index("Dialogues") == titles.index("Practice") - 1
    for page in ("dialogues/gym-mi-style/index.html", "dialogues/side-by-side/gym-mi-style/index.html",
                 "dialogues/index.html"):
        assert (built / "site" / page).exists()


def test_a_dialogue_page_shows_turns_codes_notes_figures_and_legend(built):
    page = html(built, "dialogues/gym-mi-style/index.html")
    main = page[page.index('<article'):page.index('</article>')]
    words = text_of(main)
    assert "Back to training after an injury (MI style)" in words
    assert "MI style · Fitness and exercise coaching · Fitness coaches" in words
    assert "In this conversation: Sam (coach), Alex (gym member)" in words
    turns = re.findall(r'<li class="mi-dlg__turn mi-dlg__turn--(\w+)" id="dlg-gym-mi-style-(\d+)" data-turn="\2">', main)
    assert [t[0] for t in turns] == ["practitioner", "client"] * 3 + ["practitioner"]
    assert ">Complex reflection (double-sided)<" in main and ">Change talk (desire)<" in main
    assert "Desire and fear side by side: ambivalence." in words
    # the annotations are shown without JavaScript: nothing hides them in the HTML
    assert 'class="mi-dlg__ann" hidden' not in main and 'data-annotations="off"' not in main
    # the switch only appears with the script
    assert '<div class="mi-dlg__bar" hidden data-search-exclude><button type="button" class="mi-btn mi-dlg__toggle"' in main
    # figures, with the manual named and the 20-minute caveat
    assert "MITI 4.2.1 manual (Moyers, Manuel &amp; Ernst, 2014)" in main
    assert "20-minute segment" in words and "illustrative only" in words
    assert "a MITI 3.1.1 figure" in words
    assert "MISC-style" in words and "no proficiency threshold exists" in words
    assert '<svg class="mi-chart" role="img"' in main
    # legend: the codes this dialogue uses, and no others
    legend = main[main.index('class="mi-legend"'):]
    for used in ("Question", "Complex reflection", "Affirm", "Simple reflection", "Change talk", "Sustain talk"):
        assert f">{used}</li>" in legend
    assert ">Confront</li>" not in legend and ">Persuade</li>" not in legend


def test_figures_on_the_page_match_a_hand_count(built):
    page = html(built, "dialogues/gym-mi-style/index.html")

    def cell(fig: str) -> str:
        m = re.search(rf'<td data-fig="{fig}"><span class="mi-figs__value">([^<]*)</span>(.*?)</td>', page)
        return m.group(1) + " " + text_of(m.group(2))

    # 2 questions (both open), 1 simple + 1 complex reflection, 1 affirm; client: change 2, sustain 1
    # too few utterances for any verdict (figures.MIN_COUNT is 10), and the badge says so
    assert cell("rq") == "1:1 too few reflections and questions for a verdict (fewer than 10) reflections 2, questions 2"
    assert cell("pct_cr") == "50% too few reflections for a verdict (fewer than 10) 1 of 2"
    assert cell("adherent").strip() == "1"
    assert cell("non_adherent").strip() == "0"
    assert cell("pct_oq") == "100% too few questions marked open or closed for a verdict (fewer than 10) 2 of 2"
    assert cell("ct_share") == "67% 2 of 3"
    assert cell("n_total").strip() == "5"


def test_zero_questions_and_reflections_show_n_a(tmp_path):
    bank = BANK.replace("codes: [question/closed]\n      - speaker: client\n        text: \"Yes. Every week.\"",
                        "codes: [giving_information]\n      - speaker: client\n        text: \"Yes. Every week.\"")
    course = write_course(tmp_path, {"b.yaml": bank})
    assert run_cli("build", cwd=course).returncode == 0
    page = html(course, "dialogues/gym-righting-reflex/index.html")
    assert re.search(r'data-fig="rq"><span class="mi-figs__value">n/a</span><span', page)
    assert re.search(r'data-fig="pct_cr"><span class="mi-figs__value">n/a</span><span', page)
    assert re.search(r'data-fig="pct_oq"><span class="mi-figs__value">n/a</span><span', page)


def test_paired_dialogues_link_each_other_and_share_a_side_by_side_page(built):
    mi = html(built, "dialogues/gym-mi-style/index.html")
    rr = html(built, "dialogues/gym-righting-reflex/index.html")
    assert re.search(r'<a href="\.\./gym-righting-reflex/">The same conversation done with the righting reflex', mi)
    assert re.search(r'<a href="\.\./gym-mi-style/">The same conversation in MI style', rr)
    for page in (mi, rr):
        assert '<a href="../side-by-side/gym-mi-style/">Read both side by side' in page
    both = html(built, "dialogues/side-by-side/gym-mi-style/index.html")
    cols = re.findall(r'<div class="mi-compare__col"><h2 id="([\w-]+)">', both)
    assert cols == ["gym-mi-style", "gym-righting-reflex"]  # MI style first
    assert '<div class="mi-compare" data-layout="side">' in both
    # one figures table with a column per dialogue
    assert re.search(r'<th scope="col">Back to training after an injury \(MI style\)</th>'
                     r'<th scope="col">Back to training after an injury \(righting reflex\)</th>', both)
    assert text_of(re.search(r'<tr><th scope="row">MI non-adherent.*?</tr>', both).group(0)).startswith(
        "MI non-adherent (Confront + Persuade) 0 1")
    assert 'data-md-type="toc" hidden' in both  # the table of contents gives way to the two columns


def test_a_dialogue_page_links_to_the_coding_exercise_on_it(built):
    assert '<a href="../../practise/#ex-ct-gym">Code this transcript yourself: Code the MI-style conversation</a>' in html(
        built, "dialogues/gym-mi-style/index.html")
    assert "Code this transcript yourself" not in html(built, "dialogues/gym-righting-reflex/index.html")


def test_the_index_lists_dialogues_and_scenarios_by_setting_and_topic(built):
    index = docs(built, "dialogues/index.md")
    by_setting, by_topic = index.split("## By topic")
    fitness = by_setting[by_setting.index("### Fitness and exercise coaching"):by_setting.index("### Smoking")]
    assert "[Back to training after an injury (MI style)](gym-mi-style.md)" in fitness
    assert "**Practice conversation:** [A member who stopped coming](../practise.md#ex-scn-gym)" in fitness
    assert "[How important is quitting?](quit-smoking-rulers.md)" in by_setting[by_setting.index("### Smoking"):]
    evoking = by_topic[by_topic.index("### Evoking"):]
    assert "gym-mi-style.md" in evoking and "quit-smoking-rulers.md" in evoking
    assert "### The righting reflex" in by_topic
    built_index = html(built, "dialogues/index.html")
    assert '<a href="../practise/#ex-scn-gym">A member who stopped coming</a>' in built_index


def test_the_directive_places_the_dialogue_with_a_link_to_its_page(built):
    home = html(built, "index.html")
    assert '<section class="mi-dialogue mi-dialogue--mi" id="dlg-gym-mi-style"' in home
    assert '<details class="mi-dlg__legend" data-search-exclude><summary>Key to the codes</summary>' in home
    assert re.search(r'<a href="dialogues/gym-mi-style/">Whole dialogue with its summary figures', home)


def test_a_dialogue_placed_twice_on_a_page_appears_once(tmp_path):
    course = write_course(tmp_path, {"b.yaml": BANK}, {"index.md": "# A\n\n[[dialogue: gym-mi-style]]\n\n[[dialogue: gym-mi-style]]\n"})
    assert run_cli("build", cwd=course).returncode == 0
    assert html(course, "index.html").count('id="dlg-gym-mi-style"') == 1


def test_an_unknown_dialogue_in_a_lesson_names_the_line(tmp_path):
    course = write_course(tmp_path, {"b.yaml": BANK}, {"index.md": "# A\n\ntext\n\n[[dialogue: gym-mi-styel]]\n"})
    result = run_cli("build", cwd=course)
    assert result.returncode == 1
    assert "content/index.md:5:1: error: no dialogue has the id 'gym-mi-styel'" in result.stderr
    assert "did you mean 'gym-mi-style'?" in result.stderr


def test_the_coach_track_leaves_out_the_clinician_dialogue(tmp_path):
    course = write_course(tmp_path, {"b.yaml": BANK})
    assert run_cli("build", "--track", "coach", cwd=course).returncode == 0
    nav = yaml.safe_load((course / "build" / "coach" / "mkdocs.yml").read_text())["nav"]
    section = next(e["Dialogues"] for e in nav if isinstance(e, dict) and "Dialogues" in e)
    assert "dialogues/quit-smoking-rulers.md" not in str(section)
    assert "quit-smoking" not in (course / "build" / "coach" / "docs" / "dialogues" / "index.md").read_text()


def test_no_feedback_of_scenarios_or_coding_in_the_search_index(built):
    index = json.loads((built / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    practise = " ".join(e["text"] for e in index["docs"] if e["location"].startswith("practise/"))
    assert "A member who stopped coming" in practise
    assert "Advice before understanding" not in practise  # a scenario choice's feedback
    assert "Persuasion and confrontation closed" not in practise  # an ending's debrief
    assert "An affirmation of effort, then an evoking question" not in practise  # the expert's reason for a turn
    dialogue = " ".join(e["text"] for e in index["docs"] if e["location"].startswith("dialogues/gym-righting-reflex/"))
    assert "Arguing for change before hearing the client" in dialogue  # on a dialogue page notes are content
    home = " ".join(e["text"] for e in index["docs"] if e["location"].split("#")[0] == "")
    assert "An affirmation of effort, then an evoking question" in home  # and where a lesson shows the dialogue


def test_search_finds_each_transcript_once_and_no_legend_or_figures(built):
    """A transcript is searched where it is shown alone: its own page, or the lesson that shows it (the home page
    shows gym-mi-style); never on the side-by-side page. The legend and figures are the same on every dialogue page."""
    index = json.loads((built / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    places = {e["location"].split("#")[0] for e in index["docs"]}
    assert "dialogues/gym-righting-reflex/" in places
    assert "dialogues/gym-mi-style/" not in places
    assert not [p for p in places if p.startswith("dialogues/side-by-side/")]
    assert (built / "site" / "dialogues" / "side-by-side" / "gym-mi-style" / "index.html").exists()  # still built
    assert (built / "site" / "dialogues" / "gym-mi-style" / "index.html").exists()
    turn = "Maybe starting light, with someone watching my form."
    # the home page shows the dialogue; the lesson practise.md has an exercise coding it, with its own copy
    assert sorted({e["location"].split("#")[0] for e in index["docs"] if turn in e["text"]}) == ["", "practise/"]
    words = " ".join(e["title"] + " " + e["text"] for e in index["docs"])
    assert "Key to the codes" not in words and "MI-adherent" not in words


def test_the_offline_build_links_dialogue_pages_as_files(tmp_path):
    course = write_course(tmp_path, {"b.yaml": BANK}, LESSONS)
    result = run_cli("build", "--offline", cwd=course)
    assert result.returncode == 0, result.stderr
    page = (course / "site-offline" / "dialogues" / "gym-mi-style.html").read_text(encoding="utf-8")
    assert '<a href="side-by-side/gym-mi-style.html">Read both side by side' in page
