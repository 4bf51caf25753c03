"""`mi-course serve`: serves on 127.0.0.1, rebuilds when a bank changes, and settles (no rebuild loop)."""
from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

from conftest import free_port, write_course
from test_build import BANK, LESSON


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode()


def wait_for(predicate, seconds: float = 60):
    end = time.time() + seconds
    while time.time() < end:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out")


def test_serve_rebuilds_on_bank_change_without_looping(tmp_path):
    course = write_course(tmp_path, {"bank.yaml": BANK}, {"index.md": "# Home\n", "reflections.md": LESSON})
    port = free_port()
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", str(port)], cwd=course,
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/reflections/"
        assert "fed up with early sessions" in wait_for(lambda: fetch(url))
        time.sleep(1.5)
        builds_before = (tmp_path / "serve.log").read_text().count("Building documentation")
        bank = course / "exercises" / "bank.yaml"
        bank.write_text(bank.read_text().replace("fed up with early sessions", "tired of dawn workouts"))
        wait_for(lambda: "tired of dawn workouts" in fetch(url))
        time.sleep(4)  # a loop would keep rebuilding here
        settled = (tmp_path / "serve.log").read_text().count("Building documentation")
        time.sleep(4)
        assert (tmp_path / "serve.log").read_text().count("Building documentation") == settled
        assert settled - builds_before <= 3
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()
