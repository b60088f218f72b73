"""Share each category's points among its checks and reach the verdict."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from autograder.report.model import CheckResult, CheckStatus, ReportStatus
from autograder.syllabus import Category

__all__ = ["share_points", "verdict"]


def share_points(
    checks: Sequence[CheckResult], points: Mapping[Category, int]
) -> tuple[CheckResult, ...]:
    """Give each check its share of its category's points, and score it.

    Points are whole numbers: a category's points are split evenly and the remainder goes
    to its first checks, so the shares always add up exactly. A check scores its share
    when it passed and nothing otherwise.

    Args:
        checks: The checks, without points yet.
        points: Points per category.

    Returns:
        The checks with ``max_score`` and ``score`` set, in the same order.
    """
    counts = dict.fromkeys(points, 0)
    for check in checks:
        counts[Category(check.category)] += 1
    seen = dict.fromkeys(points, 0)
    scored = []
    for check in checks:
        category = Category(check.category)
        share, remainder = divmod(points[category], counts[category])
        maximum = share + (1 if seen[category] < remainder else 0)
        seen[category] += 1
        earned = maximum if check.status is CheckStatus.PASSED else 0
        scored.append(replace(check, max_score=maximum, score=earned))
    return tuple(scored)


def verdict(checks: Sequence[CheckResult]) -> ReportStatus:
    """Decide the report's status.

    Args:
        checks: Every check of the report.

    Returns:
        ``passed`` only if every required check passed.
    """
    required = [check for check in checks if check.required]
    if all(check.status is CheckStatus.PASSED for check in required):
        return ReportStatus.PASSED
    return ReportStatus.FAILED
