"""Grade hostile submissions through the real CLI, in each sandbox mechanism."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from autograder.sandbox.cgroup import PidsCgroup
from autograder.sandbox.launcher import Mechanism, choose_mechanism
from tests.conftest import TEST_COURSE

SUBMISSIONS = Path(__file__).resolve().parent / "submissions"
PLANTED_ENV_VALUE = "kaizen-test-secret-7c1e9d"
WORKER_MARKERS = (b"kaizen/worker.py", b"sandbox/_worker.py")


@dataclass(frozen=True)
class Graded:
    report: dict[str, Any]
    stdout: str
    stderr: str
    seconds: float
    tmp_root: Path  # the private temporary folder of this grading

    def behaviour(self) -> list[dict[str, Any]]:
        return [c for c in self.report["checks"] if c["category"] == "behaviour"]


type Grade = Callable[[Path], Graded]


def bwrap_works() -> bool:
    try:
        return choose_mechanism("auto") is Mechanism.BWRAP
    except Exception:  # noqa: BLE001 - any failure means: not available here
        return False


def cgroups_work() -> bool:
    cgroup = PidsCgroup.create(4)
    if cgroup is None:
        return False
    cgroup.destroy()
    return True


@pytest.fixture(params=[Mechanism.BWRAP, Mechanism.PROCESS], ids=str)
def mechanism(request: pytest.FixtureRequest) -> Mechanism:
    """Each test runs under bubblewrap and under the weaker fallback."""
    chosen: Mechanism = request.param
    if chosen is Mechanism.BWRAP and not bwrap_works():
        pytest.skip("bubblewrap does not work here (.ci/run installs it)")
    return chosen


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A private copy of the test course: what a hostile submission damages stays here."""
    copy = tmp_path / "course"
    shutil.copytree(TEST_COURSE, copy)
    return copy


def grading_tmp(tmp_path: Path) -> Path:
    """The private temporary folder of a test's gradings (their scratch folders go there).

    Args:
        tmp_path: The test's own temporary folder.

    Returns:
        The folder (created).
    """
    folder = tmp_path / "grading-tmp"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture
def grade(mechanism: Mechanism, course: Path, tmp_path: Path, cache_dir: Path) -> Grade:
    """Grade a submission file with ``kaizen grade --json`` and the chosen sandbox."""

    def run(submission: Path) -> Graded:
        env = {
            **os.environ,
            "KAIZEN_ROOT": str(course),
            "KAIZEN_WORKSPACE": str(tmp_path / "workspace"),
            "KAIZEN_CACHE_DIR": str(cache_dir),
            "KAIZEN_SANDBOX": mechanism.value,
            "KAIZEN_TEST_SECRET": PLANTED_ENV_VALUE,
            "TMPDIR": str(grading_tmp(tmp_path)),
        }
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "autograder", "grade", "stats", str(submission), "--json"],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=120,
            check=False,
        )
        seconds = time.monotonic() - started
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        assert report["sandbox"]["mechanism"] == mechanism.value
        return Graded(report, done.stdout, done.stderr, seconds, grading_tmp(tmp_path))

    return run


def leftover_workers(root: Path) -> list[int]:
    """Learner processes of the gradings under ``root`` that are still alive.

    Only processes that belong to a grading whose temporary files live under ``root`` count
    (their working directory or one of their mounts is there), so that other gradings
    running on the machine at the same time are never taken for leftovers.

    Args:
        root: The private temporary folder of the gradings under test.

    Returns:
        Their process ids.
    """
    marker = os.fsencode(str(root))
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if not any(m in (proc / "cmdline").read_bytes() for m in WORKER_MARKERS):
                continue
            cwd = os.fsencode(str((proc / "cwd").readlink()))
            mounts = (proc / "mountinfo").read_bytes()
        except OSError:  # it ended while we looked
            continue
        if marker in cwd or marker in mounts:
            found.append(int(proc.name))
    return found
