"""The SCORM 1.2 package, run by a real SCORM run-time (scorm-again, installed by `.ci/setup --test`) in a launcher
page that plays the LMS: launch, answer, reload, resume in a fresh browser profile with the LMS's data carried over,
complete; the suspend data of the whole shipped course fits SCORM 1.2's 4,096 characters and restores every answer;
and without an LMS the package works as the site does."""
from __future__ import annotations

import json
import random
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import REPO, copy_course, free_port, open_page, run_cli, serve, write_course
from generator.config import load_config

SCORM_AGAIN = REPO / ".test-tools" / "node" / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"

BANK = """\
exercises:
  - id: s-one
    kind: single_choice
    topics: [reflections]
    prompt: "Which is a reflection?"
    options:
      - {text: "You're worried about it.", correct: true, feedback: "It mirrors the feeling."}
      - {text: "Why worry?", feedback: "A question."}
  - id: s-two
    kind: single_choice
    topics: [open-questions]
    prompt: "Which is an open question?"
    options:
      - {text: "Do you smoke?", feedback: "Closed."}
      - {text: "What would you like to change?", correct: true, feedback: "Open."}
  - id: s-three
    kind: multiple_choice
    topics: [affirmations]
    prompt: "Which are affirmations?"
    options:
      - {text: "You kept at it.", correct: true, feedback: "An effort."}
      - {text: "Good job!", feedback: "Praise."}
      - {text: "You care about your kids.", correct: true, feedback: "A value."}
"""
LESSONS = {"index.md": "# Home\n\nWelcome.\n",
           "lesson.md": "# Lesson\n\n[[exercise: s-one]]\n\n[[exercise: s-two]]\n\n[[exercise: s-three]]\n"}

# The LMS: scorm-again's SCORM 1.2 API on window.API, with the data an LMS would hand back on a later visit
# (window.CARRY, set before the page loads), framing the package's launch page.
LAUNCHER = """<!doctype html>
<html><head><meta charset="utf-8"><title>LMS</title><script src="scorm12.min.js"></script></head>
<body style="margin:0">
<script>
  window.API = new Scorm12API({autocommit: false, logLevel: 5});
  if (window.CARRY) window.API.loadFromFlattenedJSON(window.CARRY);
  window.commits = 0;
  window.API.on("LMSCommit", function () { window.commits++; });
  window.sets = {};  // what the package set, write-only values (session_time, exit) too
  window.API.on("LMSSetValue.cmi.*", function (k, v) { window.sets[k] = v; });
  function lms(k) { return window.API.cmi ? window.API.LMSGetValue(k) : ""; }
</script>
<iframe id="lms" src="pkg/scorm.html" style="width:100%;height:860px;border:0"></iframe>
</body></html>
"""


def unpack(zip_path: Path, dest: Path) -> Path:
    """The LMS's side: the package unzipped beside the launcher and the run-time."""
    dest.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(dest / "pkg")
    shutil.copy(SCORM_AGAIN, dest / "scorm12.min.js")
    (dest / "launcher.html").write_text(LAUNCHER, encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    assert SCORM_AGAIN.exists(), "scorm-again is missing: run `bash .ci/setup --test`"
    course = write_course(tmp_path_factory.mktemp("scorm"), {"bank.yaml": BANK}, LESSONS)
    result = run_cli("export", "--format", "scorm", "--out", "course.zip", cwd=course)
    assert result.returncode == 0, result.stderr
    host = unpack(course / "course.zip", course / "lms")
    port = free_port()
    server = serve(host, port)
    yield f"http://127.0.0.1:{port}/", course
    server.shutdown()


def content(pg):
    return pg.frame_locator("#lms").frame_locator("#mi-scorm-frame")


def lms_value(pg, key: str) -> str:
    return pg.evaluate("k => lms(k)", key)


def commits(pg) -> int:
    return pg.evaluate("() => window.commits")


def answer(pg, ex_id: str, texts: list[str]) -> None:
    sec = content(pg).locator(f"#ex-{ex_id}")
    for text in texts:
        sec.locator("label", has_text=text).click()
    before = commits(pg)
    sec.get_by_role("button", name="Check").click()
    pg.wait_for_function("n => window.commits > n", arg=before)  # the adapter reported this save


def carried(pg) -> dict:
    """What the LMS would keep between visits, as scorm-again's flattened CMI data for a later launch."""
    return {"cmi.suspend_data": lms_value(pg, "cmi.suspend_data"),
            "cmi.core.lesson_location": lms_value(pg, "cmi.core.lesson_location"),
            "cmi.core.lesson_status": lms_value(pg, "cmi.core.lesson_status"),
            "cmi.core.entry": "resume"}


def launch(browser, url: str, carry: dict | None = None):
    context, pg = open_page(browser, url)
    if carry:
        context.add_init_script(f"window.CARRY = {json.dumps(carry)};")
    pg.goto(url + "launcher.html")
    return context, pg


def test_package_has_a_scorm_12_manifest_and_no_adapter_on_the_site(lms):
    url, course = lms
    with zipfile.ZipFile(course / "course.zip") as z:
        names = set(z.namelist())
        manifest = etree.fromstring(z.read("imsmanifest.xml"))
    ns = {"c": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "a": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
    assert manifest.findtext("c:metadata/c:schemaversion", namespaces=ns) == "1.2"
    sco = manifest.find("c:resources/c:resource", ns)
    assert sco.get("{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype") == "sco" and sco.get("href") == "scorm.html"
    assert {f.get("href") for f in sco.findall("c:file", ns)} == names - {"imsmanifest.xml"}
    assert "lesson.html" in names and "lesson/index.html" not in names  # links end in .html
    adapter = [n for n in names if n.startswith("assets/mi-scorm.")]
    assert len(adapter) == 1
    launch_page = (course / "lms" / "pkg" / "scorm.html").read_text(encoding="utf-8")
    assert adapter[0] in launch_page and "your LMS (learning platform) receives" in launch_page
    lesson = (course / "lms" / "pkg" / "lesson.html").read_text(encoding="utf-8")
    assert "Your LMS receives completion, score and resume data" in lesson
    # The course site itself: no adapter, no notice.
    assert run_cli("build", cwd=course).returncode == 0
    site = "".join(p.read_text(encoding="utf-8") for p in (course / "site").rglob("*.html"))
    assert "mi-scorm" not in site and "LMS receives" not in site


def test_launch_answer_reload_resume_elsewhere_complete(browser, lms):
    url, _ = lms
    context, pg = launch(browser, url)
    note = pg.frame_locator("#lms").locator("#mi-scorm-note")
    assert "your LMS (learning platform) receives" in note.inner_text()
    pg.wait_for_function("() => lms('cmi.core.lesson_status') == 'incomplete'")
    content(pg).get_by_role("link", name="Lesson").first.click()
    answer(pg, "s-one", ["You're worried about it."])
    assert lms_value(pg, "cmi.core.lesson_status") == "incomplete"
    assert lms_value(pg, "cmi.core.score.raw") == "33"  # 1 of the 3 scored exercises right
    assert lms_value(pg, "cmi.core.lesson_location") == "lesson.html"
    data = lms_value(pg, "cmi.suspend_data")
    assert data.startswith("0[1,") and len(data) <= 4096
    sets = pg.evaluate("() => window.sets")
    assert re.fullmatch(r"\d{2,4}:\d\d:\d\d\.\d\d", sets["cmi.core.session_time"]), sets
    assert sets["cmi.core.exit"] == "suspend"

    # A reload of the page: the answer is still there, and the session goes on.
    content(pg).locator("body").evaluate("b => b.ownerDocument.location.reload()")
    sec = content(pg).locator("#ex-s-one")
    assert "Correct" in sec.locator(".mi-status").inner_text()
    answer(pg, "s-two", ["Do you smoke?"])  # wrong
    carry = carried(pg)
    context.close()

    # Another device: an empty browser profile; the LMS hands back what it kept.
    context, pg = launch(browser, url, carry)
    one = content(pg).locator("#ex-s-one")  # reopened where the learner left off
    assert "Correct" in one.locator(".mi-status").inner_text()
    assert one.locator("input[value='0']").is_checked()
    two = content(pg).locator("#ex-s-two")
    assert "Not quite" in two.locator(".mi-status").inner_text()
    assert two.get_by_role("button", name="Try again").is_visible()
    two.get_by_role("button", name="Try again").click()
    answer(pg, "s-two", ["What would you like to change?"])
    assert lms_value(pg, "cmi.core.lesson_status") == "incomplete"
    answer(pg, "s-three", ["You kept at it.", "You care about your kids."])
    assert lms_value(pg, "cmi.core.lesson_status") == "completed"
    assert lms_value(pg, "cmi.core.score.raw") == "100"
    assert lms_value(pg, "cmi.core.score.max") == "100" and lms_value(pg, "cmi.core.score.min") == "0"
    assert not pg.errors and not pg.outside_requests
    context.close()


def test_the_newer_copy_wins(browser, lms):
    """This browser answered after the LMS's copy was made: its answer stays; the LMS's fills in the rest."""
    url, _ = lms
    context, pg = launch(browser, url)
    content(pg).get_by_role("link", name="Lesson").first.click()
    answer(pg, "s-one", ["Why worry?"])  # wrong, in the LMS's copy
    answer(pg, "s-two", ["Do you smoke?"])  # wrong, in the LMS's copy
    carry = carried(pg)
    # The learner tries s-one again in this browser, after the LMS's copy above was made.
    sec = content(pg).locator("#ex-s-one")
    sec.get_by_role("button", name="Try again").click()
    sec.locator("label", has_text="You're worried about it.").click()
    sec.get_by_role("button", name="Check").click()
    assert "Correct" in sec.locator(".mi-status").inner_text()
    # Next launch in the same browser, with the LMS's (older) copy.
    pg2 = context.new_page()
    pg2.add_init_script(f"window.CARRY = {json.dumps(carry)};")
    pg2.goto(url + "launcher.html")
    assert "Correct" in content(pg2).locator("#ex-s-one .mi-status").inner_text()  # this browser's, newer
    assert "Not quite" in content(pg2).locator("#ex-s-two .mi-status").inner_text()  # the LMS's
    pg2.wait_for_function("() => lms('cmi.core.score.raw') == '33'")  # the merged records went back
    context.close()


def test_completion_threshold_from_the_command_line(browser, tmp_path):
    course = write_course(tmp_path, {"bank.yaml": BANK}, LESSONS)
    assert run_cli("export", "--format", "scorm", "--out", "c.zip", "--completion", "0.3", cwd=course).returncode == 0
    host = unpack(course / "c.zip", course / "lms")
    port = free_port()
    server = serve(host, port)
    try:
        url = f"http://127.0.0.1:{port}/"
        context, pg = launch(browser, url)
        content(pg).get_by_role("link", name="Lesson").first.click()
        answer(pg, "s-two", ["Do you smoke?"])  # one of three answered (wrong is still answered): over 0.3
        assert lms_value(pg, "cmi.core.lesson_status") == "completed"
        assert lms_value(pg, "cmi.core.score.raw") == "0"
        context.close()
    finally:
        server.shutdown()


def test_completion_threshold_errors_speak_plainly(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": BANK}, LESSONS)
    bad = run_cli("export", "--format", "scorm", "--out", "c.zip", "--completion", "1.5", cwd=course)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "mkdocs.yml: error: --completion should be a share above 0 and at most 1, not 1.5" in bad.stderr
    text = (course / "mkdocs.yml").read_text(encoding="utf-8")
    (course / "mkdocs.yml").write_text(text.replace("  course:\n", "  course:\n    scorm: {completion: all}\n"))
    bad = run_cli("export", "--format", "scorm", "--out", "c.zip", cwd=course)
    assert "mkdocs.yml: error: extra.course.scorm.completion should be a share above 0 and at most 1, not 'all'" in bad.stderr
    assert not (course / "c.zip").exists()


def test_without_an_lms_the_package_works_as_the_site_does(browser, lms):
    url, _ = lms
    context, pg = open_page(browser, url)
    pg.goto(url + "pkg/scorm.html")
    assert "No LMS found" in pg.locator("#mi-scorm-note").inner_text()
    frame = pg.frame_locator("#mi-scorm-frame")
    frame.get_by_role("link", name="Lesson").first.click()
    sec = frame.locator("#ex-s-one")
    sec.locator("label", has_text="You're worried about it.").click()
    sec.get_by_role("button", name="Check").click()
    assert "Correct" in sec.locator(".mi-status").inner_text()
    pg.goto(url + "pkg/lesson.html")  # a page of the package opened on its own
    assert "Correct" in pg.locator("#ex-s-one .mi-status").inner_text()
    assert not pg.errors and not pg.outside_requests
    context.close()


# The whole shipped course --------------------------------------------------------------------------------------

def full_records(course_dir: Path) -> dict[str, dict]:
    """A record for every exercise of the shipped course, each answered as the engine would record it."""
    from generator.render import answer_key
    from generator.validate import load_course

    course, _ = load_course(course_dir)
    rng = random.Random(7)
    out = {}
    for ex in course.exercises.values():
        if ex.self_test:
            continue  # answered on the self-test page, not kept as an exercise record
        k = ex.kind
        if k in ("single_choice", "best_response"):
            a = [rng.randrange(len(getattr(ex, "options", None) or ex.responses))]
        elif k == "multiple_choice":
            a = sorted(rng.sample(range(len(ex.options)), 2))
        elif k == "classify":
            a = [rng.choice(ex.categories).id for _ in ex.items]
        elif k == "order":
            a = rng.sample(range(len(ex.items)), len(ex.items))
        elif k == "write_response":
            a = {"text": "You want to get fit again, and the knee still scares you.", "rating": 4}
        elif k == "scenario":
            path, node, endings = [], ex.nodes[ex.start or next(iter(ex.nodes))], {}
            while node.choices:
                path.append(len(node.choices) - 1)
                node = ex.nodes[node.choices[-1].next]
            endings[node.id] = node.ending.outcome
            a = {"path": path, "endings": endings}
        elif k == "code_transcript":
            turns = [t for t in course.dialogues[ex.dialogue].turns if t.speaker == "practitioner" and t.codes]
            a = [sorted({c.split("/")[0] for c in t.codes}) for t in turns]
        else:
            raise AssertionError(f"a kind this test does not know: {k}")
        correct = None if k == "write_response" else rng.random() < 0.6
        out[ex.id] = {"v": 1, "key": answer_key(ex), "kind": k, "correct": correct, "answer": a,
                      "attempts": rng.randrange(1, 4), "first": "2026-03-02T09:58:12.000Z",
                      "last": f"2026-03-0{rng.randrange(2, 9)}T09:58:12.000Z"}
    return out


def test_the_whole_shipped_course_fits_and_resumes(browser, tmp_path):
    course = copy_course(tmp_path / "course")
    result = run_cli("export", "--format", "scorm", "--out", "course.zip", cwd=course)
    assert result.returncode == 0, result.stderr
    host = unpack(course / "course.zip", course / "lms")
    records = full_records(course)
    port = free_port()
    server = serve(host, port)
    try:
        url = f"http://127.0.0.1:{port}/"
        context, pg = open_page(browser, url)
        pg.goto(url + "pkg/404.html")  # the package's origin, to fill this browser's storage before the launch
        ns = load_config(course)[0].namespace
        pg.evaluate("([ns, recs]) => { for (const [id, r] of Object.entries(recs)) localStorage.setItem(ns + 'ex:' + id,"
                    " JSON.stringify(r)); localStorage.setItem(ns + 'seed', 12345); }", [ns, records])
        pg.goto(url + "launcher.html")
        pg.wait_for_function("() => lms('cmi.suspend_data').length > 0")
        data = lms_value(pg, "cmi.suspend_data")
        print(f"\nsuspend data for the whole shipped course ({len(records)} exercises): {len(data)} characters; "
              f"package {(course / 'course.zip').stat().st_size} bytes")
        assert data.startswith("1") and len(data) <= 4096
        scored = [r for r in records.values() if r["kind"] != "write_response"]
        assert lms_value(pg, "cmi.core.score.raw") == str(round(100 * sum(r["correct"] for r in scored) / len(scored)))
        assert lms_value(pg, "cmi.core.lesson_status") == "completed"
        carry = carried(pg)
        context.close()

        context, pg = launch(browser, url, carry)  # a fresh profile
        pg.frame_locator("#lms").locator("#mi-scorm-frame").wait_for()
        pg.wait_for_function("() => window.commits > 0")  # restored, then reported back
        frame = pg.frame(url=lambda u: u.endswith("/pkg/scorm.html"))
        restored = frame.evaluate("([ns, ids]) => ids.map(id => JSON.parse(localStorage.getItem(ns + 'ex:' + id)))",
                                  [ns, list(records)])
        assert frame.evaluate("ns => localStorage.getItem(ns + 'seed')", ns) == "12345"
        for (ex_id, want), got in zip(records.items(), restored):
            assert got is not None, ex_id
            expect = dict(want["answer"]) if isinstance(want["answer"], dict) else want["answer"]
            if want["kind"] == "write_response":
                expect = {"text": "", "rating": 4}  # a learner's text of more than 32 characters stays behind
            assert (got["key"], got["answer"], got["correct"], got["attempts"]) == \
                (want["key"], expect, want["correct"], want["attempts"]), ex_id
        context.close()
    finally:
        server.shutdown()
