"""The house rules of the package: every kind lives in its folder, nothing outside kinds/ names one, imports run one
way (no cycle, none hidden in a function), and a copied folder is a new kind with no other file edited."""
from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from generator.kinds import KINDS

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "generator"
KINDS_DIR = PACKAGE / "kinds"
FLOOR = ("fields", "frame", "question", "markup", "model", "codes", "diagnostics", "source", "figures", "conventions")


def package_files(suffix: str) -> list[Path]:
    return sorted(p for p in PACKAGE.rglob(f"*{suffix}") if "__pycache__" not in p.parts)


def outside_kinds(suffix: str) -> list[Path]:
    return [p for p in package_files(suffix) if KINDS_DIR not in p.parents and "starter" not in p.parts]


def module_name(path: Path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[str, bool]]:
    """(imported module, placed inside a function) for every import of the package's own modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inside.update(id(n) for n in ast.walk(node) if n is not node)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = ".".join(package[:len(package) - node.level + 1] + ([node.module] if node.module else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            targets = [node.module or ""]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        for t in targets:
            if t == "generator":  # `from .. import codes` names the package and then its module
                continue
            if t.startswith("generator") and (REPO / (t.replace(".", "/") + ".py")).exists() or \
                    (REPO / t.replace(".", "/") / "__init__.py").exists() and t.startswith("generator"):
                found.append((t, id(node) in inside))
    return found


def test_no_import_is_placed_inside_a_function():
    hidden = [f"{p.relative_to(REPO)}: {m}" for p in package_files(".py") for m, inside in imports_of(p) if inside]
    assert not hidden, hidden


def test_the_package_imports_in_one_direction():
    graph = {module_name(p): {m for m, _ in imports_of(p)} - {module_name(p)} for p in package_files(".py")}
    # A package imports its modules to show its face; that is not a loop through them.
    for name in graph:
        graph[name] = {m for m in graph[name] if not (m.startswith(name + ".") and name.count(".") < m.count("."))} \
            if (REPO / name.replace(".", "/") / "__init__.py").exists() else graph[name]
    state: dict[str, int] = {}
    cycles = []

    def visit(n: str, trail: list[str]) -> None:
        state[n] = 1
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                cycles.append(trail[trail.index(m):] + [m] if m in trail else [n, m])
            elif m not in state:
                visit(m, trail + [m])
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n, [n])
    assert not cycles, cycles
    for name in FLOOR:  # the floor below the kinds imports none of them
        assert not any(m.startswith("generator.kinds") for m in graph[f"generator.{name}"]), name
    for k in KINDS:  # and a kind imports only the floor (and the kinds' shared parts)
        above = {m for m in graph[f"generator.kinds.{k}"]
                 if not m.startswith("generator.kinds") and m.split(".")[1] not in FLOOR + ("dialogue",)}
        assert not above, (k, above)


def kind_words() -> tuple[re.Pattern, re.Pattern, set[str], set[str]]:
    """What names a kind: its name as code writes it (`best_response`; a one-word name such as `order` only where the
    text is a token, not in a sentence), its section class (`mi-best-response`), the CSS classes its folder defines,
    and its strings keys."""
    names = set(KINDS)
    classes = set()
    for k in KINDS.values():
        if k.style.is_file():
            classes |= set(re.findall(r"\.(mi-[\w-]+)", k.style.read_text(encoding="utf-8")))
    shared = set()
    for p in outside_kinds(".css") + [KINDS_DIR / "_parts.py"]:
        shared |= set(re.findall(r"\b(mi-[\w-]+)", p.read_text(encoding="utf-8")))
    own = {c for c in classes if c not in shared}
    anywhere = {n for n in names if "_" in n} | {f"mi-{n.replace('_', '-')}" for n in names} | own
    keys = set()
    for k in KINDS.values():
        keys |= set(yaml.safe_load(k.strings_file("en").read_text(encoding="utf-8"))) - {"label", "_meta"}  # _meta: the file's review status
    words = "|".join(sorted(map(re.escape, anywhere), key=len, reverse=True))
    tokens = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    in_code = re.compile(rf"(?<![\w-])({words})(?![\w-])")  # where it names a kind in any text
    pattern = re.compile(rf"{in_code.pattern}|^[^\s]*(?<![\w-])({tokens})(?![\w-])[^\s]*$")
    return pattern, in_code, own, keys


def python_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


JS_STRING = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'')


def test_nothing_outside_the_kinds_folders_names_a_kind():
    pattern, in_code, classes, keys = kind_words()
    assert "mi-classify__item" in classes and "classify_first" in keys  # the check sees the kinds' own words
    found = []
    for p in outside_kinds(".py"):
        for lit in python_literals(p):
            if pattern.search(lit) or lit in keys:
                found.append(f"{p.relative_to(REPO)}: {lit[:80]!r}")
    for p in outside_kinds(".js"):
        code = re.sub(r"/\*.*?\*/|(?<![:\\])//[^\n]*", "", p.read_text(encoding="utf-8"), flags=re.S)
        for lit in JS_STRING.findall(code):
            if pattern.search(lit[1:-1]) or lit[1:-1] in keys:
                found.append(f"{p.relative_to(REPO)}: {lit[:80]}")
        found += [f"{p.relative_to(REPO)}: s.{k}" for k in keys if re.search(rf"\bs\.{k}\b", code)]
    for p in outside_kinds(".css"):
        code = re.sub(r"/\*.*?\*/", "", p.read_text(encoding="utf-8"), flags=re.S)
        found += [f"{p.relative_to(REPO)}: {m.group(0)}" for m in in_code.finditer(code)]
    for p in outside_kinds(".yaml"):
        if p.parent.name == "strings":
            found += [f"{p.relative_to(REPO)}: {k}" for k in yaml.safe_load(p.read_text(encoding="utf-8")) if k in keys]
    assert not found, found


def test_every_kind_folder_keeps_the_contract():
    for name, kind in KINDS.items():
        assert kind.folder == KINDS_DIR / name and kind.widget.is_file(), name
        assert "MI.kinds[kind]" in kind.widget.read_text(encoding="utf-8"), name
        label = yaml.safe_load(kind.strings_file("en").read_text(encoding="utf-8"))["label"]
        assert label and isinstance(label, str), name
    assert list(KINDS)[0] == "single_choice" and list(KINDS)[-1] == "code_transcript"  # teaching order


COPIES = {"single_choice": "quick_choice", "write_response": "journal", "scenario": "role_play"}
NEW_BANK = """\
exercises:
  - id: new-quick
    kind: quick_choice
    topics: [reflections]
    prompt: "Which reply is a reflection?"
    options:
      - text: "It sounds as if mornings are the hard part."
        correct: true
        feedback: "A guess at the meaning, said as a statement."
      - text: "Why don't you get up earlier?"
        feedback: "A why question asks for a defence."
  - id: new-journal
    kind: journal
    topics: [reflections]
    prompt: "Write a reflection."
    model_answers: ["You want to feel less tired."]
  - id: new-role-play
    kind: role_play
    topics: [reflections]
    nodes:
      - id: a
        client: "I don't know if I can."
        choices:
          - text: "You're not sure you can do it."
            code: simple_reflection
            feedback: "A simple reflection."
            next: b
      - id: b
        client: "Maybe with help."
        ending: {outcome: good, debrief: "She found a way in."}
"""


def test_a_copied_kind_folder_is_a_new_kind_with_no_other_file_edited(tmp_path):
    """Copy three folders under new names: the schema has them, a page shows them, the manifest scores them as
    their folders say, and the exports take or skip them as their folders say."""
    copy = tmp_path / "pkg"
    shutil.copytree(PACKAGE, copy / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    for old, new in COPIES.items():
        shutil.copytree(copy / "generator" / "kinds" / old, copy / "generator" / "kinds" / new)
        strings = copy / "generator" / "kinds" / new / "strings" / "en.yaml"
        text = re.sub(r"^label: .*$", f"label: New {new}", strings.read_text(encoding="utf-8"), flags=re.M)
        # The copy's own keys would clash with the original's: the copy reuses them, so it keeps only its label.
        strings.write_text(text.split("\n", 1)[0] + "\n" + f"label: New {new}\n", encoding="utf-8")
    env = {"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    run = lambda *args, cwd: subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env,  # noqa: E731
                                            capture_output=True, text=True, timeout=600)
    course = tmp_path / "course"
    assert run("init", str(course), cwd=tmp_path).returncode == 0
    (course / "exercises" / "new.yaml").write_text(NEW_BANK, encoding="utf-8")
    lesson = next((course / "content").rglob("*.md"))
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n[[exercise: new-quick]]\n\n[[exercise: new-journal]]\n\n"
                      "[[exercise: new-role-play]]\n", encoding="utf-8")
    schema = subprocess.run([sys.executable, "-c", "import json, generator.schema as s; print(json.dumps(s.build_schema()))"], cwd=tmp_path,
                            env=env, capture_output=True, text=True, check=True)
    kinds = json.loads(schema.stdout)["$defs"]["exercise"]["properties"]["kind"]["enum"]
    assert set(COPIES.values()) <= set(kinds)
    built = run("build", cwd=course)
    assert built.returncode == 0, built.stderr
    html = "".join(p.read_text(encoding="utf-8") for p in (course / "site").rglob("*.html"))
    for new in COPIES.values():
        assert f'data-kind="{new}"' in html and f"New {new}" in html, new
    manifest = next((course / "site" / "assets").glob("mi-manifest.*.js")).read_text(encoding="utf-8")
    unscored = json.loads(re.search(r'"unscored":\s*(\[[^\]]*\])', manifest).group(1))
    assert "journal" in unscored and "quick_choice" not in unscored and "role_play" not in unscored
    script = next((course / "site" / "assets").glob("mi-course.*.js")).read_text(encoding="utf-8")
    assert '"quick_choice"' in script and '"journal"' in script  # each copied widget registers under its folder's name
    out = tmp_path / "q.gift"
    exported = run("export", "--format", "gift", "--out", str(out), cwd=course)
    assert exported.returncode == 0, exported.stderr
    gift = out.read_text(encoding="utf-8")
    assert "::new-quick::" in gift and "::new-journal::" in gift and "new-role-play" not in gift
    assert "role_play" in exported.stdout + exported.stderr  # the skipped kind is named in the summary
