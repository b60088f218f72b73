"""Shared fixtures: run the real ``kaizen`` CLI against the test course or the real one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# The platform's own property tests are reproducible too: same examples on every run,
# no example database in the working tree, no deadline on a busy CI machine.
settings.register_profile("kaizen-tests", derandomize=True, database=None, deadline=None)
settings.load_profile("kaizen-tests")

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEST_COURSE = FIXTURES / "course"
SUBMISSIONS = FIXTURES / "submissions"


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:  # noqa: ANN401 - parsed JSON has no static type; tests index it
        return json.loads(self.stdout)


type Kaizen = Callable[..., Run]


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mypy cache for the whole test session: it only affects speed."""
    return tmp_path_factory.mktemp("cache")


def make_runner(root: Path, workspace: Path, cache: Path) -> Kaizen:
    def run(*args: str, stdin: str = "") -> Run:
        env = {
            **os.environ,
            "KAIZEN_ROOT": str(root),
            "KAIZEN_WORKSPACE": str(workspace),
            "KAIZEN_CACHE_DIR": str(cache),
            "COLUMNS": "200",
            "NO_COLOR": "1",
        }
        done = subprocess.run(
            [sys.executable, "-m", "autograder", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture
def kaizen(tmp_path: Path, cache_dir: Path) -> Kaizen:
    """The CLI on the small test course, with a fresh workspace."""
    return make_runner(TEST_COURSE, tmp_path / "workspace", cache_dir)


@pytest.fixture
def course_kaizen(tmp_path: Path, cache_dir: Path) -> Kaizen:
    """The CLI on the real course, with a fresh workspace."""
    return make_runner(REPO, tmp_path / "workspace", cache_dir)


def without_timing(report: dict[str, Any]) -> dict[str, Any]:
    """A report minus its timing fields, the only part allowed to differ between runs."""
    return {key: value for key, value in report.items() if key != "timing"}
