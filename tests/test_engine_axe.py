"""axe-core (WCAG 2.0 and 2.1, A and AA) finds nothing on any generated page type, in the light and the dark scheme,
before and after the learner answers: on the engine's own course and on the shipped course."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import axe_violations

# Answers every exercise on the page the quick way (one script call): one option, a category for every statement, one
# move, a reply and a rating, then Check. Enough to bring up every kind of feedback the page can show.
ANSWER_ALL = """() => { for (const sec of document.querySelectorAll('.mi-ex')) {
    const q = s => sec.querySelector(s), qa = s => [...sec.querySelectorAll(s)], kind = sec.dataset.kind;
    if (kind === 'write_response') {
        const t = q('textarea'); t.value = 'It sounds like part of you wants a change.';
        t.dispatchEvent(new Event('input', {bubbles: true}));
        q('[data-action=show_answer]').click();
        const r = qa('.mi-rubric input')[3]; if (r) r.click();
    } else if (kind === 'classify') qa('.mi-classify__item').forEach(f => f.querySelector('input').click());
    else if (kind === 'order') { const b = q('[data-move="1"]'); if (b && !b.disabled) b.click(); }
    else if (kind === 'scenario') { const p = q('.mi-scn__pick'); if (p) p.click(); }
    else if (kind === 'code_transcript') qa('li[data-turn]').forEach(li => { const i = li.querySelector('input'); if (i) i.click(); });
    else { const i = q('.mi-options input'); if (i && !i.disabled) i.click(); }
    const c = q('[data-action=check]'); if (c && !c.hidden) c.click();
} return document.querySelectorAll('.mi-fb, .mi-status p').length; }"""


def summary(violations: list[dict]) -> list:
    return [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in violations]


def axe_both_ways(pg) -> dict:
    """Violations in each scheme, before and after answering every exercise on the page."""
    found = {}
    for scheme in ("default", "slate"):
        found[f"{scheme}, before"] = summary(axe_violations(pg, scheme))
    if pg.locator(".mi-ex").count():
        assert pg.evaluate(ANSWER_ALL) > 0, "answering showed feedback"
    for scheme in ("default", "slate"):
        found[f"{scheme}, after"] = summary(axe_violations(pg, scheme))
    return {k: v for k, v in found.items() if v}


@pytest.mark.parametrize("path", ["", "two/", "practice/", "practice/reflections/"],
                         ids=["lesson-a", "lesson-b", "practice-index", "practice-topic"])
def test_engine_course_pages_pass_axe(epage, engine_site, path):
    epage.goto(engine_site[0] + path)
    assert axe_both_ways(epage) == {}


def shipped_pages(site: Path) -> dict[str, str]:
    """One page of each type from the shipped course: for lessons and practice pages, the one whose exercises cover
    the most kinds (the shortest such page, to keep the run quick)."""
    def kinds(path: Path) -> tuple[int, int]:
        html = path.read_text(encoding="utf-8")
        return len(set(re.findall(r'data-kind="(\w+)"', html))), -html.count('class="mi-ex ')

    pages = [p for p in site.rglob("index.html") if 'class="mi-ex ' in p.read_text(encoding="utf-8")]
    lessons = [p for p in pages if not p.relative_to(site).as_posix().startswith(("practice/", "dialogues/"))]
    practice = [p for p in pages if p.relative_to(site).as_posix().startswith("practice/")]
    assert lessons and practice
    rel = lambda p: p.parent.relative_to(site).as_posix() + "/"  # noqa: E731
    return {"home": "", "lesson": rel(max(lessons, key=kinds)), "practice": rel(max(practice, key=kinds)),
            "practice-index": "practice/"}


@pytest.mark.parametrize("kind", ["home", "lesson", "practice", "practice-index"])
def test_shipped_course_pages_pass_axe(page, course_site, kind):
    url, site = course_site
    page.goto(url + shipped_pages(site)[kind])
    assert axe_both_ways(page) == {}
    assert page.outside_requests == []
