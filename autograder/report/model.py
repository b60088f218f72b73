"""The grading report: one immutable model for every delivery mode.

Serialisation lives in ``autograder.report.serialize``; rendering in
``autograder.report.render``. The JSON form is documented in ``docs/report-schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "SCHEMA_VERSION",
    "CheckResult",
    "CheckStatus",
    "Finding",
    "Report",
    "ReportStatus",
    "Sandbox",
    "Severity",
    "Timing",
]

SCHEMA_VERSION = "1.0"


class CheckStatus(StrEnum):
    """How one check ended."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    SKIPPED = "skipped"


class ReportStatus(StrEnum):
    """The verdict on a whole submission.

    ``passed`` only when every required check passed; ``error`` when the submission could
    not be graded at all (e.g. a syntax error), with a check that says why.
    """

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"


class Severity(StrEnum):
    """How much a finding matters, from the learner's point of view."""

    ESSENTIAL = "essential"
    ACTIONABLE = "actionable"
    INFORMATIVE = "informative"


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One thing to fix, at one place in the learner's code.

    Attributes:
        rule: A stable rule id, e.g. ``ANN201`` or ``KZ-FUNC-LENGTH``.
        path: The file, relative to the submission's root.
        line: 1-based line number (0 when it concerns the whole file).
        column: 1-based column (0 when unknown).
        message: What is wrong and what to do about it.
        severity: How much it matters.
        url: Further reading on the rule, if any.
        lesson: The book page that teaches what the rule is about.
    """

    rule: str
    path: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ACTIONABLE
    url: str = ""
    lesson: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckResult:
    """The outcome of one check.

    Attributes:
        id: Stable id, e.g. ``behaviour.test_totals_match`` or ``typing.mypy``.
        category: The category whose points it shares.
        title: One line saying what the check wants.
        status: How it ended.
        score: Points earned.
        max_score: Points at stake.
        message: What happened, and what to do next if it did not pass.
        lesson: The book page that teaches it.
        required: Whether the kata needs this check passed to be passed.
        checklist: The review-checklist items it enforces.
        findings: The places in the code that made it fail.
        counterexample: For a property test: the smallest input that broke it.
    """

    id: str
    category: str
    title: str
    status: CheckStatus
    score: int
    max_score: int
    message: str
    lesson: str
    required: bool = True
    checklist: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    counterexample: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Sandbox:
    """How the learner's code was isolated while it was graded.

    Attributes:
        mechanism: ``bwrap`` (namespaces) or ``process`` (the weaker fallback).
        isolated: Whether the code was cut off from the network and the grader's files;
            only then is the grade tamper-proof.
        note: What the mechanism guarantees, in one sentence.
    """

    mechanism: str
    isolated: bool
    note: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Timing:
    """Wall-clock times; the only part of a report that differs between two gradings.

    Attributes:
        total_seconds: The whole grading.
        checks: Seconds per check id, where measured.
    """

    total_seconds: float
    checks: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """The grade of one submission of one kata.

    Attributes:
        schema_version: Version of the JSON schema this report follows.
        kata: The kata's id.
        title: The kata's title.
        status: The verdict.
        score: Points earned over all checks.
        max_score: Points at stake over all checks.
        sandbox: How the learner's code was isolated, and how strongly.
        checks: Every check, in report order (behaviour first, then by category).
        timing: Wall-clock times (excluded when comparing reports).
    """

    schema_version: str
    kata: str
    title: str
    status: ReportStatus
    score: int
    max_score: int
    sandbox: Sandbox
    checks: tuple[CheckResult, ...]
    timing: Timing

    def failing(self) -> tuple[CheckResult, ...]:
        """Return the checks that did not pass, in report order."""
        return tuple(check for check in self.checks if check.status is not CheckStatus.PASSED)
