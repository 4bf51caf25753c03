"""Lessons made for a phone: a long lesson in parts ([[part: TITLE]]), practice pages of a few exercises each, and
long pages that open with links to their sections."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import yaml
from playwright.sync_api import expect

from conftest import build_at, copy_course, run_cli, served, write_course
from generator.site import PRACTICE_PAGE, Lesson, split_parts

BANK = """\
exercises:
""" + "".join(f"""\
  - id: q{n}
    kind: single_choice
    topics: [reflections]
    prompt: "Question {n}?"
    options:
      - {{text: "Right", correct: true, feedback: "Yes."}}
      - {{text: "Wrong", feedback: "No."}}
""" for n in range(1, 11))

LESSON = """\
---
title: Long lesson
minutes: 30
objectives: [Reflect]
---
# Long lesson

Opening words.

[[exercise: q1]]

[[part: The middle]]

## Middle section

[[exercise: q2]]

```markdown
[[part: not a cut, inside a fence]]
```

[[part: The end]]

## Last section {#the-last}

[[exercise: q3]]

[[exercise: nope]]
"""

OTHER = """\
# Other

See [the last section](long.md#the-last) and [the start](long.md).
"""


def test_a_lesson_splits_at_its_part_lines_only():
    lesson = Lesson("long.md", "Long lesson", {"minutes": 30, "objectives": ["Reflect"]},
                    LESSON.split("---\n", 2)[2], 6)
    parts = split_parts(lesson)
    assert [p.path for p in parts] == ["long.md", "long-part-2.md", "long-part-3.md"]
    assert [p.title for p in parts] == ["Long lesson", "Long lesson: The middle", "Long lesson: The end"]
    assert [p.part for p in parts] == [(1, 3), (2, 3), (3, 3)]
    assert "objectives" in parts[0].meta and "objectives" not in parts[1].meta  # the lesson's aims open it once
    assert all(p.meta["minutes"] >= 1 for p in parts) and sum(p.meta["minutes"] for p in parts) == 30
    assert "not a cut, inside a fence" in parts[1].body  # a fenced example stays an example
    assert parts[2].body.startswith("# Long lesson: The end\n") and parts[2].source == "long.md"


def test_a_lesson_in_parts_builds_a_page_a_part(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": BANK}, {"index.md": "# Home\n", "long.md": LESSON, "other.md": OTHER})
    result = run_cli("build", cwd=course)
    # The unknown exercise is in part 3; the error names the lesson's own file and the line it is on.
    line = LESSON.split("\n").index("[[exercise: nope]]") + 1
    assert f"content/long.md:{line}:1: error: no exercise has the id 'nope'" in result.stderr
    (course / "content" / "long.md").write_text(LESSON.replace("[[exercise: nope]]\n", ""), encoding="utf-8")
    result = run_cli("build", cwd=course)
    assert result.returncode == 0, result.stderr
    nav = yaml.safe_load((course / "build" / "all" / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    lessons = [e for e in nav if isinstance(e, dict) and isinstance(next(iter(e.values())), str)]
    assert {"Long lesson: The middle": "long-part-2.md"} in lessons and {"Long lesson: The end": "long-part-3.md"} in lessons
    site = course / "site"
    part3 = (site / "long-part-3" / "index.html").read_text(encoding="utf-8")
    assert 'id="ex-q3"' in part3 and "Part 3 of 3" in part3 and 'id="the-last"' in part3
    assert 'id="ex-q2"' in (site / "long-part-2" / "index.html").read_text(encoding="utf-8")
    other = (site / "other" / "index.html").read_text(encoding="utf-8")
    assert 'href="../long-part-3/#the-last"' in other  # a link to a heading follows it to its part
    assert 'href="../long/"' in other


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.jumps, self.in_jump = set(), [], 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "nav" and a.get("class") == "mi-jump":
            self.in_jump = 1
        elif self.in_jump and tag == "a":
            self.jumps.append(a["href"][1:])

    def handle_endtag(self, tag):
        if tag == "nav":
            self.in_jump = 0


def test_long_pages_of_the_shipped_course_open_with_links_that_land(course_site):
    """Every lesson with three sections or more, and every practice page of three exercises or more, opens with
    links to its parts of the page, each of which lands on an element of that page; a practice page holds at most
    PRACTICE_PAGE exercises."""
    _, site = course_site
    checked = 0
    for html_file in site.rglob("index.html"):
        html = html_file.read_text(encoding="utf-8")
        if "<article" not in html:
            continue
        page = Ids()
        page.feed(html)
        exercises = html.count('<section class="mi-ex ')
        sections = len(re.findall(r'<h2 id="', html))
        practice = "/practice/" in html_file.as_posix() and html_file.parent.name != "practice"
        if practice:
            assert exercises <= PRACTICE_PAGE, html_file
        generated = any(f"/{d}/" in html_file.as_posix() for d in ("practice", "progress", "dialogues"))
        if (practice and exercises >= 3) or (not generated and sections >= 3):
            assert page.jumps, html_file
            checked += 1
        missing = [j for j in page.jumps if j not in page.ids]
        assert not missing, (html_file, missing)
    assert checked > 20


PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
STARTED = "!document.querySelector('.mi-ex:not(.mi-on)')"  # every section started (core.js)


def test_on_a_phone_a_long_part_opens_with_its_links_and_each_jumps(browser, course_site):
    url, _ = course_site
    context = browser.new_context(**PHONE)
    pg = context.new_page()
    try:
        pg.goto(url + "11-self-assessment-part-5/")
        jump = pg.locator(".md-content nav.mi-jump")
        expect(jump).to_be_visible()
        assert jump.bounding_box()["y"] < 2 * 812, "near the top, not after the exercises"
        links = jump.get_by_role("link")
        assert links.count() >= 3
        last = links.last
        target = last.get_attribute("href").split("#")[-1]
        last.click()
        expect(pg.locator(f"[id='{target}']")).to_be_in_viewport()
        pg.wait_for_function(STARTED)  # start-up gives the sections above their real size: the target stays in view
        expect(pg.locator(f"[id='{target}']")).to_be_in_viewport()
        linked = context.new_page()  # a link from elsewhere to the same exercise lands on it too
        linked.goto(url + f"11-self-assessment-part-5/#{target}")
        linked.wait_for_function(STARTED)
        expect(linked.locator(f"[id='{target}']")).to_be_in_viewport()
        nxt = pg.locator(".md-footer__link--next")
        expect(nxt).to_contain_text("Self-assessment")  # the next part is one tap away
    finally:
        context.close()


def test_on_a_phone_an_address_to_an_id_beyond_ascii_lands_on_it(browser, tmp_path):
    """An id with letters beyond ASCII (a trainer's `{#über-cola}`, or a Unicode slugify) reaches the address
    percent-encoded: a link from elsewhere to it still lands on it once the sections above it have their real size
    (it missed by two screens in two loads of three)."""
    course = copy_course(tmp_path / "course")
    lesson = course / "content" / "11-self-assessment.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("[[exercise: cd-nut-cola-rulers]]",
                                   "### Über Cola {#über-cola}\n\n[[exercise: cd-nut-cola-rulers]]", 1), encoding="utf-8")
    with served(lambda url: build_at(course, url)) as (url, _):
        context = browser.new_context(**PHONE)
        try:
            for _ in range(3):
                pg = context.new_page()
                pg.goto(url + "11-self-assessment-part-5/#%C3%BCber-cola")
                pg.wait_for_function(STARTED)
                expect(pg.locator("[id='über-cola']")).to_be_in_viewport()
                pg.close()
        finally:
            context.close()
