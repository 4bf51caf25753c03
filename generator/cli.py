"""The `mi-course` command: build, serve, validate, stats (and the trainer's tools as they land)."""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from importlib.metadata import PackageNotFoundError, version as dist_version
from pathlib import Path

from . import __version__, pipeline
from .class_report import class_report, to_html
from .config import DEFAULT_TRACK
from .diagnostics import BuildError, Diagnostic, did_you_mean, expected
from .docs_engine import installed
from .export import collect, write
from .export.scorm import package, settings
from .frame import Renderer
from .markup import Markup
from .reference import bank_reference
from .schema import schema_text
from .config import track_of
from .stats import course_stats, format_stats
from .transcript_import import FORMAT, run as run_import
from .ui_strings import languages, load_strings


def _report(diags: list[Diagnostic]) -> None:
    for d in diags:
        print(d.format(), file=sys.stderr)
    n_err = sum(d.severity == "error" for d in diags)
    n_warn = len(diags) - n_err
    if n_err:
        print(f"{n_err} error(s), {n_warn} warning(s); nothing was written to the site.", file=sys.stderr)


def cmd_validate(args) -> int:
    config, course, lessons, diags = pipeline.check(Path(args.root), args.track)
    _report(diags)
    print(f"ok: {len(course.exercises)} exercises, {len(course.dialogues)} dialogues, {len(lessons)} lessons")
    return 0


def cmd_build(args) -> int:
    start = time.perf_counter()
    if args.facilitator:
        gen = pipeline.generate_facilitator(Path(args.root))
        pipeline.run_mkdocs(gen, args.verbose)
    else:
        gen = pipeline.build(Path(args.root), args.track, args.offline, args.verbose)
    _report(gen.warnings)
    print(f"built {gen.site_dir.name}/ ({len(gen.site.placements)} exercises, {len(gen.site.files)} generated files) "
          f"in {time.perf_counter() - start:.1f} s")
    return 0


def cmd_generate(args) -> int:
    gen = pipeline.generate(Path(args.root), args.track, args.offline)
    _report(gen.warnings)
    config = gen.config_file.relative_to(gen.config.root).as_posix()
    print(f"wrote {gen.build_dir.relative_to(gen.config.root).as_posix()}/ ({len(gen.site.placements)} exercises, "
          f"{len(gen.site.files)} generated files); build it (into {gen.build_dir.relative_to(gen.config.root).as_posix()}/site/) with\n"
          f"  zensical build -f {config}\n  properdocs build -f {config}\n  mkdocs build -f {config}")
    return 0


def cmd_serve(args) -> int:
    pipeline.serve(Path(args.root), args.track, args.port)
    return 0


def cmd_stats(args) -> int:
    _, course, _, diags = pipeline.check(Path(args.root))
    stats = course_stats(course)
    print(json.dumps(stats, indent=2) if args.json else format_stats(stats))
    return 0


def cmd_export(args) -> int:
    if args.format == "scorm":
        return cmd_export_scorm(args)
    if args.completion is not None:
        raise BuildError([Diagnostic("--completion", 0, 0, "--completion applies to --format scorm only")])
    config, course, chosen = pipeline.exercises_of(Path(args.root), args.track, args.topic)
    track = track_of(config, args.track)
    exp = collect(chosen, Renderer(course, Markup(), load_strings(config.language, config.root)))
    title = config.site_name + ("" if track.name == DEFAULT_TRACK else f" ({track.title})")
    data = write(args.format, exp.questions, title)
    out = Path(args.out)
    _write_atomic(out, data)
    for d in exp.warnings:
        print(d.format(), file=sys.stderr)
    if exp.skipped:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(exp.skipped.items()))
        print(f"warning: skipped {kinds}: {args.format} has no question type for these kinds", file=sys.stderr)
    print(f"wrote {out} ({len(exp.questions)} questions, {args.format})")
    return 0


def _write_atomic(out: Path, data: bytes) -> None:
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(out)  # a failed export never leaves half a file behind


def cmd_export_scorm(args) -> int:
    if args.topic:
        raise BuildError([Diagnostic("--topic", 0, 0, "a SCORM package holds a whole course or track, not one topic",
                                     "leave out --topic, or use --track")])
    config, _, _, _ = pipeline.check(Path(args.root), args.track)
    chosen, diags = settings(config, args.completion)
    if diags:
        raise BuildError(diags)
    gen = pipeline.generate(Path(args.root), args.track, scorm=chosen)
    pipeline.run_mkdocs(gen)
    _report(gen.warnings)
    track = track_of(gen.config, args.track)
    title = gen.config.site_name + ("" if track.name == DEFAULT_TRACK else f" ({track.title})")
    out = Path(args.out)
    _write_atomic(out, package(gen.site_dir, title))
    print(f"wrote {out} (SCORM 1.2, {len(gen.course.exercises)} exercises; completed at "
          f"{chosen.completion:.0%} answered; built in {gen.site_dir.name}/)")
    return 0


def cmd_init(args) -> int:
    target = Path(args.dir)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BuildError([Diagnostic(str(target), 0, 0, "the folder exists and is not empty; nothing was written",
                                     "choose a new folder name")])
    starter = Path(__file__).parent / "starter"
    language = args.language
    if language not in languages():
        raise BuildError([Diagnostic("--language", 0, 0, f"unknown language: {expected(languages(), language)}",
                                     did_you_mean(language, languages()) or "nothing was written")])
    shutil.copytree(starter, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", "languages"))
    translated = starter / "languages" / language
    if translated.is_dir():  # the starter's lessons, bank and settings in that language
        shutil.copytree(translated, target, dirs_exist_ok=True)
    elif language != "en":  # the interface in that language; the example lessons stay English
        config = target / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("    language: en ", f"    language: {language} "),
                          encoding="utf-8")
    (target / "exercises" / "bank.schema.json").write_text(schema_text(), encoding="utf-8")  # editors complete fields from it
    readme = target / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + bank_reference(), encoding="utf-8")
    print(f"created a new course in {target}/\n  cd {target} && mi-course serve")
    return 0


def cmd_class_report(args) -> int:
    config, course, modules = pipeline.modules(Path(args.root))
    files = []
    for name in args.files:
        try:
            files.append((name, Path(name).read_bytes()))
        except OSError as exc:
            print(Diagnostic(name, 0, 0, f"skipped: cannot read the file ({exc.strerror})", severity="warning").format(),
                  file=sys.stderr)
    report, diags = class_report(course, modules, files, config.namespace)
    _report(diags)
    Path(args.out).write_text(to_html(report, course, config.site_name), encoding="utf-8")
    print(f"wrote {args.out} ({len(report.learners)} learner file(s) read, {len(diags)} skipped)")
    return 0


def cmd_import_transcript(args) -> int:
    return run_import(args)


def version() -> str:
    name = installed()
    try:
        tool = f"{name} {dist_version(name.lower())}" if name else "neither MkDocs nor ProperDocs: install one"
    except PackageNotFoundError:  # importable from a folder on the path, not installed as a package
        tool = name
    return f"mi-course {__version__} (builds with {tool})"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mi-course", description="Build a Motivational Interviewing course site from YAML banks.")
    p.add_argument("--version", action="version", version=version(), help="print the version and exit")
    p.add_argument("--root", default=".", help="the course folder (default: the current folder)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="validate, generate and build the site (site/, or site-<track>/)")
    b.add_argument("--track", help="build one track only, e.g. coach")
    b.add_argument("--offline", action="store_true", help="a copy that works from a folder or USB stick (file://)")
    b.add_argument("--facilitator", action="store_true",
                   help="build the facilitator guide (answer key, role-play cards, coding sheets) into site-facilitator/")
    b.add_argument("-v", "--verbose", action="store_true", help="print MkDocs' own messages too")
    b.set_defaults(func=cmd_build)

    g = sub.add_parser("generate", help="validate and write build/<track>/ only (docs and mkdocs.yml), for Zensical, "
                                        "ProperDocs or MkDocs to build")
    g.add_argument("--track", help="generate one track only, e.g. coach (build/coach/)")
    g.add_argument("--offline", action="store_true", help="the offline copy's layout (build/all-offline/)")
    g.set_defaults(func=cmd_generate)

    s = sub.add_parser("serve", help="serve on 127.0.0.1 with live reload when a lesson or bank changes")
    s.add_argument("--track", help="serve one track only, e.g. coach")
    s.add_argument("--port", type=int, default=8000, help="the port on 127.0.0.1 (default: 8000)")
    s.set_defaults(func=cmd_serve)

    v = sub.add_parser("validate", help="check banks and lessons; print every error")
    v.add_argument("--track", help="check the lessons as one track builds them, e.g. coach")
    v.set_defaults(func=cmd_validate)

    st = sub.add_parser("stats", help="exercise counts per topic, kind, audience and setting")
    st.add_argument("--json", action="store_true", help="machine-readable output")
    st.set_defaults(func=cmd_stats)
    i = sub.add_parser("init", help="create a new course folder with one example of every kind")
    i.add_argument("dir", help="the new folder (must not exist, or be empty)")
    i.add_argument("--language", default="en", metavar="LANG",
                   help="the course's language: en, es (lessons and bank too), de, fr, pt, nl (interface only)")
    i.set_defaults(func=cmd_init)

    c = sub.add_parser("class-report", help="a trainer's report from learners' exported progress files")
    c.add_argument("files", nargs="+", metavar="FILE", help="progress files exported from the dashboard")
    c.add_argument("--out", default="class-report.html", help="the report to write (default: class-report.html)")
    c.set_defaults(func=cmd_class_report)

    e = sub.add_parser("export", help="export for an LMS: questions as GIFT or Moodle XML (Moodle), a QTI 1.2 zip "
                                      "(Canvas), or the whole course as a SCORM 1.2 package (any LMS)")
    e.add_argument("--format", required=True, choices=["gift", "moodle-xml", "qti", "scorm"],
                   help="gift or moodle-xml (Moodle's question bank), qti (a zip for Canvas), scorm (a zip any LMS "
                        "launches; it reports completion, score and resume data)")
    e.add_argument("--out", required=True, help="the file to write, e.g. questions.gift or course.zip")
    e.add_argument("--topic", help="only this topic's exercises (not for scorm)")
    e.add_argument("--track", help="only this track's exercises")
    e.add_argument("--completion", type=float, metavar="SHARE",
                   help="scorm: the share of exercises answered for the LMS to mark the course completed, e.g. 0.8 "
                        "(default: extra.course.scorm.completion in the config, else 1: every exercise)")
    e.set_defaults(func=cmd_export)
    t = sub.add_parser("import-transcript", help="coded transcripts from a CSV table (one row per utterance) to dialogue YAML",
                       description="Coded transcripts from a CSV table (one row per utterance) to dialogue YAML, one "
                                   "file per transcript. Nothing is written unless every row converts and every "
                                   "dialogue validates.",
                       epilog=FORMAT, formatter_class=argparse.RawDescriptionHelpFormatter)
    t.add_argument("csv", metavar="FILE.csv", help="columns: transcript, speaker, text, code, detail, talk, note")
    t.add_argument("--map", metavar="MAP.yaml", help="the mapping file: columns, empty labels, detail and yes/no columns, annotators, values, "
                                                   "per-transcript fields (format below)")
    t.add_argument("--column", action="append", default=[], metavar="FIELD=COLUMN", help="e.g. --column speaker=role")
    t.add_argument("--value", action="append", default=[], metavar="FIELD:LABEL=VALUE",
                   help="e.g. --value speaker:T=practitioner --value code:reflection/simple=simple_reflection")
    t.add_argument("--out", default="exercises/imported",
                   help="folder for the YAML files (default: exercises/imported, which a course's .gitignore leaves out "
                        "of git: a corpus may be licence-restricted)")
    t.add_argument("--prefix", help="put before every dialogue id, e.g. corpus-")
    t.add_argument("--title", help='title of each dialogue; {transcript} is its id, e.g. "Session {transcript}"')
    t.add_argument("--setting", help="the dialogues' setting, from the taxonomy")
    t.add_argument("--delimiter", help="the CSV's field delimiter (default: a comma)")
    t.add_argument("--force", action="store_true", help="replace files of the same name")
    t.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    t.set_defaults(func=cmd_import_transcript)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except BuildError as exc:
        _report(exc.diagnostics)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
