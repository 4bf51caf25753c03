"""The trainer's settings, read from the root mkdocs.yml (`extra.course`) without running MkDocs."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .diagnostics import Diagnostic

DEFAULT_TRACK = "all"
# MkDocs reads mkdocs.yml; ProperDocs suggests renaming it properdocs.yml. Either is the trainer's root config.
CONFIG_NAMES = ("mkdocs.yml", "properdocs.yml")


@dataclass(frozen=True)
class Track:
    name: str
    title: str = ""
    audiences: tuple[str, ...] = ()  # empty: every audience
    settings: tuple[str, ...] = ()  # empty: every setting
    lessons: tuple[str, ...] = ()  # lesson paths (relative to content/) left out of this track


@dataclass
class CourseConfig:
    root: Path
    site_name: str = "MI course"
    site_url: str = ""
    language: str = "en"
    version: str = ""
    tracks: dict[str, Track] = field(default_factory=dict)
    raw: dict = field(default_factory=dict)
    file: str = "mkdocs.yml"  # the root config's name, one of CONFIG_NAMES

    @property
    def namespace(self) -> str:
        """Prefix of every storage key: two courses on one host keep separate progress."""
        seed = (self.site_url or self.site_name).rstrip("/")
        return "mi:" + hashlib.sha256(seed.encode()).hexdigest()[:8] + ":"


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml while ignoring the Python and environment tags MkDocs configs may use."""


def _any_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_Loader.add_multi_constructor("!", _any_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def config_name(root: Path) -> tuple[str, list[Diagnostic]]:
    """The root config's file name. Both names at once is an error: MkDocs and ProperDocs would read different files."""
    found = [n for n in CONFIG_NAMES if (root / n).is_file()]
    if len(found) > 1:
        return found[0], [Diagnostic(found[1], 0, 0, f"both {' and '.join(found)} are here; which one is the course's?",
                                     "keep one of them (ProperDocs reads either name)")]
    return (found or ["mkdocs.yml"])[0], []


def load_config(root: Path) -> tuple[CourseConfig, list[Diagnostic]]:
    name, clash = config_name(root)
    config, diags = _load_config(root / name)
    if name != "mkdocs.yml":  # the messages below name the usual file; say which one was read
        diags = [replace(d, path=name) if d.path == "mkdocs.yml" else d for d in diags]
    config.file = name
    return config, clash + diags


def _load_config(path: Path) -> tuple[CourseConfig, list[Diagnostic]]:
    root = path.parent
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except FileNotFoundError:
        return CourseConfig(root), [Diagnostic("mkdocs.yml", 0, 0, "no mkdocs.yml in this folder",
                                               "run mi-course from the course's root folder (the one with mkdocs.yml "
                                               "or properdocs.yml), or `mi-course init DIR`")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return CourseConfig(root), [Diagnostic("mkdocs.yml", mark.line + 1 if mark else 0, mark.column + 1 if mark else 0,
                                               f"YAML error: {getattr(exc, 'problem', exc)}")]
    diags = []
    if not isinstance(raw, dict):
        return CourseConfig(root), [Diagnostic("mkdocs.yml", 1, 1, "mkdocs.yml should be a mapping of settings")]
    extra = raw.get("extra") if isinstance(raw.get("extra"), dict) else {}
    course = extra.get("course") or {}
    if not isinstance(course, dict):
        diags.append(Diagnostic("mkdocs.yml", 0, 0, "extra.course should be a mapping (version, language, tracks)"))
        course = {}
    tracks = {}
    specs = course.get("tracks") or {}
    if not isinstance(specs, dict):
        diags.append(Diagnostic("mkdocs.yml", 0, 0, "extra.course.tracks should map track names to their settings",
                                "e.g. tracks: {coach: {title: Fitness coaches, audiences: [coach]}}"))
        specs = {}
    for name, spec in specs.items():
        spec = spec or {}
        fields = {"title": str, "audiences": list, "settings": list, "exclude_lessons": list}
        bad = [k for k in spec if k not in fields] if isinstance(spec, dict) else ["(not a mapping)"]
        bad += [k for k, t in fields.items() if isinstance(spec, dict) and k in spec and not isinstance(spec[k], t)]
        if bad:
            diags.append(Diagnostic("mkdocs.yml", 0, 0, f"track '{name}': unknown or mistyped setting(s): {', '.join(map(str, bad))}",
                                    "a track takes title (text), audiences, settings and exclude_lessons (lists)"))
            continue
        tracks[str(name)] = Track(str(name), spec.get("title", str(name)), tuple(spec.get("audiences", ())),
                                  tuple(spec.get("settings", ())), tuple(spec.get("exclude_lessons", ())))
    if DEFAULT_TRACK in tracks:
        diags.append(Diagnostic("mkdocs.yml", 0, 0, f"a track may not be called '{DEFAULT_TRACK}'; that name is the full course"))
    if not raw.get("site_url"):
        diags.append(Diagnostic("mkdocs.yml", 0, 0, "site_url is not set",
                                "set site_url to the address the course will be served from; instant navigation needs it"))
    return CourseConfig(root, raw.get("site_name", "MI course"), raw.get("site_url", ""), course.get("language", "en"),
                        str(course.get("version", "")), tracks, raw), diags
