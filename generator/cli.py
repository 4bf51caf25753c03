"""The `mi-course` command: build, serve, validate, stats (and the trainer's tools as they land)."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .diagnostics import BuildError, Diagnostic


def _report(diags: list[Diagnostic]) -> None:
    for d in diags:
        print(d.format(), file=sys.stderr)
    n_err = sum(d.severity == "error" for d in diags)
    n_warn = len(diags) - n_err
    if n_err:
        print(f"{n_err} error(s), {n_warn} warning(s); nothing was written to the site.", file=sys.stderr)


def cmd_validate(args) -> int:
    from .build import check

    from .diagnostics import errors
    from .site import build_pages, track_of

    config, course, lessons, diags = check(Path(args.root), args.track)
    # The pages are built in memory only, so lessons' [[...]] lines are checked as a build would check them.
    diags += build_pages(course, config, track_of(config, args.track), lessons).diagnostics
    if errors(diags):
        raise BuildError(diags)
    _report(diags)
    print(f"ok: {len(course.exercises)} exercises, {len(course.dialogues)} dialogues, {len(lessons)} lessons")
    return 0


def cmd_build(args) -> int:
    from .build import build

    start = time.perf_counter()
    if args.facilitator:
        from .build import generate_facilitator, run_mkdocs

        gen = generate_facilitator(Path(args.root))
        run_mkdocs(gen, args.verbose)
    else:
        gen = build(Path(args.root), args.track, args.offline, args.verbose)
    _report(gen.warnings)
    print(f"built {gen.site_dir.name}/ ({len(gen.course.exercises)} exercises, {len(gen.site.files)} generated files) "
          f"in {time.perf_counter() - start:.1f} s")
    return 0


def cmd_serve(args) -> int:
    from mkdocs.commands.serve import serve

    from .build import _log_to_stderr, generate

    root = Path(args.root).resolve()
    generate(root, args.track)  # fail fast with author errors before starting the server
    _log_to_stderr(True)
    # The root mkdocs.yml runs our plugin, which regenerates on every reload and watches content/ and exercises/.
    serve(config_file=str(root / "mkdocs.yml"), dev_addr=f"127.0.0.1:{args.port}", open_in_browser=False,
          livereload=True, watch=[str(root / "content"), str(root / "exercises")])
    return 0


def cmd_stats(args) -> int:
    from .build import check
    from .stats import course_stats, format_stats

    _, course, _, diags = check(Path(args.root))
    stats = course_stats(course)
    print(json.dumps(stats, indent=2) if args.json else format_stats(stats))
    return 0


def cmd_export(args) -> int:
    from .build import check
    from .config import DEFAULT_TRACK
    from .export import collect, write
    from .markup import Markup
    from .render import Renderer, load_strings
    from .site import in_track, track_of

    config, course, _, diags = check(Path(args.root), args.track)
    if args.topic and args.topic not in course.taxonomy.topics:
        raise BuildError([Diagnostic("exercises/taxonomy.yaml", 0, 0, f"unknown topic '{args.topic}'")])
    track = track_of(config, args.track)
    chosen = [e for e in course.exercises.values()
              if in_track(e, track) and (not args.topic or args.topic in e.topics)]
    exp = collect(chosen, Renderer(course, Markup(), load_strings(config.language)))
    title = config.site_name + ("" if track.name == DEFAULT_TRACK else f" ({track.title})")
    data = write(args.format, exp.questions, title)
    out = Path(args.out)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(out)  # a failed export never leaves half a file behind
    if exp.skipped:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(exp.skipped.items()))
        print(f"warning: skipped {kinds}: {args.format} has no question type for these kinds", file=sys.stderr)
    print(f"wrote {out} ({len(exp.questions)} questions, {args.format})")
    return 0


def cmd_init(args) -> int:
    import shutil

    from .schema import SCHEMA_PATH

    target = Path(args.dir)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BuildError([Diagnostic(str(target), 0, 0, "the folder exists and is not empty; nothing was written",
                                     "choose a new folder name")])
    shutil.copytree(Path(__file__).parent / "starter", target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(SCHEMA_PATH, target / "exercises" / "bank.schema.json")  # editors complete fields from it
    print(f"created a new course in {target}/\n  cd {target} && mi-course serve")
    return 0


def cmd_class_report(args) -> int:
    from .build import check
    from .class_report import class_report, to_html
    from .site import build_pages, track_of

    config, course, lessons, _ = check(Path(args.root))
    titles = {l.path: l.title for l in lessons}
    placements = build_pages(course, config, track_of(config, None), lessons).placements
    modules = {ex_id: titles.get(page, "Practice") for ex_id, page in placements.items()}
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
    from .transcript_import import run

    return run(args)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mi-course", description="Build a Motivational Interviewing course site from YAML banks.")
    p.add_argument("--root", default=".", help="the course folder (default: the current folder)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="validate, generate and build the site (site/, or site-<track>/)")
    b.add_argument("--track", help="build one track only, e.g. coach")
    b.add_argument("--offline", action="store_true", help="a copy that works from a folder or USB stick (file://)")
    b.add_argument("--facilitator", action="store_true",
                   help="build the facilitator guide (answer key, role-play cards, coding sheets) into site-facilitator/")
    b.add_argument("-v", "--verbose", action="store_true")
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("serve", help="serve on 127.0.0.1 with live reload when a lesson or bank changes")
    s.add_argument("--track")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)

    v = sub.add_parser("validate", help="check banks and lessons; print every error")
    v.add_argument("--track")
    v.set_defaults(func=cmd_validate)

    st = sub.add_parser("stats", help="exercise counts per topic, kind, audience and setting")
    st.add_argument("--json", action="store_true", help="machine-readable output")
    st.set_defaults(func=cmd_stats)
    i = sub.add_parser("init", help="create a new course folder with one example of every kind")
    i.add_argument("dir", help="the new folder (must not exist, or be empty)")
    i.set_defaults(func=cmd_init)

    c = sub.add_parser("class-report", help="a trainer's report from learners' exported progress files")
    c.add_argument("files", nargs="+", metavar="FILE", help="progress files exported from the dashboard")
    c.add_argument("--out", default="class-report.html", help="the report to write (default: class-report.html)")
    c.set_defaults(func=cmd_class_report)

    e = sub.add_parser("export", help="export questions for an LMS: GIFT or Moodle XML (Moodle), QTI 1.2 zip (Canvas)")
    e.add_argument("--format", required=True, choices=["gift", "moodle-xml", "qti"])
    e.add_argument("--out", required=True, help="the file to write")
    e.add_argument("--topic", help="only this topic's exercises")
    e.add_argument("--track", help="only this track's exercises")
    e.set_defaults(func=cmd_export)

    from .transcript_import import FORMAT

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
