"""Grade every promise mutant of a kata and judge whether the grader caught it.

A promise the brief makes is kept by the grader only if breaking it costs points, and
the points are lost where the promise is broken: a check with a finding on the lines the
mutant edited (or in the function around them, or on the module as a whole for a
module-level edit), or one of the checks the mutant names in ``caught_by``. Points lost
elsewhere do not count: they would mean the mutant broke something else as well.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from autograder.devcheck.declared import declared_mutants, load_promises
from autograder.devcheck.generic import GENERIC_PROMISES, generic_mutant
from autograder.devcheck.mutants import WHOLE_FILE, Mutant, enclosing_lines, write_tree
from autograder.grading import GradingOptions, grade
from autograder.kata.authoring import PromiseMutant
from autograder.kata.model import Kata
from autograder.report.model import CheckResult, CheckStatus, Report
from autograder.submission import load_submission
from autograder.syllabus import Category

__all__ = ["Catch", "Grader", "PromiseAudit", "PromiseVerdict", "audit_promises", "judge"]

type Grader = Callable[[Kata, Path, GradingOptions], Report]
"""How a mutant is graded: ``autograder.grading.grade``, or a stand-in in tests."""

_GENERIC_TEXT = {str(mutant): text for mutant, (text, _) in GENERIC_PROMISES.items()}


@dataclass(frozen=True, slots=True)
class Catch:
    """A check that lost points where a promise mutant broke its promise.

    Attributes:
        check_id: The check.
        rules: The rules of its findings (empty for a behaviour test).
        points: Points it lost.
    """

    check_id: str
    rules: tuple[str, ...]
    points: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PromiseVerdict:
    """What became of one promise mutant.

    Attributes:
        mutant_id: The mutant.
        promise: The promise it breaks.
        generic: Whether it is a generic mutant (else the kata's ``promises.toml``).
        skipped: Why it was not graded: the kata's exemption, or nothing to edit.
        catches: The checks that caught it.
        points_lost: Points the whole grade lost.
        problem: Why it fails ``kaizen dev check``, with what to do; empty when it passes.
    """

    mutant_id: str
    promise: str
    generic: bool
    skipped: str = ""
    catches: tuple[Catch, ...] = ()
    points_lost: int = 0
    problem: str = ""


@dataclass(frozen=True, slots=True)
class PromiseAudit:
    """Every promise mutant of one kata.

    Attributes:
        verdicts: One per mutant, generic ones first.
        problems: Mutants of ``promises.toml`` that could not be made, and why.
    """

    verdicts: tuple[PromiseVerdict, ...]
    problems: tuple[str, ...]


def audit_promises(
    kata: Kata,
    reference: Report,
    options: GradingOptions,
    *,
    grader: Grader = grade,
    workers: int = 2,
) -> PromiseAudit:
    """Make, grade and judge every promise mutant of a kata's reference solution.

    Args:
        kata: The kata.
        reference: The reference solution's report (it should score full marks).
        options: How to grade.
        grader: How to grade a mutant.
        workers: How many mutants are graded at once.

    Returns:
        The verdicts.

    Raises:
        KataError: If the kata's ``promises.toml`` cannot be read.
    """
    submission = load_submission(kata.solution.parent, kata.spec.entry)
    files = {source.path: source.text for source in submission.files}
    files = {submission.entry_path: files.pop(submission.entry_path), **files}
    verdicts: list[PromiseVerdict] = []
    mutants: list[Mutant] = []
    for generic in PromiseMutant:
        promise = _GENERIC_TEXT[generic]
        if (reason := kata.spec.promises.exempt.get(generic)) is not None:
            verdicts.append(_skipped(generic, promise, f"exempt: {reason}"))
        elif (mutant := generic_mutant(generic, files)) is None:
            verdicts.append(_skipped(generic, promise, "not applicable: nothing to edit"))
        else:
            mutants.append(mutant)
    problems: list[str] = []
    declared = load_promises(kata)
    if declared is not None:
        readme = kata.readme.read_text(encoding="utf-8")
        made, problems = declared_mutants(declared, readme, files, submission.entry_path)
        mutants += made
    with tempfile.TemporaryDirectory(prefix="kaizen-promises-") as scratch:

        def grade_one(numbered: tuple[int, Mutant]) -> Report:
            number, mutant = numbered
            folder = write_tree(Path(scratch) / str(number), {**files, mutant.path: mutant.text})
            return grader(kata, folder, options)

        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            reports = list(pool.map(grade_one, enumerate(mutants)))
    verdicts += [judge(m, reference, r) for m, r in zip(mutants, reports, strict=True)]
    order = {str(generic): index for index, generic in enumerate(PromiseMutant)}
    verdicts.sort(key=lambda verdict: order.get(verdict.mutant_id, len(order)))
    return PromiseAudit(tuple(verdicts), tuple(problems))


def judge(mutant: Mutant, reference: Report, report: Report) -> PromiseVerdict:
    """Decide whether a mutant's grade shows the grader keeping its promise.

    Args:
        mutant: The mutant.
        reference: The reference solution's report.
        report: The mutant's report.

    Returns:
        The verdict.
    """
    generic = mutant.id in _GENERIC_TEXT
    lost = reference.score - report.score
    verdict = PromiseVerdict(
        mutant_id=mutant.id, promise=mutant.promise, generic=generic, points_lost=lost
    )
    broken = [check for check in report.checks if check.status is CheckStatus.ERROR]
    if broken:
        detail = broken[0].message.splitlines()[0] if broken[0].message else ""
        problem = f"the mutant could not be graded ({broken[0].id}: {detail})"
        return replace(verdict, problem=problem)
    failing = [check for check in report.checks if check.score < check.max_score]
    if generic and (changed := [c.id for c in failing if c.category == Category.BEHAVIOUR]):
        problem = (
            f"this generic mutant changed behaviour ({', '.join(changed[:3])}): it must "
            "break its promise only; a flaky behaviour suite or a bug in the mutant"
        )
        return replace(verdict, problem=problem)
    scope = enclosing_lines(mutant.text, mutant.lines - {0}) | (mutant.lines & WHOLE_FILE)
    catches = tuple(
        Catch(
            check.id, tuple(sorted({f.rule for f in check.findings})), check.max_score - check.score
        )
        for check in failing
        if _relevant(check, mutant, scope)
    )
    if catches:
        return replace(verdict, catches=catches)
    if lost <= 0:
        return replace(verdict, problem=_uncaught(mutant))
    elsewhere = ", ".join(check.id for check in failing)
    where = f"caught_by {list(mutant.caught_by)}" if mutant.caught_by else "where the edit is"
    problem = f"loses {lost} points, but only in {elsewhere}, not {where}"
    return replace(verdict, problem=problem)


def _relevant(check: CheckResult, mutant: Mutant, scope: frozenset[int]) -> bool:
    if mutant.caught_by:
        return any(_matches(pattern, check) for pattern in mutant.caught_by)
    if check.category == Category.BEHAVIOUR:
        return False
    return any(finding.path == mutant.path and finding.line in scope for finding in check.findings)


def _matches(pattern: str, check: CheckResult) -> bool:
    return (
        check.id == pattern
        or check.id.startswith(f"{pattern}.")
        or any(finding.rule == pattern for finding in check.findings)
    )


def _uncaught(mutant: Mutant) -> str:
    if mutant.id in _GENERIC_TEXT:
        return (
            "loses no points: no graded check keeps this promise. Grade a category whose "
            "checks catch it, or exempt the kata in kata.toml: "
            f'[promises] exempt = {{ {mutant.id} = "why this kata does not promise it" }}'
        )
    return (
        "loses no points: no graded check keeps this promise of the README. Add a check "
        "that catches it, or take the sentence out of the brief"
    )


def _skipped(mutant: PromiseMutant, promise: str, why: str) -> PromiseVerdict:
    return PromiseVerdict(mutant_id=str(mutant), promise=promise, generic=True, skipped=why)
