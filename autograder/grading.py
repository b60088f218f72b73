"""The grading core: one submission of one kata in, one report out.

Every delivery mode (the learner CLI, the notebook button, workshops, batch grading) calls
``grade``; there is no other path to a grade.
"""

from __future__ import annotations

import logging
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from autograder.behaviour.runner import SuiteFailure, run_behaviour
from autograder.behaviour.spec import SuiteResult, TestOutcome
from autograder.errors import SubmissionError
from autograder.kata.model import Kata
from autograder.report.model import (
    SCHEMA_VERSION,
    CheckResult,
    CheckStatus,
    Report,
    ReportStatus,
    Sandbox,
    Timing,
)
from autograder.sandbox.launcher import Mechanism, choose_mechanism, describe
from autograder.scoring import share_points, verdict
from autograder.standards.runner import StandardsOutcome, run_standards
from autograder.submission import Submission, load_submission
from autograder.syllabus import CATEGORY_LESSONS, Category

__all__ = ["GradingOptions", "grade"]

_log = logging.getLogger(__name__)


_BEHAVIOUR_LESSON = CATEGORY_LESSONS[Category.BEHAVIOUR]


@dataclass(frozen=True, slots=True, kw_only=True)
class GradingOptions:
    """How to grade.

    Attributes:
        cache_dir: Where tools keep caches between gradings (mypy's, hypothesis's Unicode
            tables); they make grading faster and never change a grade.
        mechanism: How to isolate learner code; ``None`` chooses as ``KAIZEN_SANDBOX`` says
            (by default bubblewrap where it works, else the weaker process fallback).
    """

    cache_dir: Path
    mechanism: Mechanism | None = None


def grade(kata: Kata, submission_path: Path, options: GradingOptions) -> Report:
    """Grade one submission.

    Learner mistakes, however bad, are data in the report; this function raises only when
    the kata itself cannot be read.

    Args:
        kata: The kata to grade against.
        submission_path: A ``.py`` file or a folder holding the entry module or package.
        options: How to grade.

    Returns:
        The report.
    """
    started = time.monotonic()
    mechanism = options.mechanism or choose_mechanism()
    sandbox = Sandbox(
        mechanism=mechanism.value,
        isolated=mechanism is Mechanism.BWRAP,
        note=describe(mechanism),
    )
    try:
        submission = load_submission(submission_path, kata.spec.entry)
    except SubmissionError as error:
        _log.info("submission for %s cannot be graded: %s", kata.id, error)
        return _unloadable(kata, error.problem, sandbox, time.monotonic() - started)
    options.cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kaizen-") as scratch:
        checks = _run_checks(kata, submission, Path(scratch), options, mechanism)
    scored = share_points(checks, kata.spec.points)
    return Report(
        schema_version=SCHEMA_VERSION,
        kata=kata.id,
        title=kata.spec.title,
        status=ReportStatus.ERROR if _broken(scored) else verdict(scored),
        score=sum(check.score for check in scored),
        max_score=sum(check.max_score for check in scored),
        sandbox=sandbox,
        checks=scored,
        timing=Timing(total_seconds=round(time.monotonic() - started, 3)),
    )


def _run_checks(
    kata: Kata,
    submission: Submission,
    scratch: Path,
    options: GradingOptions,
    mechanism: Mechanism,
) -> tuple[CheckResult, ...]:
    learner_dir = submission.materialize(scratch / "learner")
    behaviour_dir = scratch / "behaviour"
    behaviour_dir.mkdir()
    standards_dir = scratch / "standards"
    standards_dir.mkdir()
    with ThreadPoolExecutor(max_workers=1) as pool:
        suite = pool.submit(
            run_behaviour, kata, learner_dir, behaviour_dir, options.cache_dir, mechanism
        )
        standards = run_standards(submission, kata.spec, standards_dir, options.cache_dir)
        behaviour = suite.result()
    return (*_behaviour_checks(behaviour), *(_standards_check(o) for o in standards))


def _behaviour_checks(result: SuiteResult | SuiteFailure) -> list[CheckResult]:
    if isinstance(result, SuiteFailure):
        status = CheckStatus.FAILED if result.learner_fault else CheckStatus.ERROR
        return [_suite_check(status, result.message)]
    if result.collection_errors:
        message = "the kata's behaviour suite is broken (not your fault; tell the course author):\n"
        return [_suite_check(CheckStatus.ERROR, message + "\n".join(result.collection_errors))]
    if not result.outcomes:
        return [_suite_check(CheckStatus.ERROR, "the kata's behaviour suite has no tests")]
    return [_test_check(outcome) for outcome in result.outcomes]


def _suite_check(status: CheckStatus, message: str) -> CheckResult:
    return CheckResult(
        id="behaviour.suite",
        category=Category.BEHAVIOUR,
        title="The behaviour suite runs to the end",
        status=status,
        score=0,
        max_score=0,
        message=message,
        lesson=_BEHAVIOUR_LESSON,
    )


def _test_check(outcome: TestOutcome) -> CheckResult:
    messages = {
        "passed": "Behaves as before.",
        "skipped": "This test was skipped, so it cannot count as passed.",
    }
    message = messages.get(outcome.status) or outcome.message
    return CheckResult(
        id=f"behaviour.{outcome.name}",
        category=Category.BEHAVIOUR,
        title=outcome.title,
        status=CheckStatus(outcome.status),
        score=0,
        max_score=0,
        message=message,
        lesson=_BEHAVIOUR_LESSON,
        counterexample=outcome.counterexample,
    )


def _standards_check(outcome: StandardsOutcome) -> CheckResult:
    if outcome.failure is not None:
        status, message = CheckStatus.ERROR, f"the check could not run: {outcome.failure}"
    elif outcome.findings:
        count = len(outcome.findings)
        noun = "place" if count == 1 else "places"
        status, message = CheckStatus.FAILED, f"{count} {noun} to fix. {outcome.advice}"
    else:
        status, message = CheckStatus.PASSED, "Met."
    return CheckResult(
        id=outcome.id,
        category=outcome.category,
        title=outcome.title,
        status=status,
        score=0,
        max_score=0,
        message=message,
        lesson=outcome.lesson,
        checklist=tuple(str(item) for item in outcome.checklist),
        findings=tuple(replace(finding, lesson=outcome.lesson) for finding in outcome.findings),
    )


def _broken(checks: tuple[CheckResult, ...]) -> bool:
    """A check in error means the grader could not judge: the verdict is ``error``."""
    return any(check.status is CheckStatus.ERROR for check in checks)


def _unloadable(kata: Kata, problem: str, sandbox: Sandbox, seconds: float) -> Report:
    check = CheckResult(
        id="submission.load",
        category=Category.BEHAVIOUR,
        title="The submission can be read as Python",
        status=CheckStatus.ERROR,
        score=0,
        max_score=sum(kata.spec.points.values()),
        message=problem,
        lesson="00-welcome#how-grading-works",
    )
    return Report(
        schema_version=SCHEMA_VERSION,
        kata=kata.id,
        title=kata.spec.title,
        status=ReportStatus.ERROR,
        score=0,
        max_score=check.max_score,
        sandbox=sandbox,
        checks=(check,),
        timing=Timing(total_seconds=round(seconds, 3)),
    )
