"""Suites never overfit to the reference: other correct solutions pass, plausible slips fail.

``tests/fixtures/alternatives/<kata>/<name>/`` holds correct refactors written differently
from the reference (other decomposition, names, data structures); each must get full marks.
``tests/fixtures/slips/<kata>/<name>/`` holds refactors that change behaviour in one edge
case only (their first line says which); each must lose the behaviour category.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.grading import GradingOptions, grade
from autograder.kata.catalog import Catalog
from autograder.report.model import CheckStatus, ReportStatus
from autograder.syllabus import Category
from tests.conftest import FIXTURES, REPO

ALTERNATIVES = FIXTURES / "alternatives"
SLIPS = FIXTURES / "slips"
_CATALOG = Catalog(REPO)


def _cases(root: Path) -> list[tuple[str, Path]]:
    return [
        (kata.name, folder)
        for kata in sorted(root.iterdir())
        if kata.is_dir()
        for folder in sorted(kata.iterdir())
        if folder.is_dir()
    ]


def _ids(cases: list[tuple[str, Path]]) -> list[str]:
    return [f"{kata}-{folder.name}" for kata, folder in cases]


ALTERNATIVE_CASES = _cases(ALTERNATIVES)
SLIP_CASES = _cases(SLIPS)


def test_every_kata_has_two_alternatives_and_slips() -> None:
    for kata_id in _CATALOG.ids():
        alternatives = [case for case in ALTERNATIVE_CASES if case[0] == kata_id]
        slips = [case for case in SLIP_CASES if case[0] == kata_id]
        assert len(alternatives) >= 2, f"{kata_id} needs two alternative solutions"
        assert len(slips) >= 6, f"{kata_id} needs plausible slips to test its suite"


@pytest.mark.slow
@pytest.mark.parametrize(("kata_id", "folder"), ALTERNATIVE_CASES, ids=_ids(ALTERNATIVE_CASES))
def test_an_alternative_correct_solution_gets_full_marks(
    kata_id: str, folder: Path, cache_dir: Path
) -> None:
    report = grade(_CATALOG.get(kata_id), folder, GradingOptions(cache_dir=cache_dir))
    failing = [f"{check.id}: {check.message[:300]}" for check in report.failing()]
    assert report.status is ReportStatus.PASSED, failing
    assert report.score == report.max_score, failing


@pytest.mark.slow
@pytest.mark.parametrize(("kata_id", "folder"), SLIP_CASES, ids=_ids(SLIP_CASES))
def test_a_slip_that_changes_one_edge_case_fails_behaviour(
    kata_id: str, folder: Path, cache_dir: Path
) -> None:
    report = grade(_CATALOG.get(kata_id), folder, GradingOptions(cache_dir=cache_dir))
    behaviour = [check for check in report.checks if check.category == Category.BEHAVIOUR]
    assert report.status is not ReportStatus.PASSED
    assert behaviour, report.message
    assert any(check.status is not CheckStatus.PASSED for check in behaviour), (
        f"every behaviour check passed: the suite does not see this slip ({folder.name})"
    )
