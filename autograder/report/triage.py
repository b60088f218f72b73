"""What to fix first: severity decides the order and the summary of what is left to fix.

Every renderer (terminal, HTML) orders checks and findings with these functions, so a
learner sees the same priorities wherever the report is shown.
"""

from __future__ import annotations

from collections import Counter

from autograder.report.model import CheckResult, Finding, Report, Severity

__all__ = ["check_severity", "ordered_findings", "to_fix", "to_fix_counts"]

_RANK = {severity: rank for rank, severity in enumerate(Severity)}


def check_severity(check: CheckResult) -> Severity:
    """Say how much a check that did not pass matters.

    A check that failed without pointing at any place (a behaviour difference, a check
    that could not run) is essential: nothing else can be trusted until it is fixed.
    Otherwise the check is as severe as its most severe finding.

    Args:
        check: The check.

    Returns:
        Its severity.
    """
    if not check.findings:
        return Severity.ESSENTIAL
    return min((finding.severity for finding in check.findings), key=_RANK.__getitem__)


def to_fix(report: Report) -> tuple[CheckResult, ...]:
    """Return the checks that did not pass, most severe first, else in report order.

    Args:
        report: The report.

    Returns:
        The checks to fix, the one to fix first first.
    """
    return tuple(sorted(report.failing(), key=lambda check: _RANK[check_severity(check)]))


def ordered_findings(check: CheckResult) -> tuple[Finding, ...]:
    """Return a check's findings, most severe first, else in the order the tool gave.

    Args:
        check: The check.

    Returns:
        Its findings, reordered.
    """
    return tuple(sorted(check.findings, key=lambda finding: _RANK[finding.severity]))


def to_fix_counts(report: Report) -> dict[Severity, int]:
    """Count what is left to fix, by severity, most severe first.

    Each finding counts once; a check that did not pass without findings counts as one
    essential item. Severities with nothing to fix are left out.

    Args:
        report: The report.

    Returns:
        A count per severity, in severity order.
    """
    counts: Counter[Severity] = Counter()
    for check in report.failing():
        if check.findings:
            counts.update(finding.severity for finding in check.findings)
        else:
            counts[Severity.ESSENTIAL] += 1
    return {severity: counts[severity] for severity in Severity if counts[severity]}
