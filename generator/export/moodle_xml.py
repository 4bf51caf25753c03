"""Moodle XML: the richest Moodle import format (per-answer feedback, weights, grader information)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..question import Question, moodle_percent

_TYPES = {"single": "multichoice", "multi": "multichoice", "matching": "matching", "essay": "essay"}


def _text(parent: ET.Element, tag: str, html: str, fmt: str = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = html
    return el


def question(q: Question) -> ET.Element:
    el = ET.Element("question", {"type": _TYPES[q.type]})
    ET.SubElement(ET.SubElement(el, "name"), "text").text = q.title
    _text(el, "questiontext", q.text)
    _text(el, "generalfeedback", q.general_feedback)
    ET.SubElement(el, "idnumber").text = q.id  # Moodle keeps it unique per category: it names the bank's item
    if q.type in ("single", "multi"):
        ET.SubElement(el, "single").text = "true" if q.type == "single" else "false"
        ET.SubElement(el, "shuffleanswers").text = "1"
        ET.SubElement(el, "answernumbering").text = "abc"
        for c in q.choices:
            a = ET.SubElement(el, "answer", {"fraction": f"{moodle_percent(c.percent):g}", "format": "html"})
            ET.SubElement(a, "text").text = c.text
            _text(a, "feedback", c.feedback)
    elif q.type == "matching":
        ET.SubElement(el, "shuffleanswers").text = "1"
        for m in q.matches:
            sub = _text(el, "subquestion", m.prompt)
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = m.answer
    elif q.type == "essay":
        ET.SubElement(el, "responseformat").text = "editor"
        ET.SubElement(el, "responserequired").text = "1"
        ET.SubElement(el, "responsefieldlines").text = "5"
        _text(el, "graderinfo", q.grader_info)
    if q.tags:
        tags = ET.SubElement(el, "tags")
        for t in q.tags:
            ET.SubElement(ET.SubElement(tags, "tag"), "text").text = t
    return el


def dumps(questions: list[Question], title: str) -> bytes:
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", {"type": "category"})
    ET.SubElement(ET.SubElement(category, "category"), "text").text = f"$course$/{title}"
    for q in questions:
        quiz.append(question(q))
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="utf-8", xml_declaration=True) + b"\n"
