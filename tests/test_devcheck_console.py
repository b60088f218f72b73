"""What ``kaizen dev check`` prints: a table of promise mutants, the mutation score, survivors."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from autograder.devcheck.console import mutation_table, promise_table
from autograder.devcheck.mutation_score import MutationScore, Survivor
from autograder.devcheck.promises import Catch, PromiseAudit, PromiseVerdict


def _text(table: Table) -> str:
    console = Console(record=True, width=200, color_system=None)
    console.print(table)
    return console.export_text()


def test_the_promise_table_shows_the_check_that_caught_each_mutant_and_the_points() -> None:
    audit = PromiseAudit(
        verdicts=(
            PromiseVerdict(
                mutant_id="print-call",
                promise="library code logs; it never prints",
                generic=True,
                catches=(Catch("baseline.no-print", ("T201",), 5),),
                points_lost=5,
            ),
            PromiseVerdict(
                mutant_id="no-all", promise="declares __all__", generic=True, skipped="exempt: why"
            ),
            PromiseVerdict(
                mutant_id="round-half-even",
                promise="Rounding is half up.",
                generic=False,
                problem="loses no points: add a check",
            ),
        ),
        problems=(),
    )
    rows = [line for line in _text(promise_table(audit)).splitlines() if "│" in line]
    assert "print-call" in rows[0]
    assert "baseline.no-print (T201)" in rows[0]
    assert rows[0].rstrip(" │").endswith("5")
    assert "exempt: why" in rows[1]
    assert "round-half-even (kata)" in rows[2]
    assert "NOT CAUGHT: loses no points: add a check" in rows[2]


def test_the_survivor_table_shows_where_and_what_changed() -> None:
    survivors = tuple(
        Survivor(
            path="stats.py",
            line=n,
            operator="core/ReplaceBinaryOperator_Div_Mul",
            function="mean",
            original="return total(values) / len(values)",
            mutated="return total(values) * len(values)",
        )
        for n in range(30)
    )
    score = MutationScore(
        kata_id="stats",
        killed=70,
        total=100,
        equivalent=0,
        filtered=3,
        survivors=survivors,
        problems=(),
        seconds=1.0,
    )
    assert not score.ok
    assert score.score == 0.7
    text = _text(mutation_table(score))
    assert "stats.py:0" in text
    assert "ReplaceBinaryOperator_Div_Mul" in text
    assert "return total(values) / len(values) → return total(values) * len(values)" in text
    assert "stats.py:24" in text
    assert "stats.py:25" not in text
    assert "... and 5 more" in text
