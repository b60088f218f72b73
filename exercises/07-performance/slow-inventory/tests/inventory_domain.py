r"""Generators of shelf scans and order books drawn from all that the legacy code accepts.

What the legacy code accepts, read line by line from ``src/inventory.py``:

- stock records: dicts with a ``sku`` (any ``str``, compared with ``==``: case, accents
  composed or not, spaces, the empty SKU all count), a ``location`` (any ``str``) and a
  ``qty``, any ``int`` (``bool`` too: ``True`` counts as 1) that is not negative;
- order lines: ``(order_id, sku, qty)`` tuples with ``qty`` at least 1;
- empty scans and order books, a single record or line, and SKUs that repeat: the
  results depend on first-seen order and on ties, so a handful of names per example is
  drawn and then reused.

Invalid quantities (negative stock, order quantities of 0 or below) are drawn only where
asked for, so that most examples reach the functions' real work.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Final

from hypothesis import strategies as st

__all__ = [
    "OrderLine",
    "StockRecord",
    "inventories",
    "order_quantities",
    "records",
    "stock_quantities",
]

type StockRecord = dict[str, str | int]
type OrderLine = tuple[str, str, int]

_NAMES: Final = (
    "AX-1",
    "ax-1",
    "BT-7",
    "ZZ-9",
    "",
    " AX-1",
    "AX-1\N{NO-BREAK SPACE}",
    "\N{LATIN SMALL LETTER E WITH ACUTE}",
    unicodedata.normalize("NFD", "\N{LATIN SMALL LETTER E WITH ACUTE}"),
    "\N{LATIN SMALL LETTER SHARP S}",
    "SS",
    "\N{KELVIN SIGN}-1",
    "K-1",
    "10",
    "9",
    "\N{ARABIC-INDIC DIGIT NINE}",
    "\N{CJK UNIFIED IDEOGRAPH-5009}\N{CJK UNIFIED IDEOGRAPH-5EAB}",
    "\N{HEBREW LETTER ALEF}-1",
    "\N{PACKAGE}",
    "AX\N{ZERO WIDTH SPACE}-1",
    "AX-1\n",
    "\x00",
)
"""SKUs that compare, sort and case-map in surprising ways: ``"10" < "9"``, ``"é"`` in
two spellings, ``"ß"`` and ``"SS"``, the Kelvin sign and ``K``, ``"ax-1"`` and
``"AX-1"``, spaces and invisible characters, other scripts, the empty SKU."""
_HUGE: Final = (10**20, 2**63, 2**64 + 1)

_RECASED: Final = sorted(
    {casing(name) for name in _NAMES for casing in (str.upper, str.title, str.casefold)}
)
_NAME: Final = st.one_of(
    st.sampled_from(_NAMES), st.sampled_from(_NAMES), st.sampled_from(_RECASED)
)


def stock_quantities() -> st.SearchStrategy[int]:
    """Draw valid stock quantities: small ones (so that orders compete), 0, bools, huge ones.

    Returns:
        The strategy.
    """
    return st.sampled_from((*range(5), *range(5), 0, True, *_HUGE))


def order_quantities() -> st.SearchStrategy[int]:
    """Draw valid order quantities, from 1: small ones, ``True``, huge ones.

    Returns:
        The strategy.
    """
    return st.sampled_from((1, 2, 3, 1, 2, 3, 4, 5, 1, True, *_HUGE))


def records(
    skus: list[str], locations: list[str], qty: st.SearchStrategy[int]
) -> st.SearchStrategy[StockRecord]:
    """Draw one stock record over the given SKUs and locations.

    Args:
        skus: The SKUs to choose from.
        locations: The locations to choose from.
        qty: The quantities.

    Returns:
        The strategy.
    """
    return st.fixed_dictionaries(
        {"sku": st.sampled_from(skus), "location": st.sampled_from(locations), "qty": qty}
    )


_STOCK_QTY: Final = stock_quantities()
_ORDER_QTY: Final = order_quantities()
_BAD_STOCK_QTY: Final = st.sampled_from((-1, -(2**63)))
_BAD_ORDER_QTY: Final = st.sampled_from((0, False, -1, -(10**20)))
_PICKS: Final = st.integers(0, 63)
"""Which names of two pools to use: its two octal digits, each modulo its pool's size."""


@st.composite
def inventories(
    draw: st.DrawFn, *, invalid: bool = False
) -> tuple[list[StockRecord], list[OrderLine]]:
    """Draw a shelf scan and an order book over a few SKUs, locations and orders.

    The names are drawn first, a handful each, then reused, so that SKUs repeat across
    records and lines, orders compete for the same units, and shortfalls tie. Lists are
    empty, single, short or as long as 10 and 12 about as often.

    Args:
        draw: Hypothesis's draw function.
        invalid: Then give one record, one line, both or neither a quantity that every
            function must reject (0 and ``False`` for an order, below 0 for stock).

    Returns:
        The stock records and the order lines.
    """
    skus = draw(st.lists(_NAME, min_size=1, max_size=4, unique=True))
    places = draw(st.lists(_NAME, min_size=1, max_size=3, unique=True))
    order_ids = draw(st.lists(_NAME, min_size=2, max_size=3, unique=True))
    ordered = skus + draw(st.lists(_NAME, max_size=1))  # some ordered SKUs have no stock
    stock: list[StockRecord] = [
        {"sku": skus[pick % len(skus)], "location": places[pick // 8 % len(places)], "qty": qty}
        for pick, qty in draw(_sized_lists(st.tuples(_PICKS, _STOCK_QTY), 10))
    ]
    orders: list[OrderLine] = [
        (order_ids[pick // 8 % len(order_ids)], ordered[pick % len(ordered)], qty)
        for pick, qty in draw(_sized_lists(st.tuples(_PICKS, _ORDER_QTY), 12))
    ]
    if invalid:
        bad_stock, bad_order = draw(st.sampled_from(((True, False), (False, True), (True, True))))
        if bad_stock and stock:
            at = draw(st.integers(0, len(stock) - 1))
            stock[at] = {**stock[at], "qty": draw(_BAD_STOCK_QTY)}
        if bad_order and orders:
            at = draw(st.integers(0, len(orders) - 1))
            orders[at] = (*orders[at][:2], draw(_BAD_ORDER_QTY))
    return stock, orders


@functools.cache
def _sized_lists[T](items: st.SearchStrategy[T], most: int) -> st.SearchStrategy[list[T]]:
    """Lists empty, single, short or ``most`` long, each about as often."""
    sizes = sorted({0, 1, 2, 3, 4, 6, most})
    return st.one_of(*(st.lists(items, min_size=size, max_size=size) for size in sizes))
