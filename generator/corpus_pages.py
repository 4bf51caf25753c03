"""The figures of many dialogues side by side: the overview of every dialogue, and one index page per imported corpus.

A Markdown table (MkDocs resolves its links for every URL style) with each figure's verdict naming its scheme, a
small dot chart, and a page-only script (assets/pages/sort.js) that adds sort buttons; without it the table keeps
its natural order. Nothing here loads on other pages.
"""
from __future__ import annotations

import re

from .figures import PCT_CR, PCT_OQ, RQ, Figures, fmt_pct, fmt_ratio, is_coded, rq_verdict, verdict
from .markup import escape, md_text, page_source
from .model import Dialogue

SCHEME = {"rq": "MITI 4.2.1", "pct_cr": "MITI 4.2.1", "pct_oq": "MITI 3.1.1"}


def natural_key(text: str) -> list:
    """Numbers inside text compare as numbers: 0, 3, 14, 106 (not 0, 106, 14, 3)."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part.casefold()) for part in re.split(r"(\d+)", text) if part]


def natural(dialogues: list[Dialogue]) -> list[Dialogue]:
    return sorted(dialogues, key=lambda d: (natural_key(d.title), natural_key(d.id)))


def corpus_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:60] or "corpus"


def cell(text: str) -> str:
    """Text inside a Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _verdict(s: dict, lv: str, figure: str) -> str:
    if lv in ("n/a", ""):
        return ""
    word = s["fig"]["level_few"] if lv == "few" else s["fig"][
        {"good": "level_competency", "fair": "level_beginning"}.get(lv, f"level_{lv}") if figure == "pct_oq" else f"level_{lv}"]
    return f" · {word} ({SCHEME[figure]})"


def figure_cells(d: Dialogue, g: Figures, s: dict) -> list[str]:
    """R:Q, % complex, % open, change-talk share, the counts behind them: each value with its verdict and scheme."""
    nc = s["fig"]["not_coded"]
    coded = d.coded
    rq = (fmt_ratio(g.rq) if g.questions or not g.reflections else f"{g.reflections}:0") + _verdict(s, rq_verdict(g), "rq") \
        if is_coded(coded, "rq") else nc
    cr = fmt_pct(g.pct_cr) + _verdict(s, verdict(g.pct_cr, PCT_CR, g.reflections), "pct_cr") \
        if is_coded(coded, "pct_cr") else nc
    marked = g.open_questions + g.closed_questions
    oq = fmt_pct(g.pct_oq) + _verdict(s, verdict(g.pct_oq, PCT_OQ, marked), "pct_oq") if is_coded(coded, "pct_oq") else nc
    ct = fmt_pct(g.ct_share) if is_coded(coded, "ct_share") else nc
    counts = [f"{g.reflections}" if is_coded(coded, "pct_cr") else nc, f"{g.questions}" if is_coded(coded, "n_question") else nc,
              f"{g.talk['change']} : {g.talk['sustain']}" if is_coded(coded, "ct_share") else nc]
    return [rq, cr, oq, ct, " / ".join(counts)]


def table_md(rows: list[tuple[Dialogue, Figures, str]], s: dict) -> str:
    """One row per dialogue: (dialogue, its figures, the link to its page)."""
    d_ = s["dialogue"]
    head = [d_["col_dialogue"], d_["col_style"], d_["col_turns"], d_["col_rq"], d_["col_cr"], d_["col_oq"], d_["col_ct"],
            d_["col_counts"]]
    out = ["| " + " | ".join(cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    for d, g, target in rows:
        title = md_text(d.title)
        out.append("| " + " | ".join([f"[{title}]({target})", cell(d_[f"style_{d.style}"]), str(len(d.turns)),
                                      *(cell(c) for c in figure_cells(d, g, s))]) + " |")
    return "\n".join(out)


def chart_svg(rows: list[tuple[Dialogue, Figures, str]], s: dict) -> str:
    """A dot per dialogue, % complex reflections across and R:Q up; filled: MI style, hollow: not (shape, not colour)."""
    width, height, pad = 320, 200, 28
    w, h = width - pad - 8, height - pad - 8
    top_rq = 4.0
    dots = []
    for d, g, _ in rows:
        if g.pct_cr is None or g.rq is None or not (is_coded(d.coded, "rq") and is_coded(d.coded, "pct_cr")):
            continue
        x = round(pad + g.pct_cr * w, 1)
        y = round(8 + h - min(g.rq, top_rq) / top_rq * h, 1)
        fill = "currentColor" if d.style == "mi" else "none"
        dots.append(f'<circle cx="{x}" cy="{y}" r="3.5" fill="{fill}" stroke="currentColor"/>')
    if not dots:
        return ""
    gx, gy = round(pad + PCT_CR.good * w, 1), round(8 + h - RQ.good / top_rq * h, 1)
    axes = (f'<line x1="{pad}" y1="{8 + h}" x2="{pad + w}" y2="{8 + h}" stroke="currentColor"/>'
            f'<line x1="{pad}" y1="8" x2="{pad}" y2="{8 + h}" stroke="currentColor"/>'
            f'<line x1="{gx}" y1="8" x2="{gx}" y2="{8 + h}" stroke="currentColor" stroke-dasharray="3 3" opacity=".6"/>'
            f'<line x1="{pad}" y1="{gy}" x2="{pad + w}" y2="{gy}" stroke="currentColor" stroke-dasharray="3 3" opacity=".6"/>'
            f'<text x="{pad + w}" y="{height - 4}" text-anchor="end" font-size="10" fill="currentColor">% CR 100%</text>'
            f'<text x="{pad}" y="{height - 4}" font-size="10" fill="currentColor">0</text>'
            f'<text x="2" y="14" font-size="10" fill="currentColor">4:1</text>'
            f'<text x="2" y="{gy + 3}" font-size="10" fill="currentColor">2:1</text>')
    return (f'<svg class="mi-overview__chart" aria-hidden="true" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">{axes}{"".join(dots)}</svg>')


def overview_page(title: str, intro: str, rows: list[tuple[Dialogue, Figures, str]], s: dict, script: str) -> str:
    """The page: heading, intro, chart, the sortable table, and the tag of its page-only script."""
    chart = chart_svg(rows, s)
    return page_source(title, f"# {md_text(title)}\n\n{intro}\n\n"
            + (f'<figure class="mi-overview__fig">{chart}<figcaption>{escape(s["dialogue"]["chart_overview"])}'
               "</figcaption></figure>\n\n" if chart else "")
            + f'<div class="mi-overview" markdown>\n\n{table_md(rows, s)}\n\n</div>\n\n<script src="{script}"></script>\n',
                       {"hide": ["toc"]})
