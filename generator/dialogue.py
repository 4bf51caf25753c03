"""Annotated dialogue pages: a chat-style transcript with code badges and notes, a legend, summary figures.

Everything here is HTML from the model (no disk, no MkDocs). Links between pages are written by `dialogue_pages`
as Markdown, so that MkDocs resolves them for every URL style (directory URLs, offline builds).
Without JavaScript the annotations are shown; the script adds the switch that hides them and remembers it.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import codes
from .figures import (MIN_COUNT, PCT_CR, PCT_OQ, RQ, Figures, Threshold, compute, fmt_pct, fmt_ratio, is_coded, rq_verdict,
                      verdict)
from .markup import escape
from .model import Dialogue, Turn

GROUPS = {
    "giving_information": "info", "persuade": "nonadherent", "confront": "nonadherent",
    "persuade_with_permission": "pwp", "question": "question", "simple_reflection": "reflection",
    "complex_reflection": "reflection", "affirm": "adherent", "seeking_collaboration": "adherent",
    "emphasizing_autonomy": "adherent",
}


def code_badge(value: str, r) -> str:
    base = codes.split(value)[0]
    return (f'<li class="mi-badge mi-badge--{GROUPS[base]}" data-code="{escape(value)}">'
            f"{escape(r.code_label(value))}</li>")


def talk_badge(value: str, r) -> str:
    base = codes.split(value)[0]
    return f'<li class="mi-badge mi-badge--{base}" data-talk="{escape(value)}">{escape(r.talk_label(value))}</li>'


def _s(r, key: str) -> str:
    return r.strings["dialogue"][key]


# Transcript -------------------------------------------------------------------------------------------------------

def as_typed(text: str) -> str:
    """Text shown exactly as typed (`markup: plain`): escaped, blank lines make paragraphs, line breaks stay."""
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p.strip()).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def text_html(d: Dialogue, text: str, r) -> str:
    return as_typed(text) if d.markup == "plain" else r.block(text)


def turn_id(d: Dialogue, n: int) -> str:
    """The anchor of turn n, unique on a page that shows several dialogues: a trainer can link to "turn 87"."""
    return f"dlg-{d.id}-{n}"


def turn_html(turn: Turn, n: int, d: Dialogue, r, next_note: int = 0) -> str:
    """One turn, numbered and linkable; a note links on to the next note (`next_note`: its turn, 0 for none)."""
    who = d.practitioner if turn.speaker == "practitioner" else d.client
    ann = ""
    if turn.codes:
        ann += f'<ul class="mi-badges" aria-label="{escape(_s(r, "codes_label"))}">{"".join(code_badge(c, r) for c in turn.codes)}</ul>'
    if turn.talk:
        ann += f'<ul class="mi-badges" aria-label="{escape(_s(r, "talk_label"))}">{"".join(talk_badge(t, r) for t in turn.talk)}</ul>'
    if turn.note:
        more = (f'<p><a href="#{turn_id(d, next_note)}">{escape(_s(r, "next_note").format(n=next_note))}</a></p>'
                if next_note else "")
        ann += (f'<div class="mi-dlg__note"><span class="mi-sr">{escape(_s(r, "note_label"))}: </span>'
                f"{text_html(d, turn.note, r)}{more}</div>")
    number = f'<a href="#{turn_id(d, n)}" aria-label="{escape(_s(r, "turn").format(n=n))}">{n}</a>'
    return (f'<li class="mi-dlg__turn mi-dlg__turn--{turn.speaker}" id="{turn_id(d, n)}" data-turn="{n}">'
            f'<div class="mi-dlg__bubble"><p class="mi-dlg__who">{number} · {escape(who.name)}</p>'
            f'<div class="mi-dlg__text">{text_html(d, turn.text, r)}</div></div>'
            + (f'<div class="mi-dlg__ann">{ann}</div>' if ann else "") + "</li>")


def note_turns(d: Dialogue) -> list[int]:
    """The numbers of the turns that carry a note."""
    return [n for n, t in enumerate(d.turns, 1) if t.note]


def people_html(d: Dialogue, r) -> str:
    def one(p) -> str:
        return f"<strong>{escape(p.name)}</strong>" + (f" ({escape(p.role)})" if p.role else "")

    return f'<p class="mi-dlg__people">{escape(_s(r, "participants"))} {one(d.practitioner)}, {one(d.client)}</p>'


def meta_items(d: Dialogue, r) -> list[str]:
    tax = r.course.taxonomy
    items = [escape(_s(r, f"style_{d.style}"))]
    if d.setting:
        items.append(escape(tax.settings.get(d.setting, d.setting)))
    items.extend(escape(tax.audiences.get(a, a)) for a in d.audience)
    if d.review.status == "reviewed" and d.review.by:
        items.append(escape(_s(r, "review_reviewed").format(by=d.review.by)))
    return items


def meta_html(d: Dialogue, r) -> str:
    return f'<p class="mi-dlg__meta mi-dlg__meta--{d.style}">{" · ".join(meta_items(d, r))}</p>'


def toggle_html(r) -> str:
    """Hidden until the script runs: without it the annotations simply stay on. The label says what a press does
    (the script swaps it from data-on / data-off), so it carries both words; its page is the only one that needs them."""
    hide, show = escape(_s(r, "annotations_hide")), escape(_s(r, "annotations"))
    return (f'<div class="mi-dlg__bar" hidden data-search-exclude><button type="button" class="mi-btn mi-dlg__toggle" data-dlg="annotations" '
            f'aria-pressed="true" data-on="{hide}" data-off="{show}">{hide}</button></div>')


def transcript_html(d: Dialogue, r, label: str = "", head: str = "") -> str:
    """The dialogue's section: switch, context, participants and turns. `label` names it for screen readers."""
    notes = note_turns(d)
    after = dict(zip(notes, notes[1:]))
    turns = "\n".join(turn_html(t, n, d, r, after.get(n, 0)) for n, t in enumerate(d.turns, 1))
    context = f'<div class="mi-context">{r.block(d.context)}</div>' if d.context else ""
    name = f' aria-label="{escape(label)}"' if label and not head else f' aria-labelledby="dlg-{d.id}-t"' if head else ""
    return (f'<section class="mi-dialogue mi-dialogue--{d.style}" id="dlg-{d.id}" data-dialogue="{d.id}"{name}>\n'
            f"{head}{toggle_html(r)}{context}{people_html(d, r)}\n"
            f'<ol class="mi-dlg__turns">\n{turns}\n</ol>\n</section>')


def render_dialogue(d: Dialogue, r) -> str:
    """A dialogue placed in a lesson with `[[dialogue: id]]`: title, transcript and a legend to open."""
    head = (f'<header class="mi-dlg__head"><p class="mi-dlg__title" id="dlg-{d.id}-t">{escape(d.title)}</p>'
            f"{meta_html(d, r)}</header>")
    body = transcript_html(d, r, head=head)
    legend = (f'<details class="mi-dlg__legend" data-search-exclude><summary>{escape(_s(r, "legend"))}</summary>\n'
              f"{legend_html([d], r)}\n</details>")
    return body.replace("\n</section>", "\n" + legend + "\n</section>")


# Legend -----------------------------------------------------------------------------------------------------------

def legend_html(dialogues: list[Dialogue], r) -> str:
    """The codes and talk types these dialogues use, each with a one-line meaning."""
    used_codes = {codes.split(c)[0] for d in dialogues for t in d.turns for c in t.codes}
    used_talk = {codes.split(v)[0] for d in dialogues for t in d.turns for v in t.talk}
    rows = [f'<dt><ul class="mi-badges"><li class="mi-badge mi-badge--{GROUPS[c]}">{escape(r.strings["codes"][c])}</li></ul></dt>'
            f'<dd>{escape(r.strings["code_help"][c])}</dd>' for c in codes.BEHAVIOURS if c in used_codes]
    rows += [f'<dt><ul class="mi-badges"><li class="mi-badge mi-badge--{t}">{escape(r.strings["talk"][t])}</li></ul></dt>'
             f'<dd>{escape(r.strings["talk_help"][t])}</dd>' for t in codes.TALK_TYPES if t in used_talk]
    return (f'<div class="mi-legend"><p class="mi-legend__intro">{escape(_s(r, "legend_intro"))}</p>'
            f'<dl class="mi-legend__list">{"".join(rows)}</dl></div>')


# Figures ----------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    label: str
    figures: Figures
    key: str = ""  # data-col, for the script that fills in a learner's column
    coded: tuple[str, ...] = ()  # what the coding covers (a dialogue's `coded:`); empty: everything


def _f(r, key: str) -> str:
    return r.strings["fig"][key]


def _level(r, lv: str, t: Threshold, few: str = "") -> str:
    """The verdict's badge: a level, or why there is none ("too few reflections for a verdict")."""
    if lv == "n/a":
        return ""
    names = {"good": "level_competency", "fair": "level_beginning"} if t is PCT_OQ else {}
    if lv == "few":  # a sentence, not a badge: it wraps on a phone
        return f' <span class="mi-figs__detail mi-figs__few">{escape(_f(r, few).format(n=MIN_COUNT))}</span>'
    return f' <span class="mi-level mi-level--{lv}">{escape(_f(r, names.get(lv, f"level_{lv}")))}</span>'


def _cell(name: str, value: str, extra: str = "", detail: str = "", col: str = "") -> str:
    more = f'<span class="mi-figs__detail">{escape(detail)}</span>' if detail else ""
    key = f' data-col="{col}"' if col else ""
    return f'<td data-fig="{name}"{key}><span class="mi-figs__value">{escape(value)}</span>{extra}{more}</td>'


def _table(caption: str, head: list[str], rows: list[str], cls: str = "") -> str:
    ths = "".join(f'<th scope="col">{h}</th>' for h in head)
    # The box scrolls sideways when the table is wider than a phone (wide fonts, long labels), never the page;
    # it takes the focus so that keyboard users can scroll it too.
    return (f'<div class="mi-figs__wrap" role="region" tabindex="0" aria-label="{escape(caption)}">'
            f'<table class="mi-figs__table{" " + cls if cls else ""}"><caption>{escape(caption)}</caption>'
            f"<thead><tr>{ths}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def figures_html(columns: list[Column], r, dom_id: str, chart: bool = True, client: bool = True) -> str:
    """The summary figures of one or more codings (a dialogue; two paired dialogues; a learner and the expert).

    `client=False` leaves out what a learner coding only behaviour codes cannot give: open questions, client talk.
    """
    f = r.strings["fig"]
    heads = [escape(c.label) for c in columns]

    def row(label: str, cells: list[str], fair: str = "", good: str = "", span: str = "") -> str:
        tail = f'<td colspan="2">{escape(span)}</td>' if span else f"<td>{escape(fair)}</td><td>{escape(good)}</td>"
        return f'<tr><th scope="row">{escape(label)}</th>{"".join(cells)}{tail}</tr>'

    def cols(fn, name: str) -> list[str]:
        def one(c: Column) -> str:
            html = fn(c.figures) if is_coded(c.coded, name) else _cell(name, f["not_coded"])
            return html.replace("<td ", f'<td data-col="{c.key}" ', 1) if c.key else html

        return [one(c) for c in columns]

    practitioner = _table(f["practitioner_caption"], [f["figure"], *heads, f["fair"], f["good"]], [
        row(f["rq"], cols(lambda g: _cell("rq", fmt_ratio(g.rq), _level(r, rq_verdict(g), RQ, "few_rq"),
                                          f["rq_detail"].format(r=g.reflections, q=g.questions)), "rq"),
            fmt_ratio(RQ.fair), fmt_ratio(RQ.good)),
        row(f["pct_cr"], cols(lambda g: _cell("pct_cr", fmt_pct(g.pct_cr),
                                              _level(r, verdict(g.pct_cr, PCT_CR, g.reflections), PCT_CR, "few_reflections"),
                                              f["n_of"].format(n=g.counts["complex_reflection"], total=g.reflections)),
                              "pct_cr"),
            fmt_pct(PCT_CR.fair), fmt_pct(PCT_CR.good)),
        row(f["adherent"], cols(lambda g: _cell("adherent", str(g.adherent)), "adherent"), span=f["count_only"]),
        row(f["non_adherent"], cols(lambda g: _cell("non_adherent", str(g.non_adherent)), "non_adherent"),
            span=f["count_only"]),
    ])

    def count(col: Column, name: str, n: int) -> str:
        return _cell(name, str(n) if is_coded(col.coded, name) else f["not_coded"], col=col.key)

    counts = _table(f["counts_caption"], [f["code"], *heads], [
        f'<tr><th scope="row">{escape(r.strings["codes"][c])}</th>'
        + "".join(count(col, f"n_{c}", col.figures.counts[c]) for col in columns) + "</tr>"
        for c in codes.BEHAVIOURS] + [
        f'<tr class="mi-figs__total"><th scope="row">{escape(f["total"])}</th>'
        + "".join(_cell("n_total", str(sum(col.figures.counts.values())), col=col.key) for col in columns) + "</tr>"],
        "mi-figs__counts")
    miti3 = _table(f["miti3_caption"], [f["figure"], *heads, escape(f["level_beginning"]), escape(f["level_competency"])], [
        row(f["pct_oq"], cols(lambda g: _cell(
            "pct_oq", fmt_pct(g.pct_oq),
            _level(r, verdict(g.pct_oq, PCT_OQ, g.open_questions + g.closed_questions), PCT_OQ, "few_questions"),
            f["n_of"].format(n=g.open_questions, total=g.open_questions + g.closed_questions)
            + (" " + f["unmarked"].format(n=g.unmarked_questions) if g.unmarked_questions else "")), "pct_oq"),
            fmt_pct(PCT_OQ.fair), fmt_pct(PCT_OQ.good))])
    talk = _table(f["client_caption"], [f["figure"], *heads], [
        *(f'<tr><th scope="row">{escape(f[t])}</th>' + "".join(count(c, f"talk_{t}", c.figures.talk[t]) for c in columns)
          + "</tr>" for t in codes.TALK_TYPES),
        f'<tr><th scope="row">{escape(f["ct_share"])}</th>' + "".join(
            _cell("ct_share", fmt_pct(c.figures.ct_share), "",
                  f["n_of"].format(n=c.figures.talk["change"], total=c.figures.talk["change"] + c.figures.talk["sustain"]))
            if is_coded(c.coded, "ct_share") else _cell("ct_share", f["not_coded"])
            for c in columns) + "</tr>"])
    svg = chart_svg(columns, r, dom_id) if chart else ""
    tail = f'{miti3}\n{talk}\n<p class="mi-figs__note">{escape(f["note_client"])}</p>\n' if client else ""
    return (f'<div class="mi-figs" id="{dom_id}">\n<p class="mi-figs__note">{escape(f["note"])}</p>\n'
            f'<div class="mi-figs__main">{practitioner}{svg}</div>\n{counts}\n{tail}</div>')


def chart_svg(columns: list[Column], r, dom_id: str) -> str:
    """Bars for R:Q, % complex reflections and the change-talk share, with the fair/good marks."""
    f = r.strings["fig"]
    gauges = [("rq", f["rq"], 3.0, RQ, fmt_ratio), ("pct_cr", f["pct_cr"], 1.0, PCT_CR, fmt_pct),
              ("ct_share", f["ct_share"], 1.0, None, fmt_pct)]
    # Each value is written on its own line above its bar, so a wider font than ours never pushes it out of the picture.
    width, left, bar_w, bar_h = 320, 8, 304, 12
    y, parts, summary = 4, [], []
    for key, label, top, threshold, fmt in gauges:
        parts.append(f'<text class="mi-chart__label" x="{left}" y="{y + 11}">{escape(label)}</text>')
        y += 16
        first = y
        for col in columns:
            coded = is_coded(col.coded, key)
            value = getattr(col.figures, key) if coded else None
            shown = fmt(value) if coded else f["not_coded"]
            summary.append(f"{label}{', ' + col.label if len(columns) > 1 else ''}: {shown}")
            tag = shown + (f" · {col.label}" if len(columns) > 1 else "")
            parts.append(f'<text class="mi-chart__value" x="{left}" y="{y + 9}">{escape(tag[:40])}</text>')
            y += 12
            parts.append(f'<rect class="mi-chart__track" x="{left}" y="{y}" width="{bar_w}" height="{bar_h}" rx="2"/>')
            if value is not None:
                w = round(min(value, top) / top * bar_w, 1)
                lv = bar_level(col.figures, key)
                parts.append(f'<rect class="mi-chart__bar mi-chart__bar--{lv if lv in ("good", "fair", "below") else "plain"}" '
                             f'x="{left}" y="{y}" width="{w}" height="{bar_h}" rx="2"/>')
            y += bar_h + 4
        if threshold:
            for mark, word in ((threshold.fair, f["fair"]), (threshold.good, f["good"])):
                x = round(left + mark / top * bar_w, 1)
                parts.append(f'<line class="mi-chart__mark" x1="{x}" x2="{x}" y1="{first + 10}" '
                             f'y2="{y}"/><text class="mi-chart__tick" x="{x}" y="{y + 9}" text-anchor="middle">'
                             f"{escape(word.lower())}</text>")
            y += 12
        y += 8
    title = f'{f["chart"]}: ' + "; ".join(summary)
    return (f'<svg class="mi-chart" role="img" aria-labelledby="{dom_id}-chart" viewBox="0 0 {width} {y}" '
            f'width="{width}" height="{y}" xmlns="http://www.w3.org/2000/svg"><title id="{dom_id}-chart">'
            f"{escape(title)}</title>{''.join(parts)}</svg>")


def bar_level(g: Figures, key: str) -> str:
    """The verdict a bar is coloured by; "few" and figures without thresholds are plain."""
    if key == "rq":
        return rq_verdict(g)
    if key == "pct_cr":
        return verdict(g.pct_cr, PCT_CR, g.reflections)
    return "plain"


def dialogue_figures(d: Dialogue) -> Figures:
    return compute(d.turns)
