"""Exercise and dialogue HTML through generator.stash: the site is the one the raw-HTML parser gave, byte for byte."""
from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import yaml

from conftest import write_course
from generator.pipeline import extensions, generate, run_mkdocs
from generator.config import load_config
from generator.stash import CLOSE, OPEN, mark
from generator.validate import load_course

GOLDEN = Path(__file__).parent / "golden"
BANKS = ["kinds/single_choice", "kinds/multiple_choice", "kinds/hostile", "dialogue/exercises", "dialogue/edge"]
LESSON_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.superfences"]


def golden_course(tmp_path: Path) -> Path:
    """Every golden bank, each exercise and dialogue placed on a lesson (and on its topic's practice page)."""
    banks = {p.replace("/", "-") + ".yaml": (GOLDEN / f"{p}.yaml").read_text(encoding="utf-8") for p in BANKS}
    root = write_course(tmp_path / "course", banks)
    course, diags = load_course(root)
    assert course is not None, [d.format() for d in diags]
    lines = ["# Everything", "", "Some *teaching* text.", ""]
    lines += [f"[[exercise: {x}]]\n\nText between.\n" for x in course.exercises]
    lines += [f"[[dialogue: {x}]]\n" for x in course.dialogues]
    (root / "content" / "all.md").write_text("\n".join(lines), encoding="utf-8")
    return root


def built(root: Path, stash: bool, into: Path) -> dict[str, bytes]:
    gen = generate(root, stash=stash)
    site = run_mkdocs(gen)
    shutil.copytree(site, into)
    return {p.relative_to(into).as_posix(): p.read_bytes() for p in sorted(into.rglob("*")) if p.is_file()}


def test_stashed_site_is_byte_identical_to_the_raw_html_one(tmp_path):
    root = golden_course(tmp_path)
    plain = built(root, False, tmp_path / "plain")
    assert OPEN not in (root / "build" / "all" / "docs" / "all.md").read_text(encoding="utf-8")
    stashed = built(root, True, tmp_path / "stashed")
    assert OPEN in (root / "build" / "all" / "docs" / "all.md").read_text(encoding="utf-8")
    assert sorted(plain) == sorted(stashed)
    pages = [p for p in plain if p.endswith(".html")]
    assert len(pages) > 10 and "all/index.html" in pages and "search/search_index.json" in plain
    for path in plain:
        assert plain[path] == stashed[path], path
    html = stashed["all/index.html"].decode()
    assert OPEN not in html and "mi-ex" in html and "Text between." in html


def test_search_indexes_prompts_and_never_feedback(tmp_path):
    root = golden_course(tmp_path)
    index = built(root, True, tmp_path / "site")["search/search_index.json"].decode()
    assert "Which reply best" in index and "It sounds like the last few weeks have worn you down." in index
    assert "A claim of understanding shows nothing" not in index  # feedback, from tests/golden/kinds/single_choice.yaml


def test_a_marked_block_passes_through_as_written():
    block = '<section class="mi-ex">\n```\n*not emphasis*\n\n<div markdown="1">\n# not a heading\n</div>\n</section>'
    md = markdown.Markdown(extensions=LESSON_EXTENSIONS + ["generator.stash"])
    assert md.convert(f"Before.\n\n{mark(block)}\n\nAfter *this*.") == \
        f"<p>Before.</p>\n{block}\n\n<p>After <em>this</em>.</p>"


def test_an_opening_marker_alone_is_left_to_markdown():
    md = markdown.Markdown(extensions=LESSON_EXTENSIONS + ["generator.stash"])
    plain = markdown.Markdown(extensions=LESSON_EXTENSIONS)
    text = f"{OPEN}\n\n*text*\n"
    assert md.convert(text) == plain.convert(text)
    assert CLOSE not in md.convert(f"{mark('<div>a</div>')}\n\n{mark('<div>b</div>')}")


def test_generated_config_repeats_the_root_extensions_with_their_tags(tmp_path):
    root = write_course(tmp_path, {})
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - generator.raw_guard\n", "  - generator.raw_guard\n  - pymdownx.emoji:\n"
                        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    config, _ = load_config(root)
    out = extensions(config)
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in out
    listed = yaml.compose(out).value[0][1].value
    assert [n.value for n in listed][-1] == "generator.stash"
    assert len(listed) == len(config.raw["markdown_extensions"]) + 1
