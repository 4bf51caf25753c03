"""The one pipeline: check -> load -> pages -> write -> MkDocs. Every command (build, generate, serve, validate,
facilitator, export, class-report) and the plugin run it from here.

    check      config (config.py), banks (validate.py), lessons and their directives (directives.py): every error at once
    pages      the model to generated files and nav (site.py and the page modules): pure functions
    write      the generated docs folder and mkdocs.yml (publish.py): only when there is no error
    mkdocs     a strict build into a temporary folder, swapped in whole (publish.py), so bad input never
               overwrites a good site
"""
from __future__ import annotations

import importlib.resources
import logging
import os
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from . import directives
from .assets import every_page
from .config import DEFAULT_TRACK, CourseConfig, in_track, load_config, track_of, unknown_track
from .devserver import DevServer, Generation
from .diagnostics import BuildError, Diagnostic, did_you_mean, errors
from .docs_engine import engine
from .export.scorm import package_config, package_files
from .facilitator import guide
from .markup import nav_title
from .kinds import KINDS
from .learner import offline_shim
from .model import Course
from .publish import clear_leftovers, swap, temporary_beside, write_config, write_tree
from .ui_strings import check_course_strings, check_language, load_strings
from .site import Site, build_pages, read_lessons
from .source import ParseCache
from .validate import TAXONOMY_FILE, load_course

BUILD_DIR = "build"
MATERIAL_LANGUAGES = importlib.resources.files("material") / "templates" / "partials" / "languages"
GUARD = "generator.raw_guard"
STASH = "generator.stash"
# Material prints a banner about MkDocs 2 on every build; the design card already answers it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass
class Generated:
    config: CourseConfig
    course: Course
    site: Site
    build_dir: Path  # build/<name>/
    config_file: Path  # build/<name>/mkdocs.yml
    site_dir: Path  # where the finished site goes
    warnings: list[Diagnostic] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # generated files this run wrote or removed (docs/-relative)


def build_name(track: str | None, offline: bool) -> str:
    return (track or DEFAULT_TRACK) + ("-offline" if offline else "")


def site_dir_for(root: Path, track: str | None, offline: bool) -> Path:
    """site/ for the full course; site-<track>/ and site-offline/ so no build overwrites another."""
    parts = [p for p in (track if track and track != DEFAULT_TRACK else None, "offline" if offline else None) if p]
    return root / ("site-" + "-".join(parts) if parts else "site")


def check(root: Path, track: str | None = None, cache: ParseCache | None = None
          ) -> tuple[CourseConfig, Course, list, list[Diagnostic]]:
    """Everything `validate` does: config, taxonomy, banks, lessons and their directives. Raises BuildError.
    `cache`: a long-running process's parsed banks (source.ParseCache)."""
    config, diags = load_config(root)
    diags += check_language(config) or check_course_strings(config)
    if track and track != DEFAULT_TRACK and track not in config.tracks:
        diags.append(unknown_track(config, track))
    course, bank_diags = load_course(root, cache)
    lessons, lesson_diags = read_lessons(root / "content", root)
    diags += bank_diags + lesson_diags + unguarded(config) + track_lessons_known(config, lessons)
    if course is not None:
        diags += directives.check(lessons, course)
    if course is None or errors(diags):
        raise BuildError(diags)
    return config, course, lessons, diags


def modules(root: Path) -> tuple[CourseConfig, Course, dict[str, str]]:
    """Each exercise's module as the whole course places it (its lesson's title; "Practice" for a practice page)."""
    config, course, lessons, _ = check(root)
    titles = {l.path: l.title for l in lessons}
    placements = build_pages(course, config, track_of(config, None), lessons).placements
    return config, course, {ex_id: titles.get(page, "Practice") for ex_id, page in placements.items()}


def exercises_of(root: Path, track: str | None, topic: str | None) -> tuple[CourseConfig, Course, list]:
    """The exercises an export takes: the track's, and only the topic's when one is asked for."""
    config, course, _, _ = check(root, track)
    if topic and topic not in course.taxonomy.topics:
        raise BuildError([Diagnostic("exercises/taxonomy.yaml", 0, 0, f"unknown topic '{topic}'",
                                     did_you_mean(topic, course.taxonomy.topics))])
    t = track_of(config, track)
    return config, course, [e for e in course.exercises.values() if in_track(e, t) and (not topic or topic in e.topics)]


def serve(root: Path, track: str | None, port: int) -> None:
    """Generate once (author errors stop it before the server starts), then serve build/<track>/ (so the track
    is the one asked for) and rebuild on each save of a lesson, a bank or the root config (generator/devserver.py):
    only the pages the save changed, or every page when the nav, the taxonomy or the config changed."""
    root = root.resolve()
    cache = ParseCache()  # an edit of one bank parses that bank alone
    gen = generate(root, track, cache=cache)
    _log_to_stderr(True)
    for d in gen.warnings:
        print(d.format(), file=sys.stderr)

    def regenerate() -> Generation:
        again = generate(root, track, cache=cache)
        return Generation(again.changed, set(again.site.files))

    config_file = root / gen.config.file
    DevServer(engine(), gen.config_file, regenerate, Generation(gen.changed, set(gen.site.files)),
              watch=[root / "content", root / "exercises", config_file],
              full_inputs=[config_file, root / "exercises" / TAXONOMY_FILE], host="127.0.0.1", port=port).run()


def unguarded(config: CourseConfig) -> list[Diagnostic]:
    """A warning when the root config does not list the raw-directive guard (generator/raw_guard.py)."""
    names = {e if isinstance(e, str) else next(iter(e), "") for e in config.raw.get("markdown_extensions") or []
             if isinstance(e, (str, dict))}
    if not config.raw or GUARD in names:
        return []
    return [Diagnostic(config.file, 0, 0, f"markdown_extensions does not list {GUARD}",
                       "add it: a build by a tool that skips the mi-course plugin (Zensical) then fails instead of "
                       "publishing raw [[exercise: ...]] lines", "warning")]


def track_lessons_known(config: CourseConfig, lessons: list) -> list[Diagnostic]:
    """A warning for each lesson a track names (its home, the lessons it leaves out) that content/ does not hold:
    the edition is still built, with index.md as its home."""
    paths = [l.path for l in lessons]
    out = []
    for t in config.tracks.values():
        named = [("home", t.home)] if t.home else []
        named += [("exclude_lessons", p) for p in t.lessons]
        for key, path in named:
            if path not in paths:
                out.append(config.diag(("extra", "course", "tracks", t.name, key), f"track '{t.name}': no lesson "
                                       f"content/{path}", did_you_mean(path, paths) or "paths are relative to content/",
                                       "warning"))
    return out


def generate(root: Path, track: str | None = None, offline: bool = False, scorm=None, stash: bool = True,
             cache: ParseCache | None = None) -> Generated:
    """Validate and write build/<track>/{docs/, mkdocs.yml}. Raises BuildError; writes nothing then.
    `scorm` (export.scorm.ScormSettings): the SCORM package's build, the offline layout plus its launch page, in
    build/<track>-scorm/ and site-scorm/ (site-<track>-scorm/). `stash=False` leaves exercise HTML to Markdown's
    raw-HTML parser (generator/stash.py): the same site, built the slow way. `cache`: see `check`."""
    root = root.resolve()
    offline = offline or scorm is not None
    config, course, lessons, diags = check(root, track, cache)
    dir_urls = not offline and config.raw.get("use_directory_urls", True) is not False
    site = build_pages(course, config, track_of(config, track), lessons, dir_urls, stash)
    diags += empty_topics(course, config, track)
    if errors(diags):
        raise BuildError(diags)
    js, css = every_page(load_strings(config.language, config.root), config.namespace, KINDS.values())
    site.files[js.name] = js.content
    site.files[css.name] = css.content
    name = build_name(track, offline and scorm is None) + ("-scorm" if scorm else "")
    build_dir = root / BUILD_DIR / name
    out = site_dir_for(root, track, offline and scorm is None)
    mk = mkdocs_config(config, site, js.name, css.name, offline)
    if track_of(config, track).site_name:
        mk["site_name"] = track_of(config, track).site_name
    if scorm is not None:
        out = out.with_name(out.name + "-scorm")
        strings = load_strings(config.language, config.root)
        site.files.update(package_files(config, site.files, scorm, strings))
        mk.update(package_config(config, strings))
    changed = write_tree(build_dir / "docs", site.files)
    config_file = write_config(build_dir, config.file, mk, extensions(config) if stash else "")
    return Generated(config, course, site, build_dir, config_file, out,
                     [d for d in diags if d.severity != "error"], changed)


def empty_topics(course: Course, config: CourseConfig, track: str | None) -> list[Diagnostic]:
    """A warning naming every topic the course covers but this track leaves without exercises."""
    if not track or track == DEFAULT_TRACK:
        return []
    t = track_of(config, track)
    covered = {x for e in course.exercises.values() for x in e.topics}
    kept = {x for e in course.exercises.values() if in_track(e, t) for x in e.topics}
    empty = [x for x in course.taxonomy.topics if x in covered and x not in kept]
    return [config.diag(("extra", "course", "tracks", track), f"track '{track}' has no exercises for: {', '.join(empty)}",
                        "add exercises with this track's audience, or widen the track", "warning")] if empty else []


def mkdocs_config(config: CourseConfig, site: Site, js: str, css: str, offline: bool) -> dict:
    raw = config.raw
    mk: dict = {
        "INHERIT": f"../../{config.file}",
        "docs_dir": "docs",
        "nav": nav_entries(site.nav),
        "extra_css": list(raw.get("extra_css") or []) + [css],
        "extra_javascript": list(raw.get("extra_javascript") or []) + [js],
    }
    if offline:
        theme = raw.get("theme") or {}
        features = [f for f in theme.get("features", []) if not str(f).startswith("navigation.instant")]
        plugins = [p for p in (raw.get("plugins") or ["search"])]
        names = {p if isinstance(p, str) else next(iter(p)) for p in plugins}
        mk.update({"use_directory_urls": False, "theme": {"features": features},
                   "plugins": plugins + ([] if "offline" in names else ["offline"])})
        shim = offline_shim()  # search from file:// without the offline plugin's shim from unpkg.com
        site.files[shim.name] = shim.content
        mk["extra"] = {"polyfills": list((raw.get("extra") or {}).get("polyfills") or []) + [shim.name]}
    theme_language(mk, raw, config.language)
    return mk


def theme_language(mk: dict, raw: dict, language: str) -> None:
    """Material's own interface (search, navigation, dates) in the course's language, unless the root config
    chooses one, or Material has no translation for it."""
    theme = raw.get("theme")
    if isinstance(theme, dict) and theme.get("language") or not MATERIAL_LANGUAGES.joinpath(f"{language}.html").is_file():
        return
    mk["theme"] = {**mk.get("theme", {}), "language": language}
    if not isinstance(theme, dict):  # `theme: material` written as a name: a mapping replaces it whole
        mk["theme"]["name"] = theme or "material"


def extensions(config: CourseConfig) -> str:
    """markdown_extensions for the generated config: the root config's, as written (with any !!python/name tags),
    plus generator.stash. INHERIT replaces a list, so the root's entries are repeated here."""
    text = (config.root / config.file).read_text(encoding="utf-8") if config.raw else ""
    root = yaml.compose(text, Loader=yaml.SafeLoader) if text else None  # composing needs no tag constructors
    for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
        if key.value == "markdown_extensions" and isinstance(value, yaml.SequenceNode):
            items = value.value
            break
    else:
        items = []
    names = {_extension_name(x) for x in items}
    if STASH not in names:
        items = items + [yaml.ScalarNode("tag:yaml.org,2002:str", STASH)]
    node = yaml.MappingNode("tag:yaml.org,2002:map", [(yaml.ScalarNode("tag:yaml.org,2002:str", "markdown_extensions"),
                                                        yaml.SequenceNode("tag:yaml.org,2002:seq", items))])
    return yaml.serialize(node, allow_unicode=True)


def _extension_name(item: yaml.Node) -> str:
    """`- admonition` or `- toc: {...}`: the extension's name."""
    if isinstance(item, yaml.MappingNode) and item.value:
        item = item.value[0][0]
    return item.value if isinstance(item, yaml.ScalarNode) else ""


def nav_entries(nav):
    """The nav for mkdocs.yml: titles are plain text in the model and escaped here, once (Material prints them raw)."""
    if isinstance(nav, list):
        return [nav_entries(x) for x in nav]
    if isinstance(nav, dict):
        return {nav_title(k): nav_entries(v) for k, v in nav.items()}
    return nav


def run_mkdocs(gen: Generated, verbose: bool = False) -> Path:
    """Strict MkDocs (or ProperDocs) build into a temporary folder beside the site, then swap it in. Raises BuildError."""
    tool = engine()
    _log_to_stderr(verbose)
    final = gen.site_dir
    clear_leftovers(final)
    tmp = temporary_beside(final)
    try:
        tool.build(tool.load_config(config_file=str(gen.config_file), strict=True, site_dir=str(tmp)))
    except (tool.error, OSError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError([Diagnostic(str(gen.config_file.relative_to(gen.config.root)), 0, 0,
                                     f"{tool.name} build failed: {exc}")]) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    swap(tmp, final)
    return final


def _log_to_stderr(verbose: bool) -> None:
    log = logging.getLogger("mkdocs")
    if not any(getattr(h, "_mi_course", False) for h in log.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._mi_course = True  # type: ignore[attr-defined]
        log.addHandler(handler)
        log.propagate = False
    log.setLevel(logging.INFO if verbose else logging.WARNING)


def generate_facilitator(root: Path) -> Generated:
    """The facilitator guide into build/facilitator/ (then site-facilitator/): never part of the learner site."""
    root = root.resolve()
    config, course, lessons, diags = check(root)
    files, nav = guide(course, lessons, load_strings(config.language, config.root), config.site_name)
    _, css = every_page(load_strings(config.language, config.root), config.namespace, KINDS.values())
    files[css.name] = css.content  # the exercises' look, without the script: every answer stays open
    build_dir = root / BUILD_DIR / "facilitator"
    mk = {"INHERIT": f"../../{config.file}", "docs_dir": "docs", "nav": nav_entries(nav),
          "site_name": f"{config.site_name}: facilitator guide",
          "extra_css": list(config.raw.get("extra_css") or []) + [css.name, "assets/facilitator.css"],
          "extra_javascript": list(config.raw.get("extra_javascript") or [])}
    write_tree(build_dir / "docs", files)
    write_config(build_dir, config.file, mk)
    site = Site(files=files, nav=nav, placements={e: "answer-key" for e in course.exercises})  # every item is in the key
    return Generated(config, course, site, build_dir, build_dir / "mkdocs.yml", root / "site-facilitator",
                     [d for d in diags if d.severity != "error"])


def build(root: Path, track: str | None = None, offline: bool = False, verbose: bool = False) -> Generated:
    gen = generate(root, track, offline)
    # MkDocs reads the files just written: the texts kept here would only raise the build's peak memory (a course
    # of 10,000 exercises holds about 50 MB of them). The names stay, for what the command reports.
    gen = replace(gen, site=replace(gen.site, files=dict.fromkeys(gen.site.files, "")))
    run_mkdocs(gen, verbose)
    return gen
