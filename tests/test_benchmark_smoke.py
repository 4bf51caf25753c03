"""One quick run of the benchmark (tests/benchmark.py) at its smallest size: it runs, and reports what it should.

The figures themselves are not judged here; the benchmark is not part of the pass/fail suite."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO


def test_benchmark_smallest_size_runs_and_reports(tmp_path):
    out = tmp_path / "results.json"
    res = subprocess.run(
        [sys.executable, str(REPO / "tests" / "benchmark.py"), "--sizes", "100", "--runs", "1", "--skip-quiz",
         "--skip-lighthouse", "--browser-runs", "1", "--startup-runs", "1", "--work", str(tmp_path / "work"), "--json", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    size = data["sizes"][0]
    assert size["exercises"] == 100 and size["lesson_pages"] == 10
    assert size["ours_seconds"] > 0 and size["bare_mkdocs_seconds"] > 0 and size["generate_seconds"] > 0
    assert size["loader"].startswith(("libyaml", "pure Python"))
    assert size["peak_memory_mb"] > 0
    weight = data["page_weight"]
    assert weight["every_page_gzip_kb"] > 0 and weight["page_10_questions_html_raw_kb"] > 0
    assert data["browser"]["exercises_on_page"] == 50 and data["browser"]["init_ms"] > 0
    assert 0 < data["browser"]["engine_script_ms"] < data["browser"]["init_ms"]  # the rest: the sections' layout
    startup = data["theme_startup"]["longest_lesson"]
    assert startup["theme_script_ms"] > 0 and startup["ours_script_ms"] > 0 and 0 < startup["ours_selector_share"] < 1
    assert data["theme_startup"]["lesson_without_exercises"]["page"] != startup["page"]
    serve = data["serve"]
    assert serve["edits"] >= 5 and serve["edit_to_reload_seconds"] > 0 and serve["full_build_seconds"] > 0
    assert serve["rebuild_cpu_seconds"] > 0 and "rebuilds_per_save" in serve
    names = {v["target"].split(" (")[0] for v in data["verdicts"]}
    assert {"every-page JS+CSS gzip", "all our JS+CSS gzip", "engine script at start-up, 50 exercises",
            "longest slice of start-up, layout included",
            "rebuilds and browser reloads per save"} <= names
    assert "serve: edit-to-reload" in res.stdout and "start-up on a phone-sized screen" in res.stdout
    assert "targets:" in res.stdout and "missed:" in res.stdout
