"""Which checks a kata grades, and which check each ruff finding counts in.

Ruff selectors are prefixes of rule codes, but not of strings: ``B`` selects bugbear's
``B006`` and not blind-except's ``BLE001``. So a selector is read as ruff reads it, with
ruff's own table of linters, and a selector *covers* a code when it selects it.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path

from ruff import find_ruff_bin

from autograder.sandbox.trusted import run_trusted
from autograder.standards.checks import CheckDefinition
from autograder.standards.definitions import BASELINE_CHECKS, FOCUS_CHECKS
from autograder.syllabus import Category

__all__ = ["covers", "graded_checks", "owner"]

_TIMEOUT_SECONDS = 30.0


@functools.cache
def _linters() -> dict[str, str]:
    """Ruff's linter prefixes (``PLR``, ``T20``, ``E``...), each with its linter's name."""
    ruff = find_ruff_bin()
    run = run_trusted(
        [ruff, "linter", "--output-format=json"],
        timeout=_TIMEOUT_SECONDS,
        cwd=Path(ruff).parent,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"},
    )
    if run.returncode != 0:
        message = f"ruff cannot list its linters (exit {run.returncode}): {run.output[-300:]}"
        raise RuntimeError(message)
    prefixes: dict[str, str] = {}
    for linter in json.loads(run.output):
        name, prefix = str(linter["name"]), str(linter["prefix"])
        if prefix:
            prefixes[prefix] = name
        for category in linter.get("categories", ()):
            prefixes[prefix + str(category["prefix"])] = name
    return prefixes


@functools.cache
def _linter(code: str) -> str | None:
    """The linter a selector or code belongs to: the longest prefix followed by digits."""
    matches = [
        prefix
        for prefix in _linters()
        if code.startswith(prefix) and (len(code) == len(prefix) or code[len(prefix)].isdigit())
    ]
    return _linters()[max(matches, key=len)] if matches else None


def covers(selector: str, code: str) -> bool:
    """Say whether a ruff selector selects every rule that a code or prefix selects.

    Args:
        selector: E.g. ``B`` or ``PLR09``.
        code: A rule code (``BLE001``) or another selector (``BLE``).

    Returns:
        Whether ``--select=selector`` reports everything ``--select=code`` does.
    """
    linter = _linter(selector)
    return linter is not None and code.startswith(selector) and _linter(code) == linter


def graded_checks(categories: Collection[Category]) -> tuple[CheckDefinition, ...]:
    """List the checks a kata grades: its focus checks, then what is left of the baseline.

    A baseline check keeps only the rules, tools and suppression kinds that no graded
    focus check covers, and is dropped when nothing is left; so every finding counts in
    exactly one check.

    Args:
        categories: The categories the kata gives points to.

    Returns:
        The checks, in registry order.
    """
    focus = tuple(check for check in FOCUS_CHECKS if check.category in categories)
    if Category.BASELINE not in categories:
        return focus
    baseline = (_uncovered(check, focus) for check in BASELINE_CHECKS)
    return (*focus, *(check for check in baseline if not check.is_empty()))


def _uncovered(check: CheckDefinition, focus: tuple[CheckDefinition, ...]) -> CheckDefinition:
    selectors = [selector for other in focus for selector in other.rules]
    return replace(
        check,
        rules=tuple(r for r in check.rules if not any(covers(s, r) for s in selectors)),
        tools=check.tools.difference(*(other.tools for other in focus)),
        suppressions=check.suppressions.difference(*(other.suppressions for other in focus)),
    )


def owner(code: str, checks: Sequence[CheckDefinition]) -> CheckDefinition | None:
    """Choose the check a ruff finding counts in.

    The check with the longest selector that selects the code takes it (``UP006`` counts
    in ``typing.annotations``, not in ``style.lint``'s ``UP``). Between equally long
    selectors, a check that is not a catch-all wins (isort's ``I`` counts in
    ``imports.structure``, not ``style.lint``); a remaining tie goes to the check that
    comes first in ``checks``.

    Args:
        code: The finding's rule code, e.g. ``I001``.
        checks: The graded checks, in registry order.

    Returns:
        The check, or ``None`` if no check selects the code.
    """
    ranked = [
        ((len(selector), not check.catch_all, -index), check)
        for index, check in enumerate(checks)
        for selector in check.rules
        if covers(selector, code)
    ]
    return max(ranked, key=lambda pair: pair[0])[1] if ranked else None
