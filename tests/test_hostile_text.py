"""Every text is text: hostile markup planted in every free-text field of every kind, dialogue, taxonomy label and lesson
front matter, each copy carrying its own marker. The course is built (site, offline site, facilitator guide) and its
pages are loaded, answered, played and searched in the browser; no planted payload may run, and no marker may survive
inside markup (an attribute, a script, a style, a comment, an embedded document): only as text a reader sees."""
from __future__ import annotations

import copy
import csv
import io
import itertools
import re
import shutil
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from conftest import REPO, build_at, run_cli, served

# `{p}` is a call that records its marker if it ever runs; the wrapping vectors come last, so that one of them
# swallowing what follows cannot hide another.
VECTORS = [
    "<script>{p}</script>",
    '<img src=x onerror="{p}">',
    '<svg onload="{p}"><circle r="1"/></svg>',
    '<details open ontoggle="{p}"><summary>s</summary></details>',
    '<iframe srcdoc="<script>parent.{p}</script>"></iframe>',
    "[md link](javascript:{p})",
    "[md entity](jav&#x61;script&#58;{p})",
    '<a href="javascript:{p}">html link</a>',
    '<a href="jav&#x09;ascript:{p}">tab link</a>',
    '<a href="data:text/html,&lt;script&gt;{p}&lt;/script&gt;">data link</a>',
    "![img](javascript:{p})",
    '<p style="background:url(javascript:{p})">css</p>',
    '<form><button formaction="javascript:{p}">go</button></form>',
    '<object data="javascript:{p}"></object>',
    '<input autofocus onfocus="{p}">',
    '"><img src=x onerror="{p}">',
    "'><img src=x onerror='{p}'>",
    "</script><script>{p}</script>",
    "</title><script>{p}</script>",
    '</textarea><img src=x onerror="{p}">',
    '<math><mtext><table><mglyph><style><img src=x onerror="{p}">',
    '<noscript><p title="</noscript><img src=x onerror={p}>">',
    '<!--<img src=x onerror="{p}">-->',
    '<template><img src=x onerror="{p}"></template>',
]
# Values that are names, not text: they keep their value so the bank still means something.
FIXED = {"id", "kind", "topics", "audience", "setting", "difficulty", "status", "code", "codes", "talk", "next", "start",
         "correct", "acceptable", "dialogue", "outcome", "speaker", "category", "style", "pair", "minutes", "tracks",
         "group"}
# Attributes that carry text for people (a tooltip, a name read aloud), where a marker is only words.
TEXT_ATTRS = {"title", "aria-label", "alt", "data-topic-names", "content", "placeholder", "data-md-state"}
TOPICS = ["express-empathy", "affirmations", "change-talk", "sustain-talk", "informing", "reflections", "evoking"]

_counter = itertools.count()


def hostile() -> str:
    n = next(_counter)
    return " ".join(v.format(p=f"(self.PWN=self.PWN||[]).push('MX{n}v{i}')") for i, v in enumerate(VECTORS))


def plant(value, key: str = ""):
    """Every free-text string of a bank, taxonomy or front matter replaced by hostile text."""
    if key in FIXED:
        return value
    if isinstance(value, dict):
        return {k: plant(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [plant(v, key) for v in value]
    return hostile() if isinstance(value, str) else value


def hostile_course(dest: Path) -> Path:
    starter = REPO / "generator" / "starter"
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "exercises").mkdir()
    bank = yaml.safe_load((starter / "exercises" / "examples.yaml").read_text(encoding="utf-8"))
    for ex in bank["exercises"]:
        ex["title"] = "t"  # planted below with everything else
        ex["context"] = ex["facilitator"] = "c"
        ex["review"] = {"status": "reviewed", "by": "b", "date": "d"}
    mi = bank["dialogues"][0]
    mi.update(style="mi", pair="ex-dialogue-rr", context="c", facilitator="f", topics=["reflections"],
              review={"status": "reviewed", "by": "b"})
    mi["turns"][0]["note"] = "n"
    rr = {**copy.deepcopy(mi), "id": "ex-dialogue-rr", "style": "righting_reflex", "pair": "ex-dialogue"}
    bank["dialogues"].append(rr)
    (dest / "exercises" / "bank.yaml").write_text(yaml.safe_dump(plant(bank), allow_unicode=True), encoding="utf-8")
    taxonomy = {"groups": {"g": "g"}, "topics": {t: {"label": "l", "group": "g"} for t in TOPICS},
                "settings": {"general": "s", "fitness": "s"}, "audiences": {"clinician": "a", "coach": "a"}}
    (dest / "exercises" / "taxonomy.yaml").write_text(yaml.safe_dump(plant(taxonomy), allow_unicode=True), encoding="utf-8")
    front = plant({"title": "t", "description": "d", "objectives": ["o"], "discussion": ["q"], "minutes": 5,
                   "roleplay": [{"title": "r", "client": "c", "practitioner": "p", "observer": "o"}]})
    body = "# Everything\n\n" + "".join(f"[[topic: {t}]]\n\n" for t in TOPICS) + "[[dialogue: ex-dialogue]]\n"
    (dest / "content").mkdir()
    (dest / "content" / "index.md").write_text("# Home\n", encoding="utf-8")
    table = io.StringIO()  # an imported corpus: transcript name, utterances and notes planted too
    rows = csv.writer(table)
    rows.writerow(["transcript", "speaker", "text", "code", "talk", "note"])
    name = hostile()
    for speaker, code, talk in (("practitioner", "question/open", ""), ("client", "", "change"),
                                ("practitioner", "simple_reflection", ""), ("client", "", "sustain")):
        rows.writerow([name, speaker, hostile(), code, talk, hostile()])
    (dest / "corpus.csv").write_text(table.getvalue(), encoding="utf-8")
    (dest / "content" / "01-everything.md").write_text(
        "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    return dest


def markup_findings(tree) -> list[str]:
    """Markers inside markup of a parsed page: attributes, scripts, styles, comments, embedded documents."""
    bad = []
    for el in tree.iter():
        if not isinstance(el.tag, str):  # a comment or processing instruction
            if "MX" in (el.text or ""):
                bad.append(f"comment: {el.text[:60]}")
            continue
        for name, value in el.attrib.items():
            if "MX" in name or ("MX" in value and name not in TEXT_ATTRS):
                bad.append(f"<{el.tag} {name}={value[:60]!r}>")
        if el.tag in ("script", "style", "iframe", "object", "embed", "template", "math", "noscript", "textarea") \
                and "MX" in el.text_content():
            bad.append(f"<{el.tag}>: {el.text_content()[:60]}")
    return bad


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    def make(url: str) -> Path:
        course = hostile_course(tmp_path_factory.mktemp("hostile"))
        imported = run_cli("import-transcript", "corpus.csv", "--title", "Transcript {transcript}", cwd=course)
        assert imported.returncode == 0, imported.stdout + imported.stderr
        build_at(course, url)
        for extra in (["--offline"], ["--facilitator"]):
            result = run_cli("build", *extra, cwd=course)
            assert result.returncode == 0, result.stdout + result.stderr
        return course

    with served(make) as (url, course):
        yield url, course


def test_every_field_was_planted_and_the_builds_succeed(hostile_site):
    _, course = hostile_site
    bank = (course / "exercises" / "bank.yaml").read_text(encoding="utf-8")
    assert bank.count("MX") > 60 * len(VECTORS)  # every kind's text fields, dialogues and their turns
    assert any("MX" in p.read_text(encoding="utf-8") for p in (course / "exercises" / "imported").glob("*.yaml"))
    assert all((course / site / "index.html").exists() for site in ("site", "site-offline", "site-facilitator"))


@pytest.mark.parametrize("site", ["site", "site-offline", "site-facilitator"])
def test_no_marker_survives_as_markup_in_any_built_page(hostile_site, site):
    _, course = hostile_site
    pages = sorted((course / site).rglob("*.html"))
    assert len(pages) >= 6
    seen = 0
    for path in pages:
        text = path.read_text(encoding="utf-8")
        seen += text.count("MX")
        found = markup_findings(lxml_html.document_fromstring(text))
        assert found == [], (path.relative_to(course).as_posix(), found[:5])
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        assert title and "<" not in title.group(1), path  # nothing breaks out of the page title
    assert seen > 1000  # the text is there, shown as text


def test_no_payload_runs_while_a_learner_reads_answers_plays_and_searches(browser, hostile_site):
    url, course = hostile_site
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pages = sorted(p.parent.relative_to(course / "site").as_posix() for p in (course / "site").rglob("index.html"))
    for path in pages:
        page.goto(url + ("" if path == "." else path + "/"))
        page.wait_for_load_state("load")
        assert page.evaluate("self.PWN || []") == [], path
        assert dom_findings(page) == [], path
    page.goto(url + "01-everything/")
    for sec in page.locator("section.mi-ex").all():
        for box in sec.locator(".mi-option input, .mi-ct__options input").all()[:2]:
            box.check()
        if sec.locator("textarea").count():
            sec.locator("textarea").fill("My reply")
        for action in ("check", "show_models", "show_answer"):
            button = sec.locator(f"[data-action={action}]")
            if button.count() and button.first.is_visible() and button.first.is_enabled():
                button.first.click()
        for _ in range(4):  # play the practice conversation to an ending
            pick = sec.locator(".mi-scn__pick")
            if not pick.count():
                break
            pick.first.click()
        for details in sec.locator("details").all():
            details.evaluate("d => d.open = true")
    page.get_by_role("button", name=re.compile("Show codes|Hide codes")).first.click()
    assert page.evaluate("self.PWN || []") == []
    assert dom_findings(page) == []
    page.locator("input[data-md-component=search-query]").click()
    page.wait_for_function("() => !/Initializing/.test(document.querySelector('.md-search-result__meta').textContent)")
    page.keyboard.type("script onerror", delay=30)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    page.locator(".md-search-result__more summary").evaluate_all("ss => ss.forEach(s => s.click())")
    assert page.evaluate("self.PWN || []") == []
    assert dom_findings(page) == []
    assert dialogs == []
    context.close()


def test_no_payload_runs_in_the_offline_build(browser, hostile_site):
    _, course = hostile_site
    context = browser.new_context()
    page = context.new_page()
    for path in ("index.html", "01-everything.html", "dialogues/ex-dialogue.html"):
        page.goto((course / "site-offline" / path).as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("self.PWN || []") == [], path
        assert dom_findings(page) == [], path
    context.close()


def dom_findings(page) -> list[str]:
    """markup_findings on the live document, after the scripts have done their work."""
    return markup_findings(lxml_html.document_fromstring(page.content()))
