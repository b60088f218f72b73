"""Run every standards check a kata grades and collect their findings."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from autograder.kata.model import KataSpec
from autograder.report.model import Finding
from autograder.standards.blindspots import BLIND_SPOTS, uncovered_findings
from autograder.standards.checks import CheckDefinition, Tool
from autograder.standards.config import settings_for
from autograder.standards.messages import messages_at_raise_site, vague_raises
from autograder.standards.metrics import measure
from autograder.standards.public_api import public_api
from autograder.standards.selection import graded_checks, owner
from autograder.standards.shared_state import shared_state_writes
from autograder.standards.structure import check_requirement, describe_requirement
from autograder.standards.suppressions import neutralise, unjustified
from autograder.standards.tools import ToolFailure, run_format_check, run_mypy, run_ruff
from autograder.submission import Submission
from autograder.syllabus import CATEGORY_LESSONS, Category, ChecklistItem

__all__ = ["StandardsOutcome", "run_standards"]

type Found = list[Finding] | ToolFailure

_ANALYSERS: dict[Tool, Callable[[Submission], list[Finding]]] = {
    Tool.METRICS: lambda submission: [f for s in submission.files for f in measure(s)],
    Tool.MESSAGES: lambda submission: [
        *(f for s in submission.files for f in vague_raises(s)),
        *messages_at_raise_site(submission),
    ],
    Tool.PUBLIC_API: lambda submission: list(public_api(submission)),
    Tool.SHARED_STATE: lambda submission: [
        f for s in submission.files for f in shared_state_writes(s)
    ],
}
"""The grader's own analysers, which read the syntax tree and run in the grader."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StandardsOutcome:
    """What one standards check found.

    Attributes:
        id: The check's id.
        category: Its category.
        title: What it wants.
        advice: What to do when it fails.
        lesson: Where the book teaches it.
        checklist: Review-checklist items it enforces.
        findings: What it found (none: passed).
        failure: Why a tool could not run, if one could not.
    """

    id: str
    category: Category
    title: str
    advice: str
    lesson: str
    checklist: tuple[ChecklistItem, ...]
    findings: tuple[Finding, ...]
    failure: str | None = None


def run_standards(
    submission: Submission, spec: KataSpec, work_dir: Path, cache_dir: Path
) -> tuple[StandardsOutcome, ...]:
    """Run the standards checks of every category the kata grades, baseline included.

    Every tool reads a neutralised copy of the code, in which no suppression comment
    works, so suppressions never silence a graded check.

    Args:
        submission: The learner's code.
        spec: The kata, which says which categories are graded.
        work_dir: An empty private folder for copies of the code.
        cache_dir: A folder for tool caches (mypy's).

    Returns:
        One outcome per check, in registry order, then one per structure requirement.
    """
    checks = graded_checks(frozenset(spec.points))
    settings = settings_for(checks)
    shadow = work_dir / "shadow"
    shadow.mkdir()
    for source in submission.files:
        target = shadow / source.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(neutralise(source.text), encoding="utf-8")
    files = [source.path for source in submission.files]
    tools = {tool for check in checks for tool in check.tools}
    with ThreadPoolExecutor(max_workers=3) as pool:
        ruff = pool.submit(run_ruff, shadow, files, settings) if settings.select else None
        mypy = (
            pool.submit(run_mypy, shadow, files, cache_dir, settings)
            if Tool.MYPY in tools
            else None
        )
        fmt = (
            pool.submit(run_format_check, shadow, files, settings)
            if Tool.RUFF_FORMAT in tools
            else None
        )
        found: dict[Tool, Found] = {
            tool: analyse(submission) for tool, analyse in _ANALYSERS.items() if tool in tools
        }
        found[Tool.MYPY] = _result(mypy)
        found[Tool.RUFF_FORMAT] = _result(fmt)
        linted = _result(ruff)
    by_check = _assign(checks, linted, submission)
    outcomes = [
        _outcome(check, _gather(check, by_check.get(check.id, []), linted, found, submission))
        for check in checks
    ]
    outcomes.extend(_requirement_outcomes(spec, submission))
    return tuple(outcomes)


def _result(future: Future[Found] | None) -> Found:
    return [] if future is None else future.result()


def _assign(
    checks: tuple[CheckDefinition, ...], linted: Found, submission: Submission
) -> dict[str, list[Finding]]:
    """Give each ruff finding, and each blind-spot finding, to the check it counts in."""
    assigned: dict[str, list[Finding]] = {}
    if isinstance(linted, ToolFailure):
        return assigned
    for finding in linted:
        check = owner(finding.rule, checks)
        if check is not None:
            assigned.setdefault(check.id, []).append(finding)
    for spot in BLIND_SPOTS:
        check = owner(spot.rule, checks)
        if check is not None:
            for source in submission.files:
                assigned.setdefault(check.id, []).extend(uncovered_findings(spot, source, linted))
    return assigned


def _gather(
    check: CheckDefinition,
    assigned: list[Finding],
    linted: Found,
    found: dict[Tool, Found],
    submission: Submission,
) -> Found:
    """Everything that reports for one check, or the first tool failure among them."""
    parts = [found[tool] for tool in sorted(check.tools)]
    if check.rules:
        parts.append(linted if isinstance(linted, ToolFailure) else assigned)
    failure = next((part for part in parts if isinstance(part, ToolFailure)), None)
    if failure is not None:
        return failure
    findings = [f for part in parts if not isinstance(part, ToolFailure) for f in part]
    return findings + [f for s in submission.files for f in unjustified(s, check.suppressions)]


def _outcome(check: CheckDefinition, found: Found) -> StandardsOutcome:
    findings = () if isinstance(found, ToolFailure) else tuple(_ordered(found))
    return StandardsOutcome(
        id=check.id,
        category=check.category,
        title=check.title,
        advice=check.advice,
        lesson=check.lesson,
        checklist=check.checklist,
        findings=findings,
        failure=found.message if isinstance(found, ToolFailure) else None,
    )


def _ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line, f.column, f.rule, f.message))


def _requirement_outcomes(spec: KataSpec, submission: Submission) -> list[StandardsOutcome]:
    return [
        StandardsOutcome(
            id=f"{requirement.category}.requires-{requirement.name}",
            category=requirement.category,
            title=describe_requirement(requirement),
            advice="The kata's README says what it is for.",
            lesson=CATEGORY_LESSONS[requirement.category],
            checklist=(),
            findings=check_requirement(requirement, submission),
        )
        for requirement in spec.requirements
    ]
