"""The browser script and stylesheet: per-kind sources joined into one file each, named by content hash."""
from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

ASSETS_DIR = Path(__file__).parent / "assets"


@dataclass(frozen=True)
class Asset:
    name: str  # path inside the docs folder, e.g. assets/mi-course.1a2b3c4d5e.js
    content: str


def _hashed(stem: str, suffix: str, content: str) -> Asset:
    digest = hashlib.sha256(content.encode()).hexdigest()[:10]
    return Asset(f"assets/{stem}.{digest}{suffix}", content)


def _part(text: str, small) -> str:
    """One source file in a bundle. No comment names it: every byte of the every-page bundle is on every page, and
    the order of the files is every_page's (below)."""
    return f"{small(text.strip())}\n"


# A deliberately small, conservative minifier: what every page loads must stay within the budget (12 KB gzip), and
# a minifier that guesses wrong breaks every page. Strings are never touched.
_CSS_SKIP = re.compile(r'/\*.*?\*/|("(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\')', re.S)


@functools.lru_cache(maxsize=256)  # pure; a long-running server does not minify the same file again
def minify_css(text: str) -> str:
    """Drops comments and needless white space outside strings (a space before `:` may be a descendant selector)."""
    out, code, pos = [], "", 0

    def squeeze(code: str) -> str:
        code = re.sub(r"\s+", " ", code)
        code = re.sub(r" ?([{};,>]) ?", r"\1", code)
        return re.sub(r": ", ":", code).replace(" !", "!").replace(";}", "}")

    for m in _CSS_SKIP.finditer(text):
        code += text[pos:m.start()]  # a comment goes as if it had never been there, the white space around it too
        if m.group(1):  # a string, as it is
            out += [squeeze(code), m.group(1)]
            code = ""
        pos = m.end()
    out.append(squeeze(code + text[pos:]))
    return "".join(out).strip()


@functools.lru_cache(maxsize=256)
def minify_js(text: str) -> str:
    """Line by line: drops indentation, blank lines and comments, and the spaces a reader needs but the browser does
    not. Lines are never joined, so automatic semicolons stay where they were; strings and regular expressions are
    copied as they are. A file with template literals or line continuations is left whole."""
    if "`" in text or re.search(r"\\\n", text):
        return text
    out, in_comment = [], False
    for line in text.split("\n"):
        t = line.strip()
        if in_comment:
            if "*/" not in t:
                continue
            in_comment, t = False, t[t.index("*/") + 2:].strip()
        elif t.startswith("/*"):
            end = t.find("*/", 2)
            if end < 0:
                in_comment = True
                continue
            if end == len(t) - 2:
                continue
        if t and not t.startswith("//"):
            t = _squeeze_js_line(t)
            if t:
                out.append(t)
    return "\n".join(out)


_WORD = re.compile(r"[\w$\\]")
_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^")  # after these (or a keyword below), a slash starts a regular expression
_REGEX_KEYWORDS = {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "instanceof"}


def _squeeze_js_line(line: str) -> str:
    """One line of code: spaces go unless they separate two words, `+ +`, `- -` or a slash from anything; a comment
    goes; strings and regular expressions stay as they are."""
    out: list[str] = []
    i, n = 0, len(line)

    def last() -> str:
        return out[-1][-1] if out and out[-1] else ""

    while i < n:
        c = line[i]
        if c in "'\"":
            j = i + 1
            while j < n and line[j] != c:
                j += 2 if line[j] == "\\" else 1
            out.append(line[i:j + 1])
            i = j + 1
        elif line.startswith("//", i):
            break
        elif line.startswith("/*", i):
            end = line.find("*/", i + 2)
            if end < 0:  # a comment that runs on: keep the rest as it was written
                out.append(line[i:])
                break
            out.append(" ")
            i = end + 2
        elif c == "/":
            before = "".join(out).rstrip()
            word = re.search(r"[\w$]+$", before)
            if not before or before[-1] in _REGEX_AFTER or (word and word.group() in _REGEX_KEYWORDS):
                j, in_class = i + 1, False
                while j < n and (line[j] != "/" or in_class):
                    if line[j] == "\\":
                        j += 1
                    elif line[j] == "[":
                        in_class = True
                    elif line[j] == "]":
                        in_class = False
                    j += 1
                out.append(line[i:j + 1])
                i = j + 1
            else:
                out.append(c)
                i += 1
        elif c in " \t":
            j = i
            while j < n and line[j] in " \t":
                j += 1
            a, b = last(), line[j] if j < n else ""
            if a and b and (_WORD.match(a) and _WORD.match(b) or a + b in ("++", "--", "+-", "-+") or "/" in (a, b)
                            or b in "'\"" and _WORD.match(a)):
                out.append(" ")
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out).strip()


def every_page(strings: dict, namespace: str, kinds) -> tuple[Asset, Asset]:
    """The script and stylesheet every page loads: the engine, then each kind's widget and stylesheet (`kinds`: the
    `Kind`s in teaching order), then the print rules, which have the last word."""
    engine = [ASSETS_DIR / "js" / "core.js", ASSETS_DIR / "js" / "dialogue.js"]
    widgets = [(k.name, k.widget.read_text(encoding="utf-8")) for k in kinds]
    sources = "".join(p.read_text(encoding="utf-8") for p in engine) + "".join(w for _, w in widgets)
    # Only the strings the widgets read (as `s.name`): the others are the generator's, and every byte here is on every page.
    used = set(re.findall(r"\bs\.(\w+)", sources))
    ui = {k: v for k, v in strings.items() if isinstance(v, str) and k in used}
    unscored = [k.name for k in kinds if not k.scored]
    head = (f"window.MI={{ns:{json.dumps(namespace)},unscored:{json.dumps(unscored)},"
            f"s:{json.dumps(ui, ensure_ascii=False, sort_keys=True, separators=(',', ':'))}}};\n")
    js = head + "".join(_part(p.read_text(encoding="utf-8"), minify_js) for p in engine) + "".join(
        _part(f"(function (MI, kind, d) {{\n{text.strip()}\n}})(window.MI, {json.dumps(name)}, document);", minify_js)
        for name, text in widgets)
    styles = ([ASSETS_DIR / "css" / "core.css", ASSETS_DIR / "css" / "dialogue.css"]
              + [k.style for k in kinds if k.style.is_file()] + [ASSETS_DIR / "css" / "print.css"])
    css = "".join(_part(p.read_text(encoding="utf-8"), minify_css) for p in styles)
    return _hashed("mi-course", ".js", js), _hashed("mi-course", ".css", css)


def page_asset(name: str, suffix: str, folder: str = "pages") -> Asset:
    """generator/assets/<folder>/<name><suffix>, minified like the every-page bundle: a file only some pages load."""
    text = (ASSETS_DIR / folder / f"{name}{suffix}").read_text(encoding="utf-8").strip() + "\n"
    return _hashed(f"mi-{name}", suffix, (minify_css if suffix == ".css" else minify_js)(text))
