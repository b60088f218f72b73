"""Stock reconciliation for the nightly warehouse-management sync.

The shelf scan delivers stock records (one per SKU and location) and the web shop
delivers order lines ``(order_id, sku, qty)``. This module answers the questions the
night job asks about them: which ordered SKUs are unknown, which shelf positions were
scanned twice, how much of each SKU is on hand, which orders can ship and where stock
falls short.

Every lookup goes through a ``dict`` or a ``set``, so each function runs in time linear
in the size of its input: the warehouse grew from 200 SKUs to tens of thousands, and the
nested list scans of the original version turned a one-minute job into an all-night one.

Results keep a documented order: lists follow the order in which items are first seen in
the input, and the shortfall report is sorted by the size of the shortfall.
"""

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TypedDict

__all__ = [
    "InvalidQuantityError",
    "InventoryError",
    "OrderLine",
    "StockRecord",
    "duplicate_records",
    "fulfillable_orders",
    "shortfall_report",
    "stock_levels",
    "unknown_skus",
]

logger = logging.getLogger(__name__)


class StockRecord(TypedDict):
    """One line of the shelf scan: how many units of a SKU sit at one location."""

    sku: str
    location: str
    qty: int


type OrderLine = tuple[str, str, int]
"""One line of a web-shop order: ``(order_id, sku, qty)``."""


class InventoryError(ValueError):
    """Base class of the errors this module raises about bad stock or order data."""


class InvalidQuantityError(InventoryError):
    """A stock record or order line carries a quantity that cannot be right."""


def _validate(stock: Iterable[StockRecord], orders: Iterable[OrderLine] = ()) -> None:
    """Reject negative stock quantities and non-positive order quantities.

    Args:
        stock: Stock records from the shelf scan.
        orders: Order lines from the web shop.

    Raises:
        InvalidQuantityError: If a stock record has a negative quantity or an order
            line a quantity of zero or less.
    """
    for record in stock:
        if record["qty"] < 0:
            msg = (
                f"stock record for SKU {record['sku']!r} at {record['location']!r} has "
                f"quantity {record['qty']}: a shelf cannot hold fewer than 0 units, "
                "re-scan that location"
            )
            raise InvalidQuantityError(msg)
    for order_id, sku, qty in orders:
        if qty <= 0:
            msg = (
                f"order {order_id!r} asks for {qty} units of SKU {sku!r}: order "
                "quantities must be at least 1, fix the order line"
            )
            raise InvalidQuantityError(msg)


def _on_hand(stock: Iterable[StockRecord]) -> dict[str, int]:
    """Sum the quantities of each SKU over all its locations, in first-seen order."""
    levels: dict[str, int] = {}
    for record in stock:
        sku = record["sku"]
        levels[sku] = levels.get(sku, 0) + record["qty"]
    return levels


def _demand_by_order(orders: Iterable[OrderLine]) -> dict[str, dict[str, int]]:
    """Group order lines by order id, summing the quantity per SKU within each order.

    Both levels keep first-seen order: orders in the order their first line appears,
    SKUs in the order they appear within the order.
    """
    demand: dict[str, dict[str, int]] = {}
    for order_id, sku, qty in orders:
        needed = demand.setdefault(order_id, {})
        needed[sku] = needed.get(sku, 0) + qty
    return demand


def _demand_by_sku(orders: Iterable[OrderLine]) -> dict[str, int]:
    """Sum the ordered quantity of each SKU over all orders, in first-seen order."""
    demand: dict[str, int] = {}
    for _, sku, qty in orders:
        demand[sku] = demand.get(sku, 0) + qty
    return demand


def unknown_skus(
    stock: Sequence[StockRecord], orders: Sequence[OrderLine]
) -> list[str]:
    """List the SKUs that are ordered but have no stock record at all.

    Args:
        stock: Stock records from the shelf scan.
        orders: Order lines from the web shop.

    Returns:
        Each unknown SKU once, in the order of its first order line.

    Raises:
        InvalidQuantityError: If a quantity is invalid (see ``_validate``).
    """
    _validate(stock, orders)
    known = {record["sku"] for record in stock}
    unknown = list(dict.fromkeys(sku for _, sku, _ in orders if sku not in known))
    if unknown:
        logger.warning("%d unknown SKUs in orders", len(unknown))
    return unknown


def duplicate_records(stock: Sequence[StockRecord]) -> list[tuple[str, str]]:
    """List the ``(sku, location)`` pairs that were scanned more than once.

    Args:
        stock: Stock records from the shelf scan.

    Returns:
        Each duplicated pair once, in the order of its first record.

    Raises:
        InvalidQuantityError: If a stock quantity is negative.
    """
    _validate(stock)
    scans = Counter((record["sku"], record["location"]) for record in stock)
    duplicates = [pair for pair, count in scans.items() if count > 1]
    if duplicates:
        logger.warning("%d SKU/location pairs scanned twice", len(duplicates))
    return duplicates


def stock_levels(stock: Sequence[StockRecord]) -> dict[str, int]:
    """Total the units on hand of each SKU over all its locations.

    Args:
        stock: Stock records from the shelf scan.

    Returns:
        SKU to units on hand, with keys in the order of each SKU's first record.

    Raises:
        InvalidQuantityError: If a stock quantity is negative.
    """
    _validate(stock)
    return _on_hand(stock)


def _reserve(
    needed: Mapping[str, int], remaining: dict[str, int], order_id: str
) -> bool:
    """Take an order's units out of the remaining stock, all or nothing.

    Args:
        needed: Units the order needs, per SKU.
        remaining: Units still on hand, per SKU; updated only if the whole order fits.
        order_id: The order's id, for the log.

    Returns:
        Whether every SKU of the order was available in full (and has been reserved).
    """
    fits = True
    for sku, qty in needed.items():
        if sku not in remaining:
            logger.warning("order %s wants unknown SKU %s", order_id, sku)
            fits = False
        elif remaining[sku] < qty:
            fits = False
    if fits:
        for sku, qty in needed.items():
            remaining[sku] -= qty
    return fits


def fulfillable_orders(
    stock: Sequence[StockRecord], orders: Sequence[OrderLine]
) -> list[str]:
    """Decide which orders can ship, serving them first come, first served.

    Orders are taken in the order of their first line. An order ships only if every one
    of its SKUs is on hand in full; it then reserves those units. An order that does not
    fit reserves nothing, so a later, smaller order may still ship.

    Args:
        stock: Stock records from the shelf scan.
        orders: Order lines from the web shop.

    Returns:
        The ids of the orders that can ship, in the order they were served.

    Raises:
        InvalidQuantityError: If a quantity is invalid (see ``_validate``).
    """
    _validate(stock, orders)
    remaining = _on_hand(stock)
    demand = _demand_by_order(orders)
    # _reserve takes the units as it goes, so the orders are served in first-seen order.
    fulfilled = [
        order_id
        for order_id, needed in demand.items()
        if _reserve(needed, remaining, order_id)
    ]
    logger.info("fulfilled %d of %d orders", len(fulfilled), len(demand))
    return fulfilled


def shortfall_report(stock: Sequence[StockRecord], orders: Sequence[OrderLine]) -> str:
    """Describe every SKU whose total ordered quantity exceeds the units on hand.

    Args:
        stock: Stock records from the shelf scan.
        orders: Order lines from the web shop.

    Returns:
        One line per short SKU, ``<sku>: ordered <n>, on hand <n>, short <n>``, each
        ending in a newline, the largest shortfall first and ties by SKU; an empty
        string if nothing is short.

    Raises:
        InvalidQuantityError: If a quantity is invalid (see ``_validate``).
    """
    _validate(stock, orders)
    on_hand = _on_hand(stock)
    shortages = [
        (sku, ordered, on_hand.get(sku, 0))
        for sku, ordered in _demand_by_sku(orders).items()
        if ordered > on_hand.get(sku, 0)
    ]
    shortages.sort(key=lambda short: (short[2] - short[1], short[0]))
    return "".join(
        f"{sku}: ordered {ordered}, on hand {available}, short {ordered - available}\n"
        for sku, ordered, available in shortages
    )
