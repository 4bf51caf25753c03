"""The interface strings of a build: the engine's and pages' (generator/strings/) with each kind's own
(generator/kinds/<kind>/strings/) merged in, English first, the course's language over it, and last the course's own
strings/<language>.yaml (a trainer's corrections, or a language the package does not ship).

A string with a count is a map of CLDR plural forms (`hours: {one: "{n} hour", other: "{n} hours"}`); it is loaded as
a `Plural`, whose `.format(n=...)` picks the form with Babel's plural rules for the language. In the browser the same
map travels as it is and Intl.PluralRules picks the form. Each strings file has a `_meta` block (language, review
status, reviewer) that never reaches the pages."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from .diagnostics import Diagnostic, did_you_mean, expected
from .kinds import KINDS
from .source import load_file

STRINGS_DIR = Path(__file__).parent / "strings"
COURSE_DIR = "strings"  # a course's own strings/<language>.yaml, beside mkdocs.yml
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")  # the CLDR categories, as Intl.PluralRules names them
META = "_meta"
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def languages() -> list[str]:
    """The languages the package ships: English first, then the others by code."""
    found = sorted(p.stem for p in STRINGS_DIR.glob("*.yaml") if p.stem != "en")
    return ["en", *found]


@lru_cache(maxsize=None)
def _rule(language: str):
    try:
        return Locale.parse(language.replace("-", "_")).plural_form
    except (UnknownLocaleError, ValueError):  # a language Babel does not know (a pseudo-locale): English's rules
        return Locale("en").plural_form


def plural_forms(language: str) -> list[str]:
    """The CLDR plural categories the language uses, in CLDR order (always with `other`)."""
    tags = _rule(language).tags | {"other"}
    return [f for f in PLURAL_FORMS if f in tags]


class Plural(dict):
    """One string by count: a map of plural forms. `.format(n=3, ...)` picks the form for `n` (the language's CLDR
    rules, through Babel; `other` when the form is missing) and fills it in like `str.format`."""

    language = "en"

    def form(self, n) -> str:
        try:
            category = _rule(self.language)(n)
        except (TypeError, ValueError):
            category = "other"
        return self.get(category) or self["other"]

    def format(self, *args, **values) -> str:
        return self.form(values.get("n", 0)).format(*args, **values)


def is_plural(value) -> bool:
    return isinstance(value, dict) and "other" in value and set(value) <= set(PLURAL_FORMS)


def _read(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    data = data if isinstance(data, dict) else {}
    data.pop(META, None)
    return data


def _merge(base: dict, over: dict) -> dict:
    """`over` on `base`, map by map; a plural map or a list is replaced whole."""
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict) and not is_plural(out[k]):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def _plurals(node, language: str):
    if is_plural(node):
        p = Plural(node)
        p.language = language
        return p
    if isinstance(node, dict):
        return {k: _plurals(v, language) for k, v in node.items()}
    return node


@lru_cache(maxsize=None)
def package_strings(language: str = "en") -> dict:
    """The package's strings for `language` (English where it has none): every string a page, the engine or a kind's
    widget shows; a kind's `label` goes under `kinds`."""
    out = _read(STRINGS_DIR / "en.yaml")
    if language != "en":
        out = _merge(out, _read(STRINGS_DIR / f"{language}.yaml"))
    labels = {}
    for kind in KINDS.values():
        own = _read(kind.strings_file("en"))
        if language != "en":
            own = _merge(own, _read(kind.strings_file(language)))
        labels[kind.name] = own.pop("label", kind.name)
        clash = sorted(set(own) & set(out))
        if clash:  # a mistake in the package, not in a course: two owners for one key
            raise ValueError(f"{kind.strings_file('en')}: {', '.join(clash)} already defined by the engine or another kind")
        out.update(own)
    out["kinds"] = labels
    return out


def course_file(root: Path | None, language: str) -> Path | None:
    path = Path(root) / COURSE_DIR / f"{language}.yaml" if root else None
    return path if path and path.is_file() else None


def load_strings(language: str = "en", root: Path | None = None) -> dict:
    """The strings of a build: the package's for `language`, then the course's own strings/<language>.yaml
    (`root`: the course folder) over them; unknown keys in the course's file are left out (`check_course_strings`
    warns of them)."""
    english = package_strings("en")
    out = package_strings(language)
    own = course_file(root, language)
    if own is not None:
        data = load_file(own).data
        if isinstance(data, dict):
            data.pop(META, None)
            out = _merge(out, _known(data, english))
    return _plurals(out, language)


def _known(over: dict, english: dict) -> dict:
    """The part of a course's strings that matches English's shape (keys it knows, text where text is meant)."""
    out = {}
    for k, v in over.items():
        if k not in english:
            continue
        e = english[k]
        if is_plural(e):
            if isinstance(v, str):
                out[k] = {"other": v}
            elif isinstance(v, dict) and all(isinstance(x, str) for x in v.values()) and "other" in v:
                out[k] = {f: x for f, x in v.items() if f in PLURAL_FORMS}
        elif isinstance(e, dict):
            if isinstance(v, dict):
                out[k] = _known(v, e)
        elif isinstance(e, list):
            if isinstance(v, list) and all(isinstance(x, str) for x in v):
                out[k] = v
        elif isinstance(v, str) and _placeholders_ok(v, e):
            out[k] = v
    return out


def _placeholders_ok(text: str, english: str) -> bool:
    return set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(english)) and _formats(text)


def _formats(text: str) -> bool:
    try:
        text.format(**{n: "" for n in PLACEHOLDER.findall(text)})
    except (ValueError, KeyError, IndexError):
        return False
    return True


def check_language(config) -> list[Diagnostic]:
    """`extra.course.language` must name a language the package ships, or one the course brings in strings/."""
    lang = config.language
    if not isinstance(lang, str) or not lang:
        return [config.diag(("extra", "course", "language"), "extra.course.language should be a language code such "
                            f"as {', '.join(languages())}")]
    if lang in languages() or course_file(config.root, lang):
        return []
    return [config.diag(("extra", "course", "language"), f"unknown language: {expected(languages(), lang)}",
                        did_you_mean(lang, languages()) or f"for a language of the course's own, add {COURSE_DIR}/{lang}.yaml "
                        "with its strings (README, Languages)")]


def check_course_strings(config) -> list[Diagnostic]:
    """The course's strings/<language>.yaml: unknown keys are warnings (with a did-you-mean), a string with a
    placeholder English does not have (it could not be filled in) or of the wrong shape is an error."""
    own = course_file(config.root, config.language)
    if own is None:
        return []
    doc = load_file(own, f"{COURSE_DIR}/{own.name}")
    if doc.data is None:
        return doc.diagnostics
    if not isinstance(doc.data, dict):
        return doc.diagnostics + [Diagnostic(doc.path, 1, 1, "a strings file should be a mapping of keys to strings",
                                   f"copy the keys you change from generator/strings/en.yaml")]
    english = package_strings("en")
    shipped = config.language in languages()

    def walk(over: dict, eng: dict, path: tuple) -> None:
        for k, v in over.items():
            where = path + (k,)
            name = ".".join(map(str, where))
            if not path and k == META:
                continue
            if k not in eng:
                doc.diag(where, f"unknown string '{name}' (left out): {expected(sorted(eng), k)}",
                         did_you_mean(k, eng) or "the keys are those of generator/strings/en.yaml and of each kind's "
                         "strings/en.yaml (labels under kinds:)", "warning", at_key=True)
                continue
            e = eng[k]
            if is_plural(e):
                forms = v if isinstance(v, dict) else {"other": v}
                if not isinstance(v, (str, dict)) or "other" not in forms or not all(isinstance(x, str) for x in forms.values()):
                    doc.diag(where, f"'{name}' should be text, or plural forms ({', '.join(plural_forms(config.language))})"
                             " with at least 'other'", "e.g. " + k + ": {one: ..., other: ...}", at_key=True)
                    continue
                for f, x in forms.items():
                    if f not in PLURAL_FORMS:
                        doc.diag(where + (f,), f"unknown plural form '{f}' in '{name}': {expected(PLURAL_FORMS, f)}",
                                 did_you_mean(f, PLURAL_FORMS), "warning", at_key=True)
                    else:
                        text(x, e["other"], where + (f,), f"{name}.{f}")
            elif isinstance(e, dict):
                if isinstance(v, dict):
                    walk(v, e, where)
                else:
                    doc.diag(where, f"'{name}' should be a mapping of strings ({', '.join(list(e)[:4])}, ...)", at_key=True)
            elif isinstance(e, list):
                if not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
                    doc.diag(where, f"'{name}' should be a list of strings", at_key=True)
            elif not isinstance(v, str):
                doc.diag(where, f"'{name}' should be text", "quote it", at_key=True)
            else:
                text(v, e, where, name)

    def text(v: str, e: str, where: tuple, name: str) -> None:
        extra = sorted(set(PLACEHOLDER.findall(v)) - set(PLACEHOLDER.findall(e)))
        if extra:
            doc.diag(where, f"'{name}' uses {', '.join('{' + x + '}' for x in extra)}, which is never filled in: "
                     f"{expected(['{' + x + '}' for x in dict.fromkeys(PLACEHOLDER.findall(e))] or ['no placeholder'], '{' + extra[0] + '}')}",
                     "keep the English string's placeholders", at_key=True)
        elif not _formats(v):
            doc.diag(where, f"'{name}' has a stray {{ or }}", "write {{ or }} for a brace shown as it is", at_key=True)

    walk(doc.data, english, ())
    if not shipped:  # a language of the course's own: what it lacks is shown in English
        missing = sum(1 for _ in _leaves(english)) - sum(1 for _ in _leaves(_known(doc.data, english)))
        if missing > 0:
            doc.diagnostics.append(Diagnostic(doc.path, 0, 0, f"{missing} strings are not in this file; they are "
                                              "shown in English", "copy them from generator/strings/en.yaml and each "
                                              "kind's strings/en.yaml", "warning"))
    return doc.diagnostics


def _leaves(node):
    if is_plural(node) or not isinstance(node, dict):
        yield node
        return
    for v in node.values():
        yield from _leaves(v)


def count_strings(language: str = "en") -> int:
    """How many strings a language has (a plural map counts once, a list item once)."""
    n = 0
    for leaf in _leaves(package_strings(language)):
        n += len(leaf) if isinstance(leaf, list) else 1
    return n
