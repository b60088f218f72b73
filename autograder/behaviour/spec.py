"""The messages between the grading process and the trusted test process.

Plain dataclasses and ``json``: the test process must start fast, so it does not import
pydantic; the grading process validates what it reads back with a pydantic adapter.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal

from autograder.sandbox.limits import ResourceLimits

__all__ = ["Status", "SuiteResult", "SuiteSpec", "TestOutcome"]

type Status = Literal["passed", "failed", "error", "skipped"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SuiteSpec:
    """What the trusted test process must run, and where.

    Attributes:
        tests_dir: The kata's behaviour suite.
        entry: The import name of the module under test.
        learner_dir: The folder holding the learner's code.
        legacy_dir: The folder holding the kata's legacy code.
        support_dir: The kata's helper modules (run in the child and the tests), if any.
        work_root: A private folder for the child processes' working directories.
        limits: Resource limits of each child process.
        call_seconds: Default time limit of one call into a child.
        max_examples: Hypothesis examples per property.
        sandbox: How learner processes are isolated (a ``Mechanism`` value).
    """

    tests_dir: str
    entry: str
    learner_dir: str
    legacy_dir: str
    support_dir: str | None
    work_root: str
    limits: ResourceLimits
    call_seconds: float
    max_examples: int
    sandbox: str

    def to_json(self) -> str:
        """Serialise for the test process."""
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> SuiteSpec:
        """Read what ``to_json`` wrote.

        Args:
            text: The JSON text.

        Returns:
            The spec.
        """
        data = json.loads(text)
        return cls(**{**data, "limits": ResourceLimits(**data["limits"])})


@dataclass(frozen=True, slots=True, kw_only=True)
class TestOutcome:
    """How one behaviour test ended.

    Attributes:
        name: The test's name (with its parameters, if any).
        title: The first line of its docstring, for the report.
        status: ``passed``, ``failed``, ``error`` (broken set-up) or ``skipped``.
        message: What went wrong, for a test that did not pass.
        counterexample: Hypothesis's failing example, if any.
        seconds: How long the test ran.
    """

    __test__ = False  # not a pytest test class, despite its name

    name: str
    title: str
    status: Status
    message: str
    counterexample: str
    seconds: float


@dataclass(frozen=True, slots=True, kw_only=True)
class SuiteResult:
    """Everything the trusted test process reports.

    Attributes:
        outcomes: One per test, in collection order (none if an import failed).
        collection_errors: Test modules that could not be imported (a broken kata).
        import_error: Why the learner's entry module could not be imported, for the
            learner, if it could not (then no test ran: the submission cannot be graded).
        legacy_import_error: Why the legacy's entry module could not be imported, if it
            could not (a broken kata; then no test ran).
    """

    outcomes: tuple[TestOutcome, ...]
    collection_errors: tuple[str, ...]
    import_error: str | None = None
    legacy_import_error: str | None = None

    def to_json(self) -> str:
        """Serialise for the grading process."""
        return json.dumps(asdict(self))
