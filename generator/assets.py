"""The browser script and stylesheet: per-kind sources joined into one file each, named by content hash."""
from __future__ import annotations

import hashlib
import json
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


def _join(folder: Path, suffix: str, first: str) -> str:
    files = sorted(folder.glob(f"*{suffix}"), key=lambda p: (p.name != first, p.name))
    return "\n".join(f"/* {p.name} */\n{p.read_text(encoding='utf-8').strip()}\n" for p in files)


def every_page(strings: dict, namespace: str) -> tuple[Asset, Asset]:
    """The script and stylesheet every page loads: core plus one widget per kind."""
    ui = {k: v for k, v in strings.items() if isinstance(v, str)}
    head = f"window.MI={{ns:{json.dumps(namespace)},s:{json.dumps(ui, ensure_ascii=False, sort_keys=True)}}};\n"
    js = head + _join(ASSETS_DIR / "js", ".js", "core.js")
    css = _join(ASSETS_DIR / "css", ".css", "core.css")
    return _hashed("mi-course", ".js", js), _hashed("mi-course", ".css", css)


def page_script(name: str) -> Asset:
    """A script only some pages load (dashboard, review, certificate)."""
    path = ASSETS_DIR / "pages" / f"{name}.js"
    return _hashed(f"mi-{name}", ".js", path.read_text(encoding="utf-8"))
