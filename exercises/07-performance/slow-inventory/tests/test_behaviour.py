"""Behaviour suite for the slow-inventory kata.

The legacy code defines the behaviour, including the ORDER of every result:

- ``unknown_skus``: each unknown SKU once, in the order of its first order line;
- ``duplicate_records``: each ``(sku, location)`` pair once, in the order of its first record;
- ``stock_levels``: a dict whose keys follow the order of each SKU's first stock record;
- ``fulfillable_orders``: order ids in the order of each order's first line (first come,
  first served), an order either reserves all its units or none;
- ``shortfall_report``: one line per short SKU, largest shortfall first, ties by SKU.

Every function raises ``ValueError`` (a subclass is fine) for a negative stock quantity or
an order quantity below 1, and leaves the caller's lists and records as they were.

The differential tests compare results exactly (types, order, dict key order) and the
arguments after each call; a state machine calls the functions in turn on the same lists,
changed between calls, so that a function that keeps results or changes its arguments is
seen; and the speed test measures how each function's time grows with the input.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import cast

from hypothesis import given
from hypothesis import strategies as st
from hypothesis.stateful import initialize, precondition, rule
from inventory_data import FUNCTIONS, TAKES_ORDERS, small_orders
from inventory_domain import (
    OrderLine,
    StockRecord,
    inventories,
    order_quantities,
    records,
    stock_quantities,
)

from autograder.testing import (
    CodeProxy,
    DifferentialMachine,
    Outcome,
    Returned,
    assert_same_behaviour,
    outcome,
    run_machine,
)

type Inventory = tuple[list[StockRecord], list[OrderLine]]


def _call(code: CodeProxy, function: str, stock: object, orders: object) -> Outcome:
    args = (stock, orders) if function in TAKES_ORDERS else (stock,)
    return outcome(getattr(code, function), *args)


def _compare(learner: CodeProxy, legacy: CodeProxy, function: str, inventory: Inventory) -> None:
    """Same result (dict key order too), same exception class, arguments left the same."""
    stock, orders = inventory
    assert_same_behaviour(
        _call(learner, function, stock, orders),
        _call(legacy, function, stock, orders),
        ordered=True,
    )


@given(inventory=inventories())
def test_unknown_skus_match_legacy(
    learner: CodeProxy, legacy: CodeProxy, inventory: Inventory
) -> None:
    """Unknown SKUs are the same, once each, in the order of their first order line."""
    _compare(learner, legacy, "unknown_skus", inventory)


@given(inventory=inventories())
def test_duplicate_records_match_legacy(
    learner: CodeProxy, legacy: CodeProxy, inventory: Inventory
) -> None:
    """Duplicate (sku, location) pairs are the same tuples, in first-seen order."""
    _compare(learner, legacy, "duplicate_records", inventory)


@given(inventory=inventories())
def test_stock_levels_match_legacy(
    learner: CodeProxy, legacy: CodeProxy, inventory: Inventory
) -> None:
    """Stock levels are the same ints, keyed in the order of each SKU's first record."""
    _compare(learner, legacy, "stock_levels", inventory)


@given(inventory=inventories())
def test_fulfillable_orders_match_legacy(
    learner: CodeProxy, legacy: CodeProxy, inventory: Inventory
) -> None:
    """The same orders ship, first come first served, each all or nothing."""
    _compare(learner, legacy, "fulfillable_orders", inventory)


@given(inventory=inventories())
def test_shortfall_report_matches_legacy(
    learner: CodeProxy, legacy: CodeProxy, inventory: Inventory
) -> None:
    """The shortfall report is the very same text: largest shortfall first, ties by SKU."""
    _compare(learner, legacy, "shortfall_report", inventory)


@given(function=st.sampled_from(FUNCTIONS), inventory=inventories(invalid=True))
def test_invalid_quantities_match_legacy(
    learner: CodeProxy, legacy: CodeProxy, function: str, inventory: Inventory
) -> None:
    """Each function accepts and rejects (with ValueError) the same quantities."""
    _compare(learner, legacy, function, inventory)


def test_quantity_limits_match_legacy(learner: CodeProxy, legacy: CodeProxy) -> None:
    """Stock from 0 and orders from 1 are valid, below is rejected, bools count as 0 and 1."""
    for function, stock_qty, order_qty in itertools.product(
        FUNCTIONS, (-1, 0, False, True), (-1, 0, 1, False, True)
    ):
        stock: list[StockRecord] = [
            {"sku": "AX-1", "location": "A-01", "qty": stock_qty},
            {"sku": "BT-7", "location": "A-01", "qty": 1},
        ]
        orders = [("ORD-1", "AX-1", 1), ("ORD-2", "AX-1", order_qty)]
        try:
            _compare(learner, legacy, function, (stock, orders))
        except AssertionError as error:
            quantities = f"a stock quantity of {stock_qty!r} and an order quantity of {order_qty!r}"
            raise AssertionError(f"{function} with {quantities} {error}") from None


def _small_scope(code: CodeProxy, function: str) -> list[object]:
    run = cast("Callable[[str], list[object]]", code.import_module("inventory_data").small_scope)
    return run(function)


def test_every_small_order_book_matches_legacy(learner: CodeProxy, legacy: CodeProxy) -> None:
    """Every book of three lines competing for a few units ships and falls short the same."""
    for function in ("fulfillable_orders", "shortfall_report"):
        mine = _small_scope(learner, function)
        theirs = _small_scope(legacy, function)
        for (stock, orders), got, want in zip(small_orders(), mine, theirs, strict=True):
            try:
                assert_same_behaviour(Returned(got), Returned(want), arguments="ignore")
            except AssertionError as error:
                levels = {str(record["sku"]): record["qty"] for record in stock}
                msg = f"{function}(stock {levels}, orders {orders}) {error}"
                raise AssertionError(msg) from None


class SameListsMachine(DifferentialMachine):
    """Calls the functions on one shelf scan and one order book, changed between calls.

    Every function is called once first; then each step changes one of the lists in
    place (as a caller may) and calls a function again. A function that keeps results
    from an earlier call, or changes the caller's lists or records, then gives different
    results, or leaves different lists, than the legacy code.
    """

    ordered = True

    @initialize(inventory=inventories())
    def call_everything(self, inventory: Inventory) -> None:
        """Create the scan and the order book once on each side, and call every function."""
        stock, orders = inventory
        self.stock = self.hold(stock, label="<the stock list>")
        self.orders = self.hold(orders, label="<the order list>")
        self.skus = sorted({str(record["sku"]) for record in stock} | {"AX-1"})
        self.size = len(stock)
        for function in FUNCTIONS:
            self._run(function)

    def _run(self, function: str) -> None:
        args = (self.stock, self.orders) if function in TAKES_ORDERS else (self.stock,)
        self.call(function, *args)

    @rule(function=st.sampled_from(FUNCTIONS), data=st.data())
    def scan_again(self, function: str, data: st.DataObject) -> None:
        """Add a stock record, at the end or in front, then call a function."""
        record = data.draw(records(self.skus, ["A-01", "B-02"], stock_quantities()))
        self.call_method(self.stock, "insert", data.draw(st.sampled_from([0, self.size])), record)
        self.size += 1
        self._run(function)

    @precondition(lambda machine: machine.size > 0)
    @rule(function=st.sampled_from(FUNCTIONS))
    def drop_first_record(self, function: str) -> None:
        """Remove the first stock record, then call a function."""
        self.call_method(self.stock, "pop", 0)
        self.size -= 1
        self._run(function)

    @rule(function=st.sampled_from(FUNCTIONS), data=st.data())
    def order_again(self, function: str, data: st.DataObject) -> None:
        """Add an order line for a SKU of the scan, then call a function."""
        line = (
            data.draw(st.sampled_from(["ORD-1", "ORD-9"])),
            data.draw(st.sampled_from(self.skus)),
        )
        self.call_method(self.orders, "append", (*line, data.draw(order_quantities())))
        self._run(function)


def test_calls_on_the_same_lists_match_legacy(learner: CodeProxy, legacy: CodeProxy) -> None:
    """Calls in turn on the same, changing lists behave as in the legacy code: no state kept."""
    run_machine(SameListsMachine, learner, legacy, steps=5, examples=6)
