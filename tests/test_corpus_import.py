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
  title: "Transcript {transcript}: {topic}"
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


@pytest.fixture(scope="module")
def site(course) -> Path:
    result = run_cli("build", cwd=course)
    assert result.returncode == 0, result.stderr
    return course / "site"


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def fig(html: str, name: str) -> str:
    m = re.search(rf'<td data-fig="{name}"><span class="mi-figs__value">([^<]*)</span>', html)
    return m.group(1)


def test_the_table_imports_with_the_mapping_file_alone(course):
    files = sorted(p.name for p in (course / "exercises" / "imported").glob("*.yaml"))
    assert files == ["corpus-0.yaml", "corpus-106.yaml", "corpus-14.yaml", "corpus-3.yaml"]
    data = yaml.safe_load((course / "exercises" / "imported" / "corpus-14.yaml").read_text(encoding="utf-8"))
    d = data["dialogues"][0]
    assert d["title"] == "Transcript 14: smoking cessation"
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


def test_the_built_figures_equal_the_independent_count(site):
    _, truth = corpus()
    for tid, utterances in truth.items():
        html = page(site, f"dialogues/corpus-{tid}/index.html")
        n = expected(utterances)
        for code in ("simple_reflection", "complex_reflection", "question", "giving_information"):
            assert fig(html, f"n_{code}") == str(n[code]), (tid, code)
        for talk in ("change", "sustain", "neutral"):
            assert fig(html, f"talk_{talk}") == str(n[talk]), (tid, talk)
        refl = n["simple_reflection"] + n["complex_reflection"]
        assert float(fig(html, "pct_cr").rstrip("%")) == pytest.approx(100 * n["complex_reflection"] / refl, abs=0.5)
        assert float(fig(html, "rq").split(":")[0]) == pytest.approx(refl / n["question"], abs=0.005)
        assert float(fig(html, "pct_oq").rstrip("%")) == pytest.approx(100 * n["question/open"] / n["question"], abs=0.5)
        assert float(fig(html, "ct_share").rstrip("%")) == pytest.approx(
            100 * n["change"] / (n["change"] + n["sustain"]), abs=0.5)


def test_what_the_corpus_does_not_code_is_shown_as_not_coded(site):
    html = page(site, "dialogues/corpus-106/index.html")
    for name in ("n_affirm", "n_persuade", "n_persuade_with_permission", "n_confront", "adherent", "non_adherent",
                 "talk_discord"):
        assert fig(html, name) == "not coded", name
    assert fig(html, "n_simple_reflection") != "not coded"


def test_imported_text_shows_as_typed(site):
    html = page(site, "dialogues/corpus-106/index.html")
    assert "<p>- and then I stopped, you know</p>" in html  # not a list
    assert "&lt;b&gt;Really&lt;/b&gt; *that* much? [laughs] # no" in html


def test_a_long_transcript_has_numbered_turns_a_summary_at_the_top_and_links_between_notes(site):
    html = page(site, "dialogues/corpus-106/index.html")
    assert '<li class="mi-dlg__turn mi-dlg__turn--client" id="dlg-corpus-106-88" data-turn="88">' in html
    assert html.count('data-turn="') == 200
    top = html[:html.index('<section class="mi-dialogue')]
    assert '<a href="#figures">All summary figures</a>' in top and "200 turns" in top
    assert '<h2 data-search-exclude id="figures">' in html  # out of search: the same table on every dialogue page
    assert re.search(r'Notes at turns: <a href="#dlg-corpus-106-8">8</a> · <a href="#dlg-corpus-106-31">31</a>', top)
    assert '<a href="#dlg-corpus-106-31">Next note: turn 31</a>' in html
    assert re.search(r'<a href="\.\./corpus/demonstration-corpus/">All transcripts of Demonstration corpus</a>', top)
    assert re.search(r'<a href="\.\./corpus-14/">Previous: Transcript 14: smoking cessation</a>', top)


def test_the_corpus_page_lists_transcripts_in_natural_order_and_the_nav_only_links_it(course, site):
    nav = yaml.safe_load((course / "build" / "all" / "mkdocs.yml").read_text())["nav"]
    assert {"Imported transcripts": [{"Demonstration corpus": "dialogues/corpus/demonstration-corpus.md"}]} in nav
    assert "corpus-106" not in str(nav)
    home = page(site, "index.html")
    assert "corpus-106" not in home and "Demonstration corpus" in home
    listing = page(site, "dialogues/corpus/demonstration-corpus/index.html")
    assert re.findall(r'<a href="\.\./\.\./corpus-(\d+)/">', listing) == ["0", "3", "14", "106"]  # not 0, 106, 14, 3


def test_the_overview_lists_every_dialogue_with_verdicts_naming_their_scheme(site):
    html = page(site, "dialogues/figures/index.html")
    rows = re.findall(r"<tr>\s*<td><a href=\"\.\./corpus-(\d+)/\">(.*?)</tr>", html, re.S)
    assert sorted(t for t, _ in rows) == sorted(TRANSCRIPTS)
    _, truth = corpus()
    for tid, row in rows:
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
        n = expected(truth[tid])
        refl = n["simple_reflection"] + n["complex_reflection"]
        assert cells[0] in ("MI style", "Righting reflex") and cells[1] == str(TRANSCRIPTS[tid][0])
        assert re.fullmatch(r"[\d.]+:1 · (good|fair|below fair|too few for a verdict) \(MITI 4\.2\.1\)", cells[2]), cells[2]
        assert re.fullmatch(r"\d+% · (good|fair|below fair|too few for a verdict) \(MITI 4\.2\.1\)", cells[3]), cells[3]
        assert re.fullmatch(r"\d+% · (competency|beginning proficiency|below fair|too few for a verdict) \(MITI 3\.1\.1\)", cells[4]), cells[4]
        assert cells[6] == f"{refl} / {n['question']} / {n['change']} : {n['sustain']}"
        if TRANSCRIPTS[tid][0] == 200:  # enough utterances: a real verdict
            assert "too few" not in cells[2] + cells[3] + cells[4], tid
    assert re.search(r'<script src="\.\./\.\./assets/mi-sort\.[0-9a-f]{10}\.js"></script>', html)
    assert "mi-sort." not in page(site, "index.html")  # the sort script loads on these pages only
    assert html.count("<circle ") == len(TRANSCRIPTS)


def test_help_documents_the_mapping_format_and_its_example_loads_clean(tmp_path):
    from generator.transcript_import import FORMAT, load_mapping

    result = run_cli("import-transcript", "--help", cwd=tmp_path)
    assert result.returncode == 0
    for section in ("columns:", "empty:", "details:", "flags:", "annotators:", "values:", "dialogue:", "coded:"):
        assert section in result.stdout, section
    example = FORMAT.split("\n\n")[1]  # the YAML between the first line and the closing paragraph
    (tmp_path / "m.yaml").write_text("\n".join(line[2:] for line in example.splitlines()), encoding="utf-8")
    diags = []
    m = load_mapping(tmp_path / "m.yaml", "m.yaml", [], [], diags)
    assert diags == [] and m.annotators == "majority" and m.details == {"reflection_subtype": "reflection",
                                                                        "question_subtype": "question"}


def test_imported_transcripts_stay_out_of_git_unless_the_trainer_opts_in(tmp_path):
    from conftest import REPO

    target = tmp_path / "new"
    assert run_cli("init", str(target), cwd=tmp_path).returncode == 0
    for ignore in (target / ".gitignore", REPO / ".gitignore"):
        assert "/exercises/imported/" in ignore.read_text(encoding="utf-8").splitlines()


def test_a_turn_cannot_carry_a_code_its_dialogue_says_is_not_coded(tmp_path):
    bank = """\
dialogues:
  - id: partial
    title: Partly coded
    coded: [simple_reflection, complex_reflection, question]
    participants: {practitioner: {name: P}, client: {name: C}}
    turns:
      - speaker: practitioner
        text: "Well done for coming."
        codes: [affirm]
      - speaker: practitioner
        text: "What brings you here?"
        codes: [question/open]
      - speaker: client
        text: "My doctor."
        talk: neutral
"""
    result = run_cli("validate", cwd=write_course(tmp_path, {"b.yaml": bank}))
    assert result.returncode == 1
    assert "exercises/b.yaml:9:17: error: 'affirm' is not in the dialogue's `coded:` list" in result.stderr
    assert "exercises/b.yaml:12:17: error: 'question/open' is not in the dialogue's `coded:` list" in result.stderr
    assert "hint: add 'question/open' to `coded:`, or remove the code" in result.stderr
    assert "exercises/b.yaml:15:15: error: 'neutral' is not in the dialogue's `coded:` list" in result.stderr
