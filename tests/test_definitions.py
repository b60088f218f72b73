"""The standards registry is consistent, and ruff knows every rule it selects."""

from __future__ import annotations

import subprocess

import pytest
from ruff import find_ruff_bin

from autograder.standards.definitions import BASELINE_CHECKS, CHECKS, FOCUS_CHECKS, CheckDefinition
from autograder.syllabus import CATEGORY_LESSONS, Category


def test_check_ids_are_unique_and_prefixed_by_their_category() -> None:
    ids = [check.id for check in CHECKS]
    assert len(ids) == len(set(ids))
    for check in CHECKS:
        assert check.id.startswith(f"{check.category}.")
        assert not check.is_empty(), f"{check.id} has nothing that reports for it"


def test_every_graded_category_has_a_check_and_a_lesson() -> None:
    for category in Category:
        assert category in CATEGORY_LESSONS
        if category is not Category.BEHAVIOUR:
            assert any(check.category is category for check in CHECKS), category


def test_the_baseline_is_its_own_category_and_only_the_baseline() -> None:
    assert {check.category for check in BASELINE_CHECKS} == {Category.BASELINE}
    assert all(check.category is not Category.BASELINE for check in FOCUS_CHECKS)


def test_no_two_focus_checks_share_a_tool_or_a_suppression_kind() -> None:
    # a tool's findings, or a suppression kind's, must have exactly one check to count in
    tools = [tool for check in FOCUS_CHECKS for tool in check.tools]
    kinds = [kind for check in FOCUS_CHECKS for kind in check.suppressions]
    assert len(tools) == len(set(tools))
    assert len(kinds) == len(set(kinds))


@pytest.mark.parametrize("check", [c for c in CHECKS if c.rules], ids=lambda c: c.id)
def test_ruff_knows_every_selected_rule(check: CheckDefinition) -> None:
    rules = ",".join(check.rules)
    done = subprocess.run(
        [find_ruff_bin(), "check", "--isolated", "--no-cache", f"--select={rules}", "-"],
        input="x = 1\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in {0, 1}, done.stderr  # 2 would be an unknown selector
