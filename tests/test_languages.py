"""Every language the package ships has every string, with the same placeholders and the plural forms its language
needs; a course overrides strings in its own file; an unknown language is an error; `init --language es` builds a
Spanish course; what every page loads stays within the budget in every language."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO, run_cli, write_course
from generator.assets import every_page
from generator.config import load_config
from generator.kinds import KINDS
from generator.pipeline import check, theme_language
from generator.ui_strings import (Plural, check_course_strings, check_language, count_strings, is_plural,
                                  languages, load_strings, package_strings, plural_forms)
from generator.diagnostics import BuildError

SHIPPED = ["en", "es", "de", "fr", "pt", "nl"]
PLACEHOLDER = re.compile(r"\{(\w*)\}")
BUDGET = 12 * 1024


def strings_files(language: str) -> list[Path]:
    return [REPO / "generator" / "strings" / f"{language}.yaml"] + [k.strings_file(language) for k in KINDS.values()]


def leaves(node, path=()):
    if is_plural(node):
        yield path, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from leaves(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield path + (i,), v
    else:
        yield path, node


def test_the_six_languages_ship():
    assert sorted(languages()) == sorted(SHIPPED)


@pytest.mark.parametrize("language", SHIPPED)
def test_every_file_has_a_review_status(language):
    for path in strings_files(language):
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))["_meta"]
        assert meta["language"] == language, path
        assert meta["status"] == ("source" if language == "en" else "machine-written"), path
        assert "reviewed_by" in meta, path


@pytest.mark.parametrize("language", [l for l in SHIPPED if l != "en"])
def test_every_language_has_every_key_the_same_placeholders_and_its_plural_forms(language):
    english = dict(leaves(package_strings("en")))
    for path in strings_files(language):  # each file alone has its English file's keys: nothing falls back
        own = yaml.safe_load(path.read_text(encoding="utf-8"))
        eng = yaml.safe_load(path.with_name("en.yaml").read_text(encoding="utf-8"))
        own.pop("_meta"), eng.pop("_meta")
        assert {p for p, _ in leaves(own)} == {p for p, _ in leaves(eng)}, path
    translated = dict(leaves(package_strings(language)))
    assert translated.keys() == english.keys()
    forms = plural_forms(language)
    for key, value in translated.items():
        e = english[key]
        if is_plural(e):
            assert is_plural(value) and sorted(value) == sorted(forms), (key, value)
            want = set(PLACEHOLDER.findall(e["other"]))
            for form, text in value.items():
                assert set(PLACEHOLDER.findall(text)) == want, (key, form, text)
        else:
            assert isinstance(value, str) and value.strip(), key
            assert sorted(PLACEHOLDER.findall(value)) == sorted(PLACEHOLDER.findall(e)), (key, value, e)
            value.format(**{n: "x" for n in PLACEHOLDER.findall(value)})


def test_english_plurals_have_one_and_other():
    for key, value in leaves(package_strings("en")):
        if is_plural(value):
            assert sorted(value) == ["one", "other"], key


def test_plural_forms_follow_each_languages_rules():
    assert load_strings("en")["learner"]["hours"].format(n=1) == "1 hour"
    assert load_strings("en")["learner"]["hours"].format(n=1.5) == "1.5 hours"
    assert load_strings("fr")["learner"]["hours"].format(n=0) == "0 heure"  # French: 0 and 1 are singular
    assert load_strings("fr")["learner"]["hours"].format(n=1000000) == "1000000 d'heures"  # CLDR "many"
    assert load_strings("de")["minutes"].format(n=1) == "Etwa 1 Minute"
    assert load_strings("de")["minutes"].format(n=20) == "Etwa 20 Minuten"
    assert isinstance(load_strings("es")["dialogue"]["turns_count"], Plural)
    assert plural_forms("ar") == ["zero", "one", "two", "few", "many", "other"]


def test_the_number_of_strings_is_the_same_in_every_language():
    counts = {l: count_strings(l) for l in SHIPPED}
    assert len(set(counts.values())) == 1, counts
    assert counts["en"] > 350


@pytest.mark.parametrize("language", SHIPPED)
def test_every_page_stays_within_the_budget_in_every_language(language):
    js, css = every_page(load_strings(language), "mi:12345678:", KINDS.values())
    size = len(gzip.compress(js.content.encode() + css.content.encode(), 9))
    assert size <= BUDGET, f"{language}: {size} bytes gzip"
    assert "_meta" not in js.content and "machine-written" not in js.content


def with_language(tmp_path, language: str) -> Path:
    root = write_course(tmp_path, {"bank.yaml": (REPO / "tests" / "engine" / "bank.yaml").read_text(encoding="utf-8")})
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n    language: en\n" in text  # extra.course.language
    (root / "mkdocs.yml").write_text(text.replace("\n    language: en\n", f"\n    language: {language}\n"), encoding="utf-8")
    return root


def test_an_unknown_language_is_an_error_with_a_did_you_mean(tmp_path):
    root = with_language(tmp_path, "esp")
    config, _ = load_config(root)
    [d] = check_language(config)
    assert d.severity == "error" and d.line > 0
    assert "unknown language: Expected one of: en, de, es, fr, nl, pt but received: esp" in d.message
    assert d.hint == "did you mean 'es'?"
    with pytest.raises(BuildError):
        check(root)


def test_material_follows_the_course_language_unless_the_root_config_sets_one(tmp_path):
    mk = {}
    theme_language(mk, {"theme": {"name": "material"}}, "de")
    assert mk["theme"]["language"] == "de"
    mk = {}
    theme_language(mk, {"theme": {"name": "material", "language": "fr"}}, "de")
    assert "theme" not in mk
    mk = {}
    theme_language(mk, {"theme": {"name": "material"}}, "qps")  # Material has no such language: its English stays
    assert "theme" not in mk


def test_a_course_overrides_strings_and_hears_of_unknown_keys(tmp_path):
    root = with_language(tmp_path, "de")
    (root / "strings").mkdir()
    (root / "strings" / "de.yaml").write_text(
        "check: Absenden\nkinds:\n  order: Ordnen Sie\nlearner:\n  hours: {one: '{n} Std.', other: '{n} Std.'}\n"
        "chek: Prüfen\nlearner_x: 1\n", encoding="utf-8")
    config, _ = load_config(root)
    diags = check_course_strings(config)
    unknown = [d for d in diags if "chek" in d.message]
    assert len(unknown) == 1 and unknown[0].severity == "warning"
    assert unknown[0].path == "strings/de.yaml" and unknown[0].line == 6 and unknown[0].column == 1
    assert "unknown string 'chek' (left out): Expected one of:" in unknown[0].message and "but received: chek" in unknown[0].message
    assert unknown[0].hint == "did you mean 'check'?"
    s = load_strings("de", root)
    assert s["check"] == "Absenden" and s["kinds"]["order"] == "Ordnen Sie" and s["try_again"] == "Noch einmal versuchen"
    assert s["learner"]["hours"].format(n=2) == "2 Std."
    assert "chek" not in s


def test_a_placeholder_english_does_not_have_is_an_error(tmp_path):
    root = with_language(tmp_path, "en")
    (root / "strings").mkdir()
    (root / "strings" / "en.yaml").write_text("level: 'Level {level}'\n", encoding="utf-8")
    config, _ = load_config(root)
    [d] = check_course_strings(config)
    assert d.severity == "error" and d.line == 1 and "'level' uses {level}, which is never filled in" in d.message
    assert load_strings("en", root)["level"] == "Level {n}"  # the broken string is not used


def test_a_language_of_the_courses_own_builds_with_english_where_it_has_none(tmp_path):
    root = with_language(tmp_path, "qps")
    (root / "strings").mkdir()
    (root / "strings" / "qps.yaml").write_text("check: '[Check]'\n", encoding="utf-8")
    config, _ = load_config(root)
    assert check_language(config) == []
    [d] = check_course_strings(config)
    assert d.severity == "warning" and "are not in this file; they are shown in English" in d.message
    assert load_strings("qps", root)["check"] == "[Check]"


def test_init_language_es_builds_a_spanish_course(tmp_path):
    target = tmp_path / "curso"
    result = run_cli("init", str(target), "--language", "es", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    build = run_cli("build", cwd=target)
    assert build.returncode == 0, build.stderr
    page = (target / "site" / "01-examples" / "index.html").read_text(encoding="utf-8")
    es = load_strings("es")
    assert f">{es['check']}</button>" in page and es["check"] == "Comprobar"
    assert es["kinds"]["best_response"] in page and '<html lang="es"' in page
    assert "Uno de cada tipo" in page  # the lesson is Spanish too
    assert "Check</button>" not in page


def test_init_refuses_an_unknown_language(tmp_path):
    result = run_cli("init", str(tmp_path / "c"), "--language", "esp", cwd=tmp_path)
    assert result.returncode == 1 and "unknown language: Expected one of:" in result.stderr
    assert not (tmp_path / "c").exists()
