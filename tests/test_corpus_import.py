"""A published research table imported as it is: a synthetic corpus shaped like the real ones (n/a cells, a subtype
column per behaviour, yes/no behaviour columns, several annotators, per-transcript metadata, 200-turn transcripts),
generated here, imported with a mapping file alone, built, and every figure checked against a count made here.
"""
from __future__ import annotations

import csv
import io
import random
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import run_cli, write_course

HEADER = ["transcript_id", "mi_quality", "video_title", "video_url", "topic", "utterance_id", "interlocutor",
          "utterance_text", "annotator_id", "main_therapist_behaviour", "client_talk_type", "reflection_exists",
          "reflection_subtype", "question_exists", "question_subtype", "therapist_input_exists",
          "therapist_input_subtype", "comment"]

# transcript id -> (turns, annotators, quality, topic)
TRANSCRIPTS = {"106": (200, 1, "high", "reducing alcohol"), "14": (40, 3, "low", "smoking cessation"),
               "0": (200, 1, "low", "more exercise"), "3": (41, 2, "high", "diabetes care")}

# The test's own reading of the labels, written apart from the mapping file below.
CODE_OF = {("reflection", "simple"): "simple_reflection", ("reflection", "complex"): "complex_reflection",
           ("question", "open"): "question/open", ("question", "closed"): "question/closed",
           ("therapist_input", "information"): "giving_information"}

MAPPING = """\
# A corpus published as one row per utterance and annotator.
columns:
  transcript: transcript_id
  utterance: utterance_id
  annotator: annotator_id
  speaker: interlocutor
  text: utterance_text
  code: main_therapist_behaviour
  talk: client_talk_type
  note: comment
empty: [n/a]                      # client rows hold n/a in the therapist's columns, and the other way round
details:                          # each subtype column refines one behaviour label
  reflection_subtype: reflection
  question_subtype: question
  therapist_input_subtype: therapist_input
flags:                            # yes/no columns: an utterance can carry several codes
  reflection_exists: reflection
  question_exists: question
  therapist_input_exists: therapist_input
annotators: majority              # a code counts when more than half of an utterance's annotators gave it
values:
  speaker: {therapist: practitioner, client: client}
  code:
    reflection: simple_reflection # no subtype given: MITI's rule, when in doubt simple
    therapist_input/information: giving_information
    therapist_input/advice: ""    # permission is not recorded: Persuade and Persuade with Permission cannot be told apart
    therapist_input/options: ""
    therapist_input/negotiation: ""
    other: ""
dialogue:
  id_prefix: corpus-
  corpus: Demonstration corpus
  title: "{topic}, transcript {transcript}"
  style: {column: mi_quality, values: {high: mi, low: righting_reflex}}
  setting: {column: topic, values: {reducing alcohol: addiction, smoking cessation: smoking, more exercise: fitness},
            default: general}
  topics: [reflections]
  source: "{video_url}"
  coded: [simple_reflection, complex_reflection, question, question/open, question/closed, giving_information,
          change, sustain, neutral]
"""


def practitioner_labels(rng: random.Random) -> list[tuple[str, str]]:
    pick = rng.random()
    if pick < 0.15:
        return []  # "other"
    out = []
    if pick < 0.65:
        out.append(("reflection", rng.choice(["simple", "complex"])))
    if pick > 0.45:
        out.append(("question", rng.choice(["open", "closed"])))
    if rng.random() < 0.2:
        out.append(("therapist_input", rng.choice(["information", "advice", "options"])))
    return out


def corpus(seed: int = 17) -> tuple[str, dict]:
    """The CSV text, and per transcript the utterances as each annotator labelled them."""
    rng = random.Random(seed)
    rows, truth = [], {}
    for tid, (n, annotators, quality, topic) in TRANSCRIPTS.items():
        utterances = []
        for u in range(n):
            speaker = "therapist" if u % 2 == 0 else "client"
            text = f"Utterance {u} of {tid}."
            if u == 3:
                text = "- and then I stopped, you know"
            if u == 5:
                text = "<b>Really</b> *that* much? [laughs] # no"
            base = practitioner_labels(rng) if speaker == "therapist" else rng.choice(["change", "sustain", "neutral"])
            labels = []
            for a in range(annotators):
                if a and rng.random() < 0.4:  # other annotators sometimes disagree
                    labels.append(practitioner_labels(rng) if speaker == "therapist"
                                  else rng.choice(["change", "sustain", "neutral"]))
                else:
                    labels.append(base)
            note = f"Note on turn {u + 1}." if u % 23 == 7 else ""
            utterances.append((speaker, text, labels, note))
            for a, lab in enumerate(labels):
                row = {"transcript_id": tid, "mi_quality": quality, "video_title": f"Video {tid}",
                       "video_url": f"https://example.org/videos/{tid}", "topic": topic, "utterance_id": str(u),
                       "interlocutor": speaker, "utterance_text": text, "annotator_id": f"A{a + 1}", "comment": note}
                if speaker == "client":
                    row.update({k: "n/a" for k in HEADER if k.startswith(("main_", "reflection", "question", "therapist_"))})
                    row["client_talk_type"] = lab
                else:
                    kinds = dict(lab)
                    row["main_therapist_behaviour"] = lab[0][0] if lab else "other"
                    row["client_talk_type"] = "n/a"
                    for kind in ("reflection", "question", "therapist_input"):
                        row[f"{kind}_exists"] = "True" if kind in kinds else "False"
                        row[f"{kind}_subtype"] = kinds.get(kind, "n/a")
                rows.append(row)
        truth[tid] = utterances
    out = io.StringIO()
    w = csv.DictWriter(out, HEADER, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue(), truth


def expected(utterances) -> dict:
    """Counts by majority of annotators, made without the generator."""
    n = Counter()
    for speaker, _, labels, _ in utterances:
        votes = Counter()
        for lab in labels:
            if speaker == "client":
                votes[lab] += 1
            else:
                votes.update({CODE_OF[x] for x in lab if x in CODE_OF})
        for value, count in votes.items():
            if count * 2 > len(labels):
                n[value] += 1
    n["question"] = n["question/open"] + n["question/closed"]
    return n


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    root = write_course(tmp_path_factory.mktemp("corpus"), {"starter.yaml": "dialogues: []\n"})
    text, _ = corpus()
    (root / "corpus.csv").write_text(text, encoding="utf-8")
    (root / "map.yaml").write_text(MAPPING, encoding="utf-8")
    result = run_cli("import-transcript", "corpus.csv", "--map", "map.yaml", cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def test_the_table_imports_with_the_mapping_file_alone(course):
    files = sorted(p.name for p in (course / "exercises" / "imported").glob("*.yaml"))
    assert files == ["corpus-0.yaml", "corpus-106.yaml", "corpus-14.yaml", "corpus-3.yaml"]
    data = yaml.safe_load((course / "exercises" / "imported" / "corpus-14.yaml").read_text(encoding="utf-8"))
    d = data["dialogues"][0]
    assert d["title"] == "smoking cessation, transcript 14"
    assert (d["style"], d["setting"], d["corpus"], d["markup"]) == ("righting_reflex", "smoking", "Demonstration corpus",
                                                                    "plain")
    assert d["context"] == "Source: <https://example.org/videos/14>"
    assert len(d["turns"]) == 40  # three annotators' rows, one turn per utterance
    assert yaml.safe_load((course / "exercises" / "imported" / "corpus-3.yaml").read_text())["dialogues"][0][
        "setting"] == "general"  # the default
    assert run_cli("validate", cwd=course).returncode == 0


def test_the_codes_equal_an_independent_majority_count(course):
    _, truth = corpus()
    for tid, utterances in truth.items():
        d = yaml.safe_load((course / "exercises" / "imported" / f"corpus-{tid}.yaml").read_text())["dialogues"][0]
        got = Counter()
        for t in d["turns"]:
            got.update(t.get("codes", []))
            if t.get("talk"):
                got[t["talk"]] += 1
        got["question"] = got["question/open"] + got["question/closed"]
        assert +got == +expected(utterances), tid


def test_an_n_a_column_is_summarised_per_cause_and_never_mapped_to_open(tmp_path):
    root = write_course(tmp_path, {"starter.yaml": "dialogues: []\n"})
    text, _ = corpus()
    (root / "corpus.csv").write_text(text, encoding="utf-8")
    (root / "map.yaml").write_text(MAPPING.replace("empty: [n/a]", "# no empty labels declared"), encoding="utf-8")
    result = run_cli("import-transcript", "corpus.csv", "--map", "map.yaml", cwd=root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    client_rows = sum(a * (n // 2) for n, a, _, _ in TRANSCRIPTS.values())  # every second utterance is the client's
    summary = f"corpus.csv: error: 'n/a' in the yes/no column reflection_exists is neither yes nor no on {client_rows:,} rows"
    assert summary in lines
    assert lines[lines.index(summary) + 1].endswith('declare it empty in the mapping file: empty: {reflection_exists: ["n/a"]}')
    assert lines.index(summary) < lines.index("The first 20 of " + lines[-1].split()[0] + ", by line:")
    assert not re.search(r"n/a\S*\s*[:=]\s*\"?question/open|n/a\S*\s*[:=]\s*\"?open", result.stderr)
    assert not (root / "exercises" / "imported").exists()


def test_a_label_that_looks_empty_gets_the_empty_hint_not_a_code(tmp_path):
    root = write_course(tmp_path, {"starter.yaml": "dialogues: []\n"})
    (root / "t.csv").write_text("speaker,text,code,detail\ntherapist,Why?,question,n/a\nclient,Because.,,\n",
                                encoding="utf-8")
    result = run_cli("import-transcript", "t.csv", cwd=root)
    assert result.returncode == 1
    assert "t.csv:2:1: error: unknown detail label 'n/a' for code 'question'" in result.stderr
    assert 'hint: if \'n/a\' means "no value" here, declare it empty in the mapping file: empty: {detail: ["n/a"]}' in result.stderr
    assert "=open" not in result.stderr


def test_end_of_line_comments_and_warnings_do_not_block(tmp_path):
    root = write_course(tmp_path, {"starter.yaml": "dialogues: []\n"})
    (root / "t.csv").write_text("speaker,text,code,link\ntherapist,Why?,Q,ftp://x\nclient,Because.,,ftp://x\n",
                                encoding="utf-8")
    (root / "m.yaml").write_text("columns:\n  code: code   # the behaviour\ndialogue:\n  title: First one  # a title\n"
                                 "  source: \"{link}\"\n", encoding="utf-8")
    result = run_cli("import-transcript", "t.csv", "--map", "m.yaml", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "warning: transcript 't': the source 'ftp://x' is not an http(s) address; it is left out" in result.stderr
    assert "was read as a comment" not in result.stderr
    assert 'title: "First one"' in (root / "exercises" / "imported" / "t.yaml").read_text()


def test_several_annotators_need_a_rule_and_coders_keeps_them_apart(tmp_path):
    root = write_course(tmp_path, {"starter.yaml": "dialogues: []\n"})
    table = ("transcript,utterance,annotator,speaker,text,code\n"
             "s,1,ann,therapist,How are you?,question\ns,1,bob,therapist,How are you?,simple reflection\n"
             "s,2,ann,client,Fine.,\ns,2,bob,client,Fine.,\n")
    (root / "t.csv").write_text(table, encoding="utf-8")
    result = run_cli("import-transcript", "t.csv", "--dry-run", cwd=root)
    assert result.returncode == 1
    assert "t.csv:2:1: error: transcript 's' is coded by 2 annotators (ann, bob)" in result.stderr
    (root / "m.yaml").write_text("annotators: coders\n", encoding="utf-8")
    result = run_cli("import-transcript", "t.csv", "--map", "m.yaml", cwd=root)
    assert result.returncode == 0, result.stderr
    files = {p.name: p.read_text() for p in (root / "exercises" / "imported").glob("*.yaml")}
    assert "codes: [question]" in files["s-ann.yaml"] and "codes: [simple_reflection]" in files["s-bob.yaml"]
    (root / "m.yaml").write_text("annotators: first\n", encoding="utf-8")
    result = run_cli("import-transcript", "t.csv", "--map", "m.yaml", "--out", "exercises/first", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "codes: [question]" in (root / "exercises" / "first" / "s.yaml").read_text()


def test_a_300_character_transcript_value_gets_a_bounded_id(tmp_path):
    root = write_course(tmp_path, {"starter.yaml": "dialogues: []\n"})
    long_id = "session " * 40
    (root / "t.csv").write_text(f"transcript,speaker,text\n{long_id},therapist,Hi.\n{long_id},client,Hello.\n",
                                encoding="utf-8")
    for extra in (["--dry-run"], []):
        result = run_cli("import-transcript", "t.csv", *extra, cwd=root)
        assert result.returncode == 0, result.stderr
    (name,) = [p.name for p in (root / "exercises" / "imported").glob("*.yaml")]
    assert len(name) <= 65 and re.fullmatch(r"session-session-[a-z-]+-[0-9a-f]{8}\.yaml", name)
    assert run_cli("validate", cwd=root).returncode == 0


def test_control_characters_in_a_label_are_not_sent_to_the_terminal(tmp_path):
    root = write_course(tmp_path, {"starter.yaml": "dialogues: []\n"})
    (root / "t.csv").write_text("speaker,text,code\ntherapist,Hi.,\x1b[31mred\x1b[0m\x07\nclient,Hello.,\n",
                                encoding="utf-8")
    result = run_cli("import-transcript", "t.csv", cwd=root)
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "unknown behaviour code label '\\x1b[31mred\\x1b[0m\\x07'" in result.stderr
