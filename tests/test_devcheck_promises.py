"""Promise mutants are graded, judged by where they lose points, and exempted only with a reason.

These tests grade with a stand-in that reports a finding on every line a mutant changed,
except for mutants that add a ``print``: those lose no points, like a kata that does not
grade logging. The real grader is used in ``test_devcheck_slow.py``.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from autograder.devcheck import audit_kata
from autograder.devcheck.mutants import Mutant
from autograder.devcheck.promises import judge
from autograder.errors import KataError
from autograder.grading import GradingOptions
from autograder.kata import Catalog, Kata
from autograder.report.model import (
    SCHEMA_VERSION,
    CheckResult,
    CheckStatus,
    Finding,
    Report,
    ReportStatus,
    Sandbox,
    Timing,
)
from autograder.syllabus import Category
from tests.conftest import TEST_COURSE

OPTIONS = GradingOptions(cache_dir=Path("/nonexistent-never-used"))


def _check(
    check_id: str, score: int, maximum: int, findings: tuple[Finding, ...] = ()
) -> CheckResult:
    return CheckResult(
        id=check_id,
        category=check_id.split(".", maxsplit=1)[0],
        title=check_id,
        status=CheckStatus.PASSED if score == maximum else CheckStatus.FAILED,
        score=score,
        max_score=maximum,
        message="",
        lesson="",
        findings=findings,
    )


def _report(*checks: CheckResult) -> Report:
    score = sum(check.score for check in checks)
    return Report(
        schema_version=SCHEMA_VERSION,
        kata="stats",
        title="Stats",
        status=ReportStatus.PASSED
        if all(c.score == c.max_score for c in checks)
        else ReportStatus.FAILED,
        score=score,
        max_score=sum(check.max_score for check in checks),
        sandbox=Sandbox(mechanism="process", isolated=False, note=""),
        checks=checks,
        timing=Timing(total_seconds=0.0),
    )


def _finding(line: int, rule: str = "X100", path: str = "stats.py") -> Finding:
    return Finding(rule=rule, path=path, line=line, column=1, message="found")


FULL = _report(_check("behaviour.test_total", 60, 60), _check("style.lint", 40, 40))


def _stand_in(kata: Kata, folder: Path, options: GradingOptions) -> Report:
    """Grade like a kata that does not grade logging.

    Full marks for the reference, a standards failure for the legacy, and for a mutant a
    finding on each line it changed, unless it prints.
    """
    del options
    if folder == kata.starter.parent:
        return _report(_check("behaviour.test_total", 60, 60), _check("style.lint", 0, 40))
    if folder == kata.solution.parent:
        return FULL
    reference = kata.solution.read_text(encoding="utf-8").splitlines()
    mutated = (folder / "stats.py").read_text(encoding="utf-8").splitlines()
    opcodes = difflib.SequenceMatcher(a=reference, b=mutated).get_opcodes()
    changed = [
        j + 1 for tag, _, _, j1, j2 in opcodes if tag != "equal" for j in range(j1, max(j2, j1 + 1))
    ]
    if any("print(" in mutated[n - 1] for n in changed if n <= len(mutated)):
        return FULL
    findings = tuple(_finding(line) for line in changed)
    return _report(_check("behaviour.test_total", 60, 60), _check("style.lint", 0, 40, findings))


def _course_copy(tmp_path: Path, kata_toml_extra: str = "") -> Kata:
    root = tmp_path / "course"
    shutil.copytree(TEST_COURSE, root)
    toml = root / "exercises" / "01-basics" / "stats" / "kata.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + kata_toml_extra, encoding="utf-8")
    return Catalog(root).get("stats")


def test_a_promise_mutant_that_loses_no_points_fails_the_kata(tmp_path: Path) -> None:
    audit = audit_kata(_course_copy(tmp_path), OPTIONS, grader=_stand_in)
    assert not audit.ok
    assert audit.promises is not None
    verdicts = {verdict.mutant_id: verdict for verdict in audit.promises.verdicts}
    assert "loses no points" in verdicts["print-call"].problem
    assert any("'print-call'" in problem and "exempt" in problem for problem in audit.problems)
    caught = [v for v in verdicts.values() if not v.problem]
    assert len(caught) == len(verdicts) - 1
    assert all(v.catches[0].check_id == "style.lint" and v.points_lost == 40 for v in caught)


def test_an_exemption_with_a_reason_silences_the_mutant(tmp_path: Path) -> None:
    reason = "this kata is a command-line tool that prints its report"
    kata = _course_copy(tmp_path, f'\n[promises]\nexempt = {{ print-call = "{reason}" }}\n')
    audit = audit_kata(kata, OPTIONS, grader=_stand_in)
    assert audit.ok, audit.problems
    assert audit.promises is not None
    (verdict,) = [v for v in audit.promises.verdicts if v.mutant_id == "print-call"]
    assert verdict.skipped == f"exempt: {reason}"
    assert not verdict.problem


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ('exempt = { print-calls = "the kata prints by design here" }', "unknown promise mutant"),
        ('exempt = { print-call = "why" }', "at least 10 characters"),
        ('exempt = { print-call = "the kata prints" }\nskip = true', "unknown key"),
    ],
)
def test_a_bad_promises_table_is_rejected_with_a_clear_message(
    tmp_path: Path, table: str, words: str
) -> None:
    with pytest.raises(KataError) as caught:
        _course_copy(tmp_path, f"\n[promises]\n{table}\n")
    assert "promises" in str(caught.value)
    assert words in str(caught.value)
    if words == "unknown promise mutant":
        assert "'print-calls'" in str(caught.value)
        assert "print-call, shared-state" in str(caught.value)


def _mutant(lines: set[int], caught_by: tuple[str, ...] = ()) -> Mutant:
    text = "def total(values):\n    return sum(values)\n\n\nX = 1\n"
    return Mutant(
        id="k", promise="p", path="stats.py", text=text, lines=frozenset(lines), caught_by=caught_by
    )


def test_points_lost_where_the_edit_is_catch_the_mutant() -> None:
    report = _report(
        _check("behaviour.test_total", 60, 60), _check("style.lint", 30, 40, (_finding(1),))
    )
    verdict = judge(_mutant({2}), FULL, report)
    assert not verdict.problem
    assert [(c.check_id, c.rules, c.points) for c in verdict.catches] == [
        ("style.lint", ("X100",), 10)
    ]


@pytest.mark.parametrize("finding", [_finding(5), _finding(2, path="other.py")])
def test_points_lost_elsewhere_do_not_catch_the_mutant(finding: Finding) -> None:
    report = _report(
        _check("behaviour.test_total", 60, 60), _check("style.lint", 30, 40, (finding,))
    )
    verdict = judge(_mutant({2}), FULL, report)
    assert verdict.problem == "loses 10 points, but only in style.lint, not where the edit is"


def test_caught_by_names_the_checks_that_must_catch_it() -> None:
    behaviour = _report(_check("behaviour.test_total", 0, 60), _check("style.lint", 40, 40))
    assert (
        judge(_mutant({2}, ("behaviour",)), FULL, behaviour).catches[0].check_id
        == "behaviour.test_total"
    )
    lint = _report(
        _check("behaviour.test_total", 60, 60), _check("style.lint", 30, 40, (_finding(9, "B006"),))
    )
    assert judge(_mutant({2}, ("B006",)), FULL, lint).catches[0].rules == ("B006",)
    assert "not caught_by ['errors']" in judge(_mutant({2}, ("errors",)), FULL, lint).problem


def test_a_generic_mutant_that_changes_behaviour_is_a_problem() -> None:
    report = _report(
        _check("behaviour.test_total", 0, 60), _check("style.lint", 0, 40, (_finding(2),))
    )
    generic = Mutant(
        id="print-call", promise="p", path="stats.py", text="x = 1\n", lines=frozenset({1})
    )
    assert "changed behaviour (behaviour.test_total)" in judge(generic, FULL, report).problem


def test_a_mutant_that_cannot_be_graded_is_a_problem() -> None:
    error = CheckResult(
        id="typing.mypy",
        category=Category.TYPING,
        title="t",
        status=CheckStatus.ERROR,
        score=0,
        max_score=40,
        message="mypy crashed",
        lesson="",
    )
    report = _report(error)
    assert (
        "could not be graded (typing.mypy: mypy crashed)"
        in judge(_mutant({1}), FULL, report).problem
    )


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ('operator = "core/NumberReplacer"\nfunction = "mean"\nline = "return 1"', "reason"),
        (
            'operator = "NumberReplacer"\nfunction = "f"\nline = "x"\nreason = "the same value"',
            "operator",
        ),
        ('operator = "core/AddNot"\nfunction = "f"\nline = "x"\nreason = "same"\ncol = 3', "col"),
    ],
)
def test_a_bad_equivalent_mutant_is_rejected(tmp_path: Path, entry: str, words: str) -> None:
    with pytest.raises(KataError) as caught:
        _course_copy(tmp_path, f"\n[[mutation.equivalent]]\n{entry}\n")
    assert "mutation.equivalent.0" in str(caught.value)
    assert words in str(caught.value)


def test_an_equivalent_mutant_with_a_reason_loads(tmp_path: Path) -> None:
    entry = 'operator = "core/AddNot"\nfunction = "mean"\nline = "if not values:"\n'
    kata = _course_copy(tmp_path, f"\n[[mutation.equivalent]]\n{entry}reason = 'it is the same'\n")
    (declared,) = kata.spec.mutation.equivalent
    assert (declared.operator, declared.function, declared.mutated) == ("core/AddNot", "mean", None)
