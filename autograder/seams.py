"""The grader's seams: what runs the behaviour suite, where learner code lives, what lints.

``Grader`` (``autograder.grading``) holds one of each for its whole life. Today's
implementations are cold (a fresh trusted pytest process per grading, a fresh sandboxed
child per code base); a warm forking suite runner for batch grading, or an in-process code
host for a browser mode, plug in here without touching the grading logic.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from autograder.behaviour.runner import SuiteFailure, run_behaviour
from autograder.behaviour.spec import SuiteResult
from autograder.kata.model import Kata
from autograder.sandbox.launcher import Mechanism, choose_mechanism, describe
from autograder.standards.runner import StandardsOutcome, run_standards
from autograder.submission import Submission

__all__ = [
    "CodeHost",
    "ColdSuiteRunner",
    "Linters",
    "SandboxedHost",
    "StandardLinters",
    "SuiteRunner",
]


class CodeHost(Protocol):
    """Where learner (and legacy) code runs while the behaviour suite talks to it."""

    @property
    def mechanism(self) -> Mechanism:
        """The isolation mechanism, as named in reports."""
        ...

    @property
    def isolated(self) -> bool:
        """Whether the grade is tamper-proof (no network, no view of the grader's files)."""
        ...

    def describe(self) -> str:
        """Say in one sentence what the host guarantees."""
        ...


@dataclass(frozen=True, slots=True)
class SandboxedHost:
    """Learner code runs in a sandboxed child process (bubblewrap, or the fallback).

    Attributes:
        mechanism: The isolation mechanism.
    """

    mechanism: Mechanism

    @classmethod
    def chosen(cls, mechanism: Mechanism | None = None) -> SandboxedHost:
        """Use ``mechanism``, or the one ``KAIZEN_SANDBOX`` and this machine give.

        Args:
            mechanism: A mechanism to force, if any.

        Returns:
            The host.

        Raises:
            SandboxUnavailableError: If the mechanism asked for cannot run here.
        """
        return cls(mechanism or choose_mechanism())

    @property
    def isolated(self) -> bool:
        """Only bubblewrap cuts the code off from the network and the grader's files."""
        return self.mechanism is Mechanism.BWRAP

    def describe(self) -> str:
        """Say what the mechanism guarantees."""
        return describe(self.mechanism)


class SuiteRunner(Protocol):
    """Runs a kata's behaviour suite against learner code, in a trusted process."""

    def run(
        self, kata: Kata, learner_dir: Path, work_dir: Path, host: CodeHost
    ) -> SuiteResult | SuiteFailure:
        """Run the suite.

        Args:
            kata: The kata.
            learner_dir: The folder holding the learner's code.
            work_dir: An empty private folder.
            host: Where the learner's code runs.

        Returns:
            Each test's outcome, or why the suite could not run.
        """
        ...


@dataclass(frozen=True, slots=True)
class ColdSuiteRunner:
    """A fresh trusted pytest process per grading: slow to start, nothing shared.

    Attributes:
        cache_dir: Where hypothesis keeps its (result-neutral) caches.
    """

    cache_dir: Path

    def run(
        self, kata: Kata, learner_dir: Path, work_dir: Path, host: CodeHost
    ) -> SuiteResult | SuiteFailure:
        """Run the suite in a new trusted process (see ``SuiteRunner.run``)."""
        return run_behaviour(kata, learner_dir, work_dir, self.cache_dir, host.mechanism)


class Linters(Protocol):
    """Runs the standards checks a kata grades on the learner's source."""

    def run(
        self, kata: Kata, submission: Submission, work_dir: Path
    ) -> tuple[StandardsOutcome, ...]:
        """Run every standards check of the kata.

        Args:
            kata: The kata.
            submission: The learner's code.
            work_dir: An empty private folder.

        Returns:
            One outcome per check.
        """
        ...


@dataclass(frozen=True, slots=True)
class StandardLinters:
    """ruff, ruff format, mypy and the grader's own AST checks, each run afresh.

    Attributes:
        cache_dir: mypy's incremental cache (speed only).
    """

    cache_dir: Path

    def run(
        self, kata: Kata, submission: Submission, work_dir: Path
    ) -> tuple[StandardsOutcome, ...]:
        """Run the checks (see ``Linters.run``)."""
        return run_standards(submission, kata.spec, work_dir, self.cache_dir)
