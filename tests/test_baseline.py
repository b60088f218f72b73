"""The house baseline is graded in every kata, each finding counts in exactly one check."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from autograder.kata import Catalog
from autograder.kata.model import Kata
from autograder.standards.checks import CheckDefinition, Tool
from autograder.standards.definitions import BASELINE_CHECKS, FOCUS_CHECKS
from autograder.standards.selection import covers, graded_checks, owner
from autograder.standards.suppressions import SuppressionKind
from autograder.syllabus import Category
from tests.conftest import REPO, TEST_COURSE

FOCUS = sorted({check.category for check in FOCUS_CHECKS})
KATAS = [*Catalog(REPO).katas, *Catalog(TEST_COURSE).katas]


@pytest.mark.parametrize(
    ("selector", "code", "expected"),
    [
        ("B", "B006", True),
        ("B", "BLE001", False),  # flake8-bugbear is not flake8-blind-except
        ("S", "S110", True),
        ("S", "SIM105", False),
        ("E", "E722", True),
        ("E", "ERA001", False),
        ("D", "D1", True),
        ("D", "DTZ005", False),
        ("PL", "PLR0911", True),
        ("PLR", "PLW0603", False),
        ("T20", "T201", True),
        ("C90", "C901", True),
        ("C4", "C901", False),
        ("ANN", "ANN201", True),
        ("ANN201", "ANN", False),  # a narrower selector does not cover a wider one
        ("PT", "PTH123", False),
    ],
)
def test_a_selector_covers_what_ruff_would_select(selector: str, code: str, expected: bool) -> None:
    assert covers(selector, code) is expected


def _categories(focus: tuple[Category, ...]) -> frozenset[Category]:
    return frozenset({*focus, Category.BASELINE})


def test_every_baseline_rule_counts_somewhere_and_only_once_for_any_focus() -> None:
    for size in range(len(FOCUS) + 1):
        for focus in itertools.combinations(FOCUS, size):
            checks = graded_checks(_categories(focus))
            baseline = [check for check in checks if check.category is Category.BASELINE]
            ids = {check.id for check in baseline}
            # nothing a focus category grades covers these, so the baseline is never empty
            assert {"baseline.public-api", "baseline.shared-state"} <= ids, focus
            for original in BASELINE_CHECKS:
                for rule in original.rules:
                    owners = [c for c in checks if any(covers(s, rule) for s in c.rules)]
                    in_focus = [c for c in owners if c.category is not Category.BASELINE]
                    in_baseline = [c for c in owners if c.category is Category.BASELINE]
                    assert len(in_baseline) == (0 if in_focus else 1), (focus, rule)
                for tool in original.tools:
                    assert sum(tool in check.tools for check in checks) == 1, (focus, tool)
                for kind in original.suppressions:
                    assert sum(kind in check.suppressions for check in checks) == 1


def test_a_focus_category_takes_the_baseline_rules_it_grades() -> None:
    checks = {c.id: c for c in graded_checks(_categories((Category.LOGGING, Category.ERRORS)))}
    assert "baseline.no-print" not in checks  # logging.no-print selects T20
    assert "baseline.except" not in checks  # errors.handling selects all of it
    assert owner("T201", list(checks.values())) is checks["logging.no-print"]
    assert owner("BLE001", list(checks.values())) is checks["errors.handling"]


def test_a_baseline_check_keeps_what_the_focus_does_not_cover() -> None:
    checks = {c.id: c for c in graded_checks(_categories((Category.STYLE, Category.TYPING)))}
    # style.lint's "E" covers E722 and its "B" does not cover BLE
    assert checks["baseline.except"].rules == ("BLE", "S110", "S112")
    assert owner("E722", list(checks.values())) is checks["style.lint"]
    assert owner("BLE001", list(checks.values())) is checks["baseline.except"]
    # style.suppressions judges noqa and fmt, typing.suppressions type: ignore
    assert "baseline.suppressions" not in checks
    assert "baseline.format" not in checks


def test_the_baseline_is_not_graded_where_a_kata_gives_it_no_points() -> None:
    checks = graded_checks(frozenset({Category.TYPING}))
    assert all(check.category is Category.TYPING for check in checks)


def test_isort_findings_count_in_the_specific_check_not_the_catch_all() -> None:
    both = graded_checks(frozenset({Category.STYLE, Category.IMPORTS}))
    found = owner("I001", both)
    assert found is not None
    assert found.id == "imports.structure"
    style_only = owner("I001", graded_checks(frozenset({Category.STYLE})))
    assert style_only is not None
    assert style_only.id == "style.lint"


def test_the_longest_selector_wins_then_registry_order() -> None:
    checks = graded_checks(frozenset({Category.STYLE, Category.TYPING}))
    annotations = owner("UP006", checks)
    assert annotations is not None
    assert annotations.id == "typing.annotations"  # UP006 beats style.lint's UP
    first = CheckDefinition(
        id="a.first", category=Category.STYLE, title="t", advice="a", lesson="l", rules=("F",)
    )
    second = replace(first, id="a.second")
    assert owner("F401", [first, second]) is first
    assert owner("F401", [second, first]) is second


def _check_counts(kata_points: dict[Category, int], checks: list[str]) -> dict[Category, int]:
    counts = dict.fromkeys(kata_points, 0)
    for check in checks:
        counts[Category(check.partition(".")[0])] += 1
    return counts


@pytest.mark.parametrize("kata", KATAS, ids=lambda kata: kata.id)
def test_every_standards_check_of_a_kata_is_worth_a_point(kata: Kata) -> None:
    # so that nothing that breaks the baseline (or any check) gets full marks
    spec = kata.spec
    assert Category.BASELINE in spec.points, f"{spec.id} grades no baseline"
    ids = [check.id for check in graded_checks(frozenset(spec.points))]
    ids += [f"{r.category}.requires-{r.name}" for r in spec.requirements]
    for category, count in _check_counts(spec.points, ids).items():
        if category is not Category.BEHAVIOUR:
            assert spec.points[category] >= count, (spec.id, category, count)


def test_the_baseline_judges_every_kind_of_suppression_and_runs_its_own_analysers() -> None:
    checks = {c.id: c for c in graded_checks(frozenset({Category.BASELINE}))}
    assert checks["baseline.suppressions"].suppressions == frozenset(SuppressionKind)
    assert Tool.PUBLIC_API in checks["baseline.public-api"].tools
    assert Tool.SHARED_STATE in checks["baseline.shared-state"].tools
    assert Tool.RUFF_FORMAT in checks["baseline.format"].tools
