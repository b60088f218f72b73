"""Run every standards check a kata grades and collect their findings."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from autograder.kata.model import KataSpec
from autograder.report.model import Finding
from autograder.standards.definitions import CheckDefinition, Tool, checks_for
from autograder.standards.messages import vague_raises
from autograder.standards.metrics import measure
from autograder.standards.structure import check_requirement, describe_requirement
from autograder.standards.suppressions import SuppressionKind, find_suppressions, neutralise
from autograder.standards.tools import ToolFailure, run_format_check, run_mypy, run_ruff
from autograder.submission import Submission
from autograder.syllabus import CATEGORY_LESSONS, Category, ChecklistItem

__all__ = ["StandardsOutcome", "run_standards"]

_SUPPRESSION_CHECKS = {
    "typing.suppressions": frozenset({SuppressionKind.TYPE}),
    "style.suppressions": frozenset({SuppressionKind.LINT, SuppressionKind.FORMAT}),
}


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
        failure: Why the tool could not run, if it could not.
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
    """Run the standards checks of every category the kata grades.

    Args:
        submission: The learner's code.
        spec: The kata, which says which categories are graded.
        work_dir: An empty private folder for copies of the code.
        cache_dir: A folder for tool caches (mypy's).

    Returns:
        One outcome per check, in registry order, then one per structure requirement.
    """
    definitions = checks_for(frozenset(spec.points) - {Category.BEHAVIOUR})
    original = submission.materialize(work_dir / "original")
    shadow = work_dir / "shadow"
    shadow.mkdir()
    for source in submission.files:
        target = shadow / source.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(neutralise(source.text), encoding="utf-8")
    files = [source.path for source in submission.files]
    tools = {definition.tool for definition in definitions}
    ruff_rules = sorted({rule for d in definitions if d.tool is Tool.RUFF for rule in d.rules})
    with ThreadPoolExecutor(max_workers=3) as pool:
        ruff = pool.submit(run_ruff, shadow, files, ruff_rules) if ruff_rules else None
        mypy = pool.submit(run_mypy, shadow, files, cache_dir) if Tool.MYPY in tools else None
        fmt = pool.submit(run_format_check, original, files) if Tool.RUFF_FORMAT in tools else None
        local = {d.id: _local_findings(d, submission) for d in definitions}
        results = {
            Tool.RUFF: _result(ruff),
            Tool.MYPY: _result(mypy),
            Tool.RUFF_FORMAT: _result(fmt),
        }
    ruff_by_check = _assign_ruff(definitions, results[Tool.RUFF])
    outcomes = []
    for definition in definitions:
        found: list[Finding] | ToolFailure
        if definition.tool is Tool.RUFF:
            found = ruff_by_check.get(definition.id, [])
            if isinstance(results[Tool.RUFF], ToolFailure):
                found = results[Tool.RUFF]
        elif definition.tool in results:
            found = results[definition.tool]
        else:
            found = local[definition.id]
        outcomes.append(_outcome(definition, found))
    outcomes.extend(_requirement_outcomes(spec, submission))
    return tuple(outcomes)


def _result(future: Future[list[Finding] | ToolFailure] | None) -> list[Finding] | ToolFailure:
    return [] if future is None else future.result()


def _local_findings(definition: CheckDefinition, submission: Submission) -> list[Finding]:
    if definition.tool is Tool.METRICS:
        return [finding for source in submission.files for finding in measure(source)]
    if definition.tool is Tool.MESSAGES:
        return [finding for source in submission.files for finding in vague_raises(source)]
    kinds = _SUPPRESSION_CHECKS.get(definition.id)
    if definition.tool is not Tool.SUPPRESSIONS or kinds is None:
        return []
    return [
        Finding(
            rule="KZ-SUPPRESSION",
            path=source.path,
            line=suppression.line,
            column=suppression.column,
            message=(
                f"'{suppression.text}' silences a whole file: remove it and fix the findings"
                if suppression.whole_file
                else f"'{suppression.text}' has no rule code and reason: fix the finding, "
                "or name the code and say why it cannot be fixed"
            ),
        )
        for source in submission.files
        for suppression in find_suppressions(source.text)
        if suppression.kind in kinds and not suppression.justified
    ]


def _assign_ruff(
    definitions: tuple[CheckDefinition, ...], found: list[Finding] | ToolFailure
) -> dict[str, list[Finding]]:
    """Give each ruff finding to the check whose selection matches its code most closely."""
    assigned: dict[str, list[Finding]] = {}
    if isinstance(found, ToolFailure):
        return assigned
    selectors = [(rule, d.id) for d in definitions if d.tool is Tool.RUFF for rule in d.rules]
    for finding in found:
        matches = [(len(rule), check) for rule, check in selectors if finding.rule.startswith(rule)]
        if matches:
            assigned.setdefault(max(matches)[1], []).append(finding)
    return assigned


def _outcome(definition: CheckDefinition, found: list[Finding] | ToolFailure) -> StandardsOutcome:
    findings = () if isinstance(found, ToolFailure) else tuple(_ordered(found))
    return StandardsOutcome(
        id=definition.id,
        category=definition.category,
        title=definition.title,
        advice=definition.advice,
        lesson=definition.lesson,
        checklist=definition.checklist,
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
