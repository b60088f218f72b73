"""Graded end to end: each slip of the house baseline fails exactly the check it should."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from autograder.kata.model import KataSpec
from autograder.standards.runner import StandardsOutcome, run_standards
from autograder.submission import SourceFile, Submission

CLEAN = '''\
"""Prices of an order."""

import logging

__all__ = ["total"]

logger = logging.getLogger(__name__)


def total(prices: list[int]) -> int:
    """Add up the prices.

    Args:
        prices: The prices, in cents.

    Returns:
        Their sum.
    """
    try:
        result = sum(prices)
    except TypeError:
        logger.warning("a price is not a number: counting none")
        result = 0
    return result
'''


def _spec(**points: int) -> KataSpec:
    return KataSpec.model_validate(
        {
            "id": "prices",
            "title": "Prices",
            "chapter": "01-basics",
            "summary": "Add up the prices of an order.",
            "entry": "prices",
            "principles": ["clean-code"],
            "hints": ["one", "two", "three"],
            "points": {"behaviour": 50, **points},
        }
    )


def _grade(
    text: str, spec: KataSpec, tmp_path: Path, cache_dir: Path
) -> dict[str, StandardsOutcome]:
    source = SourceFile(path="prices.py", text=text, tree=ast.parse(text))
    submission = Submission(files=(source,), entry_path="prices.py")
    work = tmp_path / "work"
    work.mkdir()
    return {o.id: o for o in run_standards(submission, spec, work, cache_dir)}


def _line_of(fragment: str, text: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def _failing(outcomes: dict[str, StandardsOutcome]) -> set[str]:
    assert all(outcome.failure is None for outcome in outcomes.values())
    return {check for check, outcome in outcomes.items() if outcome.findings}


BASELINE_ONLY = _spec(baseline=9)

MUTANTS = {
    "print": (
        CLEAN.replace("    return result", "    print(result)\n    return result"),
        {"baseline.no-print"},
    ),
    "no __all__": (CLEAN.replace('__all__ = ["total"]\n', ""), {"baseline.public-api"}),
    "shared state": (
        CLEAN.replace("    return result", "    _SEEN.append(result)\n    return result").replace(
            "logger = ", "_SEEN = []\nlogger = "
        ),
        {"baseline.shared-state"},
    ),
    "fmt off": (
        "# fmt: off\n" + CLEAN.replace("result = sum(prices)", "result=sum( prices )"),
        {"baseline.format", "baseline.suppressions"},
    ),
    "no docstring": (
        CLEAN.replace(CLEAN[CLEAN.index('    """Add up') : CLEAN.index("    try:")], ""),
        {"baseline.docstrings"},
    ),
    "blind except": (CLEAN.replace("except TypeError:", "except Exception:"), {"baseline.except"}),
    "bare except": (CLEAN.replace("except TypeError:", "except:"), {"baseline.except"}),
    "no annotation": (
        CLEAN.replace("prices: list[int]", "prices"),
        {"baseline.annotations"},
    ),
    "type ignore": (
        CLEAN.replace("return result", "return result  # type: ignore"),
        {"baseline.suppressions"},
    ),
    "eval": (
        CLEAN.replace("    return result", '    return result\n    eval("1")'),
        {"baseline.no-eval"},
    ),
}


@pytest.mark.parametrize("name", list(MUTANTS))
def test_each_baseline_slip_fails_its_check_and_only_it(
    name: str, tmp_path: Path, cache_dir: Path
) -> None:
    text, failing = MUTANTS[name]
    assert text != CLEAN
    assert _failing(_grade(text, BASELINE_ONLY, tmp_path, cache_dir)) == failing


def test_a_clean_module_meets_all_nine_baseline_checks(tmp_path: Path, cache_dir: Path) -> None:
    outcomes = _grade(CLEAN, BASELINE_ONLY, tmp_path, cache_dir)
    assert len(outcomes) == 9
    assert _failing(outcomes) == set()


def test_fmt_off_does_not_hide_unformatted_code_from_style_format(
    tmp_path: Path, cache_dir: Path
) -> None:
    text = "# fmt: off\n" + CLEAN.replace("result = sum(prices)", "result=sum( prices )")
    outcomes = _grade(text, _spec(style=5, baseline=5), tmp_path, cache_dir)
    (finding,) = outcomes["style.format"].findings
    assert finding.rule == "KZ-FORMAT"
    assert finding.line == _line_of("result=sum", text)  # where the unformatted code is
    assert "style.suppressions" in _failing(outcomes)


def test_an_append_loop_over_tuples_counts_in_performance_once(
    tmp_path: Path, cache_dir: Path
) -> None:
    text = CLEAN.replace(
        "    return result",
        "    names = []\n    for name, _ in pairs:\n        names.append(name)\n"
        "    codes = []\n    for code in prices:\n        codes.append(code + 1)\n"
        "    return result",
    ).replace("prices: list[int])", "prices: list[int], pairs: list[tuple[str, int]])")
    text = text.replace(
        "        prices: The prices, in cents.\n",
        "        prices: The prices, in cents.\n        pairs: Named prices.\n",
    )
    outcomes = _grade(text, _spec(performance=5, baseline=9), tmp_path, cache_dir)
    findings = outcomes["performance.idioms"].findings
    assert [(f.rule, f.line) for f in findings] == [
        ("KZ-PERF-APPEND", _line_of("names.append", text)),
        ("PERF401", _line_of("codes.append", text)),
    ]
    assert _failing(outcomes) == {"performance.idioms"}
