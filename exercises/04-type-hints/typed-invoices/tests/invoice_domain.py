r"""Generators of line items and orders drawn from all that the legacy invoicing accepts.

What the legacy code accepts, read line by line from ``src/invoices.py``:

- ``qty`` as any ``int`` (``bool`` too: ``True`` is printed as ``True``), valid from 1 up,
  without an upper limit (past 28 digits an amount no longer fits ``Decimal``'s context
  and ``quantize`` raises ``decimal.InvalidOperation``);
- ``unit_price`` as any text ``Decimal()`` reads: any number of decimals, exponents
  (``"1e3"``), a sign, ``_`` between digits, the digits of every script, whitespace of any
  kind around it, ``"-0"``; NaN and the infinities (``InvalidOperation`` later); any other
  text raises ``InvalidOperation``; a negative price raises ``ValueError``;
- ``discount`` missing (then the legacy writes ``0`` into the caller's dict) or any ``int``
  from 0 to 100 (``bool`` too: ``True`` is printed as ``True%``);
- ``sku``, ``description``, ``number`` and ``customer`` as any text; descriptions are cut
  to 23 code points (not columns: wide and combining characters count one each), SKUs
  padded to 10;
- ``country`` as one of six exact codes; ``coupon`` as any case of three codes, as far as
  ``str.upper()`` maps it onto one (``"ﬂat5"`` is ``FLAT5``); an empty coupon or VAT ID is
  none, any other VAT ID (even ``" "``) outside Germany means reverse charge.

Each generator draws each limit and one past it, and the odd spellings, often. Every
strategy is built once, at import, and texts at a limit repeat a few drawn characters to
the length they need: hypothesis then spends its time on the examples, not on building
strategies or drawing dozens of characters one by one.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Final

from hypothesis import strategies as st

from autograder.testing import (
    any_character,
    any_text,
    blank_variants,
    case_variants,
    decimal_strings,
    padded,
)

__all__ = [
    "COUNTRIES",
    "COUPONS",
    "COUPON_PERCENT",
    "DESCRIPTION_CHARS",
    "VAT_IDS",
    "VAT_RATES",
    "Line",
    "Order",
    "coupon_spellings",
    "faulty_lines",
    "faulty_orders",
    "half_cent_lines",
    "half_cent_orders",
    "known_order",
    "lines",
    "long_lines",
    "orders",
    "plain_lines",
    "plain_orders",
    "small_orders",
    "valid_lines",
    "valid_orders",
]

type Line = dict[str, object]
type Order = dict[str, object]

COUNTRIES: Final = ("DE", "AT", "FR", "NL", "IE", "CH")
VAT_RATES: Final = {"DE": 19, "AT": 20, "FR": 20, "NL": 21, "IE": 23, "CH": 0}
"""The VAT percentage of each country the legacy knows."""
COUPON_PERCENT: Final = {"WELCOME10": 10, "SPRING15": 15}
COUPONS: Final = (*COUPON_PERCENT, "FLAT5")
DESCRIPTION_CHARS: Final = 23
SKU_COLUMNS: Final = 10
VAT_IDS: Final = ("DE811907980", "ATU12345678", "FR40303265045", "IE6388047V")
_LINE_KEYS: Final = ("sku", "description", "qty", "unit_price")
_ORDER_KEYS: Final = ("number", "customer", "country", "lines")

_UPPER_TO_ASCII: Final = {
    "ß": "SS",
    "\N{LATIN SMALL LETTER DOTLESS I}": "I",
    "\N{LATIN SMALL LETTER LONG S}": "S",
    "ﬀ": "FF",
    "ﬁ": "FI",
    "ﬂ": "FL",
    "ﬃ": "FFI",
    "ﬄ": "FFL",
    "ﬅ": "ST",
    "ﬆ": "ST",
}
"""Every character outside ASCII whose ``upper()`` is ASCII letters (all of Unicode)."""
_WIDE_OR_ZERO_WIDTH: Final = "\u0301\u0308\u200b\u200d\u4e2d\u6587\uff21\U0001f600\u3000"
"""Characters that take two columns or none: each counts as one code point all the same."""


# --- text -------------------------------------------------------------------------------

_CHARACTERS: Final = st.one_of(any_character(), st.sampled_from(_WIDE_OR_ZERO_WIDTH))
_SHORT_TEXT: Final = any_text(max_size=6)


def _sized(limit: int) -> st.SearchStrategy[str]:
    """Text of ``limit - 1``, ``limit`` and ``limit + 1`` characters, none, one, or far past.

    A few characters from all of Unicode, repeated to the length drawn.
    """
    sizes = st.sampled_from(sorted({0, 1, limit - 1, limit, limit + 1, 2 * limit + 1}))
    pieces = st.text(_CHARACTERS, min_size=1, max_size=3)
    return st.builds(lambda size, piece: (piece * size)[:size], sizes, pieces)


_SKUS: Final = st.one_of(_sized(SKU_COLUMNS), _SHORT_TEXT)
_DESCRIPTIONS: Final = st.one_of(_sized(DESCRIPTION_CHARS), _sized(DESCRIPTION_CHARS), _SHORT_TEXT)


# --- numbers ----------------------------------------------------------------------------


def _sign(text: str) -> int:
    """-1 for a price text below zero, 1 for zero and above, 0 if it is no number."""
    try:
        value = Decimal(text)
    except ArithmeticError:
        return 0
    return 0 if value.is_nan() else (-1 if value < 0 else 1)


_HUGE: Final = (2**31, 2**63, 10**30)
_QUANTITIES: Final = st.one_of(
    st.integers(1, 250),
    st.integers(1, 250),
    st.sampled_from((True,)),  # a bool is an int: the legacy prints it as "True"
    st.sampled_from((1, 2, *_HUGE)),
    st.integers(min_value=1),
)
_BAD_QUANTITIES: Final = st.one_of(
    st.sampled_from((0, -1, False, *(-n for n in _HUGE))), st.integers(max_value=0)
)
_DISCOUNTS: Final = st.one_of(
    st.integers(0, 100), st.sampled_from((0, 1, 50, 99, 100)), st.sampled_from((True, False))
)
_BAD_DISCOUNTS: Final = st.one_of(
    st.sampled_from((-1, 101, *_HUGE, *(-n for n in _HUGE))),
    st.integers(max_value=-1),
    st.integers(min_value=101),
)
_CENTS: Final = st.integers(0, 10**6).map(lambda cents: f"{cents // 100}.{cents % 100:02d}")
_SPELT: Final = decimal_strings(places=2, allow_nonfinite=False, near_misses=False)
"""Decimals of any size and exponent, spelt in every way ``Decimal()`` reads."""
_LONG_PRICES: Final = st.builds(
    lambda size, digits, places: str(Decimal(10**size + digits % 10**size).scaleb(-places)),
    st.integers(15, 24),
    st.integers(0, 10**24),
    st.integers(0, 3),
)
"""Prices of 16 to 25 significant digits, up to 10**24: more than a float holds exactly."""
_ZEROS: Final = st.sampled_from(("0", "-0", "-0.00", "0E-7", "-0e3", "+0.0"))
"""Zero in several spellings: ``-0`` is not negative, and its amount is ``-0.00``."""
_PRICES: Final = st.one_of(
    _CENTS,
    padded(_CENTS),
    _LONG_PRICES,
    decimal_strings(
        places=2, min_value=Decimal(0), outside=False, allow_nonfinite=False, near_misses=False
    ),
    _SPELT.map(lambda text: text.removeprefix("-")),
    _ZEROS,
    _ZEROS,
    st.sampled_from(("1e3", "2.5E-2", "1.015", "0.125", "Infinity", "\u0661\u0662")),
)
_BAD_PRICES: Final = st.one_of(
    _CENTS.filter(lambda text: text != "0.00").map(lambda text: f"-{text}"),
    _SPELT.map(lambda text: "-" + text.removeprefix("-")).filter(lambda text: _sign(text) < 0),
    st.sampled_from(("abc", "", " ", "1,50", "1.2.3", "NaN", "-nan", "sNaN", "-Infinity", "€5")),
)


# --- codes ------------------------------------------------------------------------------


def _spellings(code: str) -> st.SearchStrategy[str]:
    swaps = [(source, target) for source, target in _UPPER_TO_ASCII.items() if target in code]
    if not swaps:
        return case_variants(code)

    def swapped(variant: str, swap: tuple[str, str]) -> str:
        at = code.index(swap[1])
        return variant[:at] + swap[0] + variant[at + len(swap[1]) :]

    swaps_drawn = st.builds(swapped, case_variants(code), st.sampled_from(swaps))
    return st.one_of(case_variants(code), swaps_drawn)


_SPELLINGS: Final = {code: _spellings(code) for code in COUPONS}


def coupon_spellings(codes: tuple[str, ...] = COUPONS) -> st.SearchStrategy[str]:
    """Draw spellings of coupon codes that ``str.upper()`` turns back into one of them.

    Every case of every letter, and letters replaced by the characters outside ASCII whose
    upper case they are: ``"ﬂat5"`` (a ligature), ``spring15`` with a long s (U+017F) or a
    dotless i (U+0131) are ``FLAT5`` and ``SPRING15`` to ``upper()``, but not to a
    ``lower()`` or ``casefold()`` comparison.

    Args:
        codes: The codes, in upper case.

    Returns:
        The strategy.
    """
    return st.one_of(*(_SPELLINGS[code] for code in codes))


_COUPONS: Final = st.one_of(st.none(), st.just(""), coupon_spellings(), coupon_spellings())
_BAD_COUPONS: Final = st.one_of(
    blank_variants().filter(bool),
    padded(st.sampled_from(COUPONS)).filter(lambda text: text not in COUPONS),
    st.sampled_from(("FREE100", "WELCOME 10", "flat-5", "SPRING-15", "ß")),
    _SHORT_TEXT.filter(lambda text: bool(text) and text.upper() not in COUPONS),
)
_VAT_IDS: Final = st.one_of(st.none(), blank_variants(), st.sampled_from(VAT_IDS), _SHORT_TEXT)
_NUMBERS: Final = st.one_of(st.from_regex(r"20[0-9]{2}-[0-9]{4}", fullmatch=True), _SHORT_TEXT)
_BAD_COUNTRIES: Final = st.one_of(
    st.sampled_from(COUNTRIES).flatmap(case_variants),
    padded(st.sampled_from(COUNTRIES)),
    _SHORT_TEXT,
).filter(lambda code: code not in COUNTRIES)


# --- line items and orders -------------------------------------------------------------


@st.composite
def _line(draw: st.DrawFn, *, discount: bool | None) -> Line:
    line: Line = {
        "sku": draw(_SKUS),
        "description": draw(_DESCRIPTIONS),
        "qty": draw(_QUANTITIES),
        "unit_price": draw(_PRICES),
    }
    if discount or (discount is None and draw(st.booleans())):
        line["discount"] = draw(_DISCOUNTS)
    return line


_VALID_LINES: Final = {choice: _line(discount=choice) for choice in (True, False, None)}


def _long_line(quantity: int, price: str, discount: int) -> Line:
    return {"sku": "BIG", "description": "", "qty": quantity, "unit_price": price} | (
        {"discount": discount} if discount != 0 else {}
    )


_LONG_LINES: Final = st.builds(
    _long_line,
    st.one_of(st.integers(1, 99), st.sampled_from((True,))),
    _LONG_PRICES,
    st.one_of(st.integers(1, 99), st.integers(1, 99), st.sampled_from((0, 100, True))),
)


def long_lines() -> st.SearchStrategy[Line]:
    """Draw line items priced beyond what a float holds (16 to 25 significant digits).

    Nearly all with a discount: the arithmetic that a float would get wrong.

    Returns:
        The strategy.
    """
    return _LONG_LINES


def valid_lines(*, discount: bool | None = None) -> st.SearchStrategy[Line]:
    """Draw line items the legacy accepts (their amount may still be too large for Decimal).

    Args:
        discount: ``True``: always with a discount key; ``False``: never; ``None``: either.

    Returns:
        The strategy.
    """
    return _VALID_LINES[discount]


_LINE_FAULTS: Final = ("missing", "qty", "price", "discount")


@st.composite
def _faulty_line(draw: st.DrawFn, faults: tuple[str, ...]) -> Line:
    line = dict(draw(_VALID_LINES[None]))
    if "qty" in faults:
        line["qty"] = draw(_BAD_QUANTITIES)
    if "price" in faults:
        line["unit_price"] = draw(_BAD_PRICES)
    if "discount" in faults:
        line["discount"] = draw(_BAD_DISCOUNTS)
    if "missing" in faults:
        del line[draw(st.sampled_from(_LINE_KEYS))]
    return line


_FAULTY_LINES: Final = st.one_of(
    *[_faulty_line((fault,)) for fault in _LINE_FAULTS * 2],
    *[_faulty_line(pair) for pair in itertools.combinations(_LINE_FAULTS, 2)],
)


def faulty_lines() -> st.SearchStrategy[Line]:
    """Draw a line item with one or two faults: a missing key, a value out of range.

    With two, the legacy raises for the one it checks first: a line's keys and values in
    the order ``sku``, ``description``, ``qty``, ``unit_price``, ``discount``.

    Returns:
        The strategy.
    """
    return _FAULTY_LINES


def lines() -> st.SearchStrategy[Line]:
    """Draw any line item: valid and faulty ones alike.

    Returns:
        The strategy.
    """
    return st.one_of(_VALID_LINES[None], _FAULTY_LINES)


@st.composite
def _order(
    draw: st.DrawFn, *, items: st.SearchStrategy[Line], numbers: st.SearchStrategy[str]
) -> Order:
    order: Order = {
        "number": draw(numbers),
        "customer": draw(_SHORT_TEXT),
        "country": draw(st.sampled_from(COUNTRIES)),
        "lines": draw(st.lists(items, min_size=1, max_size=2)),
    }
    if draw(st.booleans()):
        order["coupon"] = draw(_COUPONS)
    if draw(st.booleans()):
        order["vat_id"] = draw(_VAT_IDS)
    return order


_VALID_ORDERS: Final = _order(items=_VALID_LINES[None], numbers=_NUMBERS)


def valid_orders() -> st.SearchStrategy[Order]:
    """Draw orders the legacy accepts: one or two valid lines, any coupon and VAT ID.

    Returns:
        The strategy.
    """
    return _VALID_ORDERS


_PLAIN_LINES: Final = st.fixed_dictionaries(
    {
        "sku": st.sampled_from(("WID-1", "GAD-7", "LONG-SKU-11")),
        "description": st.sampled_from(("Widget", "d" * DESCRIPTION_CHARS, "e" * 24, "")),
        "qty": st.integers(1, 12),
        "unit_price": st.one_of(_CENTS, st.sampled_from(("0.125", "1.015", "-0", "1e3"))),
        "discount": st.sampled_from((0, 10, 50, 100)),
    }
)


def plain_lines() -> st.SearchStrategy[Line]:
    """Draw simple valid line items that carry a discount, for sequences of calls.

    The legacy writes nothing into such a line, so it stays the same on both sides.

    Returns:
        The strategy.
    """
    return _PLAIN_LINES


def plain_orders(numbers: st.SearchStrategy[str]) -> st.SearchStrategy[Order]:
    """Draw simple valid orders of ``plain_lines()``, numbered from ``numbers``.

    Args:
        numbers: The order numbers to draw from (a few, so that numbers repeat).

    Returns:
        The strategy.
    """
    return st.fixed_dictionaries(
        {
            "number": numbers,
            "customer": st.sampled_from(("Acme GmbH", "Zeta SA")),
            "country": st.sampled_from(COUNTRIES),
            "lines": st.lists(_PLAIN_LINES, min_size=1, max_size=2),
        },
        optional={
            "coupon": st.sampled_from((None, "", "WELCOME10", "flat5")),
            "vat_id": st.sampled_from((None, "", "ATU12345678")),
        },
    )


_ORDER_FAULTS: Final = ("missing", "country", "coupon", "empty", "line")


@st.composite
def _faulty_order(draw: st.DrawFn, faults: tuple[str, ...]) -> Order:
    order = dict(draw(_VALID_ORDERS))
    if "country" in faults:
        order["country"] = draw(_BAD_COUNTRIES)
    if "coupon" in faults:
        order["coupon"] = draw(_BAD_COUPONS)
    if "empty" in faults:
        order["lines"] = []
    if "line" in faults:
        items = draw(st.lists(_VALID_LINES[None], max_size=2))
        items.insert(draw(st.integers(0, len(items))), draw(_FAULTY_LINES))
        order["lines"] = items
    if "missing" in faults:
        del order[draw(st.sampled_from(_ORDER_KEYS))]
    return order


_FAULTY_ORDERS: Final = st.one_of(
    *[_faulty_order((fault,)) for fault in _ORDER_FAULTS * 2],
    *[_faulty_order(pair) for pair in itertools.combinations(_ORDER_FAULTS, 2)],
)


def faulty_orders() -> st.SearchStrategy[Order]:
    """Draw an order with one or two faults, in the order itself or in its lines.

    With two, the legacy raises for the one it meets first: ``number``, ``customer``,
    ``country``, ``coupon``, ``lines``, then each line in turn, its amount included.

    Returns:
        The strategy.
    """
    return _FAULTY_ORDERS


def orders() -> st.SearchStrategy[Order]:
    """Draw any order: valid ones twice as often as faulty ones.

    Returns:
        The strategy.
    """
    return st.one_of(_VALID_ORDERS, _VALID_ORDERS, _FAULTY_ORDERS)


def known_order(**changes: object) -> Order:
    """Return a small known order, with ``changes`` to its keys.

    3 x 12.50 less 10%, plus 1 x 0.10, shipped to a German consumer.

    Args:
        **changes: Keys to set (or replace).

    Returns:
        A new order.
    """
    order: Order = {
        "number": "2024-0042",
        "customer": "Acme GmbH",
        "country": "DE",
        "lines": [
            {
                "sku": "WID-1",
                "description": "Widget, large, blue, the very best",
                "qty": 3,
                "unit_price": "12.50",
                "discount": 10,
            },
            {"sku": "GAD-7", "description": "Gadget", "qty": 1, "unit_price": "0.10"},
        ],
    }
    return order | changes


_SMALL_ORDERS: Final = st.sampled_from(
    (
        known_order(),
        known_order(lines=[{"sku": "P", "description": "", "qty": 3, "unit_price": "1.00"}]),
        known_order(lines=[{"sku": "Q", "description": "Quill", "qty": 7, "unit_price": "0.15"}]),
        known_order(coupon="\N{LATIN SMALL LIGATURE FL}at5", vat_id=" ", country="NL"),
    )
)


def small_orders() -> st.SearchStrategy[Order]:
    """Draw one of a few small valid orders, for properties about one of an order's keys.

    Returns:
        The strategy.
    """
    return _SMALL_ORDERS


# --- ties at half a cent ----------------------------------------------------------------


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _half_cent_line(form: str, quantity: int, cents: int, discount: int) -> Line:
    line: Line = {"sku": "TIE", "description": "half a cent", "qty": quantity}
    if form == "half-cent price":  # 0.125 times an odd quantity
        line["unit_price"] = _money(cents) + "5" + "0" * (discount % 3)
    elif form == "tenths off":  # 5 cents (mod 10) times an odd quantity, an odd number of tenths
        line["unit_price"], line["discount"] = _money(10 * cents + 5), 10 + 20 * (discount % 5)
    else:  # 2 cents (mod 4) times an odd quantity, a quarter or three quarters of it
        line["unit_price"], line["discount"] = _money(4 * cents + 2), 25 + 50 * (discount % 2)
    return line


_HALF_CENT_LINES: Final = st.builds(
    _half_cent_line,
    st.sampled_from(("half-cent price", "tenths off", "quarters off")),
    st.integers(0, 60).map(lambda n: 2 * n + 1),  # an odd quantity keeps the half cent
    st.one_of(st.integers(0, 10**4), st.integers(0, 10**11)),
    st.integers(0, 59),
)


def half_cent_lines() -> st.SearchStrategy[Line]:
    """Draw a line item whose exact amount lies halfway between two cents.

    A price with a half cent (``0.125``) times an odd quantity; 5 cents (mod 10) times an
    odd quantity less 10, 30, 50, 70 or 90%; 2 cents (mod 4) times an odd quantity less 25
    or 75%: after odd and even cents, small and huge, with trailing zeros or not.

    Returns:
        The strategy.
    """
    return _HALF_CENT_LINES


def _split(cents: int, cuts: list[int]) -> list[Line]:
    """Lines of quantity 1 whose prices add up to ``cents``."""
    bounds = [0, *sorted(cut % (cents + 1) for cut in cuts), cents]
    return [
        {"sku": f"S{i}", "description": "part", "qty": 1, "unit_price": _money(high - low)}
        for i, (low, high) in enumerate(itertools.pairwise(bounds))
    ]


def _half_cent_order(tie: str, step: int, cuts: list[int], country: str, code: str) -> Order:
    if tie == "VAT":  # 19%, 21% or 23% of an amount ending in 50 cents
        cents, country = 100 * step + 50, country if VAT_RATES[country] % 2 else "DE"
    elif code.upper() == "WELCOME10":  # 10% of an amount ending in 5 cents
        cents = 10 * step + 5
    else:  # 15% of 10 cents plus a multiple of 20
        cents = 20 * step + 10
    order: Order = {"number": "2024-0001", "customer": "Tie Ltd", "country": country}
    if tie != "VAT":
        order["coupon"] = code
    order["lines"] = _split(cents, cuts)
    return order


_HALF_CENT_ORDERS: Final = st.builds(
    _half_cent_order,
    st.sampled_from(("VAT", "coupon")),
    st.integers(0, 10**5),
    st.lists(st.integers(0, 10**7), max_size=2),
    st.sampled_from(COUNTRIES),
    coupon_spellings(tuple(COUPON_PERCENT)),
)


def half_cent_orders() -> st.SearchStrategy[Order]:
    """Draw an order whose coupon discount or VAT lies exactly halfway between two cents.

    WELCOME10 (10%) of a subtotal ending in 5 cents; SPRING15 (15%) of 10 cents plus a
    multiple of 20; 19%, 21% or 23% VAT of an amount ending in 50 cents. The subtotal is
    split over one to three lines.

    Returns:
        The strategy.
    """
    return _HALF_CENT_ORDERS
