"""Each class of slip the grader once let pass is caught, by a generic mechanism.

The test course's ``ledger`` kata has a place for every class (rounding mode, float for
``Decimal``, a mutated argument, state carried over between calls, a stated limit, text
outside a narrow alphabet). Each submission in ``tests/fixtures/submissions/ledger/`` is
its reference solution with ONE edge case changed; the kata's suite holds no example
aimed at any of them, only the generic mechanisms of ``autograder.testing``: domain and
boundary generators, argument-state comparison and a stateful differential machine. Two
correct refactors, written differently, must pass.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SUBMISSIONS, TEST_COURSE, Kaizen

LEDGER = SUBMISSIONS / "ledger"
REFERENCE = TEST_COURSE / "solutions" / "01-basics" / "ledger" / "src" / "ledger.py"


@dataclass(frozen=True)
class Slip:
    """A plausible slip of one class, and the mechanism of the suite that must see it.

    Attributes:
        slip_class: The class of slip, as the issue names it.
        mechanism: What in the suite sees it.
        test: The behaviour test that mechanism drives, which must fail.
        words: Words its failure message must contain (what it says differs).
    """

    slip_class: str
    mechanism: str
    test: str
    words: str


SLIPS = {
    "rounding_half_even": Slip(
        "rounding mode",
        "decimal_strings: exact ties at half a cent, after even digits",
        "test_parse_amount_matches_legacy",
        "but the legacy code",
    ),
    "float_amounts": Slip(
        "float arithmetic where the legacy used Decimal",
        "decimal_strings: values a hair off a tie, with more places than a float holds",
        "test_parse_amount_matches_legacy",
        "but the legacy code",
    ),
    "sorts_callers_entries": Slip(
        "an input argument mutated",
        "argument-state comparison: the caller's list as the callee left it",
        "test_balances_match_legacy_and_leave_the_entries_alone",
        "after the call",
    ),
    "caches_balances": Slip(
        "state carried over between calls on the same object",
        "DifferentialMachine: one Ledger per side through the same posts and queries",
        "test_ledger_matches_legacy_in_any_sequence",
        "but the legacy code",
    ),
    "amount_limit_exclusive": Slip(
        "a stated range limit (amounts up to 1,000,000.00)",
        "decimal_strings(max_value=...): the limit itself and a quantum either side",
        "test_parse_amount_matches_legacy",
        "1000000.00",
    ),
    "memo_limit_off_by_one": Slip(
        "a stated length limit (memos cut to 40 characters)",
        "sized_text(40): lengths 39, 40 and 41, each in branches of its own",
        "test_memos_match_legacy",
        "but the legacy code",
    ),
    "splits_on_newline": Slip(
        "text alphabet: line boundaries",
        "joined_lines: every boundary str.splitlines knows",
        "test_parse_ledger_matches_legacy",
        "but the legacy code",
    ),
    "strips_ascii_whitespace": Slip(
        "text alphabet: Unicode whitespace",
        "padded: whitespace of every kind around a value",
        "test_memos_match_legacy",
        "but the legacy code",
    ),
    "ascii_account_names": Slip(
        "text alphabet: Unicode letters and digits",
        "words: letters and digits of every script, and numerals",
        "test_account_names_match_legacy",
        "bad account name",
    ),
    "splits_on_semicolon_space": Slip(
        "text alphabet: whitespace inside delimiters",
        "padded(';') and any_text(delimiters=';'): a delimiter with or without spaces",
        "test_parse_entry_matches_legacy",
        "but the legacy code",
    ),
    "casefolds_account_names": Slip(
        "text alphabet: case mapping",
        "case_variants over words with CASE_SPECIALS (sharp s, ligatures, final sigma...)",
        "test_account_names_match_legacy",
        "but the legacy code",
    ),
}
CORRECT = ("correct_running_totals", "correct_sorted_copy")


def _behaviour(kaizen: Kaizen, case: str) -> dict[str, dict[str, Any]]:
    """Grade one ledger submission; its behaviour checks by test name."""
    run = kaizen("grade", "ledger", str(LEDGER / f"{case}.py"), "--json")
    assert run.returncode == 0, run.stderr
    report = run.json()
    assert report["status"] != "error", report["message"]
    checks = [check for check in report["checks"] if check["category"] == "behaviour"]
    return {check["id"].removeprefix("behaviour."): check for check in checks}


def _definitions(path: Path) -> dict[str, str]:
    """Each top-level function, class and constant of a module, as a normalised AST dump."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    units: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            units[node.name] = ast.dump(node)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            units[ast.unparse(node).partition("=")[0].strip()] = ast.dump(node)
    return units


def test_every_case_is_listed_and_the_classes_are_distinct() -> None:
    on_disk = {path.stem for path in LEDGER.glob("*.py")}
    assert on_disk == set(SLIPS) | set(CORRECT)
    assert len({slip.slip_class.split(":")[0] for slip in SLIPS.values()}) >= 6


@pytest.mark.parametrize("case", sorted(SLIPS))
def test_a_slip_changes_one_definition_of_the_reference(case: str) -> None:
    reference, slipped = _definitions(REFERENCE), _definitions(LEDGER / f"{case}.py")
    assert reference.keys() == slipped.keys(), "a slip adds or removes no definition"
    changed = [name for name in reference if reference[name] != slipped[name]]
    assert len(changed) == 1, f"{case} changes {changed}: a slip changes one thing"


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(SLIPS))
def test_a_slip_fails_behaviour_through_its_mechanism(kaizen: Kaizen, case: str) -> None:
    slip = SLIPS[case]
    checks = _behaviour(kaizen, case)
    failed = {name for name, check in checks.items() if check["status"] != "passed"}
    assert failed, f"{case} ({slip.slip_class}) passed every behaviour check"
    assert slip.test in failed, (
        f"{case} ({slip.slip_class}) should fail {slip.test} ({slip.mechanism}), "
        f"but failed only {sorted(failed)}"
    )
    message = checks[slip.test]["message"]
    assert slip.words in message, message
    assert checks[slip.test]["counterexample"], "a failure shows the input that breaks it"


@pytest.mark.slow
@pytest.mark.parametrize("case", CORRECT)
def test_a_correct_refactor_passes_behaviour(kaizen: Kaizen, case: str) -> None:
    checks = _behaviour(kaizen, case)
    assert len(checks) >= 7
    failed = {
        name: check["message"] for name, check in checks.items() if check["status"] != "passed"
    }
    assert not failed, failed
    assert all(check["score"] == check["max_score"] for check in checks.values())
