"""The coach edition is one: its own name and home page, only coach settings and lessons, coach tabs first, and the
exercises and counts of the edition, not of the whole course. Checked on the shipped course's built edition."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import REPO, copy_course, run_cli
from generator.config import load_config
from generator.site import read_lessons
from generator.validate import load_course

CONFIG, _ = load_config(REPO)
COACH = CONFIG.tracks["coach"]
COURSE, _ = load_course(REPO)


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("coach"))
    result = run_cli("build", "--track", "coach", cwd=course)
    assert result.returncode == 0, result.stderr
    return course, result.stdout


def manifest(site) -> dict:
    text = next((site / "assets").glob("mi-manifest.*.js")).read_text(encoding="utf-8")
    return json.loads(text[text.index("=") + 1:].rstrip().rstrip(";"))


def nav_paths(nav) -> list[str]:
    if isinstance(nav, list):
        return [p for x in nav for p in nav_paths(x)]
    if isinstance(nav, dict):
        return [p for v in nav.values() for p in nav_paths(v)]
    return [nav]


def test_the_edition_holds_only_coach_settings_and_coach_exercises(edition):
    course, out = edition
    ids = [row[0] for row in manifest(course / "site-coach")["ex"]]
    assert ids and len(ids) < len(COURSE.exercises)
    for ex_id in ids:
        ex = COURSE.exercises[ex_id]
        assert not ex.setting or ex.setting in COACH.settings, (ex_id, ex.setting)
        assert not ex.audience or "coach" in ex.audience, (ex_id, ex.audience)
    assert f"({len(ids)} exercises," in out  # the build counts the edition, not the course


def test_the_nav_has_no_clinical_only_lesson_and_the_coach_home_is_the_home_page(edition):
    course, _ = edition
    nav = yaml.safe_load((course / "build" / "coach" / "mkdocs.yml").read_text(encoding="utf-8").split("\n", 1)[1])["nav"]
    paths = nav_paths(nav)
    assert not set(COACH.lessons) & set(paths)
    assert COACH.home not in paths and "index.md" in paths
    docs = course / "build" / "coach" / "docs"
    home = next(l for l in read_lessons(REPO / "content", REPO)[0] if l.path == COACH.home)
    assert home.title in (docs / "index.md").read_text(encoding="utf-8")
    assert "site_name" in yaml.safe_load((course / "build" / "coach" / "mkdocs.yml").read_text().split("\n", 1)[1])
    for page in docs.rglob("*.md"):  # no link leads out of the edition
        for target in re.findall(r"\]\(([^)#\s]+\.md)", page.read_text(encoding="utf-8")):
            assert not any(target.endswith(p.rsplit("/", 1)[-1]) for p in COACH.lessons), (page, target)


def test_tab_sets_open_on_the_coach_tab_and_exercises_name_only_coaches(edition):
    course, _ = edition
    page = (course / "site-coach" / "05-core-skills" / "03-reflections" / "index.html").read_text(encoding="utf-8")
    firsts = re.findall(r'<div class="tabbed-labels"><label for="[^"]+">([^<]+)</label>', page)
    assert firsts and set(firsts) == {"Coach"}
    clinicians = COURSE.taxonomy.audiences["clinician"]
    metas = re.findall(r'<p class="mi-ex__meta">([^<]*)</p>', page)
    assert metas and not any(clinicians in m for m in metas)
