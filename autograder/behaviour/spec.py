"""The messages between the grading process and the trusted test process."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from autograder.sandbox.limits import ResourceLimits

__all__ = ["SuiteResult", "SuiteSpec", "TestOutcome"]


class SuiteSpec(BaseModel):
    """What the trusted test process must run, and where.

    Attributes:
        tests_dir: The kata's behaviour suite.
        entry: The import name of the module under test.
        learner_dir: The folder holding the learner's code.
        legacy_dir: The folder holding the kata's legacy code.
        work_root: A private folder for the child processes' working directories.
        limits: Resource limits of each child process.
        call_seconds: Default time limit of one call into a child.
        max_examples: Hypothesis examples per property.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    tests_dir: str
    entry: str
    learner_dir: str
    legacy_dir: str
    work_root: str
    limits: ResourceLimits
    call_seconds: float
    max_examples: int


class TestOutcome(BaseModel):
    """How one behaviour test ended.

    Attributes:
        name: The test's name (with its parameters, if any).
        title: The first line of its docstring, for the report.
        status: ``passed``, ``failed``, ``error`` (broken set-up) or ``skipped``.
        message: What went wrong, for a test that did not pass.
        counterexample: Hypothesis's falsifying example, if any.
        seconds: How long the test ran.
    """

    __test__ = False  # not a pytest test class, despite its name
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    title: str
    status: Literal["passed", "failed", "error", "skipped"]
    message: str
    counterexample: str
    seconds: float


class SuiteResult(BaseModel):
    """Everything the trusted test process reports.

    Attributes:
        outcomes: One per test, in collection order.
        collection_errors: Test modules that could not be imported (a broken kata).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    outcomes: tuple[TestOutcome, ...]
    collection_errors: tuple[str, ...]
