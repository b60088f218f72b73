"""Behaviour suite for the slow-inventory kata.

The legacy code defines the behaviour, including the ORDER of every result:

- ``unknown_skus``: each unknown SKU once, in the order of its first order line;
- ``duplicate_records``: each ``(sku, location)`` pair once, in the order of its first record;
- ``stock_levels``: a dict whose keys follow the order of each SKU's first stock record;
- ``fulfillable_orders``: order ids in the order of each order's first line (first come,
  first served), an order either reserves all its units or none;
- ``shortfall_report``: one line per short SKU, largest shortfall first, ties by SKU.

Every function raises ``ValueError`` (a subclass is fine) for a negative stock quantity or
an order quantity below 1.
"""

from hypothesis import given
from hypothesis import strategies as st

from inventory_data import large_inventory

from autograder.testing import Raised, Returned, assert_same_behaviour, outcome

SECONDS = 1.0
"""Time limit of the large-inventory test's five jobs together; the legacy code needs 15 s."""

SKUS = ["AX-1", "AX-2", "BT-7", "CQ-3", "ZZ-9"]
LOCATIONS = ["A-01", "A-02", "B-01"]
ORDER_IDS = ["ORD-1", "ORD-2", "ORD-3", "ORD-4", "ORD-5"]
FUNCTIONS = [
    "unknown_skus",
    "duplicate_records",
    "stock_levels",
    "fulfillable_orders",
    "shortfall_report",
]
TAKES_ORDERS = {"unknown_skus", "fulfillable_orders", "shortfall_report"}
STOCK_QTY = st.integers(0, 6)
ORDER_QTY = st.integers(1, 5)


def stock_records(qty: st.SearchStrategy[int] = STOCK_QTY) -> st.SearchStrategy:
    """Small shelf scans over a handful of SKUs and locations, so that SKUs repeat."""
    record = st.fixed_dictionaries(
        {
            "sku": st.sampled_from(SKUS),
            "location": st.sampled_from(LOCATIONS),
            "qty": qty,
        }
    )
    return st.lists(record, max_size=10)


def order_lines(qty: st.SearchStrategy[int] = ORDER_QTY) -> st.SearchStrategy:
    """Small web-shop orders whose lines interleave and compete for the same stock."""
    line = st.tuples(st.sampled_from(ORDER_IDS), st.sampled_from(SKUS), qty)
    return st.lists(line, max_size=12)


def _call(proxy, name, stock, orders):
    args = (stock, orders) if name in TAKES_ORDERS else (stock,)
    return outcome(getattr(proxy, name), *args)


@given(stock=stock_records(), orders=order_lines())
def test_unknown_skus_match_legacy(learner, legacy, stock, orders):
    """Unknown SKUs are the same, in the same order, as the legacy code reports."""
    assert_same_behaviour(
        outcome(learner.unknown_skus, stock, orders),
        outcome(legacy.unknown_skus, stock, orders),
    )


@given(stock=stock_records())
def test_duplicate_records_match_legacy(learner, legacy, stock):
    """Duplicate scans are the same, in the same order, as the legacy code reports."""
    assert_same_behaviour(
        outcome(learner.duplicate_records, stock),
        outcome(legacy.duplicate_records, stock),
    )


@given(stock=stock_records())
def test_stock_levels_match_legacy(learner, legacy, stock):
    """Stock levels match the legacy code, with the SKUs in the same order."""
    got = outcome(learner.stock_levels, stock)
    want = outcome(legacy.stock_levels, stock)
    assert_same_behaviour(got, want)
    if isinstance(want, Returned) and isinstance(got, Returned):
        assert list(got.value) == list(want.value), (
            f"stock_levels listed the SKUs as {list(got.value)}, but they must follow the "
            f"order of each SKU's first stock record: {list(want.value)}"
        )


@given(stock=stock_records(), orders=order_lines())
def test_fulfillable_orders_match_legacy(learner, legacy, stock, orders):
    """The same orders can ship, in the same order, as the legacy code decides."""
    assert_same_behaviour(
        outcome(learner.fulfillable_orders, stock, orders),
        outcome(legacy.fulfillable_orders, stock, orders),
    )


@given(stock=stock_records(), orders=order_lines())
def test_shortfall_report_matches_legacy(learner, legacy, stock, orders):
    """The shortfall report is the very same text the legacy code writes."""
    assert_same_behaviour(
        outcome(learner.shortfall_report, stock, orders),
        outcome(legacy.shortfall_report, stock, orders),
    )


@given(
    name=st.sampled_from(FUNCTIONS),
    stock=stock_records(st.integers(-2, 6)),
    orders=order_lines(st.integers(-1, 5)),
)
def test_invalid_quantities_match_legacy(learner, legacy, name, stock, orders):
    """Every function accepts and rejects the same quantities as the legacy code."""
    assert_same_behaviour(
        _call(learner, name, stock, orders), _call(legacy, name, stock, orders)
    )


def test_results_keep_first_seen_order(learner):
    """Unknown SKUs and duplicate scans are listed once each, in first-seen order."""
    stock = [
        {"sku": "BT-7", "location": "B-01", "qty": 1},
        {"sku": "AX-1", "location": "A-01", "qty": 2},
        {"sku": "BT-7", "location": "A-01", "qty": 3},
        {"sku": "AX-1", "location": "A-01", "qty": 4},
        {"sku": "BT-7", "location": "B-01", "qty": 0},
        {"sku": "AX-1", "location": "A-01", "qty": 1},
    ]
    orders = [
        ("ORD-1", "ZZ-9", 1),
        ("ORD-1", "AX-1", 1),
        ("ORD-2", "CQ-3", 2),
        ("ORD-3", "ZZ-9", 1),
    ]
    unknown = learner.unknown_skus(stock, orders)
    assert unknown == ["ZZ-9", "CQ-3"], (
        f"unknown_skus returned {unknown!r}: list each unknown SKU once, in the order of "
        "its first order line"
    )
    duplicates = learner.duplicate_records(stock)
    assert duplicates == [("BT-7", "B-01"), ("AX-1", "A-01")], (
        f"duplicate_records returned {duplicates!r}: list each (sku, location) tuple once, "
        "in the order of its first record (the same SKU at two locations is no duplicate)"
    )


def test_stock_levels_sum_every_location(learner):
    """Stock levels add up a SKU over all its locations, keyed in first-seen order."""
    stock = [
        {"sku": "CQ-3", "location": "A-01", "qty": 0},
        {"sku": "AX-1", "location": "A-01", "qty": 4},
        {"sku": "CQ-3", "location": "B-01", "qty": 5},
        {"sku": "AX-1", "location": "A-02", "qty": 2},
    ]
    levels = learner.stock_levels(stock)
    assert levels == {"CQ-3": 5, "AX-1": 6}, f"stock_levels returned {levels!r}"
    assert list(levels) == ["CQ-3", "AX-1"], (
        f"stock_levels listed {list(levels)}: keys must follow each SKU's first record"
    )
    assert learner.stock_levels([]) == {}, "stock_levels of an empty scan must be {}"


def test_orders_ship_all_or_nothing(learner):
    """Orders are served first come, first served; one that does not fit takes nothing."""
    stock = [
        {"sku": "AX-1", "location": "A-01", "qty": 3},
        {"sku": "AX-1", "location": "A-02", "qty": 2},
        {"sku": "BT-7", "location": "B-01", "qty": 1},
    ]
    orders = [
        ("ORD-1", "AX-1", 3),
        ("ORD-2", "AX-1", 2),
        ("ORD-1", "BT-7", 2),
        ("ORD-2", "AX-1", 3),
        ("ORD-3", "AX-1", 1),
        ("ORD-4", "BT-7", 1),
        ("ORD-5", "ZZ-9", 1),
    ]
    fulfilled = learner.fulfillable_orders(stock, orders)
    assert fulfilled == ["ORD-2", "ORD-4"], (
        f"fulfillable_orders returned {fulfilled!r}; expected ['ORD-2', 'ORD-4']: ORD-1 "
        "needs 2 BT-7 but only 1 is on hand, so it must reserve nothing; ORD-2 then takes "
        "all 5 AX-1 (its two lines add up), leaving none for ORD-3; ORD-5 wants an "
        "unknown SKU"
    )
    assert learner.fulfillable_orders(stock, []) == [], "no orders means nothing ships"


def test_shortfall_report_lists_worst_first(learner):
    """The shortfall report puts the largest shortfall first, ties by SKU; empty if none."""
    stock = [
        {"sku": "AX-1", "location": "A-01", "qty": 2},
        {"sku": "BT-7", "location": "B-01", "qty": 9},
        {"sku": "CQ-3", "location": "A-02", "qty": 1},
    ]
    orders = [
        ("ORD-1", "CQ-3", 2),
        ("ORD-1", "AX-1", 3),
        ("ORD-2", "ZZ-9", 4),
        ("ORD-2", "BT-7", 9),
        ("ORD-3", "AX-1", 2),
        ("ORD-3", "CQ-3", 3),
    ]
    want = (
        "CQ-3: ordered 5, on hand 1, short 4\n"
        "ZZ-9: ordered 4, on hand 0, short 4\n"
        "AX-1: ordered 5, on hand 2, short 3\n"
    )
    report = learner.shortfall_report(stock, orders)
    assert report == want, f"shortfall_report returned {report!r}, expected {want!r}"
    empty = learner.shortfall_report(stock, [("ORD-1", "BT-7", 9)])
    assert empty == "", f"with nothing short the report must be '', not {empty!r}"


def test_invalid_quantities_raise_value_error(learner):
    """A negative stock quantity or an order quantity below 1 raises ValueError."""
    good = [{"sku": "AX-1", "location": "A-01", "qty": 0}]
    bad = [{"sku": "AX-1", "location": "A-01", "qty": -1}]
    got = outcome(learner.duplicate_records, bad)
    assert isinstance(got, Raised), (
        f"duplicate_records of a -1 stock quantity returned {got}"
    )
    assert got.is_a("ValueError"), (
        f"a -1 stock quantity must raise ValueError, not {got}"
    )
    got = outcome(learner.fulfillable_orders, good, [("ORD-1", "AX-1", 0)])
    assert isinstance(got, Raised), (
        f"an order line for 0 units must raise, not return {got}"
    )
    assert got.is_a("ValueError"), (
        f"an order line for 0 units must raise ValueError: {got}"
    )
    assert learner.stock_levels(good) == {"AX-1": 0}, "an empty shelf (qty 0) is valid"


def test_large_inventory_is_fast(learner):
    """6,000 SKUs and 6,000 order lines are reconciled in under a second, all five jobs."""
    skus, lines = 6_000, 6_000
    _, _, unknown = large_inventory(skus, lines)
    blocked = {f"ORD-{j // 3:05d}" for j in unknown}
    helper = learner.import_module("inventory_data")  # builds the input next to the code
    with learner.time_limit(SECONDS):
        results = helper.reconcile_large(skus, lines)
    want_fulfilled = [f"ORD-{k:05d}" for k in range(lines // 3)]
    want_fulfilled = [order for order in want_fulfilled if order not in blocked]
    assert results["fulfillable_orders"] == want_fulfilled, (
        "fulfillable_orders gave a wrong answer on the big input"
    )
    want_report = "".join(
        f"{sku}: ordered 2, on hand 0, short 2\n" for sku in unknown.values()
    )
    assert results["shortfall_report"] == want_report, (
        "shortfall_report gave a wrong answer on the big input"
    )
    assert results["unknown_skus"] == list(unknown.values()), (
        "unknown_skus gave a wrong answer on the big input"
    )
    assert results["stock_levels"] == {
        f"SKU-{i:06d}": 6 if i % 500 == 0 else 5 for i in range(skus)
    }, "stock_levels gave a wrong answer on the big input"
    assert results["duplicate_records"] == [
        (f"SKU-{i:06d}", f"A-{i % 40:02d}") for i in range(0, skus, 500)
    ], "duplicate_records gave a wrong answer on the big input"
