"""Points are shared exactly, and only a fully passing report passes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from autograder.report.model import CheckResult, CheckStatus, ReportStatus
from autograder.scoring import share_points, verdict
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


def test_verdict_needs_every_required_check() -> None:
    assert verdict([_check(Category.DOCS)]) is ReportStatus.PASSED
    assert verdict([_check(Category.DOCS), _check(Category.DOCS, CheckStatus.SKIPPED)]) is (
        ReportStatus.FAILED
    )
