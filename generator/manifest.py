"""The exercise manifest: what the cross-page features (dashboard, review, spaced review, practice sets, certificate)
know about the course, shipped as a script (a <script> tag loads from file:// too, where fetch does not).

    window.MI_MANIFEST = {
      v: 1, course, version, track, ns, lang (the course language, for plural rules and number formats),
      final: index in `modules` of the lesson that unlocks the completion record (-1: none),
      pages: {dashboard, mistakes, spaced, practice, certificate: the learner pages' URLs},
      kinds: {kind: label}, audiences: {id: label}, unscored: [kinds never marked right or wrong],
      topics: [{id, label, group}],                      (taxonomy order; only topics with exercises in this build)
      modules: [{path, title, url, minutes, lesson}],    (lessons in nav order, then practice pages that hold
                                                          exercises no lesson places)
      files: the hash in the names of the exercise files (assets/ex/<id>.<files>.js),
      ex: [[id, kind, label, [topic index], [audience], module index, key], ...],   (course order)
      s: {the `learner` interface strings the page script uses}
    }

`url` is relative to the site root, as MkDocs writes it (`a/b/` or, in the offline build, `a/b.html`); an exercise
sits at url + "#ex-" + id. `key` is the section's data-key (the answer hash its progress record carries).
assets/ex/<id>.<files>.js is a script holding the exercise's HTML, so learner pages can show a copy in place (a script again, for
file://). Every name carries a content hash, so a cached old file never meets a new page.
"""
from __future__ import annotations

import hashlib
import json
import re

from .assets import Asset
from .kinds import KINDS
from .model import Exercise
from .render import answer_key

EX_DIR = "assets/ex"
LABEL_MAX = 60


def page_url(path: str, dir_urls: bool = True) -> str:
    """The URL MkDocs gives a docs-relative Markdown file, relative to the site root."""
    stem = path[:-3] if path.endswith(".md") else path
    if not dir_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def to_root(path: str, dir_urls: bool = True) -> str:
    """The relative prefix from a page (docs-relative .md path) back to the site root: '', '../', '../../'."""
    return "../" * page_url(path, dir_urls).count("/")


def plain(text: str) -> str:
    """Author Markdown as one line of plain text (for labels)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>|[*_`#>]", "", text)
    return " ".join(text.split())


def label(ex: Exercise) -> str:
    """The exercise's title, or the start of what the learner reads first."""
    text = plain(ex.title or getattr(ex, "client", "") or ex.prompt or ex.context or ex.id)
    if len(text) > LABEL_MAX:
        text = text[: LABEL_MAX - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
    return text


def _digest(text: str, n: int = 10) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:n]


def exercise_files(html: dict[str, str]) -> tuple[str, list[Asset]]:
    """assets/ex/<id>.<hash>.js: each exercise's HTML, for a copy shown in place. One hash for them all (of all their
    contents) keeps the manifest small; any change renames every file, so a cached old copy is never shown."""
    bodies = {i: f"(window.MIX=window.MIX||{{}})[{json.dumps(i)}]={json.dumps(h, ensure_ascii=False)};\n"
              for i, h in html.items()}
    digest = _digest("".join(bodies.values()), 8)
    return digest, [Asset(f"{EX_DIR}/{i}.{digest}.js", b) for i, b in bodies.items()]


def build_manifest(*, course, config, track, modules: list[dict], exercises: list[tuple[Exercise, int]],
                   files: str, final: int, strings: dict, pages: dict[str, str],
                   ui: dict) -> Asset:
    """`exercises`: (exercise, module index) in course order; `files`: the hash in the assets/ex file names."""
    tax = course.taxonomy
    used = [t for t in tax.topics if any(t in ex.topics for ex, _ in exercises)]
    index = {t: i for i, t in enumerate(used)}
    rows = [[ex.id, ex.kind, label(ex), [index[t] for t in ex.topics if t in index], list(ex.audience), mod,
             answer_key(ex)] for ex, mod in exercises]
    data = {
        "v": 1,
        "course": config.site_name,
        "version": config.version,
        "track": track.name,
        "trackTitle": track.title if track.title != track.name else "",
        "ns": config.namespace,
        "lang": config.language,
        "final": final,
        "files": files,
        "pages": pages,
        "kinds": dict(strings["kinds"]),
        "audiences": dict(tax.audiences),
        "unscored": [k.name for k in KINDS.values() if not k.scored],
        "topics": [{"id": t, "label": tax.topics[t].label, "group": tax.groups.get(tax.topics[t].group, "")}
                   for t in used],
        "modules": modules,
        "ex": rows,
        "s": ui,
    }
    text = "window.MI_MANIFEST=" + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"
    return Asset(f"assets/mi-manifest.{_digest(text)}.js", text)
