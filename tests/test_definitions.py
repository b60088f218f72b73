"""The standards registry is consistent, and ruff knows every rule it selects."""

from __future__ import annotations

import subprocess

import pytest
from ruff import find_ruff_bin

from autograder.standards.definitions import CHECKS, CheckDefinition, Tool
from autograder.syllabus import CATEGORY_LESSONS, Category


def test_check_ids_are_unique_and_prefixed_by_their_category() -> None:
    ids = [check.id for check in CHECKS]
    assert len(ids) == len(set(ids))
    for check in CHECKS:
        assert check.id.startswith(f"{check.category}.")


def test_every_graded_category_has_a_check_and_a_lesson() -> None:
    for category in Category:
        assert category in CATEGORY_LESSONS
        if category is not Category.BEHAVIOUR:
            assert any(check.category is category for check in CHECKS), category


@pytest.mark.parametrize("check", [c for c in CHECKS if c.tool is Tool.RUFF], ids=lambda c: c.id)
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
