"""Share each category's points among its checks and reach the verdict."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from autograder.report.model import CheckResult, CheckStatus, ReportStatus
from autograder.syllabus import Category

__all__ = ["run_message", "share_points", "verdict"]

_NAMED_AT_MOST = 3


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
        ``error`` when no check ran or one could not run (the grader could not judge),
        ``passed`` when every check passed, ``failed`` otherwise.
    """
    if not checks or any(check.status is CheckStatus.ERROR for check in checks):
        return ReportStatus.ERROR
    if all(check.status is CheckStatus.PASSED for check in checks):
        return ReportStatus.PASSED
    return ReportStatus.FAILED


def run_message(checks: Sequence[CheckResult]) -> str:
    """Say why the checks give no grade, for ``Report.message``.

    Args:
        checks: Every check of the report.

    Returns:
        Empty unless ``verdict`` is ``error``; then which checks could not run and what
        to do (their own messages say why each could not).
    """
    if verdict(checks) is not ReportStatus.ERROR:
        return ""
    if not checks:
        return "no check ran, so there is no grade: the kata defines none; tell the course author"
    broken = [check.id for check in checks if check.status is CheckStatus.ERROR]
    named = ", ".join(broken[:_NAMED_AT_MOST])
    if len(broken) > _NAMED_AT_MOST:
        named += f" and {len(broken) - _NAMED_AT_MOST} more"
    noun = "check" if len(broken) == 1 else "checks"
    return (
        f"{len(broken)} {noun} could not run ({named}), so this is not a grade yet: "
        "the panels below say why. Grade it again; if it happens again, tell the course "
        "author and include the report's JSON."
    )
