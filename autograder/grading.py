"""The grading core: one submission of one kata in, one report out.

Every delivery mode (the learner CLI, the notebook button, workshops, batch grading) grades
through a ``Grader``; there is no other path to a grade. A ``Grader`` is long-lived: it
holds its seams (``autograder.seams``: the suite runner, the code host, the linters), so a
front end that grades often keeps one and a warm implementation can be plugged in.
"""

from __future__ import annotations

import logging
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from autograder.checks import behaviour_checks, behaviour_message, standards_check
from autograder.errors import SubmissionError
from autograder.kata.model import Kata
from autograder.report.model import (
    SCHEMA_VERSION,
    CheckResult,
    Report,
    ReportStatus,
    Sandbox,
    Timing,
)
from autograder.sandbox.launcher import Mechanism
from autograder.scoring import run_message, share_points, verdict
from autograder.seams import (
    CodeHost,
    ColdSuiteRunner,
    Linters,
    SandboxedHost,
    StandardLinters,
    SuiteRunner,
)
from autograder.submission import Submission, load_submission

__all__ = ["Grader", "GradingOptions", "grade"]

_log = logging.getLogger(__name__)


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


class Grader:
    """Grades submissions; keep one for as long as you grade.

    Example::

        grader = Grader(GradingOptions(cache_dir=cache))
        report = grader.grade(kata, Path("submission.py"))
    """

    def __init__(
        self,
        options: GradingOptions,
        *,
        host: CodeHost | None = None,
        suite_runner: SuiteRunner | None = None,
        linters: Linters | None = None,
    ) -> None:
        """Set up the seams; the defaults are today's cold, sandboxed implementations.

        Args:
            options: How to grade.
            host: Where learner code runs (default: a sandboxed child process).
            suite_runner: What runs the behaviour suite (default: a fresh trusted process).
            linters: What runs the standards checks (default: ruff, mypy, own checks).

        Raises:
            SandboxUnavailableError: If ``KAIZEN_SANDBOX`` (or ``options.mechanism``) asks
                for a sandbox that cannot run on this machine.
        """
        self._cache_dir = options.cache_dir
        self._host = host or SandboxedHost.chosen(options.mechanism)
        self._suites = suite_runner or ColdSuiteRunner(options.cache_dir)
        self._linters = linters or StandardLinters(options.cache_dir)

    def grade(self, kata: Kata, submission: Path | Submission) -> Report:
        """Grade one submission.

        Learner mistakes, however bad (a syntax error, an import that loops forever, a
        hostile object), are data in the report, never exceptions.

        Args:
            kata: The kata to grade against.
            submission: A ``.py`` file, a notebook, a folder holding the entry module or
                package, or a submission already read into memory.

        Returns:
            The report.

        Raises:
            OSError: If the cache or a private temporary folder cannot be created (a
                problem of this machine, not of the submission).
        """
        started = time.monotonic()
        if isinstance(submission, Path):
            try:
                submission = load_submission(submission, kata.spec.entry)
            except SubmissionError as error:
                _log.info("submission for %s cannot be graded: %s", kata.id, error)
                return self._report(kata, (), started, message=error.problem)
        self._cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="kaizen-") as scratch:
            checks, message = self._run_checks(kata, submission, Path(scratch))
        scored = share_points(checks, kata.spec.points)
        return self._report(kata, scored, started, message or run_message(scored))

    def _run_checks(
        self, kata: Kata, submission: Submission, scratch: Path
    ) -> tuple[tuple[CheckResult, ...], str]:
        learner_dir = submission.materialize(scratch / "learner")
        (scratch / "behaviour").mkdir()
        (scratch / "standards").mkdir()
        with ThreadPoolExecutor(max_workers=1) as pool:
            suite = pool.submit(
                self._suites.run, kata, learner_dir, scratch / "behaviour", self._host
            )
            standards = self._linters.run(kata, submission, scratch / "standards")
            behaviour = suite.result()
        checks = (*behaviour_checks(behaviour), *(standards_check(o) for o in standards))
        return checks, behaviour_message(behaviour)

    def _report(
        self, kata: Kata, checks: tuple[CheckResult, ...], started: float, message: str = ""
    ) -> Report:
        return Report(
            schema_version=SCHEMA_VERSION,
            kata=kata.id,
            title=kata.spec.title,
            status=ReportStatus.ERROR if message else verdict(checks),
            message=message,
            score=sum(check.score for check in checks),
            max_score=sum(kata.spec.points.values()),
            sandbox=Sandbox(
                mechanism=self._host.mechanism.value,
                isolated=self._host.isolated,
                note=self._host.describe(),
            ),
            checks=checks,
            timing=Timing(total_seconds=round(time.monotonic() - started, 3)),
        )


def grade(kata: Kata, submission: Path | Submission, options: GradingOptions) -> Report:
    """Grade one submission with a ``Grader`` made for this one grading.

    Args:
        kata: The kata to grade against.
        submission: A path or an in-memory submission (see ``Grader.grade``).
        options: How to grade.

    Returns:
        The report.

    Raises:
        SandboxUnavailableError: If the sandbox asked for cannot run here.
        OSError: If the cache or a temporary folder cannot be created.
    """
    return Grader(options).grade(kata, submission)
