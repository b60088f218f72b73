"""Verify one kata: well-formed, failing as shipped, solvable, and keeping its promises."""

from __future__ import annotations

from dataclasses import dataclass

from autograder.devcheck.promises import Grader, PromiseAudit, PromiseVerdict, audit_promises
from autograder.grading import GradingOptions, grade
from autograder.kata.model import Kata
from autograder.report.model import CheckStatus, Report, ReportStatus
from autograder.syllabus import Category

__all__ = ["KataAudit", "audit_kata", "verdict_problem"]


@dataclass(frozen=True, slots=True)
class KataAudit:
    """What is wrong with one kata, if anything.

    Attributes:
        kata_id: The kata.
        problems: Each problem, with what to do about it.
        promises: The promise mutants and what became of them, when they were graded
            (only for a reference solution with full marks).
    """

    kata_id: str
    problems: tuple[str, ...]
    promises: PromiseAudit | None = None

    @property
    def ok(self) -> bool:
        """Whether the kata has no problem."""
        return not self.problems


def audit_kata(
    kata: Kata, options: GradingOptions, *, promises: bool = True, grader: Grader = grade
) -> KataAudit:
    """Check one kata's files, its legacy code, its reference solution and its promises.

    Args:
        kata: The kata.
        options: How to grade.
        promises: Whether to grade the promise mutants of the reference solution.
        grader: How to grade (``grade``, or a stand-in in tests).

    Returns:
        The audit.

    Raises:
        KataError: If the kata's ``promises.toml`` cannot be read.
    """
    problems = list(_file_problems(kata))
    if problems:
        return KataAudit(kata.id, tuple(problems))
    problems += _legacy_problems(kata, grader(kata, kata.starter.parent, options))
    reference = grader(kata, kata.solution.parent, options)
    solution_problems = _solution_problems(reference)
    problems += solution_problems
    if not promises or solution_problems:
        return KataAudit(kata.id, tuple(problems))
    audit = audit_promises(kata, reference, options, grader=grader)
    problems += audit.problems
    problems += [verdict_problem(verdict) for verdict in audit.verdicts if verdict.problem]
    return KataAudit(kata.id, tuple(problems), audit)


def verdict_problem(verdict: PromiseVerdict) -> str:
    """Say what is wrong with a promise mutant's verdict, as a problem of the kata.

    Args:
        verdict: A verdict with a problem.

    Returns:
        The problem, naming the mutant and its promise.
    """
    return f"promise mutant {verdict.mutant_id!r} ({verdict.promise}): {verdict.problem}"


def _file_problems(kata: Kata) -> list[str]:
    problems = []
    if not kata.readme.is_file() or not kata.readme.read_text(encoding="utf-8").strip():
        problems.append(f"{kata.readme} is missing or empty: write the learner's instructions")
    if not kata.starter.exists():
        problems.append(f"{kata.starter} is missing: add the legacy starter code")
    if not sorted(kata.tests_dir.glob("test_*.py")):
        problems.append(f"{kata.tests_dir} has no test_*.py: add the behaviour suite")
    if not kata.solution.exists():
        problems.append(f"{kata.solution} is missing: solutions/ must mirror exercises/")
    return problems


def _legacy_problems(kata: Kata, report: Report) -> list[str]:
    problems: list[str] = []
    expected_failures = set(kata.spec.behaviour.legacy_fails)
    behaviour = {
        check.id.removeprefix("behaviour."): check
        for check in report.checks
        if check.category == Category.BEHAVIOUR
    }
    problems.extend(
        f"legacy_fails names {name!r}, which is not a test of the suite"
        for name in sorted(expected_failures - behaviour.keys())
    )
    for name, check in behaviour.items():
        passed = check.status is CheckStatus.PASSED
        if name in expected_failures and passed:
            problems.append(f"the legacy code passes {name}, listed in legacy_fails: drop it there")
        elif name not in expected_failures and not passed:
            problems.append(
                f"the legacy code fails behaviour test {name} ({check.status}): "
                f"{check.message.splitlines()[0] if check.message else ''} - fix the test or "
                "list it in legacy_fails"
            )
    standards = [check for check in report.checks if check.category != Category.BEHAVIOUR]
    if all(check.status is CheckStatus.PASSED for check in standards):
        problems.append("the legacy code already meets every standards check: nothing to refactor")
    return problems


def _solution_problems(report: Report) -> list[str]:
    if report.status is ReportStatus.PASSED and report.score == report.max_score:
        return []
    problems = [f"the reference solution scores {report.score}/{report.max_score}, not full marks"]
    for check in report.failing():
        detail = check.message.splitlines()[0] if check.message else ""
        findings = "; ".join(f"{f.path}:{f.line} {f.rule} {f.message}" for f in check.findings[:5])
        problems.append(f"  {check.id} {check.status}: {detail} {findings}".rstrip())
    return problems
