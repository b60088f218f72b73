"""Builds the speed test's large inventories where they are used: in the tested process.

Sending thousands of records over the process boundary would cost more than the work
itself, so the speed test asks this helper to build them next to the code under test,
to run one public function on them when told, and to hand back the results. It never
times anything: the trusted test process does, around each call, and checks the results.

Every answer about an inventory built here is known by design (see ``large_inventory``).
"""

from __future__ import annotations

import gc
import importlib
import itertools
from typing import Final

__all__ = [
    "DUPLICATE_EVERY",
    "FUNCTIONS",
    "TAKES_ORDERS",
    "UNKNOWN_EVERY",
    "Workload",
    "large_inventory",
    "small_orders",
    "small_scope",
]

type StockRecord = dict[str, str | int]
type OrderLine = tuple[str, str, int]

FUNCTIONS: Final = (
    "unknown_skus",
    "duplicate_records",
    "stock_levels",
    "fulfillable_orders",
    "shortfall_report",
)
"""The five public functions of the kata, the jobs of the nightly reconciliation."""

TAKES_ORDERS: Final = frozenset({"unknown_skus", "fulfillable_orders", "shortfall_report"})
UNKNOWN_EVERY: Final = 8
"""One order line in this many asks for a SKU that has no stock record."""
DUPLICATE_EVERY: Final = 8
"""One SKU in this many is scanned twice at the same location."""


def large_inventory(
    skus: int, lines: int, tag: str = ""
) -> tuple[list[StockRecord], list[OrderLine]]:
    """Build a big, deterministic shelf scan and order book.

    - SKU ``i`` (``SKU-<tag>-<i>``) holds 5 units at location ``A-<i % 40>``; every
      ``DUPLICATE_EVERY``-th SKU is scanned again there with 1 more unit;
    - order line ``j`` belongs to order ``ORD-<tag>-<j // 3>`` and asks for 2 units: of
      ``NEW-<tag>-<j>``, a SKU without stock, if ``j % UNKNOWN_EVERY`` is the last
      residue, else of SKU ``j * 7919 % skus`` (each such SKU at most once if
      ``lines <= skus``, so only the orders with an unknown SKU cannot ship).

    Args:
        skus: How many SKUs the scan holds.
        lines: How many order lines the shop sends.
        tag: Part of every name, so that inventories of the same size differ.

    Returns:
        The stock records and the order lines.
    """
    stock: list[StockRecord] = [
        {"sku": f"SKU-{tag}-{i:06d}", "location": f"A-{i % 40:02d}", "qty": 5} for i in range(skus)
    ]
    stock += [
        {"sku": f"SKU-{tag}-{i:06d}", "location": f"A-{i % 40:02d}", "qty": 1}
        for i in range(0, skus, DUPLICATE_EVERY)
    ]
    orders: list[OrderLine] = [
        (
            f"ORD-{tag}-{j // 3:05d}",
            f"NEW-{tag}-{j:06d}"
            if j % UNKNOWN_EVERY == UNKNOWN_EVERY - 1
            else f"SKU-{tag}-{j * 7919 % skus:06d}",
            2,
        )
        for j in range(lines)
    ]
    return stock, orders


def small_orders() -> list[tuple[list[StockRecord], list[OrderLine]]]:
    """Every small order book of three lines, against every small stock of two SKUs.

    Two orders (``O1``, ``O2``) of 1 or 2 units of ``B``, ``A`` or ``Z`` (no stock), in
    every order, against 1 unit of ``A`` and none of ``B``, or 2 of ``A`` and 1 of ``B``:
    3,456 cases, which hold every way three lines can compete for a few units.

    Returns:
        The cases, in a fixed order.
    """
    lines = list(itertools.product(("O1", "O2"), ("B", "A", "Z"), (1, 2)))
    stocks: list[list[StockRecord]] = [
        [{"sku": "B", "location": "L-1", "qty": b}, {"sku": "A", "location": "L-1", "qty": a}]
        for a, b in ((1, 0), (2, 1))
    ]
    return [(stock, list(book)) for stock in stocks for book in itertools.product(lines, repeat=3)]


def small_scope(function: str) -> list[object]:
    """Run one public function on every case of ``small_orders``.

    Args:
        function: One of ``TAKES_ORDERS``.

    Returns:
        Per case, the result, or ``("raised", <the exception's class name>)``.
    """
    job = getattr(importlib.import_module("inventory"), function)
    results: list[object] = []
    for stock, orders in small_orders():
        try:
            results.append(job(stock, orders))
        except Exception as error:  # noqa: BLE001 - an exception is a result to compare
            results.append(("raised", type(error).__name__))
    return results


class Workload:
    """Inventories of one size, held in the process of the code under test."""

    def __init__(self, size: int, copies: int = 1) -> None:
        """Build ``copies`` inventories of ``size`` SKUs and order lines each.

        Args:
            size: SKUs (and order lines) per inventory.
            copies: How many distinct inventories to build (so that no result can be
                reused from one run to the next).
        """
        self._module = importlib.import_module("inventory")
        self._inventories = [large_inventory(size, size, str(copy)) for copy in range(copies)]

    def run(self, function: str) -> None:
        """Run one public function once on each inventory, garbage collection paused.

        Args:
            function: One of ``FUNCTIONS``.
        """
        job = getattr(self._module, function)
        gc.collect()
        gc.disable()
        try:
            for stock, orders in self._inventories:
                if function in TAKES_ORDERS:
                    job(stock, orders)
                else:
                    job(stock)
        finally:
            gc.enable()

    def results(self) -> dict[str, object]:
        """Run every public function on the first inventory and return what each returned.

        Returns:
            Each function's name and its result.
        """
        stock, orders = self._inventories[0]
        return {
            name: getattr(self._module, name)(
                *((stock, orders) if name in TAKES_ORDERS else (stock,))
            )
            for name in FUNCTIONS
        }
