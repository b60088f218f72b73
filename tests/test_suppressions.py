"""Suppression comments never silence a check; unjustified ones are findings."""

from __future__ import annotations

import ast
import subprocess

import pytest
from ruff import find_ruff_bin

from autograder.standards.suppressions import (
    SuppressionKind,
    find_suppressions,
    neutralise,
    unjustified,
)
from autograder.submission import SourceFile

SOURCE = """\
# ruff: noqa
import os  # noqa
x = 1  # type: ignore
y = 2  # type: ignore[assignment]  # reason: the stub is wrong here
z = 3  # noqa: E501 - a long URL that cannot be split
# mypy: ignore-errors
w = 4  # fmt: skip
import sys  # isort: skip
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
        (8, SuppressionKind.LINT, False),
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


FORMATTED_WITH_DIRECTIVES = """\
# ruff: NoQA
# isort: skip_file
import os  # NOQA
import sys  # noqa:F401 - kept for the plugin loader

x = os.sep  # type: ignore[attr-defined]  # reason: the stub lags behind
y = sys.path  # fmt: skip
# fmt: off
z = 3
# fmt: on
"""


def test_defusing_never_changes_what_ruff_format_wants() -> None:
    # the format check reads the neutralised copy: defusing must keep formatted code formatted
    defused = neutralise(FORMATTED_WITH_DIRECTIVES)
    assert find_suppressions(defused) == ()
    for text in (FORMATTED_WITH_DIRECTIVES, defused):
        done = subprocess.run(
            [find_ruff_bin(), "format", "--isolated", "--check", "-"],
            input=text,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, (text, done.stdout, done.stderr)


def test_lines_are_counted_as_tokenize_counts_them() -> None:
    # str.splitlines also splits at U+2028 and form feeds, which do not end a Python line
    source = 'text = "a\u2028b\x0cc"  # noqa\nvalue = 1  # type: ignore\n'
    defused = neutralise(source)
    assert find_suppressions(defused) == ()
    assert defused == source.replace("noqa", "no_a").replace("# type", "# typ_")


def test_each_unjustified_suppression_says_what_to_do() -> None:
    text = "x = 1  # noqa\ny = 2  # fmt: skip\n# ruff: noqa\n"
    source = SourceFile(path="m.py", text=text, tree=ast.parse(text))
    findings = unjustified(source, frozenset(SuppressionKind))
    assert [(f.rule, f.line) for f in findings] == [("KZ-SUPPRESSION", n) for n in (1, 2, 3)]
    assert "has no rule code and reason" in findings[0].message
    assert "let 'ruff format' lay out the code" in findings[1].message
    assert "silences a whole file" in findings[2].message
    assert unjustified(source, frozenset({SuppressionKind.TYPE})) == ()
