"""Hostile input, killed builds and repeatability: the generator fails cleanly, fast and in bounded memory, never
leaves a half-built site/, and builds the same bytes from the same input."""
from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copy_course, write_course

GOOD = """\
exercises:
  - id: hard-single
    kind: single_choice
    topics: [reflections]
    prompt: "Which reply is a reflection?"
    options:
      - text: "You're fed up with early sessions."
        correct: true
        feedback: "It mirrors the feeling."
      - text: "Why don't you train at lunch?"
        feedback: "Advice dressed as a question."
"""
CPU_SECONDS = 5  # each hostile file is handled within this much CPU time
WALL_SECONDS = 60  # a hang guard only: other work on a busy machine stretches wall time, not CPU time
MEMORY_MB = 400  # peak resident memory of the whole validate process
ADDRESS_SPACE = 2 * 1024**3  # a hard cap, so a runaway allocation fails in the child instead of swamping the machine
DIAG = re.compile(r"^exercises/[^:\n]+(:\d+:\d+)?: error: \S", re.M)


def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS * 4, CPU_SECONDS * 4))


def validate(course: Path) -> dict:
    """`mi-course validate`, with this child's own CPU time and peak memory (from wait4, not the cumulative figures)."""
    import tempfile

    start = time.monotonic()
    with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f:  # files, not pipes: no full buffer
        p = subprocess.Popen([sys.executable, "-m", "generator", "validate"], cwd=course, stdout=out_f, stderr=err_f,
                             preexec_fn=_limits, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        deadline = start + WALL_SECONDS
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                p.kill()
                os.wait4(p.pid, 0)
                pytest.fail(f"mi-course validate still running after {WALL_SECONDS} s")
            time.sleep(0.02)
        p.returncode = os.waitstatus_to_exitcode(status)
        out_f.seek(0)
        err_f.seek(0)
        out, err = out_f.read(), err_f.read()
    res = {"code": p.returncode, "out": out.decode(errors="replace"), "err": err.decode(errors="replace"),
           "cpu": usage.ru_utime + usage.ru_stime, "mb": usage.ru_maxrss / 1024, "wall": time.monotonic() - start}
    assert res["cpu"] <= CPU_SECONDS, res
    assert res["mb"] <= MEMORY_MB, res
    assert "Traceback" not in res["err"], res["err"]
    assert res["code"] in (0, 1), res
    return res


def course_with(tmp_path: Path, name: str, data: bytes | str) -> Path:
    course = write_course(tmp_path, {"good.yaml": GOOD})
    path = course / "exercises" / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return course


def fails_cleanly(res: dict, *words: str) -> str:
    assert res["code"] == 1, res
    assert DIAG.search(res["err"]), res["err"]
    low = res["err"].lower()
    for w in words:
        assert w.lower() in low, res["err"]
    return res["err"]


# Hostile files ----------------------------------------------------------------------------------------------------

def test_billion_laughs_is_refused_at_the_first_anchor(tmp_path):
    rows = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    rows += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    err = fails_cleanly(validate(course_with(tmp_path, "bomb.yaml", "\n".join(rows) + "\n")), "anchors")
    assert "exercises/bomb.yaml:1:" in err


def test_alias_bomb_inside_an_exercise_is_refused(tmp_path):
    text = GOOD.replace("hard-single", "hard-two").replace('prompt: "Which', 'prompt: &p "Which') + \
        "  - id: hard-three\n    kind: single_choice\n    topics: [reflections]\n    prompt: *p\n    options: []\n"
    fails_cleanly(validate(course_with(tmp_path, "alias.yaml", text)), "anchors (&p) are not allowed")


@pytest.mark.parametrize("opener,closer", [("[", "]"), ("{a: ", "}")])
def test_nesting_ten_thousand_deep_stops_at_the_depth_cap(tmp_path, opener, closer):
    text = "exercises: " + opener * 10_000 + "1" + closer * 10_000 + "\n"
    fails_cleanly(validate(course_with(tmp_path, "deep.yaml", text)), "nested more than")


def test_deep_block_nesting_stops_at_the_depth_cap(tmp_path):
    text = "exercises:\n" + "".join(" " * i + "- \n" for i in range(0, 2000, 1)) + " " * 2000 + "x\n"
    fails_cleanly(validate(course_with(tmp_path, "deep.yaml", text)))


def test_a_fifty_megabyte_bank_is_refused_without_reading_it(tmp_path):
    course = write_course(tmp_path, {"good.yaml": GOOD})
    with open(course / "exercises" / "huge.yaml", "wb") as f:
        f.write(b"exercises:\n")
        chunk = b"  # " + b"x" * 1020 + b"\n"
        for _ in range(50 * 1024):
            f.write(chunk)
    assert (course / "exercises" / "huge.yaml").stat().st_size > 50 * 1024 * 1024
    err = fails_cleanly(validate(course), "over the limit")
    assert "exercises/huge.yaml" in err


def test_binary_junk_is_not_a_bank(tmp_path):
    junk = bytes(range(256)) * 64 + os.urandom(4096)
    fails_cleanly(validate(course_with(tmp_path, "junk.yaml", junk)), "not")


def test_binary_junk_that_happens_to_be_utf8(tmp_path):
    junk = "".join(chr(c) for c in range(1, 0x3000) if not 0xD800 <= c < 0xE000) * 3
    res = validate(course_with(tmp_path, "junk.yaml", junk))
    fails_cleanly(res)


def test_a_byte_order_mark_is_accepted(tmp_path):
    res = validate(course_with(tmp_path, "bom.yaml", "\ufeff" + GOOD.replace("hard-single", "hard-bom")))
    assert res["code"] == 0, res["err"]
    assert "2 exercises" in res["out"]


def test_crlf_line_endings_are_accepted_and_lines_stay_true(tmp_path):
    crlf = GOOD.replace("hard-single", "hard-crlf").replace("\n", "\r\n")
    res = validate(course_with(tmp_path, "crlf.yaml", crlf))
    assert res["code"] == 0, res["err"]
    broken = crlf.replace("topics: [reflections]", "topics: [reflections]\r\n    colour: teal")
    err = fails_cleanly(validate(course_with(tmp_path / "b", "crlf.yaml", broken)), "unknown field 'colour'")
    assert "exercises/crlf.yaml:5:5:" in err, err


def test_lone_carriage_returns_are_line_breaks(tmp_path):
    res = validate(course_with(tmp_path, "cr.yaml", GOOD.replace("hard-single", "hard-cr").replace("\n", "\r")))
    assert res["code"] == 0, res["err"]


def test_a_symlink_loop_in_exercises_is_not_followed(tmp_path):
    course = write_course(tmp_path, {"good.yaml": GOOD})
    (course / "exercises" / "loop").symlink_to(course / "exercises", target_is_directory=True)
    (course / "exercises" / "sub").mkdir()
    (course / "exercises" / "sub" / "up").symlink_to(course / "exercises", target_is_directory=True)
    res = validate(course)
    assert res["code"] == 0, res["err"]
    assert "1 exercises" in res["out"]


def test_a_file_symlink_loop_is_a_clear_error(tmp_path):
    course = write_course(tmp_path, {"good.yaml": GOOD})
    (course / "exercises" / "a.yaml").symlink_to(course / "exercises" / "b.yaml")
    (course / "exercises" / "b.yaml").symlink_to(course / "exercises" / "a.yaml")
    err = fails_cleanly(validate(course), "cannot read the file")
    assert "exercises/a.yaml" in err and "exercises/b.yaml" in err


def test_a_device_or_pipe_posing_as_a_bank_is_refused(tmp_path):
    course = write_course(tmp_path, {"good.yaml": GOOD})
    (course / "exercises" / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(course / "exercises" / "pipe.yaml")
    err = fails_cleanly(validate(course), "not a regular file")
    assert "exercises/zero.yaml" in err and "exercises/pipe.yaml" in err


def test_many_errors_stay_fast(tmp_path):
    """A file of 5,000 broken items: every one is reported, within the CPU budget (this was quadratic once)."""
    text = "exercises:\n" + "".join(f"  - id: Bad_{i}\n    kind: nope\n" for i in range(5_000))
    res = validate(course_with(tmp_path, "many.yaml", text))
    assert res["code"] == 1
    assert res["err"].count("error:") >= 5_000


def test_a_hostile_taxonomy_fails_cleanly(tmp_path):
    course = write_course(tmp_path, {"good.yaml": GOOD})
    (course / "exercises" / "taxonomy.yaml").write_text(
        "topics: &t {a: {label: A}}\nsettings: *t\naudiences: *t\n", encoding="utf-8")
    res = validate(course)
    assert res["code"] == 1 and "anchors" in res["err"], res["err"]


# Atomic output ------------------------------------------------------------------------------------------------------

def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(course: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "build"], cwd=course, capture_output=True, text=True,
                          timeout=600, env=env or dict(os.environ, NO_MKDOCS_2_WARNING="1"))


def test_a_build_killed_half_way_leaves_the_previous_site_whole(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": GOOD}, {"index.md": "# Home\n", "lesson.md": "# L\n\n[[exercise: hard-single]]\n"})
    first = _build(course)
    assert first.returncode == 0, first.stderr
    before = tree_digest(course / "site")
    assert "lesson/index.html" in before and "sitemap.xml" in before
    # The next build would change the site; kill it in its MkDocs phase, as soon as its temporary folder appears.
    (course / "exercises" / "bank.yaml").write_text(GOOD.replace("Which reply", "Which new reply"), encoding="utf-8")
    for delay in (0.0, 0.1):  # MkDocs makes the folder when it starts copying files: pages and assets follow
        p = subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=course, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        tmp = course / f".site.tmp-{p.pid}"
        deadline = time.monotonic() + 300
        while not tmp.exists() and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert p.poll() is None, "the build ended before its MkDocs phase could be interrupted"
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        assert tmp.exists(), "killed in the MkDocs phase: its unfinished folder is left beside site/"
        assert tree_digest(course / "site") == before, "site/ changed although the build never finished"
    # The next build cleans up what the killed ones left, and swaps the new site in.
    again = _build(course)
    assert again.returncode == 0, again.stderr
    assert not [p.name for p in course.iterdir() if p.name.startswith(".site.")]
    assert "Which new reply" in (course / "site" / "lesson" / "index.html").read_text(encoding="utf-8")


def test_a_build_killed_between_the_two_renames_gets_the_previous_site_back(tmp_path):
    """Where the one-step exchange is not available: site/ moved aside, the new one not yet in place."""
    course = write_course(tmp_path, {"bank.yaml": GOOD})
    assert _build(course).returncode == 0
    before = tree_digest(course / "site")
    (course / "site").rename(course / ".site.old-99999")
    (course / ".site.tmp-99999").mkdir()  # the unfinished new site of the killed build
    (course / "exercises" / "bank.yaml").write_text("exercises: [", encoding="utf-8")
    assert _build(course).returncode == 1  # author errors: MkDocs never runs, the stale state stays for now
    (course / "exercises" / "bank.yaml").write_text(GOOD, encoding="utf-8")
    from generator.pipeline import generate, run_mkdocs
    from generator.diagnostics import BuildError

    gen = generate(course)
    gen.config_file.write_text(gen.config_file.read_text(encoding="utf-8") + "\nstrict_nonsense: [\n", encoding="utf-8")
    with pytest.raises(BuildError):
        run_mkdocs(gen)  # MkDocs fails, after the previous site was put back
    assert tree_digest(course / "site") == before
    assert not [p.name for p in course.iterdir() if p.name.startswith(".site.")]


def test_the_swap_exchanges_in_one_step(tmp_path):
    from generator.publish import swap as _swap

    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_text("old")
    (tmp_path / ".site.tmp-1").mkdir()
    (tmp_path / ".site.tmp-1" / "a.html").write_text("new")
    _swap(tmp_path / ".site.tmp-1", tmp_path / "site")
    assert (tmp_path / "site" / "a.html").read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


# Determinism ------------------------------------------------------------------------------------------------------

def small_shipped_course(dest: Path) -> Path:
    """The shipped course cut down (the first items of every bank, every dialogue, a few lessons) to build quickly
    while still holding every kind, dialogues, practice pages and the generated assets."""
    import yaml

    copy_course(dest)
    for bank in (dest / "exercises").glob("*.yaml"):
        data = yaml.safe_load(bank.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("exercises"):
            data["exercises"] = data["exercises"][:5]
            bank.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    dialogue = yaml.safe_load(next((dest / "exercises" / "dialogues").glob("*.yaml")).read_text(encoding="utf-8"))
    shutil.rmtree(dest / "content")
    (dest / "content" / "part").mkdir(parents=True)
    (dest / "content" / "index.md").write_text("# Home\n\nWelcome.\n", encoding="utf-8")
    (dest / "content" / "part" / "one.md").write_text(
        "---\nminutes: 5\nobjectives: [Reflect.]\n---\n# One\n\n[[topic: reflections]]\n\n"
        f"[[dialogue: {dialogue['dialogues'][0]['id']}]]\n", encoding="utf-8")
    return dest


def test_two_builds_in_separate_processes_and_folders_are_byte_identical(tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000", PYTHONHASHSEED="random")
    a = small_shipped_course(tmp_path / "one" / "course")
    b = copy_course(tmp_path / "two" / "elsewhere", src=a)
    # Both at once: separate processes, and the same generator sources even while someone edits the working tree.
    procs = [subprocess.Popen([sys.executable, "-m", "generator", "build"], cwd=c, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=e)
             for c, e in ((a, env), (b, dict(env, PYTHONHASHSEED="12345")))]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    da, db = tree_digest(a / "site"), tree_digest(b / "site")
    assert sorted(da) == sorted(db)
    differ = sorted(k for k in da if da[k] != db[k])
    assert not differ, f"{len(differ)} file(s) differ, e.g. {differ[:5]}"
    assert tree_digest(a / "build" / "all") == tree_digest(b / "build" / "all")


def test_a_device_posing_as_a_lesson_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ADDRESS_SPACE", 768 * 1024**2)  # fail fast while it is open
    course = write_course(tmp_path, {"good.yaml": GOOD})
    (course / "content" / "zero.md").symlink_to("/dev/zero")
    res = validate(course)
    assert res["code"] == 1 and "content/zero.md" in res["err"], res["err"][-2000:]
