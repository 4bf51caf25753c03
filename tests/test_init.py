"""`mi-course init` gives a trainer a course that builds at once, and never overwrites their work."""
from __future__ import annotations

from conftest import REPO, run_cli
from generator.kinds import KINDS


def test_init_then_build(tmp_path):
    target = tmp_path / "my-course"
    result = run_cli("init", str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (target / "exercises" / "bank.schema.json").exists()
    build = run_cli("build", cwd=target)
    assert build.returncode == 0, build.stderr
    page = (target / "site" / "01-examples" / "index.html").read_text()
    for kind in KINDS:
        assert f'data-kind="{kind}"' in page, kind
    assert 'data-dialogue="ex-dialogue"' in page


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    result = run_cli("init", str(target), cwd=tmp_path)
    assert result.returncode == 1
    assert "the folder exists and is not empty; nothing was written" in result.stderr
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_starter_taxonomy_matches_the_shipped_one():
    starter = REPO / "generator" / "starter" / "exercises" / "taxonomy.yaml"
    assert starter.read_text() == (REPO / "exercises" / "taxonomy.yaml").read_text()


def test_the_starter_readme_lists_every_field_of_every_kind_every_code_and_the_quoting_rules(tmp_path):
    from generator import codes
    from generator.schema import build_schema

    result = run_cli("init", str(tmp_path / "c"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    readme = (tmp_path / "c" / "README.md").read_text(encoding="utf-8")
    defs = build_schema()["$defs"]
    for kind in [*defs["exercise"]["properties"]["kind"]["enum"], "dialogue"]:
        section = readme.split(f"### `{kind}`", 1)[1].split("\n### ", 1)[0]
        for field in defs[kind]["properties"]:
            assert field == "kind" or f"`{field}`" in section, (kind, field)
    assert all(f"`{c}`" in readme for c in codes.CODE_VALUES + codes.TALK_VALUES)
    assert "double quotes" in readme and "`*sighs*`" in readme
