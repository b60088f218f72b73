"""The learner's check: grade the workspace's code of a kata, record it, say what is next."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

from autograder.app.course import Course
from autograder.app.errors import NotStartedError
from autograder.app.grader import grade_workspace
from autograder.app.katas import next_kata
from autograder.kata.model import Kata
from autograder.progress import KataProgress
from autograder.report.model import Report, ReportStatus

__all__ = ["Checked", "NextStep", "check_and_record"]


class NextStep(StrEnum):
    """What the learner should do after a check."""

    COMPARE = "compare"
    """Passed: compare with the reference solution, then move on."""
    HINT = "hint"
    """Not passed, and a hint is still unrevealed."""
    FIX_FIRST = "fix-first"
    """Not passed, every hint revealed: fix the first item of the report."""


@dataclass(frozen=True, slots=True)
class Checked:
    """The outcome of a check.

    Attributes:
        kata: The kata checked.
        report: The grading report.
        progress: The learner's progress on it, this check included.
        next_step: What to do next.
        next_kata: After a pass, the next kata in course order not passed yet, if any.
        seconds: How long the check took, recording included.
    """

    kata: Kata
    report: Report
    progress: KataProgress
    next_step: NextStep
    next_kata: Kata | None
    seconds: float

    @property
    def passed(self) -> bool:
        """Whether this check passed the kata."""
        return self.report.status is ReportStatus.PASSED

    @property
    def next_hint(self) -> int:
        """The level the next ``hint`` would reveal (1 for the first)."""
        return self.progress.hints_shown + 1


def check_and_record(course: Course, kata: Kata) -> Checked:
    """Grade the learner's code of a kata and record the attempt.

    Args:
        course: The course.
        kata: A started kata.

    Returns:
        The report, the updated progress and what to do next.

    Raises:
        NotStartedError: If the kata has no folder in the workspace.
    """
    started = time.monotonic()
    if not course.workspace.is_started(kata):
        raise NotStartedError(kata.id)
    course.progress.set_current(kata.id)
    report = grade_workspace(course, kata)
    progress = course.progress.record(report)
    passed = report.status is ReportStatus.PASSED
    if passed:
        step = NextStep.COMPARE
    elif progress.hints_shown < len(kata.spec.hints):
        step = NextStep.HINT
    else:
        step = NextStep.FIX_FIRST
    return Checked(
        kata=kata,
        report=report,
        progress=progress,
        next_step=step,
        next_kata=next_kata(course, kata.id) if passed else None,
        seconds=time.monotonic() - started,
    )
