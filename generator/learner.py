"""The learner's own pages ("Your progress" in the nav): dashboard, review of mistakes, spaced review, practice sets
and the completion record. `site.Pages` calls `pages` once every lesson and practice page is placed; it returns a
`Section`.

The pages are static Markdown and HTML written here (headings, explanations, forms, all in the language's strings);
a script per page in generator/assets/pages/ (SCRIPTS below, with progress-common.js, which they share) fills in the
learner's figures from the engine's records (docs/progress-record.md) and the exercise manifest (generator/manifest.py).
The manifest, the two scripts and the page stylesheet load only on these pages, from script and link tags in the
page, so what every page loads does not grow.
"""
from __future__ import annotations

import posixpath
import re

from . import assets
from .assets import Asset, page_asset
from .manifest import build_manifest, exercise_files, page_url, to_root
from .markup import escape
from .section import Section
from .selftest import PAGE as SELF_TEST, self_test_page

DIR = "progress"
PAGES = {  # name -> docs path
    "dashboard": f"{DIR}/index.md",
    "mistakes": f"{DIR}/mistakes.md",
    "spaced": f"{DIR}/spaced-review.md",
    "practice": f"{DIR}/practice-sets.md",
    "certificate": f"{DIR}/certificate.md",
}
SCRIPTS = {  # name -> generator/assets/pages/<script>.js, loaded with COMMON on that page only
    "dashboard": "dashboard",
    "mistakes": "mistakes",
    "spaced": "spaced-review",
    "practice": "practice-sets",
    "certificate": "certificate",
}
COMMON = "progress-common"
PRACTICE_PREFIX = "practice/"


def offline_shim() -> Asset:
    """A Worker stand-in for file:// (generator/assets/offline/iframe-worker.js), for the offline build's search."""
    return page_asset("iframe-worker", ".js", "offline")


def final_lesson(lessons, raw: dict) -> str:
    """The lesson that unlocks the completion record: extra.course.certificate_after, else the last lesson whose
    file name says self-assessment, else the last lesson."""
    wanted = ((raw.get("extra") or {}).get("course") or {}).get("certificate_after")
    paths = [l.path for l in lessons]
    named = [l.path for l in lessons if wanted in (l.path, l.source)]
    if wanted and named:
        return named[-1]  # a lesson in parts: its last part
    named = [p for p in paths if re.search(r"self-?assessment", p.rsplit("/", 1)[-1])]
    return (named or paths or [""])[-1]


class LearnerPages:
    def __init__(self, pages, dir_urls: bool = True):
        self.p = pages
        self.dir_urls = dir_urls
        self.s = pages.strings["learner"]
        self.lessons = pages.lessons  # the edition's own

    def url(self, path: str) -> str:
        return page_url(path, self.dir_urls)

    def pages(self, placements: dict[str, str]) -> Section:
        """The progress pages, their scripts, the manifest and the exercise copies they show; their nav section; and
        the note under the final lesson that links to the completion record."""
        p = self.p
        out: dict[str, str] = {}
        notes: dict[str, str] = {}
        titles = {l.path: l.title for l in self.lessons}
        modules = [{"path": l.path, "title": titles[l.path], "url": self.url(l.path),
                    "minutes": l.meta.get("minutes") if isinstance(l.meta.get("minutes"), int) else 0, "lesson": True}
                   for l in self.lessons]
        index = {m["path"]: i for i, m in enumerate(modules)}
        topics = p.course.taxonomy.topics
        exercises, shown = [], {ex.id for ex in p.exercises}
        for ex_id, page in placements.items():
            ex = p.course.exercises.get(ex_id)
            if ex is None or ex_id not in shown:
                continue
            if page not in index:
                tid = page[len(PRACTICE_PREFIX):-3] if page.startswith(PRACTICE_PREFIX) else ""
                label = topics[tid].label if tid in topics else page[:-3]
                index[page] = len(modules)
                modules.append({"path": page, "title": f"{p.strings.get('practice', 'Practice')}: {label}",
                                "url": self.url(page), "minutes": 0, "lesson": False})
            exercises.append((ex, index[page]))
        files, copies = exercise_files({ex.id: p.exercise_html(ex) for ex, _ in exercises})
        for f in copies:
            out[f.name] = f.content
        final = final_lesson(self.lessons, p.config.raw)
        self.final = final
        manifest = build_manifest(course=p.course, config=p.config, track=p.track, modules=modules,
                                  exercises=exercises, files=files, final=index.get(final, -1), strings=p.strings,
                                  pages={k: self.url(v) for k, v in PAGES.items()}, ui=self.script_strings())
        common, css = page_asset(COMMON, ".js"), page_asset("learner", ".css")
        scripts = {name: page_asset(script, ".js") for name, script in SCRIPTS.items()}
        for a in (manifest, common, css, *scripts.values()):
            out[a.name] = a.content
        self.tags = (manifest.name, common.name, css.name)
        self.scripts = {name: a.name for name, a in scripts.items()}
        for name, path in PAGES.items():
            out[path] = getattr(self, name)(path)
        if final:
            notes[final] = self.final_note(final)
        s = self.s
        pages = [{s["dashboard_nav"]: PAGES["dashboard"]}]
        if p.self_test:
            script = page_asset("selftest", ".js")
            out[script.name] = script.content
            out[SELF_TEST] = self_test_page(p.self_test, p.r, css.name, script, to_root(SELF_TEST, self.dir_urls))
            pages.append({s["st_title"]: SELF_TEST})
        nav = [{s["nav"]: pages + [{s["mistakes_title"]: PAGES["mistakes"]}, {s["spaced_title"]: PAGES["spaced"]},
                                   {s["practice_title"]: PAGES["practice"]}, {s["certificate_title"]: PAGES["certificate"]}]}]
        return Section(out, nav, notes)

    def script_strings(self) -> dict:
        """The strings the progress pages' scripts use (as `S.name`, or `plural("name", n)` for a map of plural
        forms): they travel in the manifest."""
        text = "".join((assets.ASSETS_DIR / "pages" / f"{name}.js").read_text(encoding="utf-8")
                       for name in (COMMON, *SCRIPTS.values()))
        used = set(re.findall(r"\bS\.(\w+)", text))
        used |= set(re.findall(r"\bplural\(\"(\w+)\"", text))  # a map of plural forms, as it is
        return {k: v for k, v in self.s.items() if k in used}

    # Pieces --------------------------------------------------------------------------------------------------------

    def frame(self, path: str, name: str, body: str, cls: str = "") -> str:
        """The page's live part: a no-JS notice, the parts JS shows ([data-lp-js]), and the page's own assets."""
        root = to_root(path, self.dir_urls)
        manifest, common, css = self.tags
        js = self.scripts[name]
        return (f'<div class="mi-lp{cls}" data-page="{name}">\n'
                f'<link rel="stylesheet" href="{root}{css}">\n'
                f'<p class="mi-lp__nojs admonition warning">{escape(self.s["nojs"])}</p>\n'
                f"{body}\n"
                f'<script src="{root}{manifest}"></script>\n<script src="{root}{common}"></script>\n'
                f'<script src="{root}{js}"></script>\n</div>\n')

    def link(self, target: str, page: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(page) or ".")

    def final_note(self, lesson: str) -> str:
        s = self.s
        return (f'!!! success "{s["certificate_title"]}"\n\n    {s["final_note"]} '
                f'[{s["final_link"]}]({self.link(PAGES["certificate"], lesson)})\n')

    # Pages ---------------------------------------------------------------------------------------------------------

    def dashboard(self, path: str) -> str:
        s = self.s
        options = "".join(f'<option value="{t["id"]}">{escape(s["reset_topic"].format(topic=t["label"]))}</option>'
                          for t in self._topics())
        kinds = (f'<div class="mi-dash__kinds"><table><thead><tr><th scope="col">{escape(s["kind"])}</th>'
                 f'<th scope="col">{escape(s["exercises"])}</th><th scope="col">{escape(s["answered_h"])}</th>'
                 f'<th scope="col">{escape(s["right_h"])}</th></tr></thead><tbody></tbody></table></div>')
        body = "\n".join([
            f'<div data-lp-js hidden>',
            f'<div class="mi-dash__summary" role="status"></div>',
            f'<div class="mi-remind" hidden></div>',
            f'<p data-fill="selftest"></p>' if self.p.self_test else "",
            f'<h2 id="by-module">{escape(s["by_module"])}</h2>',
            f'<p class="mi-lp__legend">{escape(s["bars_legend_a"])}<span class="mi-key-a"></span> '
            f'{escape(s["bars_legend_ok"])}<span class="mi-key-ok"></span></p>',
            f'<ul class="mi-bars" data-fill="started"></ul>',
            f'<details class="mi-dash__more"><summary>{escape(s["all_modules"])}</summary>'
            f'<ul class="mi-bars" data-fill="modules"></ul></details>',
            f'<details class="mi-dash__more"><summary>{escape(s["by_topic"])}</summary>'
            f'<ul class="mi-bars" data-fill="topics"></ul></details>',
            f'<details class="mi-dash__more"><summary>{escape(s["by_kind"])}</summary>{kinds}</details>',
            f'<h2 id="your-data">{escape(s["data_title"])}</h2>',
            f'<p>{escape(s["data_intro"])}</p>',
            f'<p>{escape(s["export_intro"])}</p>',
            f'<p><button type="button" class="mi-btn" data-lp="export">{escape(s["export"])}</button></p>',
            f'<div class="mi-lp__msg" data-msg="export" role="status"></div>',
            f'<details class="mi-dash__more" id="import"><summary>{escape(s["import_title"])}</summary>',
            f'<p>{escape(s["import_intro"])}</p>',
            f'<p><label for="mi-import">{escape(s["import_label"])}</label><br>'
            f'<input type="file" id="mi-import" accept=".json,application/json"></p>',
            f'<div class="mi-lp__msg" data-msg="import" role="status"></div></details>',
            f'<details class="mi-dash__more" id="reset"><summary>{escape(s["reset_title"])}</summary>',
            f'<p>{escape(s["reset_intro"])}</p>',
            f'<p class="mi-lp__row"><label for="mi-reset-what">{escape(s["reset_label"])}</label>'
            f'<select id="mi-reset-what"><option value="">{escape(s["reset_all"])}</option>{options}</select>'
            f'<button type="button" class="mi-btn" data-lp="reset">{escape(s["reset"])}</button></p>',
            f'<div class="mi-confirm" hidden><p class="mi-confirm__text"></p><p class="mi-lp__row">'
            f'<button type="button" class="mi-btn" data-lp="reset-yes">{escape(s["reset_yes"])}</button>'
            f'<button type="button" class="mi-btn" data-lp="reset-no">{escape(s["reset_no"])}</button></p></div>',
            f'<div class="mi-lp__msg" data-msg="reset" role="status"></div></details>',
            "</div>",
        ])
        return f"# {s['dashboard_title']}\n\n{s['dashboard_intro']}\n\n" + self.frame(path, "dashboard", body)

    def mistakes(self, path: str) -> str:
        s = self.s
        body = '<div data-lp-js hidden><div data-fill="mistakes"></div></div>'
        return f"# {s['mistakes_title']}\n\n{s['mistakes_intro']}\n\n" + self.frame(path, "mistakes", body)

    def spaced(self, path: str) -> str:
        s = self.s
        body = '<div data-lp-js hidden><div data-fill="spaced"></div></div>'
        return (f"# {s['spaced_title']}\n\n{s['spaced_intro']}\n\n" + self.frame(path, "spaced", body))

    def practice(self, path: str) -> str:
        s = self.s
        groups: dict[str, list] = {}
        for t in self._topics():
            groups.setdefault(t["group"], []).append(t)
        fields = "".join(
            f'<fieldset><legend>{escape(g or s["topics"])}</legend><div class="mi-choices">'
            + "".join(f'<label class="mi-choice"><input type="checkbox" name="topics" value="{t["id"]}">'
                      f'<span>{escape(t["label"])}</span></label>' for t in ts)
            + "</div></fieldset>" for g, ts in groups.items())
        tax = self.p.course.taxonomy
        auds = [a for a in tax.audiences if any(a in ex.audience for ex in self.p.exercises)]
        audience = (f'<fieldset><legend>{escape(s["audience"])}</legend><div class="mi-choices">'
                    f'<label class="mi-choice"><input type="radio" name="audience" value="" checked>'
                    f'<span>{escape(s["audience_any"])}</span></label>'
                    + "".join(f'<label class="mi-choice"><input type="radio" name="audience" value="{a}">'
                              f'<span>{escape(tax.audiences[a])}</span></label>' for a in auds)
                    + "</div></fieldset>") if auds else ""
        body = (f'<div data-lp-js hidden><form class="mi-set" method="get">'
                f'<p>{escape(s["topics_hint"])}</p>{fields}{audience}'
                f'<p class="mi-lp__row"><label for="mi-set-n">{escape(s["set_size"])}</label>'
                f'<input type="number" id="mi-set-n" name="n" min="1" max="50" value="10">'
                f'<label for="mi-set-seed">{escape(s["set_seed"])}</label>'
                f'<input type="number" id="mi-set-seed" name="seed" min="0" max="999999999"></p>'
                f'<p class="mi-lp__row"><button type="submit" class="mi-btn">{escape(s["set_make"])}</button>'
                f'<button type="button" class="mi-btn" data-lp="new-seed">{escape(s["set_new"])}</button></p>'
                f'</form><div data-fill="practice"></div></div>')
        return f"# {s['practice_title']}\n\n{s['practice_intro']}\n\n" + self.frame(path, "practice", body)

    def certificate(self, path: str) -> str:
        s = self.s
        body = (f'<div data-lp-js hidden><div class="mi-lp__intro">'
                f'<p><label for="mi-name">{escape(s["cert_name_label"])}</label>'
                f'<input type="text" id="mi-name" autocomplete="name" maxlength="120"></p>'
                f'<p><label class="mi-choice"><input type="checkbox" id="mi-self"><span>{escape(s["cert_self_tick"])}'
                f'</span></label></p>'
                f'<div data-fill="locked"></div>'
                f'<p><button type="button" class="mi-btn" data-lp="print">{escape(s["cert_print"])}</button></p></div>'
                f'<div class="mi-cert" hidden></div></div>')
        return (f"---\nhide:\n  - toc\n---\n\n# {s['certificate_title']}\n\n{s['certificate_intro']}\n\n"
                + self.frame(path, "certificate", body, " mi-lp--cert"))

    def _topics(self) -> list[dict]:
        tax = self.p.course.taxonomy
        return [{"id": t.id, "label": t.label, "group": tax.groups.get(t.group, "")}
                for t in tax.topics.values() if self.p.by_topic.get(t.id)]

