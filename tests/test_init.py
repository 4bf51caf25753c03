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
