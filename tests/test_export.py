"""LMS exports parse back with nothing lost: GIFT, Moodle XML and a QTI 1.2 zip for Canvas."""
from __future__ import annotations

import re
import zipfile

import pytest
from lxml import etree

from conftest import REPO, run_cli, write_course
from generator.question import MOODLE_FRACTIONS
from generator.kinds import KINDS
from generator.validate import load_course

BANK = """\
exercises:
  - id: x-single
    kind: single_choice
    title: "Tricky {braces} = ~tilde~ #hash: colon"
    topics: [reflections]
    prompt: "Which is a reflection? {not GIFT} a=b ~c #d e:f"
    options:
      - {text: "You're worried = scared.", correct: true, feedback: "Names the feeling: good."}
      - {text: "Why?", feedback: "A question ~ not a reflection."}
  - id: x-multi
    kind: multiple_choice
    topics: [affirmations]
    prompt: "Which are affirmations?"
    options:
      - {text: "You kept at it.", correct: true, feedback: "An effort."}
      - {text: "You care about your kids.", correct: true, feedback: "A value."}
      - {text: "Good job!", feedback: "Praise."}
  - id: x-classify
    kind: classify
    topics: [change-talk]
    prompt: "Sort."
    categories: [{id: ct, label: Change talk}, {id: st, label: Sustain talk}]
    items:
      - {text: "I want to stop.", category: ct, feedback: "Desire."}
      - {text: "Smoking calms me.", category: st, feedback: "Reason for the status quo."}
      - {text: "I could quit.", category: ct, feedback: "Ability."}
  - id: x-order
    kind: order
    topics: [informing]
    prompt: "Order the steps."
    items: [{text: Elicit}, {text: Provide}, {text: "Elicit again"}]
    explanation: "Ask, tell, ask."
  - id: x-best
    kind: best_response
    topics: [reflections]
    client: "I'm tired."
    responses:
      - {text: "You're worn out.", code: simple_reflection, acceptable: true, feedback: "Fine."}
      - {text: "You're running on empty and it's getting to you.", code: complex_reflection, correct: true, feedback: "Best."}
      - {text: "Sleep more.", code: persuade, feedback: "Advice."}
  - id: x-write
    kind: write_response
    topics: [reflections]
    client: "Nobody listens."
    prompt: "Write a complex reflection."
    model_answers: ["You feel invisible.", "It's lonely being unheard."]
  - id: x-scenario
    kind: scenario
    topics: [evoking]
    nodes:
      - {id: a, client: "Hi.", choices: [{text: "Hello.", code: question/open, feedback: "ok", next: b}]}
      - {id: b, client: "Bye.", ending: {outcome: good, debrief: "Done."}}
"""


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    course = write_course(tmp_path_factory.mktemp("exp"), {"bank.yaml": BANK})
    out = {}
    for fmt, name in (("gift", "q.gift"), ("moodle-xml", "q.xml"), ("qti", "q.zip")):
        result = run_cli("export", "--format", fmt, "--out", name, cwd=course)
        assert result.returncode == 0, result.stderr
        assert "warning: skipped 1 scenario" in result.stderr
        out[fmt] = course / name
    return out


def gift_questions(text: str) -> list[dict]:
    """A strict reader for what we write: one question per block, answers one per line."""
    questions = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [l for l in block.splitlines() if not l.startswith("//")]
        if not lines:
            continue
        head = re.match(r"::((?:[^:\\]|\\.)*)::\[html\]((?:[^{\\]|\\.)*)\{(.*)$", lines[0])
        assert head, lines[0]
        assert lines[-1] == "}" or lines[0].endswith("}"), block
        answers, general = [], None
        for line in lines[1:-1]:
            line = line.strip()
            if line.startswith("####"):
                general = line[4:]
                continue
            m = re.match(r"([=~])(%-?[\d.]+%)?((?:[^#\\]|\\.)*)(?:#(.*))?$", line)
            assert m, line
            answers.append({"mark": m.group(1), "weight": m.group(2), "text": unescape(m.group(3)),
                            "feedback": unescape(m.group(4) or "")})
        questions.append({"title": unescape(head.group(1)), "text": unescape(head.group(2)), "answers": answers,
                          "general": general})
    return questions


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def test_gift_round_trip(exports):
    qs = gift_questions(exports["gift"].read_text())
    assert len(qs) == 6
    single = qs[0]
    assert single["title"] == "Tricky {braces} = ~tilde~ #hash: colon"
    assert "{not GIFT} a=b ~c #d e:f" in single["text"]
    assert [a["mark"] for a in single["answers"]] == ["=", "~"]
    assert single["answers"][0]["text"] == "You're worried = scared."
    assert "A question ~ not a reflection." in single["answers"][1]["feedback"]
    multi = qs[1]
    assert [a["weight"] for a in multi["answers"]] == ["%50%", "%50%", "%-50%"]
    classify = qs[2]
    assert [a["text"] for a in classify["answers"]] == ["I want to stop. -> Change talk", "Smoking calms me. -> Sustain talk",
                                                        "I could quit. -> Change talk"]
    assert "Reason for the status quo." in classify["general"]
    best = qs[4]
    assert [a["mark"] + (a["weight"] or "") for a in best["answers"]] == ["~%50%", "=", "~"]
    assert "Simple reflection" in best["answers"][0]["feedback"]
    essay = qs[5]
    assert essay["answers"] == [] and "You feel invisible." in essay["general"]


def test_moodle_xml_structure(exports):
    root = etree.parse(str(exports["moodle-xml"])).getroot()
    questions = root.findall("question")
    assert [q.get("type") for q in questions] == ["category", "multichoice", "multichoice", "matching", "matching",
                                                  "multichoice", "essay"]
    for q in questions[1:]:
        assert q.findtext("name/text") and q.findtext("questiontext/text")
        for a in q.findall("answer"):
            assert abs(float(a.get("fraction"))) in MOODLE_FRACTIONS
            assert a.findtext("text") and a.findtext("feedback/text")
    assert questions[1].findtext("single") == "true" and questions[2].findtext("single") == "false"
    assert len(questions[3].findall("subquestion")) == 3
    assert [s.findtext("answer/text") for s in questions[4].findall("subquestion")] == ["Position 1", "Position 2", "Position 3"]
    assert "It's lonely being unheard." in questions[6].findtext("graderinfo/text")


def test_qti_zip_for_canvas(exports):
    with zipfile.ZipFile(exports["qti"]) as z:
        manifest = etree.fromstring(z.read("imsmanifest.xml"))
        ns = {"m": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
        href = manifest.find("m:resources/m:resource", ns).get("href")
        assert manifest.find("m:resources/m:resource", ns).get("type") == "imsqti_xmlv1p2"
        assessment = etree.fromstring(z.read(href))
    q = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
    items = assessment.findall(".//q:item", q)
    types = [i.find(".//q:qtimetadatafield[q:fieldlabel='question_type']/q:fieldentry", q).text for i in items]
    assert types == ["multiple_choice_question", "multiple_answers_question", "matching_question", "matching_question",
                     "multiple_choice_question", "essay_question"]
    single = items[0]
    assert len(single.findall(".//q:response_label", q)) == 2
    assert len(single.findall("q:itemfeedback", q)) == 2
    assert [s.text for s in single.findall(".//q:setvar", q)] == ["100"]
    assert len(items[2].findall(".//q:response_lid", q)) == 3


def test_shipped_course_exports_lose_nothing(tmp_path):
    course, _ = load_course(REPO)
    exportable = [e for e in course.exercises.values() if e.kind not in ("scenario", "code_transcript")]
    options = sum(len(getattr(e, "options", None) or getattr(e, "responses", [])) for e in exportable
                  if e.kind in ("single_choice", "multiple_choice", "best_response"))
    for fmt, name in (("gift", "c.gift"), ("moodle-xml", "c.xml")):
        result = run_cli("--root", str(REPO), "export", "--format", fmt, "--out", str(tmp_path / name), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    qs = gift_questions((tmp_path / "c.gift").read_text())
    assert len(qs) == len(exportable)
    choice_answers = [a for q in qs for a in q["answers"] if "->" not in a["text"]]
    assert len(choice_answers) == options and all(a["feedback"] for a in choice_answers)
    root = etree.parse(str(tmp_path / "c.xml")).getroot()
    assert len(root.findall("question")) == len(exportable) + 1  # plus the category
    assert len(root.findall("question/answer/feedback")) == options
    assert set(KINDS) - {"scenario", "code_transcript"} >= {e.kind for e in exportable}


# Moodle's own reading of a GIFT question's comment lines (qformat_gift::extract_idnumber_and_tags_from_comment).
MOODLE_ID = re.compile(r"\[id:((?:\\\]|[^\]\[\x00-\x1f\x7f])+)\]")
MOODLE_TAG = re.compile(r"\[tag:((?:\\\]|[^\]<>\x00-\x1f\x7f])+)\]")


def gift_ids_and_tags(text: str) -> list[tuple[str, list[str]]]:
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        comments = "\n".join(l.strip() for l in block.splitlines() if l.strip().startswith("//"))
        if "::" not in block:
            continue
        m = MOODLE_ID.search(comments)
        out.append((m.group(1).replace("\\]", "]") if m else "",
                    [t.replace("\\]", "]").strip() for t in MOODLE_TAG.findall(comments)]))
    return out


def test_gift_carries_ids_and_tags_that_moodle_reads(exports):
    found = gift_ids_and_tags(exports["gift"].read_text())
    assert found == [("x-single", ["reflections"]), ("x-multi", ["affirmations"]), ("x-classify", ["change-talk"]),
                     ("x-order", ["informing"]), ("x-best", ["reflections"]), ("x-write", ["reflections"])]


def test_gift_tags_cannot_break_out_of_their_token():
    from generator.export.gift import question
    from generator.question import Question

    text = question(Question("a-b", "T", "Q", "essay", tags=("odd]one", "<b>", "two\nlines")))
    assert gift_ids_and_tags(text) == [("a-b", ["odd]one", "b", "two lines"])]


def test_shipped_course_gift_ids_are_unique_and_stable(tmp_path):
    texts = []
    for n in (1, 2):
        result = run_cli("--root", str(REPO), "export", "--format", "gift", "--out", str(tmp_path / f"{n}.gift"), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        texts.append((tmp_path / f"{n}.gift").read_text())
    assert texts[0] == texts[1]
    found = gift_ids_and_tags(texts[0])
    course, _ = load_course(REPO)
    assert [i for i, _ in found] == [e.id for e in course.exercises.values() if e.kind not in ("scenario", "code_transcript")]
    assert all(tags and set(tags[:len(course.exercises[i].topics)]) == set(course.exercises[i].topics) for i, tags in found)


def test_moodle_xml_has_idnumber_and_tags(exports):
    root = etree.parse(str(exports["moodle-xml"])).getroot()
    questions = root.findall("question")[1:]
    assert [q.findtext("idnumber") for q in questions] == ["x-single", "x-multi", "x-classify", "x-order", "x-best", "x-write"]
    assert [[t.text for t in q.findall("tags/tag/text")] for q in questions] == [
        ["reflections"], ["affirmations"], ["change-talk"], ["informing"], ["reflections"], ["reflections"]]


def test_qti_has_canvas_assessment_meta_and_stable_identifiers(exports, tmp_path):
    ns = {"m": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
    with zipfile.ZipFile(exports["qti"]) as z:
        manifest = etree.fromstring(z.read("imsmanifest.xml"))
        resources = manifest.findall("m:resources/m:resource", ns)
        qti, meta = resources
        assert qti.find("m:dependency", ns).get("identifierref") == meta.get("identifier")
        assert meta.get("type") == "associatedcontent/imscc_xmlv1p1/learning-application-resource"
        quiz = etree.fromstring(z.read(meta.get("href")))
        assessment = etree.fromstring(z.read(qti.get("href")))
    c = {"c": "http://canvas.instructure.com/xsd/cccv1p0"}
    assert quiz.tag == "{http://canvas.instructure.com/xsd/cccv1p0}quiz"
    a = assessment.find("{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}assessment")
    assert quiz.get("identifier") == a.get("ident") == qti.get("identifier")
    assert quiz.findtext("c:title", namespaces=c) == a.get("title")
    assert quiz.findtext("c:quiz_type", namespaces=c) == "practice_quiz"
    # The same bank exported again, to another file, gives the same bytes: the same identifiers for Canvas to match.
    course = exports["qti"].parent
    result = run_cli("export", "--format", "qti", "--out", str(tmp_path / "again.zip"), cwd=course)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "again.zip").read_bytes() == exports["qti"].read_bytes()


def test_an_export_asks_a_question_of_every_reply_item_and_leaves_out_what_moodle_would_refuse(tmp_path):
    bank = """\
exercises:
  - id: br-no-prompt
    kind: best_response
    topics: [reflections]
    client: "I keep putting it off."
    responses:
      - {text: "It's hard to get started.", code: simple_reflection, correct: true, feedback: "Reflects."}
      - {text: "Just start.", code: persuade, feedback: "Persuades."}
  - id: cl-two
    kind: classify
    topics: [change-talk]
    prompt: "Sort."
    categories: [{id: change, label: Change talk}, {id: sustain, label: Sustain talk}]
    items:
      - {text: "I want to stop.", category: change, feedback: "Desire."}
      - {text: "I like it.", category: sustain, feedback: "Status quo."}
"""
    course = write_course(tmp_path, {"bank.yaml": bank})
    result = run_cli("export", "--format", "gift", "--out", str(tmp_path / "q.gift"), cwd=course)
    assert result.returncode == 0, result.stderr
    assert ("exercises/bank.yaml:9:5: warning: 'cl-two' is left out of the export: Moodle's matching question needs "
            "at least 3 statements; this one has 2") in result.stderr
    gift = (tmp_path / "q.gift").read_text(encoding="utf-8")
    assert "Which reply would you give?" in gift and "cl-two" not in gift
