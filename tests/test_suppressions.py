"""Suppression comments never silence a check; unjustified ones are findings."""

from __future__ import annotations

import pytest

from autograder.standards.suppressions import SuppressionKind, find_suppressions, neutralise

SOURCE = """\
# ruff: noqa
import os  # noqa
x = 1  # type: ignore
y = 2  # type: ignore[assignment]  # reason: the stub is wrong here
z = 3  # noqa: E501 - a long URL that cannot be split
# mypy: ignore-errors
w = 4  # fmt: skip
"""


def test_each_directive_is_found_and_judged() -> None:
    found = find_suppressions(SOURCE)
    assert [(s.line, s.kind, s.justified) for s in found] == [
        (1, SuppressionKind.LINT, False),
        (2, SuppressionKind.LINT, False),
        (3, SuppressionKind.TYPE, False),
        (4, SuppressionKind.TYPE, True),
        (5, SuppressionKind.LINT, True),
        (6, SuppressionKind.TYPE, False),
        (7, SuppressionKind.FORMAT, False),
    ]
    assert found[0].whole_file


@pytest.mark.parametrize(
    "comment",
    [
        "# noqa: E501",
        "# noqa: E501 - ok",
        "# type: ignore[attr]",
        "# type: ignore  # reason: x y z w",
    ],
)
def test_a_code_and_a_real_reason_are_both_needed(comment: str) -> None:
    (suppression,) = find_suppressions(f"x = 1  {comment}\n")
    assert not suppression.justified


def test_neutralising_keeps_lines_and_defuses_every_directive() -> None:
    defused = neutralise(SOURCE)
    assert len(defused.splitlines()) == len(SOURCE.splitlines())
    assert find_suppressions(defused) == ()
    assert "x = 1" in defused.splitlines()[2]


def test_directives_in_strings_are_not_comments() -> None:
    source = 'text = "# noqa"\n'
    assert find_suppressions(source) == ()
    assert neutralise(source) == source
