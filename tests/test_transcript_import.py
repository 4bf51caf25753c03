"""`mi-course import-transcript`: CSV rows to dialogue YAML, a round trip through validation, and every error case."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import run_cli, write_course
from generator.validate import load_course

from test_dialogue_pages import BANK


def course_with(tmp_path: Path, table: str | bytes, name: str = "t.csv", banks: dict | None = None) -> Path:
    course = write_course(tmp_path / "course", banks or {"starter.yaml": "dialogues: []\n"} if banks is None else banks)
    path = course / name
    path.write_bytes(table if isinstance(table, bytes) else table.encode("utf-8"))
    return course


def imported(course: Path, folder: str = "exercises/imported") -> dict[str, str]:
    out = course / folder
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.yaml"))} if out.exists() else {}


def to_csv(dialogues) -> str:
    """A table as a corpus might ship it: one row per utterance, its own labels, reflections split by a column."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["Session", "Role", "Utterance", "MITI", "Sub", "ClientCode", "Comment"])
    labels = {"question": "Q", "simple_reflection": "Reflection", "complex_reflection": "Reflection", "affirm": "AF",
              "persuade": "Persuade", "giving_information": "GI"}
    for d in dialogues:
        for t in d.turns:
            if t.speaker == "practitioner":
                cells, subs = [], []
                for c in t.codes:
                    base, _, detail = c.partition("/")
                    cells.append(labels[base])
                    subs.append({"simple_reflection": "simple", "complex_reflection": "complex"}.get(base, detail)
                                + ("+" + detail if base == "complex_reflection" and detail else ""))
                w.writerow([d.id, "T", t.text, "; ".join(cells), "; ".join(subs), "", t.note])
            else:
                parts = [v.partition("/") for v in t.talk]  # several labels: one cell, as several codes are
                w.writerow([d.id, "C", t.text, "", "; ".join(sub for _, _, sub in parts),
                            "; ".join({"change": "+", "sustain": "-", "neutral": "0", "discord": "D"}[kind]
                                      for kind, _, _ in parts), t.note])
    return out.getvalue()


MAPPING = """\
columns:
  transcript: Session
  speaker: Role
  text: Utterance
  code: MITI
  detail: Sub
  talk: ClientCode
  note: Comment
values:
  speaker: {T: practitioner, C: client}
  code:
    Reflection/simple: simple_reflection
    Reflection/complex: complex_reflection
    Reflection/complex+double-sided: complex_reflection/double_sided
  talk: {"+": change, "-": sustain, "0": neutral, D: discord}
dialogue:
  id_prefix: copy-
  title: "Session {transcript}"
  setting: fitness
  topics: [reflections]
  participants:
    practitioner: {name: Sam, role: coach}
    client: {name: Alex}
"""


def test_round_trip_a_shipped_style_dialogue_through_csv(tmp_path):
    source = write_course(tmp_path / "source", {"b.yaml": BANK})
    original, diags = load_course(source)
    assert original is not None, diags
    dialogues = [original.dialogues["gym-mi-style"], original.dialogues["gym-righting-reflex"]]
    course = course_with(tmp_path, to_csv(dialogues))
    (course / "map.yaml").write_text(MAPPING, encoding="utf-8")
    result = run_cli("import-transcript", "t.csv", "--map", "map.yaml", cwd=course)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "wrote exercises/imported/copy-gym-mi-style.yaml (dialogue 'copy-gym-mi-style', 7 turns)",
        "wrote exercises/imported/copy-gym-righting-reflex.yaml (dialogue 'copy-gym-righting-reflex', 4 turns)",
    ]
    assert run_cli("validate", cwd=course).returncode == 0
    back, diags = load_course(course)
    assert back is not None, diags
    for d in dialogues:
        copy = back.dialogues[f"copy-{d.id}"]
        assert copy.turns == d.turns  # speaker, text, codes (with details), talk (with DARN-CAT), note
        assert copy.title == f"Session {d.id}" and copy.setting == "fitness" and copy.topics == ["reflections"]
        assert (copy.practitioner.name, copy.practitioner.role, copy.client.name) == ("Sam", "coach", "Alex")


def test_quoted_fields_commas_newlines_and_utf8(tmp_path):
    table = ('transcript,speaker,text,code,detail,talk,note\r\n'
             '"s 1",therapist,"Comma, ""quotes"" and\na line break — café 🚲",question,open,,\r\n'
             '"s 1",client,No,,,sustain,"A client who just says ""No"""\r\n'
             '"s 1",Therapist,"*sighs* [laughs] # not a comment: really",Simple Reflection,,,\r\n')
    course = course_with(tmp_path, "\ufeff" + table)  # with the BOM spreadsheets write
    result = run_cli("import-transcript", "t.csv", cwd=course)
    assert result.returncode == 0, result.stderr
    assert run_cli("validate", cwd=course).returncode == 0
    d = load_course(course)[0].dialogues["s-1"]
    assert d.turns[0].text == 'Comma, "quotes" and\na line break — café 🚲'
    assert d.turns[0].codes == ("question/open",)
    assert d.turns[1].text == "No" and d.turns[1].talk == ("sustain",) and d.turns[1].note == 'A client who just says "No"'
    assert d.turns[2].text == "*sighs* [laughs] # not a comment: really" and d.turns[2].codes == ("simple_reflection",)
    assert d.title == "Transcript s 1"


def test_columns_and_values_on_the_command_line(tmp_path):
    table = ("id;who;line;beh;sub;ct\n"
             "x;T;How are things?;quest;closed;\n"
             "x;P;Bad.;;;st\n"
             "x;T;Things are bad, and you want them better;refl;cx;\n")
    course = course_with(tmp_path, table)
    result = run_cli("import-transcript", "t.csv", "--delimiter", ";",
                     "--column", "transcript=id", "--column", "speaker=who", "--column", "text=line",
                     "--column", "code=beh", "--column", "detail=sub", "--column", "talk=ct",
                     "--value", "speaker:T=practitioner", "--value", "speaker:P=client", "--value", "code:quest=question",
                     "--value", "code:refl/cx=complex_reflection", "--prefix", "cli-", "--title", "Case {transcript}",
                     "--out", "exercises/corpus", cwd=course)
    assert result.returncode == 0, result.stderr
    text = imported(course, "exercises/corpus")["cli-x.yaml"]
    assert 'title: "Case x"' in text
    assert "codes: [question/closed]" in text and "talk: sustain" in text and "codes: [complex_reflection]" in text
    assert run_cli("validate", cwd=course).returncode == 0


def test_several_codes_in_one_cell(tmp_path):
    table = ("transcript,speaker,text,code,detail\n"
             "a,coach,You came back. What made the difference?,affirm; question,; open\n"
             "a,member,My kids.,,\n")
    course = course_with(tmp_path, table)
    assert run_cli("import-transcript", "t.csv", cwd=course).returncode == 0
    assert "codes: [affirm, question/open]" in imported(course)["a.yaml"]


def test_several_talk_labels_in_one_cell(tmp_path):
    table = ("transcript,speaker,text,code,detail,talk\n"
             "a,coach,What would you like to change?,question,open,\n"
             "a,member,\"I should cut down, but it's the only thing that helps me sleep.\",,need; reasons,change; sustain\n"
             "a,coach,It helps you sleep and you worry about it.,complex_reflection,double_sided,\n"
             "a,member,\"I want to, I really do.\",,desire; desire,change; change\n")
    course = course_with(tmp_path, table)
    result = run_cli("import-transcript", "t.csv", cwd=course)
    assert result.returncode == 0, result.stderr
    text = imported(course)["a.yaml"]
    assert "talk: [change/need, sustain/reasons]" in text  # in the order of the cell
    assert "talk: change/desire\n" in text  # a label given twice counts once, and one label stays one value
    assert run_cli("validate", cwd=course).returncode == 0
    d = load_course(course)[0].dialogues["a"]
    assert [t.talk for t in d.turns] == [(), ("change/need", "sustain/reasons"), (), ("change/desire",)]


def test_a_talk_cell_with_neutral_and_more_or_too_many_details(tmp_path):
    table = ("transcript,speaker,text,code,detail,talk\n"
             "a,coach,How are things?,question,,\n"
             "a,member,Fine I guess.,,,neutral; change\n"
             "a,member,Busy.,,desire; need; reasons,change; sustain\n"
             "a,member,Busy.,,,change; chnage\n")
    course = course_with(tmp_path, table)
    result = run_cli("import-transcript", "t.csv", cwd=course)
    assert result.returncode == 1 and not imported(course)
    assert "t.csv:3:1: error: the talk 'neutral; change' is neutral and something else" in result.stderr
    assert ("t.csv:4:1: error: the detail 'desire; need; reasons' has more parts than the talk labels 'change; sustain' "
            "beside it") in result.stderr
    assert "t.csv:5:1: error: unknown client talk label 'chnage' in column talk" in result.stderr
    assert "did you mean 'change'?" in result.stderr


def test_without_a_transcript_column_the_file_is_one_dialogue(tmp_path):
    course = course_with(tmp_path, "speaker,text\npractitioner,Hello.\nclient,Hi.\n", name="intake-07.csv")
    result = run_cli("import-transcript", "intake-07.csv", cwd=course)
    assert result.returncode == 0, result.stderr
    assert list(imported(course)) == ["intake-07.yaml"]


ERRORS = """\
transcript,speaker,text,code,detail,talk
a,therapist,"Hello, how are you?",question,open,
a,client,"Fine, I guess",,,
a,therapist,"You sound unsure",reflectoin,,
a,patient,Hmm,,,maybe
a,robot,beep,,,
a,therapist,,question,,
a,therapist,"Two questions?",question;question,open;closed,
b,client,only one row,,,change
a,therapist,wrong detail,affirm,open,
a,client,"a code on a
client row, on two lines",question,,
a,therapist,talk on my row,,,change
a,therapist,a detail alone,,open,
"""


def test_every_error_with_its_csv_line_and_nothing_written(tmp_path):
    course = course_with(tmp_path, ERRORS)
    result = run_cli("import-transcript", "t.csv", cwd=course)
    assert result.returncode == 1
    lines = [l for l in result.stderr.splitlines() if not l.startswith("  hint:")]
    assert lines == [
        "t.csv:4:1: error: unknown behaviour code label 'reflectoin' in column code",
        "t.csv:5:1: error: unknown client talk label 'maybe' in column talk",
        "t.csv:6:1: error: unknown speaker label 'robot'",
        "t.csv:7:1: error: the text is empty",
        "t.csv:8:1: error: the row carries two question codes; MITI counts at most one question per utterance",
        "t.csv:9:1: error: transcript 'b' has only one row",
        "t.csv:10:1: error: the detail 'open' does not go with code 'affirm'",
        "t.csv:11:1: error: a client row has a behaviour code 'question' in column code",
        "t.csv:13:1: error: a practitioner row has a client talk label 'change' in column talk",
        "t.csv:14:1: error: the detail 'open' has no behaviour code beside it",
        "10 error(s); no file was written.",
    ]
    assert 'hint: map it to practitioner or client: --value "speaker:robot=practitioner"' in result.stderr
    assert "Traceback" not in result.stderr
    assert imported(course) == {} and not (course / "exercises" / "imported").exists()


def test_a_missing_column_is_reported_against_the_header(tmp_path):
    course = course_with(tmp_path, "transcript,who,text\na,client,Hi\n")
    result = run_cli("import-transcript", "t.csv", "--column", "code=behaviour", cwd=course)
    assert result.returncode == 1
    assert "t.csv:1:1: error: no column 'speaker' (for speaker) in the header" in result.stderr
    assert "t.csv:1:1: error: no column 'behaviour' (for code) in the header" in result.stderr
    assert "map it with --column speaker=NAME" in result.stderr


def test_a_broken_quote_and_a_row_too_long(tmp_path):
    course = course_with(tmp_path, 'speaker,text\npractitioner,fine\nclient,one, two\nclient,"never closed\n')
    result = run_cli("import-transcript", "t.csv", cwd=course)
    assert result.returncode == 1
    assert "t.csv:3:1: error: the row has 3 fields but the header has 2" in result.stderr
    assert "t.csv:4:1: error: the CSV cannot be read here" in result.stderr


def test_not_utf8(tmp_path):
    course = course_with(tmp_path, "speaker,text\npractitioner,caf\xe9\n".encode("latin-1"))
    result = run_cli("import-transcript", "t.csv", cwd=course)
    assert result.returncode == 1
    assert "t.csv:2:17: error: the file is not UTF-8 (byte 0xe9)" in result.stderr


def test_mapping_file_errors_point_into_the_mapping(tmp_path):
    course = course_with(tmp_path, "speaker,text\npractitioner,a\nclient,b\n")
    (course / "map.yaml").write_text("columns:\n  speakr: role\nvalues:\n  code: {GI: giving_info}\ncsv: {delimiter: ;;}\n",
                                     encoding="utf-8")
    result = run_cli("import-transcript", "t.csv", "--map", "map.yaml", cwd=course)
    assert result.returncode == 1
    assert "map.yaml:2:3: error: unknown field 'speakr'" in result.stderr
    assert "map.yaml:4:14: error: 'giving_info' is not a code value mi-course knows" in result.stderr
    assert "hint: did you mean 'giving_information'?" in result.stderr
    assert "map.yaml:5:18: error: csv takes `delimiter` and `separator`, each one character" in result.stderr


def test_bad_command_line_mappings(tmp_path):
    course = course_with(tmp_path, "speaker,text\npractitioner,a\nclient,b\n")
    result = run_cli("import-transcript", "t.csv", "--column", "speaker", "--value", "talk:+=happy", cwd=course)
    assert result.returncode == 1
    assert "--column: error: cannot read --column 'speaker'" in result.stderr
    assert "--value: error: 'happy' is not a talk value mi-course knows" in result.stderr


def test_existing_files_and_ids_are_not_overwritten(tmp_path):
    table = "transcript,speaker,text\ngym-mi-style,practitioner,a\ngym-mi-style,client,b\n"
    course = course_with(tmp_path, table, banks={"b.yaml": BANK})
    result = run_cli("import-transcript", "t.csv", cwd=course)
    assert result.returncode == 1
    assert "error: the id 'gym-mi-style' is already used at exercises/b.yaml:2" in result.stderr
    assert imported(course) == {}
    assert run_cli("import-transcript", "t.csv", "--prefix", "new-", cwd=course).returncode == 0
    again = run_cli("import-transcript", "t.csv", "--prefix", "new-", cwd=course)
    assert again.returncode == 1 and "the file already exists; nothing was overwritten" in again.stderr
    assert run_cli("import-transcript", "t.csv", "--prefix", "new-", "--force", cwd=course).returncode == 0
    assert run_cli("validate", cwd=course).returncode == 0


def test_an_unknown_setting_in_the_mapping_is_caught_before_writing(tmp_path):
    course = course_with(tmp_path, "speaker,text\npractitioner,a\nclient,b\n")
    result = run_cli("import-transcript", "t.csv", "--setting", "gym", cwd=course)
    assert result.returncode == 1
    assert "would not validate: unknown setting 'gym'" in result.stderr
    assert imported(course) == {}


def test_dry_run_writes_nothing(tmp_path):
    course = course_with(tmp_path, "speaker,text\npractitioner,a\nclient,b\n")
    result = run_cli("import-transcript", "t.csv", "--dry-run", cwd=course)
    assert result.returncode == 0 and result.stdout.startswith("would write exercises/imported/t.yaml")
    assert imported(course) == {}


def test_a_failure_while_writing_leaves_no_file(tmp_path, monkeypatch):
    from generator import transcript_import as ti

    out = tmp_path / "out"
    files = {out / "a.yaml": "dialogues: []\n", out / "b.yaml": "dialogues: []\n"}
    real = ti.os.fdopen
    calls = []

    def failing(fd, *a, **k):
        calls.append(fd)
        if len(calls) == 2:
            ti.os.close(fd)
            raise OSError(28, "No space left on device")
        return real(fd, *a, **k)

    monkeypatch.setattr(ti.os, "fdopen", failing)
    with pytest.raises(OSError):
        ti.write_all(files)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("label, expected", [
    ("Double-Sided", "double_sided"), ("  Simple   Reflection ", "simple_reflection"), ("Reflection / Simple", "reflection/simple"),
    ("TAKING STEPS", "taking_steps")])
def test_labels_match_without_case_spaces_or_hyphens(label, expected):
    from generator.transcript_import import norm

    assert norm(label) == expected
