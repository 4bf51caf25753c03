"""Generated pages for conversations: one page per dialogue, a side-by-side page per pair, and an index of
dialogues and practice conversations by setting and by topic. `site.Pages` calls `pages` once the lessons and
practice pages have placed every exercise; it returns a `Section`.

Links between pages are Markdown (MkDocs resolves and checks them); the transcript and figures are raw HTML.
"""
from __future__ import annotations

import posixpath

from .assets import page_asset
from .config import in_track
from .corpus_pages import corpus_slug, natural, natural_key, overview_page
from .dialogue import (Column, dialogue_figures, figures_html, legend_html, meta_html, note_turns, render_dialogue,
                       transcript_html, turn_id)
from .figures import fmt_pct, fmt_ratio, is_coded
from .kinds import KINDS
from .manifest import to_root
from .markup import escape, md_text, page_source
from .model import Dialogue
from .outline import headings, jump_nav, toc_slug
from .section import Section

DIR = "dialogues"
PAIR_DIR = f"{DIR}/side-by-side"
OVERVIEW = f"{DIR}/figures.md"
CORPUS_DIR = f"{DIR}/corpus"


def page_of(dialogue_id: str) -> str:
    return f"{DIR}/{'dialogue-index' if dialogue_id == 'index' else dialogue_id}.md"


def link(target: str, page: str) -> str:
    """A relative Markdown link target from `page` to `target` (both docs-relative)."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


class DialoguePages:
    def __init__(self, pages):
        self.p = pages
        self.r = pages.r
        self.s = pages.strings["dialogue"]
        self.placements: dict[str, str] = {}  # exercise id -> its page, given to `pages`
        self.embedded: set[str] = set()  # the dialogues a lesson shows, as lessons embed them

        self.dialogues = {k: d for k, d in pages.course.dialogues.items() if in_track(d, pages.track)}
        self.pairs = self._pairs()
        # Imported dialogues by corpus, each in natural order (0, 3, 14, 106).
        names = sorted({d.corpus for d in self.dialogues.values() if d.corpus}, key=natural_key)
        self.corpora = {n: natural([d for d in self.dialogues.values() if d.corpus == n]) for n in names}

    def _pairs(self) -> dict[str, tuple[Dialogue, Dialogue]]:
        """Each pair once, keyed by both ids; the MI-style dialogue first."""
        out: dict[str, tuple[Dialogue, Dialogue]] = {}
        for d in self.dialogues.values():
            other = self.dialogues.get(d.pair)
            if other is None or other.id == d.id or d.id in out:
                continue
            a, b = (other, d) if d.style != "mi" and other.style == "mi" else (d, other)
            out[a.id] = out[b.id] = (a, b)
        return out

    def pair_page(self, dialogue_id: str) -> str:
        a, _ = self.pairs[dialogue_id]
        return f"{PAIR_DIR}/{a.id}.md"

    # Placing a dialogue in a lesson ------------------------------------------------------------------------------

    def embed(self, dialogue_id: str, page: str) -> str:
        d = self.p.course.dialogues[dialogue_id]
        self.embedded.add(dialogue_id)
        html = self.p.block(render_dialogue(d, self.r))
        more = ""
        if dialogue_id in self.dialogues:
            more = (f"[{md_text(self.s['full_page'].format(title=d.title))}]({link(page_of(d.id), page)})"
                    "\n{: .mi-dlg__more }\n\n")
        return f"\n\n{html}\n\n{more}"

    # Pages ---------------------------------------------------------------------------------------------------------

    def pages(self, placements: dict[str, str]) -> Section:
        """Every dialogue's page, the side-by-side pages, the index and the figures overviews, and their nav section."""
        self.placements = placements
        files: dict[str, str] = {}
        js = page_asset("sort", ".js")  # the overview tables' sort buttons
        css = page_asset("pair", ".css")  # the side-by-side pages' columns
        files[js.name], files[css.name] = js.content, css.content
        for d in self.dialogues.values():
            files[page_of(d.id)] = self.dialogue_page(d)
        done = set()
        for a, b in self.pairs.values():
            if a.id not in done:
                done.add(a.id)
                files[self.pair_page(a.id)] = self.compare_page(a, b, css.name)
        files[f"{DIR}/index.md"] = self.index_page()
        files[OVERVIEW] = self.overview(OVERVIEW, self.s["overview"], self.s["overview_intro"],
                                        [d for d in self.dialogues.values() if not d.corpus] +
                                        [d for ds in self.corpora.values() for d in ds], js.name)
        for name, ds in self.corpora.items():
            files[self.corpus_page(name)] = self.overview(self.corpus_page(name), name,
                                                          self.s["corpus_intro"].format(n=len(ds)), ds, js.name)
        # Imported transcripts are reached from their corpus page: one nav entry each would weigh on every page.
        section = [f"{DIR}/index.md"] + [{d.title: page_of(d.id)} for d in self.dialogues.values() if not d.corpus]
        section.append({self.s["overview"]: OVERVIEW})
        nav = [{self.s["dialogues"]: section}]
        if self.corpora:
            nav.append({self.s["corpora"]: [{name: self.corpus_page(name)} for name in self.corpora]})
        return Section(files, nav)

    def corpus_page(self, name: str) -> str:
        return f"{CORPUS_DIR}/{corpus_slug(name)}.md"

    def overview(self, page: str, title: str, intro: str, dialogues: list[Dialogue], script: str) -> str:
        """A sortable table of these dialogues' figures, with its page-only script."""
        rows = [(d, dialogue_figures(d), link(page_of(d.id), page)) for d in dialogues]
        return overview_page(title, intro, rows, self.r.strings, to_root(page, self.p.dir_urls) + script)

    def pair_links(self, d: Dialogue, page: str) -> str:
        if d.id not in self.pairs:
            return ""
        a, b = self.pairs[d.id]
        other = b if d.id == a.id else a
        key = "pair_mi" if other.style == "mi" else "pair_righting_reflex"
        return (f"[{md_text(self.s[key].format(title=other.title))}]({link(page_of(other.id), page)}) · "
                f"[{md_text(self.s['compare_link'].format(a=a.title, b=b.title))}]({link(self.pair_page(d.id), page)})"
                "\n{: .mi-dlg__links }\n\n")

    def coding_links(self, d: Dialogue, page: str) -> str:
        """Links to the exercises that practise on this dialogue (coding it, say)."""
        links = [f"[{md_text(self.s['practise_coding'].format(title=ex.title or ex.id))}]"
                 f"({link(self.placements[ex.id], page)}#ex-{ex.id})"
                 for ex in self.p.exercises
                 if KINDS[ex.kind].dialogue_of(ex) == d.id and ex.id in self.placements]
        return " · ".join(links) + "\n{: .mi-dlg__links }\n\n" if links else ""

    def corpus_links(self, d: Dialogue, page: str) -> str:
        """An imported transcript's way back to its corpus page, and on to the one before and after it."""
        if not d.corpus:
            return ""
        ds = self.corpora[d.corpus]
        at = ds.index(d)
        links = [f"[{md_text(self.s['corpus_back'].format(corpus=d.corpus))}]({link(self.corpus_page(d.corpus), page)})"]
        for key, other in (("previous", ds[at - 1] if at else None), ("next", ds[at + 1] if at + 1 < len(ds) else None)):
            if other:
                links.append(f"[{md_text(self.s[key].format(title=other.title))}]({link(page_of(other.id), page)})")
        return " · ".join(links) + "\n{: .mi-dlg__links }\n\n"

    def summary_links(self, d: Dialogue) -> str:
        """At the top of a long page: the main figures with a link to all of them, and the turns that carry a note."""
        g, f = dialogue_figures(d), self.r.strings["fig"]
        parts = [self.s["turns_count"].format(n=len(d.turns))]
        if is_coded(d.coded, "rq"):
            parts.append(f"R:Q {fmt_ratio(g.rq)}")
        if is_coded(d.coded, "pct_cr"):
            parts.append(f"{f['pct_cr'].split(' (')[0]} {fmt_pct(g.pct_cr)}")
        if is_coded(d.coded, "ct_share") and g.ct_share is not None:
            parts.append(f"{f['change']} {fmt_pct(g.ct_share)}")
        out = md_text(" · ".join(parts)) + f" · [{md_text(self.s['summary_link'])}](#figures)\n{{: .mi-dlg__links }}\n\n"
        notes = note_turns(d)
        if notes:
            out += (md_text(self.s["notes_at"]) + " " + " · ".join(f"[{n}](#{turn_id(d, n)})" for n in notes)
                    + "\n{: .mi-dlg__links }\n\n")
        return out

    def dialogue_page(self, d: Dialogue) -> str:
        page = page_of(d.id)
        column = Column(self.r.strings['fig']['value'], dialogue_figures(d), coded=d.coded)
        return page_source(d.title, f"# {md_text(d.title)}\n\n{meta_html(d, self.r)}\n\n{self.corpus_links(d, page)}"
                f"{self.pair_links(d, page)}{self.coding_links(d, page)}{self.summary_links(d)}"
                f"{transcript_html(d, self.r, label=self.s['transcript'])}\n\n"
                # The figures and the legend read the same on every dialogue page: out of search
                f"## {self.s['figures']} {{: #figures data-search-exclude }}\n\n"
                f"{figures_html([column], self.r, f'figs-{d.id}')}\n\n"
                f"## {md_text(self.s['legend'])} {{: data-search-exclude }}\n\n{legend_html([d], self.r)}\n",
                # Shown in a lesson too: a search hit lands there, where the dialogue has its context.
                {"search": {"exclude": True}} if d.id in self.embedded else None)

    def compare_page(self, a: Dialogue, b: Dialogue, css: str) -> str:
        page = self.pair_page(a.id)
        title = self.s["compare_title"].format(a=a.title, b=b.title)

        def col(d: Dialogue) -> str:
            return (f'<div class="mi-compare__col"><h2 id="{d.id}">{escape(d.title)}</h2>{meta_html(d, self.r)}'
                    f"\n{transcript_html(d, self.r, label=d.title)}\n</div>")

        bar = (f'<div class="mi-compare__bar" hidden data-search-exclude><button type="button" class="mi-btn" data-dlg="layout" '
               f'aria-pressed="true">{escape(self.s["layout"])}</button></div>')
        columns = [Column(a.title, dialogue_figures(a), coded=a.coded), Column(b.title, dialogue_figures(b), coded=b.coded)]
        back = " · ".join(f"[{md_text(d.title)}]({link(page_of(d.id), page)})" for d in (a, b))
        jump = self.p.block(jump_nav([(a.id, a.title), (b.id, b.title), (toc_slug(self.s["figures"]), self.s["figures"]),
                                      (toc_slug(self.s["legend"]), self.s["legend"])], self.p.strings["on_this_page"]))
        return page_source(title, f"# {md_text(title)}\n\n{self.s['compare_intro']}\n\n{back}\n{{: .mi-dlg__links }}\n\n"
                f"{jump}\n\n"
                f'<div class="mi-compare" data-layout="side">\n'
                f'<link rel="stylesheet" href="{to_root(page, self.p.dir_urls)}{css}">\n{bar}\n<div class="mi-compare__cols">\n'
                f"{col(a)}\n{col(b)}\n</div>\n</div>\n\n"
                f"## {self.s['figures']}\n\n{figures_html(columns, self.r, f'figs-{a.id}-{b.id}')}\n\n"
                f"## {md_text(self.s['legend'])}\n\n{legend_html([a, b], self.r)}\n",
                # Both transcripts are searched where each is shown alone (its page, or the lesson that shows it):
                # out of search here, so the index every page loads holds them once.
                {"hide": ["toc"], "search": {"exclude": True}})

    def index_page(self) -> str:
        page = f"{DIR}/index.md"
        tax = self.p.course.taxonomy
        talks = [e for e in self.p.exercises if KINDS[e.kind].conversation]
        items = [d for d in self.dialogues.values() if not d.corpus] + talks  # imported ones: on their corpus page

        def entry(item) -> str:
            if isinstance(item, Dialogue):
                extra = [self.s[f"style_{item.style}"]]
                if item.id in self.pairs:
                    a, b = self.pairs[item.id]
                    other = b if item.id == a.id else a
                    extra.append(f"[{md_text(self.s['layout'])}: {md_text(other.title)}]({link(self.pair_page(item.id), page)})")
                return (f"- **{self.s['kind_dialogue']}:** [{md_text(item.title)}]({link(page_of(item.id), page)})"
                        f" ({' · '.join(extra)})")
            where = self.placements.get(item.id)
            name = md_text(item.title or item.id)
            target = f"[{name}]({link(where, page)}#ex-{item.id})" if where else name
            return f"- **{md_text(self.r.strings['kinds'][item.kind])}:** {target}"

        out = [f"# {self.s['index_title']}\n", self.s["index_intro"] + "\n",
               f"[{md_text(self.s['overview'])}]({link(OVERVIEW, page)})\n"]
        if self.corpora:
            out.append(md_text(self.s["corpora_list"]) + " " + " · ".join(
                f"[{md_text(name)}]({link(self.corpus_page(name), page)}) ({len(ds)})" for name, ds in self.corpora.items())
                + "\n")
        if not items:
            return page_source(self.s["index_title"], "\n".join(out) + "\n")
        out.append(f"## {self.s['by_setting']}\n")
        settings = list(tax.settings) + [""]
        for setting in settings:
            here = [i for i in items if (i.setting or "") == setting]
            if here:
                out.append(f"### {md_text(tax.settings.get(setting, self.s['no_setting']))}\n")
                out.extend(entry(i) for i in here)
                out.append("")
        out.append(f"## {self.s['by_topic']}\n")
        for topic in tax.topics.values():
            here = [i for i in items if topic.id in i.topics]
            if here:
                out.append(f"### {md_text(topic.label)}\n")
                out.extend(entry(i) for i in here)
                out.append("")
        out.insert(3, self.p.block(jump_nav(headings("\n".join(out), 2), self.p.strings["on_this_page"])) + "\n")
        return page_source(self.s["index_title"], "\n".join(out) + "\n")
