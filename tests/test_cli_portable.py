"""The command on MkDocs' successors and as a versioned tool: either config name, generate-only, a root build that
skips the plugin fails instead of publishing raw directives, --version, help for every option, the changelog."""
from __future__ import annotations

import argparse
import re
import subprocess
import sys

import yaml

from conftest import REPO, run_cli, write_course
from generator import __version__
from generator.cli import parser

BANK = """\
exercises:
  - id: p-single
    kind: single_choice
    topics: [reflections]
    prompt: "Which reply is a reflection?"
    options:
      - {text: "You're fed up.", correct: true, feedback: "It mirrors the feeling."}
      - {text: "Why?", feedback: "A question."}
"""
LESSONS = {"index.md": "# Home\n\n[[exercise: p-single]]\n"}


def test_generate_writes_the_generated_folder_only(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": BANK}, LESSONS)
    result = run_cli("generate", cwd=course)
    assert result.returncode == 0, result.stderr
    assert "zensical build -f build/all/mkdocs.yml" in result.stdout
    assert not (course / "site").exists()
    generated = yaml.safe_load((course / "build" / "all" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert generated["INHERIT"] == "../../mkdocs.yml" and "site_dir" not in generated
    assert 'id="ex-p-single"' in (course / "build" / "all" / "docs" / "index.md").read_text(encoding="utf-8")
    coach = run_cli("generate", "--track", "coach", cwd=course)
    assert coach.returncode == 0, coach.stderr
    assert (course / "build" / "coach" / "mkdocs.yml").exists() and not (course / "site-coach").exists()


def test_a_course_whose_config_is_named_properdocs_yml_builds(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": BANK}, LESSONS)
    (course / "mkdocs.yml").rename(course / "properdocs.yml")
    result = run_cli("build", cwd=course)
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load((course / "build" / "all" / "mkdocs.yml").read_text())["INHERIT"] == "../../properdocs.yml"
    assert 'id="ex-p-single"' in (course / "site" / "index.html").read_text(encoding="utf-8")
    bad = run_cli("build", "--track", "nobody", cwd=course)
    assert bad.returncode == 1 and "error: unknown track: Expected one of: all, clinician, coach but received: nobody" in bad.stderr and bad.stderr.startswith("properdocs.yml:")


def test_both_config_names_at_once_is_an_error(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": BANK}, LESSONS)
    (course / "properdocs.yml").write_text((course / "mkdocs.yml").read_text())
    result = run_cli("validate", cwd=course)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "properdocs.yml: error: both mkdocs.yml and properdocs.yml are here" in result.stderr


def test_a_build_that_skips_the_plugin_fails_on_raw_directives(tmp_path):
    """MkDocs with the plugin left out stands in for every tool that ignores it: the guard extension stops it."""
    course = write_course(tmp_path, {"bank.yaml": BANK}, LESSONS)
    text = (course / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - mi-course\n" in text
    (course / "mkdocs.yml").write_text(text.replace("  - mi-course\n", ""), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=course, capture_output=True, text=True)
    assert result.returncode != 0
    assert "the raw line '[[exercise: p-single]]' reached the Markdown renderer" in result.stderr
    assert not (course / "site" / "index.html").exists()
    # The generated folder has no raw directive: the same guard lets it through.
    assert run_cli("build", cwd=course).returncode == 0


def test_a_directive_shown_in_code_passes_the_guard(tmp_path):
    lessons = {"index.md": "# Home\n\nWrite it so:\n\n```markdown\n[[exercise: p-single]]\n```\n\n    [[topic: x]]\n"}
    course = write_course(tmp_path, {"bank.yaml": BANK}, lessons)
    result = run_cli("build", cwd=course)
    assert result.returncode == 0, result.stderr
    assert "[[exercise: p-single]]" in (course / "site" / "index.html").read_text(encoding="utf-8")


def test_guard_and_generator_read_directives_alike():
    from generator.raw_guard import DIRECTIVE as GUARD
    from generator.directives import DIRECTIVE

    assert GUARD.pattern == DIRECTIVE.pattern


def test_a_config_without_the_guard_gets_a_warning(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": BANK}, LESSONS)
    text = (course / "mkdocs.yml").read_text(encoding="utf-8")
    (course / "mkdocs.yml").write_text(text.replace("  - generator.raw_guard\n", ""), encoding="utf-8")
    result = run_cli("validate", cwd=course)
    assert result.returncode == 0, result.stderr
    assert "mkdocs.yml: warning: markdown_extensions does not list generator.raw_guard" in result.stderr


def test_version():
    result = run_cli("--version", cwd=REPO)
    assert result.returncode == 0
    assert re.fullmatch(rf"mi-course {re.escape(__version__)} \(builds with MkDocs \d+\.\d+\.\d+\)\n", result.stdout)


def test_every_option_of_every_command_has_help():
    missing = []

    def walk(p: argparse.ArgumentParser, where: str) -> None:
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    if not any(c.dest == name and c.help for c in action._choices_actions):
                        missing.append(f"{where} {name}")
                    walk(sub, f"{where} {name}")
            elif not isinstance(action, argparse._HelpAction) and not action.help:
                missing.append(f"{where} {'/'.join(action.option_strings) or action.dest}")

    walk(parser(), "mi-course")
    assert not missing, missing


def test_changelog_starts_with_unreleased_then_the_current_version():
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## (.+)$", text, re.M)
    assert releases[0] == "Unreleased" and releases[1].split()[0] == __version__
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        assert "### Answers changed" in section and "### New checks" in section, section[:40]
