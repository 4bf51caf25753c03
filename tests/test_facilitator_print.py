"""The printed facilitator guide: Chromium prints it to PDF and the PDF's text holds every answer and every feedback;
a learner who prints a lesson still gets no closed answer."""
from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess

import pytest

from conftest import build_at, run_cli, served, serve, free_port
from generator.markup import markdown_text
from generator.frame import Renderer
from generator.ui_strings import load_strings
from generator.markup import Markup
from generator.validate import load_course


# The fields that hold an answer or what is said about it: feedback, model answers, explanations, debriefs, notes.
ANSWER_FIELDS = {"text", "feedback", "explanation", "debrief", "note", "label", "model_answers", "client"}


def plain(text: str) -> str:
    """Text as a PDF's text layer gives it back: marks gone, quotes straight, one space between words."""
    text = text.translate(str.maketrans("‘’“”", "''\"\""))
    return re.sub(r"\s+", " ", text).strip()


def answer_texts(value, field: str = "") -> list[str]:
    """Every answer text of an exercise, found by field name through its dataclasses."""
    if dataclasses.is_dataclass(value):
        return [t for f in dataclasses.fields(value) for t in answer_texts(getattr(value, f.name), f.name)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in answer_texts(v, field)]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in answer_texts(v, field)]
    if isinstance(value, str) and field in ANSWER_FIELDS and value:
        return [value]
    return []


def pdf_text(page, url: str, out) -> tuple[str, list[str]]:
    """The page printed to A4 by Chromium: its whole text and the text of each printed page."""
    page.goto(url)
    page.pdf(path=str(out), format="A4")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return plain(text), [plain(p) for p in text.split("\f") if p.strip()]


@pytest.fixture(scope="module")
def starter(tmp_path_factory):
    """The `init` course, as a learner site and as a facilitator guide."""
    root = tmp_path_factory.mktemp("starter")
    assert run_cli("init", str(root / "c"), cwd=root).returncode == 0
    course = root / "c"
    result = run_cli("build", "--facilitator", cwd=course)
    assert result.returncode == 0, result.stderr
    return course


def test_the_printed_guide_holds_every_answer_and_feedback(starter, browser, tmp_path):
    course, _ = load_course(starter)
    r = Renderer(course, Markup(), load_strings("en"))
    port = free_port()
    server = serve(starter / "site-facilitator", port)
    context = browser.new_context()
    page = context.new_page()
    try:
        keys = sorted(p.parent.name for p in (starter / "site-facilitator" / "answer-key").glob("*/index.html"))
        printed = {}
        for path in ["modules/01-examples/"] + [f"answer-key/{k}/" for k in keys]:
            printed[path] = pdf_text(page, f"http://127.0.0.1:{port}/{path}", tmp_path / "p.pdf")
        module, module_pages = printed["modules/01-examples/"]
        keys_text = " ".join(t for p, (t, _) in printed.items() if p.startswith("answer-key/"))
        for ex in course.exercises.values():
            wanted = [plain(markdown_text(t)) for t in answer_texts(ex)]
            if ex.kind == "code_transcript":  # the expert codes, as the key names them
                turns = course.dialogues[ex.dialogue].turns
                wanted += [plain(markdown_text(t.text)) for t in turns]
                wanted += [r.code_label(c) for t in turns for c in t.codes]
            assert wanted, ex.id
            for text in wanted:
                assert text in module, (ex.id, text)
                assert text in keys_text, (ex.id, text)
        assert "A double-sided reflection holds both sides of the ambivalence." in module
        # No page holds only a title: the first page goes on past the page heading.
        for path, (_, pages) in printed.items():
            assert len(pages[0].split()) > 40, (path, pages[0])
        # The learner's controls are gone from print: no option printed twice (once as a control, once in the key).
        assert module.count("You just need to push through.") == 1
        # Role-play cards: one card per brief, each kept whole on a page.
        page.goto(f"http://127.0.0.1:{port}/modules/01-examples/")
        page.emulate_media(media="print")
        cards = page.eval_on_selector_all(".mi-card", "cs => cs.map(c => [c.className, getComputedStyle(c).breakInside,"
                                          " c.textContent])")
        assert [c[0] for c in cards] == ["mi-card mi-card--client", "mi-card mi-card--practitioner"]
        assert all(c[1] == "avoid" and "Tired after work" in c[2] for c in cards)
        assert "Use reflections" not in cards[0][2] and "exhausted after work" not in cards[1][2]
        assert page.eval_on_selector_all(".mi-ex input, .mi-ex button",
                                         "es => es.filter(e => e.getClientRects().length).length") == 0
    finally:
        context.close()
        server.shutdown()


def test_a_learner_printing_a_lesson_gets_no_closed_answer(starter, browser, tmp_path):
    with served(lambda url: build_at(starter, url)) as (url, _):
        context = browser.new_context()
        page = context.new_page()
        try:
            text, _ = pdf_text(page, url + "01-examples/", tmp_path / "l.pdf")
        finally:
            context.close()
    assert "It sounds like this week has worn you down." in text  # the question prints
    assert "A reflection that names the feeling shows you have understood." not in text  # its closed answer does not
    assert "A double-sided reflection holds both sides of the ambivalence." not in text
