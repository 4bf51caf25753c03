"""The trainer's settings, read from the root mkdocs.yml (`extra.course`) without running MkDocs."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .diagnostics import Diagnostic, did_you_mean, expected

DEFAULT_TRACK = "all"
# MkDocs reads mkdocs.yml; ProperDocs suggests renaming it properdocs.yml. Either is the trainer's root config.
CONFIG_NAMES = ("mkdocs.yml", "properdocs.yml")
CONFIG_FILE = CONFIG_NAMES[0]  # the name messages use; load_config puts the one read in its place
COURSE_FIELDS = ("version", "language", "tracks", "certificate_after", "scorm")
TRACK_FIELDS = {"title": str, "site_name": str, "home": str, "first_tab": str, "audiences": list, "settings": list,
                "exclude_lessons": list}


@dataclass(frozen=True)
class Track:
    name: str
    title: str = ""
    audiences: tuple[str, ...] = ()  # empty: every audience
    settings: tuple[str, ...] = ()  # empty: every setting
    lessons: tuple[str, ...] = ()  # lesson paths (relative to content/) left out of this track
    site_name: str = ""  # the edition's own name; empty: the course's
    home: str = ""  # a lesson (relative to content/) that is this edition's home page instead of index.md
    first_tab: str = ""  # the label of the tab that opens first in every tab set (e.g. Coach)


@dataclass
class CourseConfig:
    root: Path
    site_name: str = "MI course"
    site_url: str = ""
    language: str = "en"
    version: str = ""
    tracks: dict[str, Track] = field(default_factory=dict)
    raw: dict = field(default_factory=dict)
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)  # (line, column) of each key in mkdocs.yml
    file: str = CONFIG_FILE  # the root config's name, one of CONFIG_NAMES

    def diag(self, path: tuple, message: str, hint: str = "", severity: str = "error") -> Diagnostic:
        """A problem with a setting, at the line and column of its key (or of the nearest key above it)."""
        return replace(_diag(self.positions, path, message, hint, severity), path=self.file)

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


def key_positions(text: str) -> dict[tuple, tuple[int, int]]:
    """Where each key (and list item) of a YAML text stands, by path: read from the composed nodes, so tags that
    MkDocs configs use need no constructor."""
    out: dict[tuple, tuple[int, int]] = {}

    def walk(node, path: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    out[path + (key.value,)] = (key.start_mark.line + 1, key.start_mark.column + 1)
                    walk(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for n, value in enumerate(node.value):
                out[path + (n,)] = (value.start_mark.line + 1, value.start_mark.column + 1)
                walk(value, path + (n,))

    try:
        walk(yaml.compose(text, Loader=_Loader), ())
    except yaml.YAMLError:
        pass  # the loader reports it
    return out


def _diag(positions: dict, path: tuple, message: str, hint: str = "", severity: str = "error") -> Diagnostic:
    path = tuple(path)
    while path and path not in positions:
        path = path[:-1]
    line, column = positions.get(path, (0, 0))
    return Diagnostic(CONFIG_FILE, line, column, message, hint, severity)


def config_name(root: Path) -> tuple[str, list[Diagnostic]]:
    """The root config's file name. Both names at once is an error: MkDocs and ProperDocs would read different files."""
    found = [n for n in CONFIG_NAMES if (root / n).is_file()]
    if len(found) > 1:
        return found[0], [Diagnostic(found[1], 0, 0, f"both {' and '.join(found)} are here; which one is the course's?",
                                     "keep one of them (ProperDocs reads either name)")]
    return (found or [CONFIG_FILE])[0], []


def load_config(root: Path) -> tuple[CourseConfig, list[Diagnostic]]:
    name, clash = config_name(root)
    config, diags = _load_config(root / name)
    if name != CONFIG_FILE:  # the messages below name the usual file; say which one was read
        diags = [replace(d, path=name) if d.path == CONFIG_FILE else d for d in diags]
    config.file = name
    return config, clash + diags


def _load_config(path: Path) -> tuple[CourseConfig, list[Diagnostic]]:
    root = path.parent
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.load(text, Loader=_Loader) or {}
    except FileNotFoundError:
        return CourseConfig(root), [Diagnostic(CONFIG_FILE, 0, 0, "no mkdocs.yml in this folder",
                                               "run mi-course from the course's root folder (the one with mkdocs.yml "
                                               "or properdocs.yml), or `mi-course init DIR`")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return CourseConfig(root), [Diagnostic(CONFIG_FILE, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0,
                                               f"YAML error: {getattr(exc, 'problem', exc)}")]
    if not isinstance(raw, dict):
        return CourseConfig(root), [Diagnostic(CONFIG_FILE, 1, 1, "mkdocs.yml should be a mapping of settings")]
    at = key_positions(text)
    diags: list[Diagnostic] = []
    extra = raw.get("extra") if isinstance(raw.get("extra"), dict) else {}
    course = extra.get("course") or {}
    if not isinstance(course, dict):
        diags.append(_diag(at, ("extra", "course"), "extra.course should be a mapping (version, language, tracks)"))
        course = {}
    for key in course:
        if key not in COURSE_FIELDS:
            diags.append(_diag(at, ("extra", "course", key), f"unknown setting '{key}' in extra.course",
                               did_you_mean(key, COURSE_FIELDS) or f"extra.course takes: {', '.join(COURSE_FIELDS)}"))
    tracks = {}
    specs = course.get("tracks") or {}
    if not isinstance(specs, dict):
        diags.append(_diag(at, ("extra", "course", "tracks"), "extra.course.tracks should map track names to their settings",
                           "e.g. tracks: {coach: {title: Fitness coaches, audiences: [coach]}}"))
        specs = {}
    for name, spec in specs.items():
        where = ("extra", "course", "tracks", name)
        spec = spec or {}
        if not isinstance(spec, dict):
            diags.append(_diag(at, where, f"track '{name}' should be a mapping of settings",
                               f"a track takes: {', '.join(TRACK_FIELDS)}"))
            continue
        bad = [_diag(at, where + (k,), f"unknown setting '{k}' in track '{name}'",
                     did_you_mean(k, TRACK_FIELDS) or f"a track takes: {', '.join(TRACK_FIELDS)}")
               for k in spec if k not in TRACK_FIELDS]
        bad += [_diag(at, where + (k,), f"'{k}' of track '{name}' should be {'text' if t is str else 'a list'}")
                for k, t in TRACK_FIELDS.items() if k in spec and not isinstance(spec[k], t)]
        if bad:
            diags += bad
            continue
        tracks[str(name)] = Track(str(name), spec.get("title", str(name)), tuple(spec.get("audiences", ())),
                                  tuple(spec.get("settings", ())), tuple(spec.get("exclude_lessons", ())),
                                  spec.get("site_name", ""), spec.get("home", ""), spec.get("first_tab", ""))
    if DEFAULT_TRACK in tracks:
        diags.append(_diag(at, ("extra", "course", "tracks", DEFAULT_TRACK),
                           f"a track may not be called '{DEFAULT_TRACK}'; that name is the full course"))
    if not raw.get("site_url"):
        diags.append(_diag(at, ("site_url",), "site_url is not set",
                           "set site_url to the address the course will be served from; instant navigation needs it"))
    return CourseConfig(root, raw.get("site_name", "MI course"), raw.get("site_url", ""), course.get("language", "en"),
                        str(course.get("version", "")), tracks, raw, at), diags


def unknown_track(config: CourseConfig, name: str) -> Diagnostic:
    """`--track NAME` names no track of mkdocs.yml."""
    return config.diag(("extra", "course", "tracks"), f"unknown track: {expected([DEFAULT_TRACK, *config.tracks], name)}",
                       did_you_mean(name, config.tracks) or f"tracks are defined under extra.course.tracks in {config.file}")


# What an edition shows: the rules live with the track.

def track_of(config: CourseConfig, name: str | None) -> Track:
    return config.tracks.get(name or DEFAULT_TRACK) or Track(DEFAULT_TRACK)


def in_track(ex, track: Track) -> bool:
    if track.audiences and ex.audience and not set(ex.audience) & set(track.audiences):
        return False
    return not (track.settings and ex.setting and ex.setting not in track.settings)


def lesson_in_track(lesson, track: Track) -> bool:
    """A lesson (with `path` and front-matter `meta`) is shown unless the track leaves it out or it names other tracks."""
    if lesson.path in track.lessons:
        return False
    wanted = lesson.meta.get("tracks")
    return track.name == DEFAULT_TRACK or not isinstance(wanted, list) or track.name in wanted
