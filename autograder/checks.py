"""Turn what the behaviour suite and the linters found into the report's checks.

Points are not given here (``autograder.scoring`` shares them out); this module only says,
for each check, whether it passed and what the learner should read about it.
"""

from __future__ import annotations

from dataclasses import replace

from autograder.behaviour.runner import SuiteFailure
from autograder.behaviour.spec import SuiteResult, TestOutcome
from autograder.report.model import CheckResult, CheckStatus
from autograder.standards.runner import StandardsOutcome
from autograder.syllabus import CATEGORY_LESSONS, Category

__all__ = ["behaviour_checks", "behaviour_message", "standards_check"]

_BEHAVIOUR_LESSON = CATEGORY_LESSONS[Category.BEHAVIOUR]
_NOT_YOUR_FAULT = "the kata's behaviour suite is broken (not your fault; tell the course author)"


def behaviour_message(result: SuiteResult | SuiteFailure) -> str:
    """Say why the behaviour suite gives no grade at all, for ``Report.message``.

    A submission that cannot even be imported is one problem, said once, not one failed
    check per test.

    Args:
        result: What the trusted test process reported.

    Returns:
        The run-level message, or ``""`` when the suite graded the submission.
    """
    if isinstance(result, SuiteResult) and result.import_error:
        return result.import_error
    return ""


def behaviour_checks(result: SuiteResult | SuiteFailure) -> list[CheckResult]:
    """One check per behaviour test, or one that says why the suite could not run.

    Args:
        result: What the trusted test process reported.

    Returns:
        The checks, in the suite's order; none when the submission could not be imported.
    """
    if isinstance(result, SuiteFailure):
        status = CheckStatus.FAILED if result.learner_fault else CheckStatus.ERROR
        return [_suite_check(status, result.message)]
    if result.import_error:
        return []
    if result.legacy_import_error:
        problem = f"the legacy code cannot be imported: {result.legacy_import_error}"
        return [_suite_check(CheckStatus.ERROR, f"{_NOT_YOUR_FAULT}:\n{problem}")]
    if result.collection_errors:
        problem = "\n".join(result.collection_errors)
        return [_suite_check(CheckStatus.ERROR, f"{_NOT_YOUR_FAULT}:\n{problem}")]
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
    return CheckResult(
        id=f"behaviour.{outcome.name}",
        category=Category.BEHAVIOUR,
        title=outcome.title,
        status=CheckStatus(outcome.status),
        score=0,
        max_score=0,
        message=messages.get(outcome.status) or outcome.message,
        lesson=_BEHAVIOUR_LESSON,
        counterexample=outcome.counterexample,
    )


def standards_check(outcome: StandardsOutcome) -> CheckResult:
    """The check of one standards outcome: met, failed with findings, or could not run.

    Args:
        outcome: What one standards check found.

    Returns:
        The check, without points yet.
    """
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
