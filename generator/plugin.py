"""A thin MkDocs plugin so that plain `mkdocs build`, `serve` and `gh-deploy` run the same generator.

In the root mkdocs.yml it regenerates build/all/ and points MkDocs there; in a generated config it does nothing.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .pipeline import BUILD_DIR, STASH, generate
from .config import _Loader
from .diagnostics import BuildError


class MiCourseConfig(Config):
    track = config_options.Optional(config_options.Type(str))


class MiCoursePlugin(BasePlugin[MiCourseConfig]):
    def _root(self, config) -> Path:
        return Path(config.config_file_path).resolve().parent

    def _generated(self, config) -> bool:
        return Path(config.config_file_path).resolve().parent.parent.name == BUILD_DIR

    def on_config(self, config):
        if self._generated(config):
            return config
        try:
            gen = generate(self._root(config), self.config.track)
        except BuildError as exc:
            raise PluginError("\n".join(d.format() for d in exc.diagnostics)) from None
        config.docs_dir = str(gen.build_dir / "docs")
        # The generated config repeats the root's markdown_extensions as written, tags and all.
        generated = __import__("yaml").load(gen.config_file.read_text(encoding="utf-8"), Loader=_Loader)
        config.nav = generated["nav"]
        config.extra_css = generated["extra_css"]
        config.extra_javascript = generated["extra_javascript"]
        if STASH not in config.markdown_extensions:  # the generated pages mark their exercise blocks for it
            config.markdown_extensions.append(STASH)
        return config

    def on_serve(self, server, config, builder):
        if not self._generated(config):
            root = self._root(config)
            for folder in ("content", "exercises"):
                server.watch(str(root / folder))
            # The generated docs folder changes only when the generator writes it, during a build: watching it
            # would start a second build (and a second reload) after every save.
            try:
                server.unwatch(config.docs_dir)
            except KeyError:
                pass
        return server
