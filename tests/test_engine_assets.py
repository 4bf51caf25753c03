"""The engine's files as built: within the size budget, named by content, loaded once per page, no inline script in
exercise HTML, answers out of search; and the minifier that keeps them small never changes what the code means."""
from __future__ import annotations

import gzip
import json
import re

from generator.assets import ASSETS_DIR, every_page, minify_css, minify_js
from generator.kinds import KINDS
from generator.ui_strings import load_strings

BUDGET = 12 * 1024  # gzip bytes of the script and stylesheet every page loads


def built(site, suffix):
    found = sorted((site / "assets").glob(f"mi-course.*{suffix}"))
    assert len(found) == 1, found
    return found[0]


def test_every_page_loads_within_budget(engine_site):
    _, site = engine_site
    js, css = built(site, ".js").read_bytes(), built(site, ".css").read_bytes()
    size = len(gzip.compress(js + css, 9))
    assert size <= BUDGET, f"{size} bytes gzip (JS {len(js)} + CSS {len(css)} raw) is over the {BUDGET}-byte budget"


def test_assets_are_named_by_content_and_loaded_once_per_page(engine_site):
    _, site = engine_site
    js, css = built(site, ".js"), built(site, ".css")
    strings = load_strings("en")
    assert js.read_text(encoding="utf-8").startswith("window.MI={ns:")
    for asset in (js, css):
        digest = re.search(r"mi-course\.([0-9a-f]{10})\.", asset.name).group(1)
        assert digest not in ("0" * 10,)
    names = [a.name.rsplit("/", 1)[-1] for a in every_page(strings, "mi:test:", KINDS.values())]
    assert names[0] != names[1]
    pages = list(site.rglob("*.html"))
    assert len(pages) > 4
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if "<article" not in html:
            continue
        assert html.count(js.name) == 1 and html.count(css.name) == 1, path


def test_exercise_html_has_no_inline_script_and_keeps_answers_out_of_search(engine_site):
    _, site = engine_site
    sections = []
    for path in site.rglob("*.html"):
        sections += re.findall(r'<section class="mi-ex .*?</section>', path.read_text(encoding="utf-8"), re.S)
    assert len(sections) >= 7
    for sec in sections:
        assert "<script" not in sec and not re.search(r"\son\w+=", sec) and "javascript:" not in sec
        assert re.search(r'<details class="mi-answer" data-search-exclude>', sec)
        assert re.search(r"data-key=\"[0-9a-f]{10}\"", sec)
        answer = sec[sec.index('<details class="mi-answer"'):]
        assert "<details" not in answer[8:], "no details nested inside the answer block"
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    docs = " ".join(d["text"] for d in json.loads(index)["docs"])
    assert "Which are open questions" in docs  # the question is searchable ...
    for marker in ("FB-SC-A", "FB-MC-B", "FB-CL-A", "FB-OR", "FB-BR-B", "MODEL-WR-A"):
        assert marker not in docs  # ... its answer is not
    for words in ("Try again", "Show answer", "Show model answers"):
        assert words not in docs  # nor the buttons' words, which would fill the snippets


def test_record_format_is_documented_once_and_core_points_to_it():
    head = (ASSETS_DIR / "js" / "core.js").read_text(encoding="utf-8")[:4000]
    assert "{v:1, key, kind, correct, answer, attempts, first, last}" in head
    assert "docs/progress-record.md" in head
    spec = (ASSETS_DIR.parent.parent / "docs" / "progress-record.md").read_text(encoding="utf-8")
    assert "{v: 1, key, kind, correct, answer, attempts, first, last}" in spec
    for kind in ("single_choice", "multiple_choice", "best_response", "classify", "order", "write_response"):
        assert f"`{kind}`" in spec
        assert (ASSETS_DIR.parent / "kinds" / kind / "widget.js").exists()


def test_css_minifier_keeps_strings_and_selectors():
    css = '''/* a comment with a quote: don't */
.a :focus, .b > .c { content: "\\2713  /* not a comment */"; color : red ; }
@media print { .mi-x { display: none !important; } }
/* between rules */ .e/**/.f { color: blue }
.d{ font: 1em/1.2 "Helvetica Neue" , sans-serif; width: calc(1em + 2px); }'''
    out = minify_css(css)
    assert out == ('.a :focus,.b>.c{content:"\\2713  /* not a comment */";color :red}'
                   "@media print{.mi-x{display:none!important}}.e.f{color:blue}"
                   '.d{font:1em/1.2 "Helvetica Neue",sans-serif;width:calc(1em + 2px)}')


def test_js_minifier_keeps_strings_regexes_and_line_breaks():
    js = '''/* header
 * more */
(function () {
  // a comment
  var url = "http://example.org/*x*/ a  b", q = 'it\\'s  // here'; // a trailing comment
  /* one line */
  var re = /a  +\\/b[/ ]/g, n = a - -b + +c, d = a / b / c;
  if (typeof re == "object" && x instanceof Y) return /x y/.test(url) ? n : d;
  return {a: 1}
})();'''
    assert minify_js(js) == (
        '(function(){\n'
        'var url="http://example.org/*x*/ a  b",q=\'it\\\'s  // here\';\n'
        'var re= /a  +\\/b[/ ]/g,n=a- -b+ +c,d=a / b / c;\n'
        'if(typeof re=="object"&&x instanceof Y)return /x y/.test(url)?n:d;\n'
        'return{a:1}\n'
        '})();')
    template = "var t = `\n  two\n  // lines`;\n"
    assert minify_js(template) == template  # a template literal: left whole


def test_built_bundle_is_smaller_than_its_sources(engine_site):
    _, site = engine_site
    files = [*(ASSETS_DIR / "js").glob("*.js"), *(k.widget for k in KINDS.values())]  # the engine and every widget
    sources = sum(len(p.read_bytes()) for p in files)
    assert len(built(site, ".js").read_bytes()) < sources
