"""YAML text to plain data that remembers where each value stood (file, line, column).

Built from the parser's events rather than PyYAML's loader so that the traps an author falls into
(duplicate keys, anchors and aliases, merge keys, tabs, ` #` cutting a line) are reported, not
silently resolved.
"""
from __future__ import annotations

import gc
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .diagnostics import Diagnostic

try:  # libyaml's parser is several times faster; the pure-Python one gives the same events.
    _Loader = yaml.CSafeLoader
    LOADER_NAME = "libyaml (CSafeLoader)"
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader
    LOADER_NAME = "pure Python (SafeLoader)"

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40

_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_TRUE = {"yes", "true", "on", "y"}
_STR = "tag:yaml.org,2002:str"


def _skip(ev) -> None:
    pass


class Loc(NamedTuple):  # a tuple: a bank makes one for every value, and a tuple is made several times faster
    line: int  # 1-based
    column: int  # 1-based
    raw: str | None = None  # the scalar exactly as written
    plain: bool = False  # written without quotes


@dataclass
class Document:
    path: str
    data: Any = None
    locs: dict[tuple, Loc] = field(default_factory=dict)  # where each value starts
    keys: dict[tuple, Loc] = field(default_factory=dict)  # where the key naming each value starts
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Unquoted text followed by ` #`: YAML read the rest as a comment. Whether that is a mistake depends on the file
    # (banks: an error in free text; taxonomy, mapping files and front matter allow comments), so the reader decides.
    cuts: dict[tuple, Loc] = field(default_factory=dict)

    def loc(self, path: tuple) -> Loc:
        """The position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.locs:
                return self.locs[path]
            path = path[:-1]
        return self.locs.get((), Loc(1, 1))

    def key_loc(self, path: tuple) -> Loc:
        return self.keys.get(tuple(path)) or self.loc(path)

    def diag(self, path: tuple, message: str, hint: str = "", severity: str = "error", at_key=False) -> Diagnostic:
        loc = self.key_loc(path) if at_key else self.loc(path)
        d = Diagnostic(self.path, loc.line, loc.column, message, hint, severity)
        self.diagnostics.append(d)
        return d


class _Stop(Exception):
    pass


def read_bounded(path: Path, display: str, max_bytes: int = MAX_BYTES, what: str = "a bank is a YAML text file"
                 ) -> tuple[bytes | None, Diagnostic | None]:
    """A regular file's bytes, read with a cap; or why it cannot be read. Shared by banks and lessons."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a device such as /dev/zero or a pipe would never end, or never start
            return None, Diagnostic(display, 0, 0, "not a regular file (a device, pipe or socket)",
                                    f"{what}; remove or replace this entry")
        size = info.st_size
        raw = b""
        if size <= max_bytes:
            with path.open("rb") as f:
                raw = f.read(max_bytes + 1)  # bounded: the file may have grown since stat
            size = max(size, len(raw))
        if size > max_bytes:
            return None, Diagnostic(display, 0, 0, f"file is {size:,} bytes, over the limit of {max_bytes:,}",
                                    "split it into several files")
    except OSError as exc:
        return None, Diagnostic(display, 0, 0, f"cannot read the file: {exc.strerror or exc}")
    return raw, None


def load_file(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES
              ) -> Document:
    """Read one YAML file; problems go to `Document.diagnostics`, never out as exceptions."""
    doc = Document(display or str(path))
    raw, problem = read_bounded(path, doc.path, max_bytes)
    if problem:
        doc.diagnostics.append(problem)
        return doc
    return load_bytes(raw, doc)


class ParseCache:
    """What a long-running process (the dev server) has parsed: a file whose bytes did not change is not parsed
    again. Each call returns a new Document (validation adds its diagnostics to it) over the same data, which
    nothing changes after parsing."""

    def __init__(self) -> None:
        self._docs: dict[str, tuple[bytes, Document]] = {}

    def load_file(self, path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> Document:
        display = display or str(path)
        raw, problem = read_bounded(path, display, max_bytes)
        if problem:
            return Document(display, diagnostics=[problem])
        hit = self._docs.get(display)
        if hit is None or hit[0] != raw:
            hit = self._docs[display] = (raw, load_bytes(raw, Document(display)))
        d = hit[1]
        return Document(d.path, d.data, d.locs, d.keys, list(d.diagnostics), d.cuts)


def decode_utf8(raw: bytes, display: str, hint: str = "save the file with UTF-8 encoding"
                ) -> tuple[str | None, Diagnostic | None]:
    """The text (a BOM dropped), or where the first byte that is not UTF-8 stands. Shared by banks and tables."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, Diagnostic(display, line, column, f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x})", hint)


def load_bytes(raw: bytes, doc: Document) -> Document:
    text, problem = decode_utf8(raw, doc.path)
    if problem:
        doc.diagnostics.append(problem)
        return doc
    return load_text(text, doc)


def load_text(text: str, doc: Document) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        i = text.index("\x00")
        line = text.count("\n", 0, i) + 1
        doc.diagnostics.append(Diagnostic(doc.path, line, i - text.rfind("\n", 0, i), "the file holds a NUL byte: it is not a text file"))
        return doc
    if not re.search(r"^[ \t]*[^\s#]", text, re.M):
        doc.diagnostics.append(Diagnostic(doc.path, 1, 1, "the file is empty", "a bank starts with `exercises:` or `dialogues:`"))
        return doc
    lines = text.split("\n")
    for n, line in enumerate(lines if "\t" in text else (), 1):
        m = re.match(r"[ ]*\t", line)
        if m:
            doc.diagnostics.append(Diagnostic(doc.path, n, m.end(), "a tab is used for indentation",
                                              "YAML indents with spaces only; replace the tab with spaces"))
    if doc.diagnostics:
        return doc
    try:
        _Builder(doc, lines).run(text)
    except _Stop:
        doc.data = None
    except yaml.MarkedYAMLError as exc:
        doc.data = None
        doc.diagnostics.append(_syntax_error(doc.path, exc, lines))
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        doc.data = None
        doc.diagnostics.append(Diagnostic(doc.path, 1, 1, f"YAML error: {exc}"))
    return doc


def _syntax_error(path: str, exc: yaml.MarkedYAMLError, lines: list[str]) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and "alias" in (exc.context or "") + (exc.problem or ""):
        mark = exc.context_mark  # point at the `*` that starts the value, not where the scanner gave up
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or exc.context or "syntax error"
    message = f"YAML syntax error: {problem}"
    if exc.context and exc.problem:
        message = f"YAML syntax error {exc.context}: {problem}"
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    hint = "put text that contains `: `, `#`, `[`, `{`, `*`, `&` or starts with a quote inside double quotes"
    if "alias" in problem or "anchor" in problem or "alias" in (exc.context or ""):
        hint = "a value that starts with `*` or `&` is read as an alias or anchor; put the text in double quotes, e.g. \"*sighs* okay\""
    elif re.search(r":\s*\[[^\]]*\]\s*\S", text) or re.search(r"^\s*-\s*\[[^\]]*\]\s*\S", text):
        hint = "a value that starts with `[` is read as a list; put the whole text in double quotes, e.g. \"[laughs] maybe\""
    elif "mapping values are not allowed" in problem:
        hint = "the text contains `: ` (colon and space), which starts a new key; put the whole text in double quotes"
    elif re.search(r':\s*"[^"]*"[^"#\s]', text) or re.search(r'^\s*-\s*"[^"]*"[^"#\s]', text):
        hint = ('the text is in double quotes and holds double quotes too, so YAML took the first inner one as the end; '
                "write each inner one as \\\" or put the text in single quotes: 'He said \"no\"'")
    elif "expected '-' indicator" in problem or "expected <block end>" in problem:
        hint = "this line is indented differently from the lines around it: line up the fields of each item"
    elif "found unknown escape character" in problem:
        hint = "inside double quotes a backslash starts an escape; write \\\\ or use single quotes"
    return Diagnostic(path, line, column, message, hint)


class _Builder:
    """Turns parser events into plain data, recording positions and refusing what banks must not hold."""

    def __init__(self, doc: Document, lines: list[str]):
        self.doc = doc
        self.lines = lines
        # frames: [container, path, pending_key, key_lines, is_mapping]; is_mapping is kept, not tested with isinstance,
        # because every value reads it (a tenth of the load of a large bank)
        self.stack: list[list] = []
        self.documents = 0
        self.on = {yaml.ScalarEvent: self.scalar_event, yaml.MappingStartEvent: self.start,
                   yaml.SequenceStartEvent: self.start, yaml.MappingEndEvent: self.end, yaml.SequenceEndEvent: self.end,
                   yaml.AliasEvent: self.alias, yaml.DocumentStartEvent: self.document,
                   yaml.StreamStartEvent: _skip, yaml.StreamEndEvent: _skip, yaml.DocumentEndEvent: _skip}

    def run(self, text: str) -> None:
        on = self.on
        # The data has no cycles for the collector to find, and a 5 MB bank makes millions of objects: collecting
        # while they are made costs a fifth of the load.
        collecting = gc.isenabled()
        gc.disable()
        try:
            for ev in yaml.parse(text, Loader=_Loader):
                on[type(ev)](ev)
        finally:
            if collecting:
                gc.enable()

    def fail(self, mark, message: str, hint: str = "") -> None:
        self.doc.diagnostics.append(Diagnostic(self.doc.path, mark.line + 1, mark.column + 1, message, hint))
        raise _Stop

    def document(self, ev) -> None:
        self.documents += 1
        if self.documents > 1:
            self.fail(ev.start_mark, "a bank file holds one YAML document; found a second `---`",
                      "remove the `---` line or move the rest into a file of its own")

    def alias(self, ev) -> None:
        self.fail(ev.start_mark, f"aliases (*{ev.anchor}) are not allowed in banks",
                  "a value that starts with `*` is read as an alias; put the text in double quotes, e.g. \"*sighs* fine\"")

    def anchor(self, ev) -> None:
        self.fail(ev.start_mark, f"anchors (&{ev.anchor}) are not allowed in banks",
                  "write each value out in full; a value that starts with `&` must be put in double quotes")

    def end(self, ev) -> None:
        frame = self.stack.pop()
        if frame[4]:  # drop the second copies of duplicate keys (already reported)
            for name in [k for k in frame[0] if "\x00" in k]:
                del frame[0][name]
        if not self.stack:
            self.doc.data = frame[0]

    def scalar_event(self, ev) -> None:
        if ev.anchor:
            self.anchor(ev)
        tag = ev.tag
        if tag is not None and tag != "!" and tag != _STR:
            self.fail(ev.start_mark, f"the tag {tag} is not allowed in banks", "remove the tag; quote the value if it is text")
        mark = ev.start_mark
        loc = Loc(mark.line + 1, mark.column + 1, ev.value, not ev.style)
        stack = self.stack
        if stack and stack[-1][4] and stack[-1][2] is None:
            self.key(ev, loc)
            return
        value = ev.value if ev.style or tag == _STR else self.scalar(ev)
        path = self.place(value, loc)
        if not ev.style and isinstance(value, str):
            self.check_comment_cut(ev, path)

    def start(self, ev) -> None:
        if ev.anchor:
            self.anchor(ev)
        if ev.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            self.fail(ev.start_mark, f"the tag {ev.tag} is not allowed in banks", "remove the tag")
        stack = self.stack
        if stack and stack[-1][4] and stack[-1][2] is None:
            self.fail(ev.start_mark, "a key must be plain text, not a list or mapping")
        if len(stack) >= MAX_DEPTH:
            self.fail(ev.start_mark, f"the data is nested more than {MAX_DEPTH} levels deep",
                      "banks need only a few levels; check the indentation")
        mapping = type(ev) is yaml.MappingStartEvent
        container: dict | list = {} if mapping else []
        path = self.place(container, Loc(ev.start_mark.line + 1, ev.start_mark.column + 1))
        stack.append([container, path, None, {}, mapping])

    def place(self, value: Any, loc: Loc) -> tuple:
        if not self.stack:
            self.doc.locs[()] = loc
            if not isinstance(value, (dict, list)):
                self.doc.data = value
            return ()
        frame = self.stack[-1]
        container, parent = frame[0], frame[1]
        if not frame[4]:
            path = parent + (len(container),)
            container.append(value)
        else:
            path = parent + (frame[2],)
            container[frame[2]] = value
            frame[2] = None
        self.doc.locs[path] = loc
        return path

    def key(self, ev, loc: Loc) -> None:
        frame = self.stack[-1]
        name = ev.value
        if name == "<<" and not ev.style:
            self.fail(ev.start_mark, "merge keys (<<) are not allowed in banks", "write each field out in full")
        if name in frame[3]:
            first = frame[3][name]
            self.doc.diagnostics.append(Diagnostic(
                self.doc.path, loc.line, loc.column, f"duplicate key '{name}' in this mapping",
                f"the first '{name}' is on line {first}; YAML would silently keep only the last one"))
            name = f"{name}\x00{loc.line}"  # keep both, so the rest of the file is still checked
        frame[3][name] = loc.line
        frame[2] = name
        self.doc.keys[frame[1] + (name,)] = loc

    def scalar(self, ev) -> Any:
        """A plain scalar's value as YAML 1.1 resolves it (text, null, a bool, a number)."""
        tag = _resolver.resolve(yaml.ScalarNode, ev.value, ev.implicit)
        if tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:timestamp":
            return ev.value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return ev.value.lower() in _TRUE
        node = yaml.ScalarNode(tag, ev.value)
        try:
            return _constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            return ev.value

    def check_comment_cut(self, ev, path: tuple) -> None:
        line = self.lines[ev.end_mark.line] if ev.end_mark.line < len(self.lines) else ""
        rest = line[ev.end_mark.column:]
        if re.match(r"[ \t]+#", rest):
            self.doc.cuts[path] = Loc(ev.end_mark.line + 1, ev.end_mark.column + 1 + (len(rest) - len(rest.lstrip())),
                                      line.strip())
