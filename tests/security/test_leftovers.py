"""The leftover-process check looks only at the gradings under test, never machine-wide."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.security.conftest import leftover_workers

# A stand-in for a worker: its command line carries the marker the check looks for.
_FAKE_WORKER = "import time; time.sleep(60)"


@pytest.fixture
def fake_worker(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """A process that looks like a learner worker, running in a folder of its own."""
    home = tmp_path / "other-grading" / "work"
    home.mkdir(parents=True)
    process = subprocess.Popen([sys.executable, "-c", _FAKE_WORKER, "kaizen/worker.py"], cwd=home)
    try:
        yield process, home
    finally:
        process.kill()
        process.wait(timeout=10)


def test_a_worker_of_another_grading_is_not_a_leftover(
    fake_worker: tuple[subprocess.Popen[bytes], Path], tmp_path: Path
) -> None:
    process, _ = fake_worker
    mine = tmp_path / "this-grading"
    mine.mkdir()
    assert process.pid not in leftover_workers(mine)


def test_a_worker_of_this_grading_is_a_leftover(
    fake_worker: tuple[subprocess.Popen[bytes], Path],
) -> None:
    process, home = fake_worker
    assert process.pid in leftover_workers(home.parent)
