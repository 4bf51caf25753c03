"""A pseudo-locale build: a test-only language (the course's own strings/qps.yaml) whose every string is English
wrapped in ⟦ ⟧, written right to left (Material's theme.direction: rtl). After the scripts ran, no learner-facing
text the generator or the engine made is unmarked, on the lesson, practice, dialogue, scenario, coding and progress
pages; and the layout mirrors: feedback edges, dialogue bubbles, the order widget's buttons."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import build_at, open_page, run_cli, served
from generator.ui_strings import is_plural, package_strings

OPEN, CLOSE = "⟦", "⟧"


def pseudo(node):
    if is_plural(node):
        return {f: OPEN + t + CLOSE for f, t in node.items()}
    if isinstance(node, dict):
        return {k: pseudo(v) for k, v in node.items()}
    if isinstance(node, list):
        return [pseudo(v) for v in node]
    return OPEN + node + CLOSE


def make_course(tmp, url):
    root = tmp / "pseudo"
    assert run_cli("init", str(root), cwd=tmp).returncode == 0
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("    language: en ", "    language: qps ").replace("  name: material\n", "  name: material\n  language: en\n  direction: rtl\n", 1)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    (root / "strings").mkdir()
    (root / "strings" / "qps.yaml").write_text(yaml.safe_dump(pseudo(package_strings("en")), allow_unicode=True),
                                               encoding="utf-8")
    return build_at(root, url)


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lang")
    with served(lambda url: make_course(tmp, url)) as (url, course):
        yield url, course


# Text the generator or the engine writes, by where it stands; the course's own words (prompts, options, feedback,
# dialogue turns, names, module and topic titles) are left out.
CHROME = [".mi-ex__kind", ".mi-ex .mi-btn", ".mi-status", ".mi-answer > summary", ".mi-score", ".mi-time",
          ".mi-bubble > figcaption", ".mi-meter__label", ".mi-scn__choose", ".mi-ct__pick > legend", ".mi-ct__verdict",
          ".mi-ct__keyhead", "[data-dlg]", ".mi-dlg__bar", ".mi-figs__table caption", ".mi-figs__table th[scope=col]",
          ".mi-level", ".mi-rubric > p", ".mi-wr__note",
          ".mi-ex:not([data-kind=classify]) .mi-key__verdict"]  # a classify key names the bank's own categories

UNMARKED = """(sels) => {
  const out = [];
  const strip = (t) => { let o; do { o = t; t = t.replace(/⟦[^⟦⟧]*⟧/g, ""); } while (t !== o); return t; };
  for (const sel of sels) {
    for (const e of document.querySelectorAll(sel)) {
      if (!e.offsetParent && getComputedStyle(e).position !== "fixed") continue;  // not shown
      const c = e.cloneNode(true);
      c.querySelectorAll(".mi-prompt, .mi-key__text, .mi-key__text ~ *, .mi-key__fb, .mi-dlg__text, .mi-dlg__who, .mi-fb > p:not(.mi-ct__verdict), blockquote, .mi-badge, .mi-figs__value, td").forEach((n) => n.remove());
      const rest = strip(c.textContent).replace(/[\\s\\d.,:;%()\\/+\\-–·…↑↓?!×]+/g, " ").trim();
      if (/\\p{L}{2,}/u.test(rest)) out.push(sel + ": " + rest.slice(0, 80));
    }
  }
  return out;
}"""

PROGRESS = """() => {
  const M = window.MI_MANIFEST, out = [];
  const own = [M.course, M.version, ...M.modules.map((m) => m.title), ...M.topics.map((t) => t.label),
               ...M.topics.map((t) => t.group), ...M.ex.map((r) => r[2]), ...Object.values(M.audiences)].filter(Boolean)
               .sort((a, b) => b.length - a.length);
  const strip = (t) => { let o; do { o = t; t = t.replace(/⟦[^⟦⟧]*⟧/g, ""); } while (t !== o); return t; };
  const box = document.querySelector(".md-content__inner").cloneNode(true);
  box.querySelectorAll(".mi-ex .mi-prompt, .mi-ex .mi-options, .mi-ex .mi-answer, .mi-ex ol, .mi-ex blockquote, a.headerlink, script, [hidden], .mi-ex .mi-dlg__turns").forEach((n) => n.remove());
  let text = strip(box.textContent);
  for (const o of own) text = text.split(o).join(" ");
  return text.replace(/[\\s\\d.,:;%()\\/+\\-–·…?!×¶]+/g, " ").trim();
}"""


def visit(browser, url, path):
    context, pg = open_page(browser, url)
    pg.goto(url + path)
    pg.wait_for_function("window.MI && MI.kinds && document.querySelector('.md-content')")
    return context, pg


def test_every_generated_string_on_a_lesson_is_marked_and_right_to_left(browser, pseudo_site):
    url, _ = pseudo_site
    context, pg = visit(browser, url, "01-examples/")
    assert pg.evaluate("document.body.dir") == "rtl"
    for ex in pg.query_selector_all(".mi-ex"):  # press Check with nothing chosen: every kind says something
        b = ex.query_selector('button[data-action="check"]')
        if b and b.is_visible():
            b.click()
    scn = pg.query_selector(".mi-scn__choices button, .mi-scn button[data-next]")
    if scn:
        scn.click()
    assert pg.evaluate(UNMARKED, CHROME) == []
    assert not pg.errors, pg.errors

    # Right to left: a feedback edge at the right, the order buttons at the left of the item text, the client bubble
    # at the left end (practitioner at the start, which is the right).
    edge = pg.evaluate("""() => { const e = document.querySelector('.mi-fb, .mi-key'); const s = getComputedStyle(e);
      return [s.borderRightWidth, s.borderLeftWidth]; }""")
    assert edge[0] != "0px" and edge[1] in ("0px", "1px"), edge
    order = pg.evaluate("""() => { const i = document.querySelector('.mi-order__item');
      return [i.querySelector('.mi-order__text').getBoundingClientRect().left, i.querySelector('.mi-order__moves').getBoundingClientRect().left]; }""")
    assert order[1] < order[0], order
    sides = pg.evaluate("""() => { const p = document.querySelector('.mi-dlg__turn--practitioner .mi-dlg__bubble').getBoundingClientRect(),
      c = document.querySelector('.mi-dlg__turn--client .mi-dlg__bubble').getBoundingClientRect(); return [p.right, c.right, p.left, c.left]; }""")
    assert sides[0] > sides[1] and sides[2] > sides[3], sides
    context.close()


@pytest.mark.parametrize("path", ["practice/", "dialogues/"])
def test_practice_and_dialogue_pages_are_marked(browser, pseudo_site, path):
    url, course = pseudo_site
    site = course / "site"
    if not (site / path).is_dir():
        path = next(p.parent.relative_to(site).as_posix() + "/" for p in site.glob(path.split("/")[0] + "*/index.html"))
    context, pg = visit(browser, url, path)
    assert pg.evaluate(UNMARKED, CHROME + [".md-content h1"]) == []
    context.close()


def test_a_dialogue_page_is_marked(browser, pseudo_site):
    url, course = pseudo_site
    page = next(p for p in (course / "site").rglob("index.html") if 'data-dialogue="ex-dialogue"' in p.read_text(encoding="utf-8")
                and "mi-dlg__bar" in p.read_text(encoding="utf-8") and "01-examples" not in str(p))
    context, pg = visit(browser, url, page.parent.relative_to(course / "site").as_posix() + "/")
    assert pg.evaluate(UNMARKED, CHROME + [".mi-figs__table th"]) == []
    # Who takes part: the label is ours, the names, roles and setting are the bank's.
    assert pg.evaluate("document.querySelector('.mi-dlg__people').textContent.trim()").startswith(OPEN)
    context.close()


@pytest.mark.parametrize("path", ["progress/", "progress/mistakes/", "progress/spaced-review/", "progress/practice-sets/",
                                  "progress/certificate/"])
def test_progress_pages_are_marked_after_their_scripts_ran(browser, pseudo_site, path):
    url, _ = pseudo_site
    context, pg = open_page(browser, url)
    pg.goto(url + "01-examples/")
    pg.wait_for_function("window.MI && MI.kinds")
    pg.click('.mi-ex[data-kind="single_choice"] input')
    pg.click('.mi-ex[data-kind="single_choice"] button[data-action="check"]')
    pg.goto(url + path)
    pg.wait_for_function("window.MI_MANIFEST && document.querySelector('[data-lp-js]:not([hidden]), .mi-lp')")
    pg.wait_for_timeout(300)
    rest = pg.evaluate(PROGRESS)
    assert not re.search(r"\w{2,}", rest), rest[:300]
    assert not pg.errors, pg.errors
    context.close()
