"""One source of the grader's tool settings: the learner's plain tools agree with the grader."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from ruff import find_ruff_bin

from autograder.kata import Catalog
from autograder.kata.model import Kata
from autograder.standards.config import LINE_LENGTH, tool_settings, workspace_pyproject
from autograder.standards.runner import run_standards
from autograder.submission import load_submission
from tests.conftest import REPO, TEST_COURSE

KATAS = [*Catalog(REPO).katas, *Catalog(TEST_COURSE).katas]
DECOY = """\
[tool.ruff]
line-length = 100
[tool.ruff.lint]
select = ["ALL"]
[tool.mypy]
strict = false
"""
UNTIDY = "import os\ndef helper(x):\n    return x+os.sep  # a conftest the grader never reads\n"
_MYPY_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): error: .*\[(?P<code>[a-z0-9-]+)\]$")
_FORMAT_LINE = re.compile(r"-->\s+(?P<path>\S+?):(?P<line>\d+):\d+")

type Findings = Counter[tuple[str, str, int]]


@pytest.mark.parametrize("kata", KATAS, ids=lambda kata: kata.id)
def test_the_workspace_file_holds_the_graders_settings(kata: Kata) -> None:
    settings = tool_settings(kata.spec)
    config = tomllib.loads(workspace_pyproject(kata.spec))
    ruff = config["tool"]["ruff"]
    assert ruff["line-length"] == LINE_LENGTH == 88
    assert ruff["target-version"] == "py312"
    assert ruff["lint"]["select"] == list(settings.select)
    assert ruff["lint"]["pydocstyle"] == {"convention": "google"}
    assert ruff["lint"]["mccabe"] == {"max-complexity": 10}
    assert {"tests", "conftest.py"} <= set(ruff["extend-exclude"])
    assert ruff["force-exclude"] is True
    mypy = config["tool"]["mypy"]
    assert mypy["strict"] is True
    assert mypy["python_version"] == "3.12"
    assert mypy["files"] == ["src"]
    # the baseline's rules are selected too, whatever the kata's focus
    assert {"T20", "S307", "PLW0603"} <= set(settings.select)


def test_the_grader_passes_ruff_the_same_settings() -> None:
    kata = next(kata for kata in KATAS if kata.id == "typed-invoices")
    settings = tool_settings(kata.spec)
    arguments = settings.ruff_arguments()
    assert "--config=line-length = 88" in arguments
    assert f"--config=lint.select = {json.dumps(list(settings.select))}" in arguments
    assert tomllib.loads(settings.mypy_config())["tool"]["mypy"]["strict"] is True


def _layout(kata: Kata, code: Path, root: Path) -> Path:
    """A workspace as ``kaizen start`` lays it out, inside a folder with another config."""
    root.mkdir()
    (root / "pyproject.toml").write_text(DECOY, encoding="utf-8")
    workspace = root / kata.id
    shutil.copytree(code, workspace / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(
        kata.tests_dir, workspace / "tests", ignore=shutil.ignore_patterns("__pycache__")
    )
    (workspace / "conftest.py").write_text(UNTIDY, encoding="utf-8")
    (workspace / "tests" / "helper.py").write_text(UNTIDY, encoding="utf-8")
    (workspace / "pyproject.toml").write_text(workspace_pyproject(kata.spec), encoding="utf-8")
    return workspace


def _run(argv: list[str], cwd: Path, cache: Path) -> str:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MYPY")}
    env["MYPY_CACHE_DIR"] = str(cache / "plain-mypy")  # the standard library's, shared: speed
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=env, check=False)
    assert done.returncode in {0, 1}, done.stdout + done.stderr
    return done.stdout


def _plain(workspace: Path, cache: Path) -> Findings:
    found: Findings = Counter()
    for item in json.loads(
        _run([find_ruff_bin(), "check", "--output-format=json"], workspace, cache)
    ):
        path = Path(item["filename"]).relative_to(workspace).as_posix()
        found[(item["code"], path, item["location"]["row"])] += 1
    unformatted = _run([find_ruff_bin(), "format", "--check"], workspace, cache)
    for where in _FORMAT_LINE.finditer(unformatted):
        found[("format", where["path"], int(where["line"]))] += 1
    for line in _run([sys.executable, "-m", "mypy"], workspace, cache).splitlines():
        if error := _MYPY_LINE.match(line):
            found[(f"mypy-{error['code']}", error["path"], int(error["line"]))] += 1
    return found


def _graded(kata: Kata, code: Path, work: Path, cache: Path) -> Findings:
    submission = load_submission(code, kata.spec.entry)
    work.mkdir()
    found: Findings = Counter()
    for outcome in run_standards(submission, kata.spec, work, cache):
        for finding in outcome.findings:
            rule = "format" if finding.rule == "KZ-FORMAT" else finding.rule
            if rule == "format" or not rule.startswith("KZ-"):  # the grader's own analysers
                found[(rule, f"src/{finding.path}", finding.line)] += 1
    return found


@pytest.mark.slow
@pytest.mark.parametrize("kata", KATAS, ids=lambda kata: kata.id)
@pytest.mark.parametrize("version", ["legacy", "solution"])
def test_plain_ruff_format_and_mypy_in_a_workspace_report_what_the_grader_does(
    kata: Kata, version: str, tmp_path: Path, cache_dir: Path
) -> None:
    code = (kata.starter if version == "legacy" else kata.solution).parent
    workspace = _layout(kata, code, tmp_path / "course")
    graded = _graded(kata, code, tmp_path / "grader", cache_dir)
    if version == "legacy":
        assert graded, "the legacy code should have findings to compare"
    assert _plain(workspace, cache_dir) == graded
