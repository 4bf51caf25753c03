"""QTI 1.2 in a zip with imsmanifest.xml, the package Canvas imports (Settings > Import course content > QTI).

Identifiers come from the exercises' ids (and the assessment's from its title), never from a counter, so the same
bank gives the same identifiers in every export: Canvas matches a re-imported quiz and its questions by them.
Beside the QTI file sits assessment_meta.xml, the quiz settings Canvas writes into its own QTI exports and reads
back on import (without it Canvas falls back on its defaults and the title alone)."""
from __future__ import annotations

import hashlib
import io
import xml.etree.ElementTree as ET
import zipfile

from ..question import Question

_TYPES = {"single": "multiple_choice_question", "multi": "multiple_answers_question",
          "matching": "matching_question", "essay": "essay_question"}
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed, so the same course gives the same bytes


def _ident(*parts: str) -> str:
    return "g" + hashlib.sha256("/".join(parts).encode()).hexdigest()[:24]


def _mat(parent: ET.Element, html: str) -> None:
    ET.SubElement(ET.SubElement(parent, "material"), "mattext", {"texttype": "text/html"}).text = html


def _meta(item: ET.Element, q: Question) -> None:
    fields = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
    for label, entry in (("question_type", _TYPES[q.type]), ("points_possible", "1"), ("original_answer_ids", "")):
        f = ET.SubElement(fields, "qtimetadatafield")
        ET.SubElement(f, "fieldlabel").text = label
        ET.SubElement(f, "fieldentry").text = entry


def _feedback(item: ET.Element, ident: str, html: str) -> None:
    fb = ET.SubElement(item, "itemfeedback", {"ident": ident})
    _mat(ET.SubElement(fb, "flow_mat"), html)


def item(q: Question) -> ET.Element:
    el = ET.Element("item", {"ident": _ident(q.id), "title": q.title})
    _meta(el, q)
    pres = ET.SubElement(el, "presentation")
    _mat(pres, q.text)
    proc = ET.SubElement(el, "resprocessing")
    ET.SubElement(ET.SubElement(proc, "outcomes"), "decvar",
                  {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"})
    if q.general_feedback:
        cond = ET.SubElement(proc, "respcondition", {"continue": "Yes"})
        ET.SubElement(ET.SubElement(cond, "conditionvar"), "other")
        ET.SubElement(cond, "displayfeedback", {"feedbacktype": "Response", "linkrefid": "general_fb"})
    if q.type in ("single", "multi"):
        lid = ET.SubElement(pres, "response_lid", {"ident": "response1",
                                                    "rcardinality": "Single" if q.type == "single" else "Multiple"})
        render = ET.SubElement(lid, "render_choice")
        for n, c in enumerate(q.choices):
            ident = _ident(q.id, str(n))
            _mat(ET.SubElement(render, "response_label", {"ident": ident}), c.text)
            if c.feedback:
                cond = ET.SubElement(proc, "respcondition", {"continue": "Yes"})
                ET.SubElement(ET.SubElement(cond, "conditionvar"), "varequal", {"respident": "response1"}).text = ident
                ET.SubElement(cond, "displayfeedback", {"feedbacktype": "Response", "linkrefid": f"{ident}_fb"})
        if q.type == "single":
            for n, c in enumerate(q.choices):
                if c.percent > 0:
                    cond = ET.SubElement(proc, "respcondition", {"continue": "No"})
                    ET.SubElement(ET.SubElement(cond, "conditionvar"), "varequal",
                                  {"respident": "response1"}).text = _ident(q.id, str(n))
                    ET.SubElement(cond, "setvar", {"action": "Set", "varname": "SCORE"}).text = f"{c.percent:g}"
        else:
            cond = ET.SubElement(proc, "respcondition", {"continue": "No"})
            var = ET.SubElement(ET.SubElement(cond, "conditionvar"), "and")
            for n, c in enumerate(q.choices):
                target = var if c.percent > 0 else ET.SubElement(var, "not")
                ET.SubElement(target, "varequal", {"respident": "response1"}).text = _ident(q.id, str(n))
            ET.SubElement(cond, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100"
        for n, c in enumerate(q.choices):
            if c.feedback:
                _feedback(el, f"{_ident(q.id, str(n))}_fb", c.feedback)
    elif q.type == "matching":
        answers = sorted({m.answer for m in q.matches})
        share = f"{100 / len(q.matches):.2f}"
        for n, m in enumerate(q.matches):
            lid = ET.SubElement(pres, "response_lid", {"ident": f"response_{_ident(q.id, 'm', str(n))}"})
            _mat(lid, m.prompt)
            render = ET.SubElement(lid, "render_choice")
            for a in answers:
                _mat(ET.SubElement(render, "response_label", {"ident": _ident(q.id, "a", a)}), a)
            cond = ET.SubElement(proc, "respcondition")
            ET.SubElement(ET.SubElement(cond, "conditionvar"), "varequal",
                          {"respident": f"response_{_ident(q.id, 'm', str(n))}"}).text = _ident(q.id, "a", m.answer)
            ET.SubElement(cond, "setvar", {"varname": "SCORE", "action": "Add"}).text = share
    elif q.type == "essay":
        ET.SubElement(ET.SubElement(pres, "response_str", {"ident": "response1", "rcardinality": "Single"}),
                      "render_fib").append(ET.Element("response_label", {"ident": "answer1", "rshuffle": "No"}))
    if q.general_feedback:
        _feedback(el, "general_fb", q.general_feedback)
    return el


def assessment_xml(questions: list[Question], title: str, ident: str) -> bytes:
    root = ET.Element("questestinterop", {"xmlns": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"})
    assessment = ET.SubElement(root, "assessment", {"ident": ident, "title": title})
    section = ET.SubElement(assessment, "section", {"ident": "root_section"})
    for q in questions:
        section.append(item(q))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"


def assessment_meta_xml(questions: list[Question], title: str, ident: str) -> bytes:
    """Canvas's quiz settings: a practice quiz (self-study, not graded into the gradebook), answers shuffled,
    unlimited attempts, the right answers shown after each attempt. A trainer changes them in Canvas."""
    root = ET.Element("quiz", {"identifier": ident, "xmlns": CANVAS_NS})
    for tag, text in (("title", title), ("description", ""), ("shuffle_answers", "true"),
                      ("scoring_policy", "keep_latest"), ("quiz_type", "practice_quiz"),
                      ("points_possible", f"{len(questions)}"), ("show_correct_answers", "true"),
                      ("anonymous_submissions", "false"), ("allowed_attempts", "-1"),
                      ("one_question_at_a_time", "false"), ("cant_go_back", "false"), ("available", "false")):
        ET.SubElement(root, tag).text = text
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def manifest_xml(ident: str, title: str) -> bytes:
    ns = {"xmlns": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
    root = ET.Element("manifest", {"identifier": f"{ident}_manifest", **ns})
    md = ET.SubElement(root, "metadata")
    ET.SubElement(md, "schema").text = "IMS Content"
    ET.SubElement(md, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    res = ET.SubElement(resources, "resource", {"identifier": ident, "type": "imsqti_xmlv1p2", "href": f"{ident}/{ident}.xml"})
    ET.SubElement(res, "file", {"href": f"{ident}/{ident}.xml"})
    ET.SubElement(res, "dependency", {"identifierref": f"{ident}_meta"})
    meta = ET.SubElement(resources, "resource", {"identifier": f"{ident}_meta", "href": f"{ident}/assessment_meta.xml",
                                                 "type": "associatedcontent/imscc_xmlv1p1/learning-application-resource"})
    ET.SubElement(meta, "file", {"href": f"{ident}/assessment_meta.xml"})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def dumps(questions: list[Question], title: str) -> bytes:
    ident = _ident("assessment", title)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("imsmanifest.xml", manifest_xml(ident, title)),
                           (f"{ident}/{ident}.xml", assessment_xml(questions, title, ident)),
                           (f"{ident}/assessment_meta.xml", assessment_meta_xml(questions, title, ident))):
            z.writestr(zipfile.ZipInfo(name, _ZIP_DATE), data)
    return buf.getvalue()
