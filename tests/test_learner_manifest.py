"""The exercise manifest and the learner pages as files: addresses right for both URL styles, keys matching the pages,
the nav, the size budget. No browser."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from generator.learner import COMMON, PAGES, SCRIPTS, final_lesson
from generator.manifest import label, page_url, to_root
from generator.site import Lesson

KB = 1024


@pytest.fixture
def built(learner_course):
    """The learner test course built for a server and for the file system (once a run: conftest)."""
    return learner_course


def manifest(site: Path) -> dict:
    (path,) = site.glob("assets/mi-manifest.*.js")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("window.MI_MANIFEST=") and text.endswith(";\n")
    return json.loads(text[len("window.MI_MANIFEST="):-2])


def page_file(site: Path, url: str) -> Path:
    return site / (url + "index.html" if url == "" or url.endswith("/") else url)


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


@pytest.mark.parametrize("path, dirs, files", [
    ("index.md", "", "index.html"),
    ("01-basics.md", "01-basics/", "01-basics.html"),
    ("05-core-skills/index.md", "05-core-skills/", "05-core-skills/index.html"),
    ("05-core-skills/03-reflections.md", "05-core-skills/03-reflections/", "05-core-skills/03-reflections.html"),
    ("progress/index.md", "progress/", "progress/index.html"),
])
def test_page_urls_follow_mkdocs_in_both_url_styles(path, dirs, files):
    assert page_url(path, True) == dirs
    assert page_url(path, False) == files
    assert to_root(path, True) == "../" * dirs.count("/")
    assert to_root(path, False) == "../" * files.count("/")


@pytest.mark.parametrize("site_dir", ["site", "site-offline"])
def test_every_exercise_in_the_manifest_is_where_it_says_with_its_key(built, site_dir):
    site = built / site_dir
    m = manifest(site)
    assert m["course"] == "Motivational Interviewing — a free course" and m["version"] == "0.1"
    assert m["ns"] and m["files"]
    assert [x["title"] for x in m["modules"]] == ["Home", "Basics", "Skills", "Self-assessment", "Practice: Open questions",
                                                 "Practice: Discord"]
    assert [x["minutes"] for x in m["modules"]][:4] == [5, 30, 45, 15]
    assert m["modules"][m["final"]]["path"] == "11-self-assessment.md"
    assert [e[0] for e in m["ex"]] == ["q1", "q2", "w1", "r1", "r2", "r3", "sa1", "d2", "d4", "d6", "d8",
                                       "d1", "d3", "d5", "d7"]  # course order: lessons, then practice pages
    topics = [t["id"] for t in m["topics"]]
    for ex_id, kind, text, tix, audience, mod, key in m["ex"]:
        html = page_file(site, m["modules"][mod]["url"]).read_text(encoding="utf-8")
        section = re.search(rf'<section class="mi-ex[^"]*" id="ex-{ex_id}" data-ex="{ex_id}" data-kind="(\w+)" '
                            rf'data-key="(\w+)" data-topics="([^"]*)"', html)
        assert section, (ex_id, m["modules"][mod]["url"])
        assert (section.group(1), section.group(2)) == (kind, key)
        assert [topics[i] for i in tix] == section.group(3).split()
        copy = site / "assets" / "ex" / f"{ex_id}.{m['files']}.js"
        assert f'data-key=\\"{key}\\"' in copy.read_text(encoding="utf-8")
    assert dict(zip([e[0] for e in m["ex"]], [e[4] for e in m["ex"]]))["r2"] == ["clinician"]
    for name, url in m["pages"].items():
        assert page_file(site, url).is_file(), name


@pytest.mark.parametrize("site_dir", ["site", "site-offline"])
def test_the_learner_pages_load_their_own_files_by_paths_that_exist(built, site_dir):
    site = built / site_dir
    for name, path in PAGES.items():
        url = page_url(path, site_dir == "site")
        page = page_file(site, url)
        html = page.read_text(encoding="utf-8")
        refs = re.findall(r'(?:src|href)="([^"]*assets/mi-(?:manifest|learner|progress-common|dashboard|mistakes|'
                          r'spaced-review|practice-sets|certificate)\.[^"]+)"', html)
        # the manifest, the stylesheet, the shared script and this page's own: no other page's script
        assert len(refs) == 4, (path, refs)
        assert f"mi-{SCRIPTS[name]}." in refs[-1], (path, refs)
        for ref in refs:
            assert (page.parent / ref).resolve().is_file(), (path, ref)


def test_the_nav_has_a_your_progress_section_and_the_final_lesson_links_to_the_record(built):
    nav = yaml.safe_load((built / "build" / "all" / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert nav[0] == {"Home": "index.md"}  # a folder's index.md comes first
    # Right after Home: found without scrolling past every module.
    assert nav[1] == {"Your progress": [{"Dashboard": "progress/index.md"},
                                         {"Self-test before and after": "progress/self-test.md"},
                                         {"Review mistakes": "progress/mistakes.md"},
                                         {"Spaced review": "progress/spaced-review.md"},
                                         {"Practice sets": "progress/practice-sets.md"},
                                         {"Completion record": "progress/certificate.md"}]}
    final = (built / "site" / "11-self-assessment" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="\.\./progress/certificate/">Make your completion record</a>', final)


def test_no_answer_reaches_the_search_index_through_the_learner_pages(built):
    index = (built / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Feedback q" not in index and "assets/ex/" not in index


def test_the_record_follows_the_lesson_named_in_the_config_or_the_self_assessment():
    def lesson(path, source=""):
        return Lesson(path, path, {}, "", 1, source)

    lessons = [lesson("index.md"), lesson("01-a.md"), lesson("10-self-assessment.md"), lesson("11-references.md")]
    assert final_lesson(lessons, {}) == "10-self-assessment.md"
    assert final_lesson(lessons, {"extra": {"course": {"certificate_after": "01-a.md"}}}) == "01-a.md"
    assert final_lesson(lessons[:2], {}) == "01-a.md"
    # A lesson in parts: the record follows its last part.
    parts = [lesson("01-a.md"), lesson("01-a-part-2.md", "01-a.md"), lesson("02-b.md")]
    assert final_lesson(parts, {"extra": {"course": {"certificate_after": "01-a.md"}}}) == "01-a-part-2.md"


def test_labels_are_short_plain_text():
    class E:
        id, title, prompt, context = "x", "", "Which reply **best** [reflects](https://x.org) what the client " \
                                             "said about training after a long shift at the hospital?", ""

    text = label(E())
    assert "*" not in text and "](" not in text and len(text) <= 60 and text.endswith("…")


def test_every_string_the_page_scripts_use_exists():
    js = "".join((REPO / "generator" / "assets" / "pages" / f"{n}.js").read_text(encoding="utf-8")
                 for n in (COMMON, *SCRIPTS.values()))
    strings = yaml.safe_load((REPO / "generator" / "strings" / "en.yaml").read_text(encoding="utf-8"))["learner"]
    assert set(re.findall(r"\bS\.(\w+)", js)) - set(strings) == set()
    assert {n for n in re.findall(r'\bplural\("(\w+)"', js) if "other" not in (strings.get(n) or {})} == set()


def test_progress_pages_use_only_the_engines_public_api():
    """No progress-page script patches the engine: no private MI._lp* hooks, no writing of a section's context
    (e._mi), no replacing MI.save or MI.store.get; and none copies the engine's random generator."""
    for name in (COMMON, *SCRIPTS.values()):
        js = (REPO / "generator" / "assets" / "pages" / f"{name}.js").read_text(encoding="utf-8")
        assert "MI._lp" not in js and not re.search(r"\._mi\b|\[[\'\"]_mi[\'\"]\]", js), name
        assert not re.search(r"\bMI\.save\s*=(?!=)|\.store\.get\s*=(?!=)|\bst\.get\s*=(?!=)|\bget\s*=\s*function", js), name
        assert "0x6D2B79F5" not in js, name  # mulberry32 lives in core.js only (MI.rand)
    assert not (REPO / "generator" / "assets" / "pages" / "learner.js").exists()


def test_the_size_budget(built):
    """Every page: the engine's bundle (budget 12 KB gzip, its own test) plus our print rules; a progress page adds the
    stylesheet, the shared script and its own script (at most 10 KB gzip); all of it together stays within 25 KB gzip.
    The manifest is the course's data."""
    assets = built / "site" / "assets"
    every = sum(gz(p) for p in assets.glob("mi-course.*"))
    (css,), (common,) = assets.glob("mi-learner.*.css"), assets.glob(f"mi-{COMMON}.*.js")
    own = {name: gz(next(assets.glob(f"mi-{script}.*.js"))) for name, script in SCRIPTS.items()}
    from generator import assets as bundle

    text = (REPO / "generator" / "assets" / "css" / "print.css").read_text(encoding="utf-8")
    small = getattr(bundle, "minify_css", lambda t: t)(text)
    assert len(gzip.compress(small.encode(), 9)) <= 600  # what the print (and phone) rules add to every page
    for name, size in own.items():
        assert gz(css) + gz(common) + size <= 10 * KB, name
    assert every + gz(css) + gz(common) + sum(own.values()) <= 25 * KB
    assert all(gz(p) < 16 * KB for p in (assets / "ex").glob("*.js"))  # one exercise each, loaded when shown


def test_the_manifest_stays_small_per_exercise(course_site):
    _, site = course_site
    m = manifest(site)
    (path,) = site.glob("assets/mi-manifest.*.js")
    assert gz(path) <= 60 * len(m["ex"]) + 3 * KB  # about 45 bytes gzip an exercise today, plus labels and strings
