"""The same submission always gets the same report (bar timing)."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from autograder.grading import GradingOptions, grade
from autograder.kata import Catalog
from autograder.report.serialize import report_to_dict
from tests.conftest import SUBMISSIONS, TEST_COURSE, Kaizen, without_timing


@pytest.mark.slow
def test_twenty_gradings_give_identical_reports(cache_dir: Path) -> None:
    kata = Catalog(TEST_COURSE).get("stats")
    options = GradingOptions(cache_dir=cache_dir)
    # a failing submission: its counterexamples and messages must be stable too
    submission = SUBMISSIONS / "stats" / "wrong_exception.py"
    reports = [without_timing(report_to_dict(grade(kata, submission, options))) for _ in range(20)]
    assert reports[0]["status"] == "failed"
    assert any(check["counterexample"] for check in reports[0]["checks"])
    assert all(report == reports[0] for report in reports[1:])


@pytest.mark.slow
def test_the_cli_gives_the_same_report_as_the_library(kaizen: Kaizen, cache_dir: Path) -> None:
    submission = SUBMISSIONS / "stats" / "always_equal.py"
    kata = Catalog(TEST_COURSE).get("stats")
    library = without_timing(
        report_to_dict(grade(kata, submission, GradingOptions(cache_dir=cache_dir)))
    )
    cli = kaizen("grade", "stats", str(submission), "--json")
    assert without_timing(cli.json()) == library


@pytest.mark.slow
def test_parallel_gradings_give_identical_reports(cache_dir: Path) -> None:
    kata = Catalog(TEST_COURSE).get("stats")
    options = GradingOptions(cache_dir=cache_dir)
    submission = SUBMISSIONS / "stats" / "wrong_exception.py"

    def one(_: int) -> str:
        return json.dumps(without_timing(report_to_dict(grade(kata, submission, options))))

    with ThreadPoolExecutor(max_workers=4) as pool:
        reports = list(pool.map(one, range(8)))
    assert len(set(reports)) == 1, "parallel gradings disagreed"
    sequential = one(0)
    assert reports[0] == sequential
