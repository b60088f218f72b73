"""The speed test of the slow-inventory kata: how each function's time grows with its input.

An absolute limit ("under one second") would make the grade depend on the machine and on
what else it runs. Instead each function is timed on the same amount of work done two
ways, in the same run, in the trusted test process (around each call into the tested
process, so the tested code cannot fake it): once on one inventory of 8,000 SKUs and
8,000 order lines, and once on eight distinct inventories of 1,000 each. Linear code
takes about as long for both; code whose time grows as n**k takes 8**(k - 1) times as
long for the big one. The scaling exponent k is

    k = 1 + log(time for 8,000 / time for 8 x 1,000) / log(8)

Linear code measures about 1.0 (up to 1.2 where a big dict outgrows a CPU cache); the
legacy's nested scans measure 2. The limit of 1.5 sits halfway: a linear function fails
only if both of its big runs are 2.8 times slower than the faster of its small runs, and
that in three rounds in a row (a round that passes ends the measurement), which load on
the machine does not do to runs interleaved like these. Each call also has a generous
time limit: linear code needs milliseconds, the legacy's takes seconds.

The results of the big run are then checked against what the inventory was built to give.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Final, Protocol, cast

from inventory_data import DUPLICATE_EVERY, FUNCTIONS, UNKNOWN_EVERY

from autograder.testing import CodeProxy, LearnerTimeout, Returned, assert_same_behaviour

SMALL: Final = 1_000
"""SKUs (and order lines) of each small inventory."""
FACTOR: Final = 8
"""How much bigger the big inventory is, and how many small ones there are."""
MAX_EXPONENT: Final = 1.5
"""The largest scaling exponent that passes: 1 is linear, 2 quadratic."""
ROUNDS: Final = 3
"""Rounds of measurement before a function fails: one that passes is enough."""
REPEATS: Final = 2
"""Timed runs of each size in a round, interleaved; the fastest of each counts."""
CALL_SECONDS: Final = 2.0
"""Time limit of one call: linear code needs a few milliseconds, the legacy's seconds."""


class _Workload(Protocol):
    """The helper's inventories of one size, living in the tested process."""

    def run(self, function: str) -> None: ...
    def results(self) -> dict[str, object]: ...


def _seconds(workload: _Workload, function: str) -> float:
    start = time.perf_counter()
    workload.run(function)
    return time.perf_counter() - start


def _exponent(small: _Workload, big: _Workload, function: str) -> tuple[float, float, float]:
    """Measure a function's scaling exponent, with the best small and big times."""
    exponent, fastest_small, fastest_big = math.inf, math.inf, math.inf
    for _ in range(ROUNDS):
        times = [(_seconds(small, function), _seconds(big, function)) for _ in range(REPEATS)]
        fastest_small = min(small_time for small_time, _ in times)
        fastest_big = min(big_time for _, big_time in times)
        exponent = 1 + math.log(fastest_big / fastest_small, FACTOR)
        if exponent <= MAX_EXPONENT:
            break
    return exponent, fastest_small, fastest_big


def _expected(size: int, tag: str = "0") -> dict[str, object]:
    """What every function must return for the helper's inventory of ``size``."""
    unknown = [f"NEW-{tag}-{j:06d}" for j in range(size) if j % UNKNOWN_EVERY == UNKNOWN_EVERY - 1]
    blocked = {j // 3 for j in range(size) if j % UNKNOWN_EVERY == UNKNOWN_EVERY - 1}
    return {
        "unknown_skus": unknown,
        "duplicate_records": [
            (f"SKU-{tag}-{i:06d}", f"A-{i % 40:02d}") for i in range(0, size, DUPLICATE_EVERY)
        ],
        "stock_levels": {
            f"SKU-{tag}-{i:06d}": 6 if i % DUPLICATE_EVERY == 0 else 5 for i in range(size)
        },
        "fulfillable_orders": [
            f"ORD-{tag}-{k:05d}" for k in range((size + 2) // 3) if k not in blocked
        ],
        "shortfall_report": "".join(f"{sku}: ordered 2, on hand 0, short 2\n" for sku in unknown),
    }


def test_large_inventory_scales_linearly(learner: CodeProxy) -> None:
    """Each function's time grows linearly with the inventory (8,000 SKUs and order lines)."""
    helper = learner.import_module("inventory_data")
    workload = cast("Callable[[int, int], _Workload]", helper.Workload)
    function = "building the inventories"
    try:
        with learner.time_limit(CALL_SECONDS):
            small, big = workload(SMALL, FACTOR), workload(SMALL * FACTOR, 1)
            for function in FUNCTIONS:
                exponent, small_time, big_time = _exponent(small, big, function)
                assert exponent <= MAX_EXPONENT, (
                    f"{function} took {big_time * 1000:.1f} ms for {SMALL * FACTOR:,} SKUs "
                    f"and order lines, but {small_time * 1000:.1f} ms for {FACTOR} inventories "
                    f"of {SMALL:,}, the same amount of work: its time grows as n^{exponent:.1f}, "
                    "not linearly. Look for a scan of a list inside a loop, and build a dict "
                    "or set once, before the loop"
                )
            function = "computing the results"
            results = big.results()
    except LearnerTimeout:
        msg = (
            f"{function} took longer than {CALL_SECONDS:g} s on inventories of {SMALL:,} or "
            f"{SMALL * FACTOR:,} SKUs and order lines: linear code needs milliseconds. Look "
            "for a scan of a list inside a loop, and build a dict or set once, before it"
        )
        raise AssertionError(msg) from None
    for name, want in _expected(SMALL * FACTOR).items():
        try:
            assert_same_behaviour(
                Returned(results[name]), Returned(want), arguments="ignore", ordered=True
            )
        except AssertionError as error:
            raise AssertionError(f"{name} on the big inventory {error}") from None
