"""Plain ruff, ruff format and mypy in a started workspace report what the grader reports."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ruff import find_ruff_bin

from autograder.app import Course, grade_path, start_kata
from autograder.kata.catalog import Catalog
from autograder.report.model import Report
from tests.conftest import REPO

type Place = tuple[str, int, str]
"""A finding's file (relative to the code folder), line and rule."""

_MYPY_LINE = re.compile(r"^src/(?P<path>[^:]+):(?P<line>\d+): error: .*\[(?P<code>[a-z-]+)\]$")


def _grader_places(report: Report) -> tuple[set[Place], set[Place], bool]:
    ruff: set[Place] = set()
    mypy: set[Place] = set()
    formatted = True
    for check in report.checks:
        for finding in check.findings:
            if finding.rule == "KZ-FORMAT":
                formatted = False
            elif finding.rule.startswith("mypy-"):
                mypy.add((finding.path, finding.line, finding.rule.removeprefix("mypy-")))
            elif not finding.rule.startswith("KZ-"):
                ruff.add((finding.path, finding.line, finding.rule))
    return ruff, mypy, formatted


def _tool(argv: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=folder, capture_output=True, text=True, check=False)


def _plain_places(folder: Path) -> tuple[set[Place], set[Place], bool]:
    ruff_bin = find_ruff_bin()
    linted = _tool([ruff_bin, "check", "--no-cache", "--output-format=json"], folder)
    ruff = {
        (
            Path(item["filename"]).relative_to(folder / "src").as_posix(),
            item["location"]["row"],
            item["code"],
        )
        for item in json.loads(linted.stdout)
    }
    typed = _tool([sys.executable, "-m", "mypy", "--no-error-summary"], folder)
    mypy = {
        (match["path"], int(match["line"]), match["code"])
        for line in typed.stdout.splitlines()
        if (match := _MYPY_LINE.match(line))
    }
    formatted = _tool([ruff_bin, "format", "--no-cache", "--check"], folder).returncode == 0
    return ruff, mypy, formatted


@pytest.mark.slow
@pytest.mark.parametrize("kata_id", Catalog(REPO).ids())
def test_plain_tools_agree_with_the_grader(kata_id: str, tmp_path: Path, cache_dir: Path) -> None:
    course = Course(root=REPO, workspace_root=tmp_path / "workspace", cache_dir=cache_dir)
    kata = course.catalog.get(kata_id)
    start_kata(course, kata)
    folder = course.workspace.kata_dir(kata)
    report = grade_path(course, kata, course.workspace.code_dir(kata))
    grader_ruff, grader_mypy, grader_formatted = _grader_places(report)
    plain_ruff, plain_mypy, plain_formatted = _plain_places(folder)
    assert grader_ruff, "the legacy code should have findings to compare"
    assert plain_ruff == grader_ruff
    assert plain_mypy == grader_mypy
    assert plain_formatted == grader_formatted
