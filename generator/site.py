"""Lesson pages with their directives expanded (generator/directives.py), generated practice pages, and the nav:
the docs folder as data. A lesson with [[part: TITLE]] lines becomes a page per part, titled "LESSON: TITLE" (a long
lesson in parts a learner can finish in one sitting).
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .config import DEFAULT_TRACK, CourseConfig, Track, in_track, lesson_in_track, track_of
from .diagnostics import Diagnostic, did_you_mean
from .directives import PART, problem, read
from .dialogue_pages import DialoguePages
from .learner import LearnerPages
from .markup import Markup, escape, markdown_text, md_text, page_source
from .model import Course, Exercise
from .outline import FENCE, headings, jump_nav
from .section import Section
from .frame import Renderer
from .render import render_exercise
from .ui_strings import load_strings
from .selftest import self_test_items
from .source import Document, load_text, read_bounded
from .stash import mark

JUMP_AT = 3  # a page with this many sections or more opens with links to each: on a phone it is long
LESSON_FIELDS = {"title", "minutes", "objectives", "tracks", "discussion", "roleplay"}
MKDOCS_FIELDS = {"description", "hide", "template", "icon", "status", "search", "tags", "subtitle"}
PRACTICE_DIR = "practice"
PRACTICE_PAGE = 8  # exercises on one practice page


@dataclass
class Lesson:
    path: str  # relative to content/, POSIX
    title: str
    meta: dict
    body: str
    body_line: int  # line number in the file where `body` starts
    source: str = ""  # the file it was read from, when it is published under another path (an edition's home page)
    part: tuple[int, int] = (1, 1)  # (n, of): a lesson in parts ([[part: ...]] lines), each part a page

    @property
    def display(self) -> str:
        return f"content/{self.source or self.path}"


@dataclass
class Site:
    files: dict[str, str] = field(default_factory=dict)  # docs-relative path -> text
    nav: list = field(default_factory=list)
    placements: dict[str, str] = field(default_factory=dict)  # exercise id -> page it is taught on


# Lessons ----------------------------------------------------------------------------------------------------------

def read_lessons(content_dir: Path, root: Path) -> tuple[list[Lesson], list[Diagnostic]]:
    lessons, diags = [], []
    # File-name order, except that a folder's index.md (the home page, a section's overview) comes first in it.
    def order(p: Path) -> list:
        return [(x != "index.md", x) for x in p.relative_to(content_dir).parts]

    for path in sorted(content_dir.rglob("*.md"), key=order):
        rel = path.relative_to(content_dir).as_posix()
        display = path.relative_to(root).as_posix()
        raw, problem = read_bounded(path, display, what="a lesson is a Markdown text file")
        if problem:
            diags.append(problem)
            continue
        try:
            text = raw.decode("utf-8-sig").replace("\r\n", "\n")
        except UnicodeDecodeError as exc:
            diags.append(Diagnostic(display, 0, 0, f"the lesson is not UTF-8 (byte 0x{raw[exc.start]:02x})",
                                    "save it with UTF-8 encoding"))
            continue
        meta, body, body_line = _front_matter(text, display, diags)
        # Plain text from here on: a front-matter title as typed, a heading without its Markdown.
        title = str(meta.get("title") or markdown_text(_first_heading(body)) or Path(rel).stem.replace("-", " ").capitalize())
        lessons.append(Lesson(rel, title, meta, body, body_line))
    return lessons, diags


def _front_matter(text: str, display: str, diags: list[Diagnostic]) -> tuple[dict, str, int]:
    m = re.match(r"---\n(.*?\n)---\n", text, re.S)
    if not m:
        return {}, text, 1
    doc = load_text("\n" + m.group(1), Document(display))  # the leading newline keeps line numbers true
    diags.extend(doc.diagnostics)
    meta = doc.data if isinstance(doc.data, dict) else {}
    for key in meta:
        if key not in LESSON_FIELDS | MKDOCS_FIELDS:
            doc.diag((key,), f"unknown field '{key}' in the lesson's front matter",
                     did_you_mean(key, sorted(LESSON_FIELDS | MKDOCS_FIELDS)), "warning", at_key=True)
    if "minutes" in meta and not isinstance(meta["minutes"], int):
        doc.diag(("minutes",), "'minutes' should be a whole number (the estimated study time)")
    for key in ("objectives", "tracks", "discussion"):
        if key in meta and not (isinstance(meta[key], list) and all(isinstance(x, str) for x in meta[key])):
            doc.diag((key,), f"'{key}' should be a list of text lines")
    diags.extend(d for d in doc.diagnostics if d not in diags)
    return meta, text[m.end():], text[: m.end()].count("\n") + 1


def _first_heading(body: str) -> str:
    m = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.M)
    return m.group(1) if m else ""


def split_parts(lesson: Lesson) -> list[Lesson]:
    """A lesson with [[part: TITLE]] lines as one page per part. The first keeps the lesson's path, title, objectives
    and facilitator notes; each other part is `<name>-part-N.md` beside it with its own heading; each part's minutes
    are its share of the lesson's. Errors in any part point at the lesson's own file and line."""
    cuts, fenced = [], False
    lines = lesson.body.split("\n")
    for n, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced and PART.match(line):
            cuts.append((n, PART.match(line).group(1)))
    if not cuts:
        return [lesson]
    bounds = [(0, "")] + cuts
    minutes = lesson.meta.get("minutes") if isinstance(lesson.meta.get("minutes"), int) else 0
    sizes = [len("\n".join(lines[s:(bounds[i + 1][0] if i + 1 < len(bounds) else len(lines))]))
             for i, (s, _) in enumerate(bounds)]
    done = [round(minutes * sum(sizes[:i + 1]) / (sum(sizes) or 1)) for i in range(len(sizes))]  # shares add up
    stem = lesson.path[:-3]
    parts = []
    for i, (start, name) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(lines)
        chunk = "\n".join(lines[start + (1 if i else 0):end])
        meta = dict(lesson.meta) if i == 0 else {k: v for k, v in lesson.meta.items()
                                                 if k not in ("objectives", "discussion", "roleplay", "title")}
        if minutes:
            meta["minutes"] = max(1, done[i] - (done[i - 1] if i else 0))
        if i == 0:
            parts.append(replace(lesson, body=chunk, meta=meta, part=(1, len(bounds))))
            continue
        title = f"{lesson.title}: {name}"
        parts.append(Lesson(f"{stem}-part-{i + 1}.md", title, meta, f"# {md_text(title)}\n{chunk}",
                            lesson.body_line + start, lesson.source or lesson.path, (i + 1, len(bounds))))
    return parts


def part_anchors(lessons: list[Lesson]) -> dict[tuple[str, str], str]:
    """(a lesson's own path, a heading's anchor) -> the part's page that now holds that heading."""
    out = {}
    for l in lessons:
        if l.part[1] > 1:
            for anchor, _ in headings(l.body):
                out[(l.source or l.path if l.part[0] > 1 else l.path, anchor)] = l.path
    return out


def retarget_parts(line: str, page: str, anchors: dict[tuple[str, str], str]) -> str:
    """A link to a heading of a lesson in parts goes to the part that holds it."""
    def to_part(m: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), m.group(2)))
        part = anchors.get((target, (m.group(3) or "#")[1:]))
        if not part or part == target:
            return m.group(0)
        return f"[{m.group(1)}]({posixpath.relpath(part, posixpath.dirname(page) or '.')}{m.group(3)})"

    return LINK.sub(to_part, line) if "](" in line and anchors else line


def track_lessons(lessons: list[Lesson], config: CourseConfig, track: Track) -> list[Lesson]:
    """The lessons an edition shows, in order. An edition's home page takes the place of index.md there and
    appears in no other edition."""
    homes = {t.home for t in config.tracks.values() if t.home}
    shown = [l for l in lessons if lesson_in_track(l, track) and l.path not in homes]
    home = next((l for l in lessons if l.path == track.home), None)
    if home is None:
        return shown
    own = replace(home, path="index.md", source=home.path)
    return [own] + [l for l in shown if l.path != "index.md"]


LINK = re.compile(r"\[([^\]]+)\]\(([^)\s#]+\.md)(#[^)\s]*)?\)")


def unlink_left_out(line: str, page: str, left_out: set[str]) -> str:
    """Links to lessons this edition leaves out become their words: the reader sees no dead link."""
    def plain(m: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), m.group(2)))
        return m.group(1) if target in left_out else m.group(0)

    return LINK.sub(plain, line) if "](" in line else line


TAB = re.compile(r'^(\s*)===\+? "(.*)"\s*$')


def tabs_first(body: str, label: str) -> str:
    """Every tab set with a tab called `label` opens on it: that tab moves to the front of its set."""
    lines, out, i = body.split("\n"), [], 0
    while i < len(lines):
        m = TAB.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        indent, tabs = len(m.group(1)), []
        while i < len(lines) and (m := TAB.match(lines[i])) and len(m.group(1)) == indent:
            start, i = i, i + 1
            while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
                i += 1
            tabs.append(lines[start:i])
        trailing = len(tabs[-1]) - len("\n".join(tabs[-1]).rstrip("\n").split("\n"))  # blank lines after the set
        tabs = [t[:len("\n".join(t).rstrip("\n").split("\n"))] for t in tabs]
        for n, tab in enumerate(sorted(tabs, key=lambda t: TAB.match(t[0]).group(2) != label)):  # a stable sort
            out.extend(([""] if n else []) + tab)
        out.extend([""] * trailing)
    return "\n".join(out)


# Pages ------------------------------------------------------------------------------------------------------------

class Pages:
    """Builds the docs folder for one track."""

    # Pre-rendered blocks go between generator.stash's markers, so the Markdown parser never walks them. False gives
    # the plain raw-HTML Markdown the extension must not change (a test builds both and compares the sites).
    stash = True

    def __init__(self, course: Course, config: CourseConfig, track: Track, lessons: list[Lesson], dir_urls: bool = True):
        self.course, self.config, self.track = course, config, track
        self.lessons = [part for l in track_lessons(lessons, config, track) for part in split_parts(l)]
        self.anchors = part_anchors(self.lessons)
        shown = {l.source or l.path for l in self.lessons}
        self.left_out = {l.path for l in lessons if l.path not in shown} - {"index.md"}
        self.dir_urls = dir_urls  # MkDocs' use_directory_urls (false in the offline build): the learner pages need it
        self.strings = load_strings(config.language, config.root)
        self.r = Renderer(course, Markup(), self.strings, audiences=track.audiences)
        ours = [e for e in course.exercises.values() if in_track(e, track)]
        self.exercises = [e for e in ours if not e.self_test]  # self-test items appear on their own page only
        self.self_test = self_test_items(ours)
        self.by_topic: dict[str, list[Exercise]] = {t: [] for t in course.taxonomy.topics}
        for ex in self.exercises:
            for t in ex.topics:
                self.by_topic[t].append(ex)
        self._html: dict[str, str] = {}
        self.placements: dict[str, str] = {}  # exercise id -> the page it is taught on (its first), as lessons place it
        # Dialogue pages, side-by-side pages and the index of conversations (generator/dialogue_pages.py).
        self.conversations = DialoguePages(self)

    def block(self, html: str) -> str:
        """A pre-rendered HTML block as it goes into a page's Markdown."""
        return mark(html) if self.stash else html

    def exercise_html(self, ex: Exercise) -> str:
        if ex.id not in self._html:
            self._html[ex.id] = render_exercise(ex, self.r)
        return self._html[ex.id]

    def build(self) -> Site:
        """Lessons and practice pages first: placing their exercises decides where each is taught, which the
        conversation pages (links to the coding exercises) and the progress pages (modules) read."""
        lessons = Section({l.path: self.lesson_page(l) for l in self.lessons}, self.lesson_nav(self.lessons))
        practice = self.practice_pages()
        placements = dict(self.placements)
        conversations = self.conversations.pages(placements)
        progress = LearnerPages(self, self.dir_urls).pages(placements)
        files = {**lessons.files, **practice.files, **conversations.files, **progress.files}
        for path, note in progress.notes.items():
            if path in files:
                files[path] = files[path].rstrip("\n") + "\n\n" + note
        # Home, then the learner's progress (found without scrolling past every module), the lessons, the
        # conversations, and Practice last.
        nav = lessons.nav[:1] + progress.nav + lessons.nav[1:] + conversations.nav + practice.nav
        return Site(files=files, nav=nav, placements=placements)

    def lesson_page(self, lesson: Lesson) -> str:
        out = []
        placed: dict[str, None] = {}  # what the page holds, in page order (exercise ids, "dialogue:ID")
        body = tabs_first(lesson.body, self.track.first_tab) if self.track.first_tab else lesson.body
        for _, line, m, fenced in read(body):
            if m:
                out.append(self.directive(*m.groups(), placed, lesson.path))
            else:
                out.append(line if fenced else
                           retarget_parts(unlink_left_out(line, lesson.path, self.left_out), lesson.path, self.anchors))
        body = "\n".join(out)
        meta = {k: v for k, v in lesson.meta.items() if k in MKDOCS_FIELDS}
        title = lesson.title if lesson.path != "index.md" or "title" in lesson.meta else ""
        body = self.lesson_header(lesson, body, [i for i in placed if i in self.course.exercises])
        if lesson.path == "index.md":
            body = self.start_button(body)
        return page_source(title, body, meta)

    def start_button(self, body: str) -> str:
        """The home page is long: right under its title, a button to the first lesson (Material's own button style)."""
        first = next((x.path for x in self.lessons if x.path != "index.md" and lesson_in_track(x, self.track)), None)
        if not first:
            return body
        button = f'\n\n[{md_text(self.strings["start_course"])}]({first}){{ .md-button .md-button--primary }}\n\n'
        m = re.search(r"^#\s+.+$", body, re.M)
        return body[: m.end()] + button + body[m.end():] if m else button + body

    def exercise_targets(self, ids: list[str]) -> list[tuple[str, str]]:
        """(anchor, label) of exercises on a page: the title, else the kind and its place on the page."""
        kinds = self.strings["kinds"]
        exs = [self.course.exercises[i] for i in ids]
        return [(f"ex-{e.id}", e.title or f"{kinds[e.kind]} {n}") for n, e in enumerate(exs, 1)]

    def jump(self, targets: list[tuple[str, str]]) -> str:
        return jump_nav(targets, self.strings["on_this_page"])

    def lesson_header(self, lesson: Lesson, body: str, exercises: list[str]) -> str:
        """Which part this is, objectives and estimated time go right under the page title, then links to each
        section of a long page."""
        meta = lesson.meta
        parts = []
        n, of = lesson.part
        if of > 1:
            parts.append(f'<p class="mi-part">{escape(self.strings["part_of"].format(n=n, total=of))}</p>')
        if meta.get("minutes"):
            parts.append(f'<p class="mi-time">{escape(self.strings["minutes"].format(n=meta["minutes"]))}</p>')
        if meta.get("objectives"):
            items = "".join(f"<li>{self.r.inline(o)}</li>" for o in meta["objectives"])
            parts.append(f'<div class="admonition abstract"><p class="admonition-title">'
                         f'{escape(self.strings["objectives"])}</p><ul>{items}</ul></div>')
        sections = headings(body, 2)
        if len(sections) < JUMP_AT:
            sections = headings(body, 3)  # few sections: their subsections
        if len(sections) < JUMP_AT:  # still few: the exercises
            sections = self.exercise_targets(exercises)
        if len(sections) >= JUMP_AT:
            parts.append(self.jump(sections))
        if not parts:
            return body
        block = "\n\n" + "\n".join(parts) + "\n\n"
        m = re.search(r"^#\s+.+$", body, re.M)
        return body[: m.end()] + block + body[m.end():] if m else block + body

    def directive(self, name: str, arg: str, placed: dict, page: str) -> str:
        if problem(name, arg, self.course):
            return ""  # reported by check (generator/directives.py), which stops the build first
        if name == "exercise":
            ex = self.course.exercises[arg]
            return self.place([ex], placed, page) if in_track(ex, self.track) else ""
        if name == "topic":
            return self.place(self.by_topic[arg], placed, page)
        if f"dialogue:{arg}" in placed or not in_track(self.course.dialogues[arg], self.track):
            return ""  # twice on one page would repeat its element ids
        placed[f"dialogue:{arg}"] = None
        return self.conversations.embed(arg, page)

    def place(self, exercises: list[Exercise], placed: dict, page: str) -> str:
        blocks = []
        for ex in exercises:
            if ex.id in placed:
                continue  # twice on one page would repeat its element ids
            placed[ex.id] = None
            self.placements.setdefault(ex.id, page)
            blocks.append(self.block(self.exercise_html(ex)))
        return "\n\n" + "\n\n".join(blocks) + "\n\n" if blocks else ""

    def practice_pages(self) -> Section:
        """A page per topic with every exercise of it, and their index."""
        tax = self.course.taxonomy
        files: dict[str, str] = {}
        practice = self.strings["practice"]
        index = [f"# {md_text(practice)}\n", self.strings["practice_intro"] + "\n"]
        for group, label in (tax.groups or {"": ""}).items():
            topics = [t for t in tax.topics.values() if t.group == group and self.by_topic[t.id]]
            if not topics:
                continue
            if label:
                index.append(f"\n## {md_text(label)}\n")
            for t in topics:
                index.append(f"- [{md_text(t.label)}]({t.id}.md) ({len(self.by_topic[t.id])})")
                files.update(self.practice_topic(t.id, f"{practice}: {t.label}"))
        files[f"{PRACTICE_DIR}/index.md"] = page_source(practice, "\n".join(index) + "\n")
        nav = [f"{PRACTICE_DIR}/index.md"] + [
            {t.label: f"{PRACTICE_DIR}/{t.id}.md"} for t in tax.topics.values() if self.by_topic[t.id]]
        return Section(files, [{practice: nav}])

    def practice_topic(self, topic: str, title: str) -> dict[str, str]:
        """A topic's practice, PRACTICE_PAGE exercises a page (a phone scrolls through a page, not a topic), each
        page linking to the one before and after."""
        exercises = self.by_topic[topic]
        chunks = [exercises[i:i + PRACTICE_PAGE] for i in range(0, len(exercises), PRACTICE_PAGE)] or [[]]
        names = [f"{topic}.md"] + [f"{topic}-{n}.md" for n in range(2, len(chunks) + 1)]
        s, out = self.strings, {}
        for n, chunk in enumerate(chunks):
            page = f"{PRACTICE_DIR}/{names[n]}"
            heading = title if len(chunks) == 1 else s["practice_part"].format(title=title, n=n + 1, total=len(chunks))
            links = [f"[{md_text(s['previous_page'])}]({names[n - 1]})"] if n else []
            links += [f"[{md_text(s['next_page'])}]({names[n + 1]})"] if n + 1 < len(chunks) else []
            pager = f"\n\n{' · '.join(links)}\n{{: .mi-pager }}\n" if links else ""
            body = self.place(chunk, {}, page)
            jump = self.block(self.jump(self.exercise_targets([e.id for e in chunk]))) if len(chunk) >= JUMP_AT else ""
            # Its exercises are the lessons' again: out of search, so a hit lands on the lesson that teaches them.
            out[page] = page_source(heading, f"# {md_text(heading)}\n{pager}\n{jump}\n{body}{pager}",
                                    {"search": {"exclude": True}})
        return out

    def lesson_nav(self, lessons: list[Lesson]) -> list:
        """The lessons in the nav: a top-level file stands alone, a folder is a section."""
        nav: list = []
        sections: dict[str, list] = {}
        for lesson in lessons:
            parts = lesson.path.split("/")
            if len(parts) == 1:
                nav.append({lesson.title: lesson.path})
                continue
            folder = parts[0]
            if folder not in sections:
                sections[folder] = []
                nav.append({folder.split("-", 1)[-1].replace("-", " ").capitalize() if folder[:2].isdigit()
                            else folder.replace("-", " ").capitalize(): sections[folder]})
            sections[folder].append({lesson.title: lesson.path})
        return nav


def build_pages(course: Course, config: CourseConfig, track: Track, lessons: list[Lesson], dir_urls: bool = True,
                stash: bool = True) -> Site:
    pages = Pages(course, config, track, lessons, dir_urls)
    pages.stash = stash
    return pages.build()
