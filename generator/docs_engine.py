"""Which MkDocs runs the build: ProperDocs (the maintained MkDocs 1.x fork) when it is installed, else MkDocs 1.6.

ProperDocs answers every `mkdocs.*` import itself once `properdocs.replacement` is imported, so Material, our plugin
and the pipeline use `mkdocs.*` either way. Which one is only known at run time, so the engine's modules are looked up
here, after the choice, and the pipeline calls them through `Engine`. A trainer who installed ProperDocs beside MkDocs chose it, so it wins.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
from dataclasses import dataclass

from .diagnostics import BuildError, Diagnostic


@dataclass(frozen=True)
class Engine:
    name: str  # "ProperDocs" or "MkDocs"
    version: str

    @staticmethod
    def _get(module: str, name: str):
        return getattr(importlib.import_module(module), name)

    def load_config(self, **options):
        return self._get("mkdocs.config", "load_config")(**options)

    def build(self, config, serve_url: str | None = None, dirty: bool = False) -> None:
        """`dirty`: only the pages whose source is newer than their HTML are rendered again (the dev server's)."""
        self._get("mkdocs.commands.build", "build")(config, serve_url=serve_url, dirty=dirty)

    def serve(self, **options) -> None:
        self._get("mkdocs.commands.serve", "serve")(**options)

    @property
    def live_server(self) -> type:
        """The development server with live reload (mkdocs.livereload.LiveReloadServer)."""
        return self._get("mkdocs.livereload", "LiveReloadServer")

    @property
    def error(self) -> type:
        return self._get("mkdocs.exceptions", "MkDocsException")


def installed() -> str:
    """The engine's name without importing it (for --version); "" when neither is installed."""
    if "mkdocs" in sys.modules:  # already running inside one of them (our plugin): that one
        return "ProperDocs" if sys.modules["mkdocs"].__name__ == "properdocs" else "MkDocs"
    if importlib.util.find_spec("properdocs"):
        return "ProperDocs"
    return "MkDocs" if importlib.util.find_spec("mkdocs") else ""


def engine() -> Engine:
    """Makes `import mkdocs...` work with whichever is installed. Raises BuildError when neither is."""
    name = installed()
    if name == "ProperDocs":
        importlib.import_module("properdocs.replacement")  # maps mkdocs.* onto properdocs.*
        return Engine(name, importlib.import_module("properdocs").__version__)
    if name == "MkDocs":
        return Engine(name, importlib.import_module("mkdocs").__version__)
    raise BuildError([Diagnostic("mi-course", 0, 0, "neither MkDocs nor ProperDocs is installed",
                                 "install one: pip install mkdocs-material (it brings MkDocs), or pip install properdocs")])
