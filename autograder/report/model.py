"""The grading report: one immutable model for every delivery mode.

Serialisation lives in ``autograder.report.serialize``; rendering in
``autograder.report.render`` (terminal) and ``autograder.report.html`` (notebooks). The
JSON form is documented in ``docs/report-schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
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

SCHEMA_VERSION = "2.0"
"""Version 2.0 added ``Report.message`` and dropped ``CheckResult.required`` and
``Timing.checks`` (never set); 1.0 was the first published schema."""


class CheckStatus(StrEnum):
    """How one check ended."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    SKIPPED = "skipped"


class ReportStatus(StrEnum):
    """The verdict on a whole submission.

    ``passed`` only when every check passed; ``failed`` when some did not; ``error`` when
    the submission could not be graded (a syntax error, a failure at import time, a check
    that could not run), with ``Report.message`` saying why.
    """

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"


class Severity(StrEnum):
    """How much a finding matters, as exercism's analyzer ranks its comments.

    Severity decides what a learner is shown first and how the summary counts what is
    left to fix; it never changes the points, which the check's status alone decides.
    """

    ESSENTIAL = "essential"
    """The code is wrong or cannot be trusted yet (a type error, a behaviour difference)."""
    ACTIONABLE = "actionable"
    """A standard is not met: a concrete change to make."""
    INFORMATIVE = "informative"
    """Worth knowing; nothing to change for the grade."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One thing to fix, at one place in the learner's code.

    Attributes:
        rule: A stable rule id, e.g. ``ANN201`` or ``KZ-FUNC-LENGTH``.
        path: The file, relative to the submission's root.
        line: 1-based line number (0 when it concerns the whole file).
        column: 1-based column (0 when unknown).
        message: What is wrong and what to do about it.
        severity: How much it matters; decides the order in which findings are shown.
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
        message: What happened, and what to do next if it did not pass. A behaviour
            mismatch may end with a diff: lines starting ``-`` and ``+``.
        lesson: The book page that teaches it, e.g. ``04-type-hints#annotations``.
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
    """

    total_seconds: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """The grade of one submission of one kata.

    Attributes:
        schema_version: Version of the JSON schema this report follows.
        kata: The kata's id.
        title: The kata's title.
        status: The verdict.
        message: Why the submission could not be graded (a syntax error, a failure at
            import time, a check that could not run) and what to do; set exactly when
            ``status`` is ``error``, empty otherwise. A run-level problem is said here
            once, never as one failed check per test.
        score: Points earned over all checks.
        max_score: Points at stake: the kata's total, even when no check could run.
        sandbox: How the learner's code was isolated, and how strongly.
        checks: Every check, in report order (behaviour first, then by category); may
            be empty when ``status`` is ``error``.
        timing: Wall-clock times (excluded when comparing reports).
    """

    schema_version: str
    kata: str
    title: str
    status: ReportStatus
    message: str = ""
    score: int
    max_score: int
    sandbox: Sandbox
    checks: tuple[CheckResult, ...]
    timing: Timing

    def __post_init__(self) -> None:
        """Reject a run-level message on a report that was graded.

        Raises:
            ValueError: If ``message`` is set but ``status`` is not ``error``.
        """
        if self.message and self.status is not ReportStatus.ERROR:
            msg = f"a report with status {self.status.value!r} cannot carry a run-level message"
            raise ValueError(msg)

    def failing(self) -> tuple[CheckResult, ...]:
        """Return the checks that did not pass, in report order."""
        return tuple(check for check in self.checks if check.status is not CheckStatus.PASSED)
