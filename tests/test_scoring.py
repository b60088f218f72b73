"""Scoring: exact shares of points, and a verdict that says when there is no grade."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from autograder.report.model import CheckResult, CheckStatus, ReportStatus
from autograder.scoring import run_message, share_points, verdict
from autograder.syllabus import Category


def _check(category: Category, status: CheckStatus = CheckStatus.PASSED) -> CheckResult:
    return CheckResult(
        id=f"{category}.x",
        category=category,
        title="t",
        status=status,
        score=0,
        max_score=0,
        message="m",
        lesson="l",
    )


@given(
    st.dictionaries(
        st.sampled_from([Category.BEHAVIOUR, Category.TYPING, Category.DOCS]),
        st.tuples(st.integers(1, 100), st.integers(1, 13)),
        min_size=1,
    )
)
def test_shares_add_up_to_each_categorys_points(plan: dict[Category, tuple[int, int]]) -> None:
    checks = [_check(category) for category, (_, count) in plan.items() for _ in range(count)]
    points = {category: total for category, (total, _) in plan.items()}
    scored = share_points(checks, points)
    for category, total in points.items():
        shares = [check.max_score for check in scored if check.category == category]
        assert sum(shares) == total
        assert max(shares) - min(shares) <= 1


def test_a_failed_check_earns_nothing() -> None:
    scored = share_points(
        [_check(Category.DOCS), _check(Category.DOCS, CheckStatus.FAILED)], {Category.DOCS: 9}
    )
    assert [(c.score, c.max_score) for c in scored] == [(5, 5), (0, 4)]


def test_only_a_report_whose_every_check_passed_passes() -> None:
    assert verdict([_check(Category.DOCS)]) is ReportStatus.PASSED
    assert verdict([_check(Category.DOCS), _check(Category.DOCS, CheckStatus.SKIPPED)]) is (
        ReportStatus.FAILED
    )
    assert run_message([_check(Category.DOCS), _check(Category.DOCS, CheckStatus.FAILED)]) == ""


def test_a_check_that_could_not_run_makes_it_an_error_with_a_run_level_message() -> None:
    checks = [_check(Category.DOCS, CheckStatus.FAILED), _check(Category.TYPING, CheckStatus.ERROR)]
    assert verdict(checks) is ReportStatus.ERROR
    message = run_message(checks)
    assert message.startswith("1 check could not run (typing.x), so this is not a grade yet")
    assert "tell the course author" in message


def test_the_run_level_message_names_a_few_broken_checks_and_counts_the_rest() -> None:
    broken = [
        replace(_check(Category.BEHAVIOUR, CheckStatus.ERROR), id=f"behaviour.test_{n}")
        for n in range(5)
    ]
    message = run_message(broken)
    assert (
        "5 checks could not run (behaviour.test_0, behaviour.test_1, behaviour.test_2 and 2 more)"
        in message
    )


def test_no_check_at_all_is_no_grade() -> None:
    assert verdict([]) is ReportStatus.ERROR
    assert "no check ran" in run_message([])
