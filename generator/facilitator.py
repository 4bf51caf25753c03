"""The facilitator guide: per module the objectives, timing, discussion prompts and role-play cards, an observer
coding sheet, the review status of every item and an answer key with every answer open. Built on request only."""
from __future__ import annotations

import re

from . import codes
from .markup import Markup, escape, md_text, page_source
from .kinds import KINDS
from .model import Course, Exercise
from .frame import Renderer
from .render import render_exercise
from .directives import read
from .site import Lesson

# Printed, the guide is a handout: answers open, the learner's controls gone (the key below each exercise repeats every
# option with its verdict), exercises flowing across pages (kept whole, most took a page of their own), type a size
# smaller than on screen (about 10 pt), and role-play briefs as cards to cut apart along their dashed edge.
GUIDE_CSS = """
.mi-card{border:2px dashed var(--md-default-fg-color--light);border-radius:.2rem;padding:.2rem 1rem;margin:1rem 0;break-inside:avoid}
.mi-review{font-size:.75rem}
@media print{.md-header,.md-tabs,.md-sidebar,.md-footer,.md-top{display:none!important}
html{font-size:100%!important}.md-typeset .mi-ex{margin:.5em 0}.md-typeset .mi-keylist{margin:.3em 0}
.md-main__inner{margin:0}.md-content__inner>h1:first-child{margin-top:0}.mi-ex{break-inside:auto}
.md-typeset details.mi-answer{display:block;overflow:visible}
.mi-card,.mi-review,table{break-inside:avoid}.mi-review{break-after:avoid}
details.mi-answer>summary,{pickers},.mi-actions,.mi-status,.mi-note,
.mi-ex input[type=radio],.mi-ex input[type=checkbox],.mi-ex button{display:none!important}}
"""


def guide_css() -> str:
    """The guide's stylesheet; each kind's folder names its learner inputs (`PICKER`), which the guide hides."""
    return GUIDE_CSS.replace("{pickers}", ",".join(dict.fromkeys(k.picker for k in KINDS.values() if k.picker)))


def placed_ids(lesson: Lesson, course: Course) -> list[str]:
    """The exercises a lesson places, in page order, through [[exercise: ...]] and [[topic: ...]] lines."""
    out = []
    for _, _, m, _ in read(lesson.body):
        if not m:
            continue
        name, arg = m.groups()
        if name == "exercise" and arg in course.exercises:
            out.append(arg)
        elif name == "topic":
            out.extend(e.id for e in course.exercises.values() if arg in e.topics)
    return list(dict.fromkeys(out))


def review_line(ex: Exercise) -> str:
    rv = ex.review
    who = f" by {escape(rv.by)}" if rv.by else ""
    when = f", {escape(rv.date)}" if rv.date else ""
    return f'<p class="mi-review">Review: <strong>{escape(rv.status)}</strong>{who}{when} · <code>{ex.id}</code> · {ex.origin.path}:{ex.origin.line}</p>'


def key_html(ex: Exercise, r: Renderer) -> str:
    return review_line(ex) + "\n" + render_exercise(ex, r)


def roleplay_cards(lesson: Lesson, r: Renderer) -> str:
    cards = []
    for card in lesson.meta.get("roleplay") or []:
        if not isinstance(card, dict):
            continue
        title = escape(str(card.get("title", "Role play")))
        cards.append(f"<h3>{title}</h3>")
        for role, label in (("client", "Client brief"), ("practitioner", "Practitioner brief"), ("observer", "Observer")):
            if card.get(role):  # one card per brief: each player gets only their own
                cards.append(f'<div class="mi-card mi-card--{role}"><p><strong>{label}</strong> · {title}</p>'
                             f"{r.block(str(card[role]))}</div>")
    return "\n".join(cards)


def module_page(lesson: Lesson, course: Course, r: Renderer) -> str:
    meta = lesson.meta
    out = [f"# {md_text(lesson.title)}\n"]
    if meta.get("minutes"):
        out.append(f"**Timing:** about {meta['minutes']} minutes of self-study; plan about twice that for a group.\n")
    if meta.get("objectives"):
        out.append("## Objectives\n\n" + html_list(meta["objectives"], r))
    if meta.get("discussion"):
        out.append("## Discussion prompts\n\n" + html_list(meta["discussion"], r))
    cards = roleplay_cards(lesson, r)
    if cards:
        out.append("## Role-play cards\n\nPractise in pairs or triads: one client, one practitioner, one observer "
                   "with the [observer coding sheet](../observer-sheet.md).\n\n" + cards + "\n")
    ids = placed_ids(lesson, course)
    if ids:
        out.append("## Answer key\n")
        out.extend(key_html(course.exercises[i], r) + "\n" for i in ids)
    return page_source(lesson.title, "\n".join(out))


def html_list(items: list, r: Renderer) -> str:
    """Front-matter lines (Markdown) as a list the page's own Markdown step leaves alone."""
    return "<ul>" + "".join(f"<li>{r.inline(str(x))}</li>" for x in items) + "</ul>\n"


def observer_sheet(r: Renderer) -> str:
    rows = "\n".join(f"| {r.code_label(c)} | | |" for c in codes.BEHAVIOURS)
    talk = "\n".join(f"| {r.talk_label(t)} | | |" for t in ("change", "sustain", "discord"))
    return f"""# Observer coding sheet

Tally each practitioner utterance with one behaviour code (a turn can carry a reflection and a question). Codes
follow MITI 4.2.1 (Moyers, Manuel & Ernst, 2014). In a practice round of a few minutes the figures are for
discussion only: the published thresholds assume a coded 20-minute segment.

| practitioner behaviour | tally | count |
|---|---|---|
{rows}

| client language | tally | count |
|---|---|---|
{talk}

A client utterance that says both sides (*"I should cut down, but it's the only thing that helps me sleep"*) gets a
tally in each row it speaks to, as the course's dialogues give it a label for each part.

| figure | formula | fair | good |
|---|---|---|---|
| reflection-to-question ratio | (SR + CR) / Q | 1:1 | 2:1 |
| % complex reflections | CR / (SR + CR) | 40% | 50% |
| MI-adherent | Seeking collaboration + Affirm + Emphasizing autonomy | count | count |
| MI non-adherent | Confront + Persuade | count | count |

What did the practitioner do that drew change talk? Where did sustain talk or discord rise, and what came just before?
"""


def review_page(course: Course) -> str:
    rows = [f"| `{e.id}` | {e.kind} | {', '.join(e.topics)} | {md_text(e.review.status)} | {md_text(e.review.by)} | "
            f"{md_text(e.review.date)} |"
            for e in course.exercises.values()]
    draft = sum(e.review.status != "reviewed" for e in course.exercises.values())
    return ("# Review status\n\n"
            f"{len(rows) - draft} of {len(rows)} items are marked reviewed by an MI trainer; {draft} are drafts.\n\n"
            "| id | kind | topics | status | by | date |\n|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n")


def answer_key_pages(course: Course, r: Renderer) -> dict[str, tuple[str, str]]:
    """Every exercise once, under the group of its first topic: path -> (label, page)."""
    groups: dict[str, list[Exercise]] = {}
    for ex in course.exercises.values():
        topic = course.taxonomy.topics.get(ex.topics[0])
        groups.setdefault(topic.group if topic else "", []).append(ex)
    pages = {}
    for group, label in {**course.taxonomy.groups, "": "Other"}.items():
        if groups.get(group):
            slug = re.sub(r"[^a-z0-9]+", "-", (group or "other").lower())
            title = f"Answer key: {label}"
            pages[f"answer-key/{slug}.md"] = (label, page_source(title, f"# {md_text(title)}\n\n"
                                                                + "\n\n".join(key_html(e, r) for e in groups[group])))
    return pages


def guide(course: Course, lessons: list[Lesson], strings: dict, title: str) -> tuple[dict[str, str], list]:
    """The guide's docs folder (path -> Markdown) and nav."""
    r = Renderer(course, Markup(), strings, reveal=True)
    files = {"index.md": f"""# Facilitator guide: {md_text(title)}

This guide is for trainers running the course with a group. It holds, per module, the objectives, timing,
discussion prompts and role-play cards; an observer coding sheet for live practice; the review status of every
item; and an answer key with every answer, every option's feedback, model answers, the expert codes of coding
exercises and every path through each practice conversation. Print it from your browser (answers print open).

It is built only on request (`mi-course build --facilitator`) and is not part of the learner site.
""", "observer-sheet.md": observer_sheet(r), "review-status.md": review_page(course)}
    modules = []
    for lesson in lessons:
        path = "modules/" + lesson.path
        files[path] = module_page(lesson, course, r)
        modules.append({lesson.title: path})
    keys = answer_key_pages(course, r)
    files.update({path: page for path, (_, page) in keys.items()})
    files["assets/facilitator.css"] = guide_css()
    nav = ["index.md", {"Modules": modules}, "observer-sheet.md", "review-status.md",
           {"Answer key": [{label: path} for path, (label, _) in keys.items()]}]
    return files, nav
