"""Behaviour of ``invoice_summary`` and ``render_invoice`` for every order the legacy accepts.

Differential and exact: totals as ``Decimal`` by sign, digits and exponent (``items`` an
``int``), the text character for character, errors by class. Then a property for each
rule the brief states: rounding half up (coupon and VAT amounts exactly halfway between
two cents), coupon codes in any case ``str.upper()`` reads, reverse charge for any VAT ID
outside Germany. Whether the caller's order is left as it was is the subject of
``test_callers_data``.
"""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import example, given
from hypothesis import strategies as st
from invoice_domain import (
    COUNTRIES,
    COUPON_PERCENT,
    VAT_IDS,
    VAT_RATES,
    Order,
    coupon_spellings,
    faulty_orders,
    half_cent_orders,
    known_order,
    small_orders,
    valid_orders,
)

from autograder.testing import (
    CodeProxy,
    Returned,
    assert_same_behaviour,
    blank_variants,
    outcome,
)

CENT = Decimal("0.01")
FUNCTIONS = ("invoice_summary", "render_invoice")


def _same(learner: CodeProxy, legacy: CodeProxy, name: str, order: Order) -> None:
    got = outcome(getattr(learner, name), order)
    assert_same_behaviour(got, outcome(getattr(legacy, name), order), arguments="ignore")


def _described(*descriptions: str) -> Order:
    items = [
        {"sku": "S" * (9 + i % 3), "description": text, "qty": 1, "unit_price": "1.00"}
        for i, text in enumerate(descriptions)
    ]
    return known_order(lines=items)


def _priced(price: str, qty: object = 1) -> Order:
    return known_order(lines=[{"sku": "P", "description": "", "qty": qty, "unit_price": price}])


@given(order=valid_orders())
@example(order=known_order(coupon="WELCOME10"))
@example(order=_priced("1.00", qty=3) | {"coupon": "FLAT5"})
@example(order=_described("d" * 22, "e" * 23, "f" * 24))
@example(order=_described("\u4e2d" * 24, "e\u0301" * 12, ""))
@example(order=_priced("1.015"))
@example(order=_priced("1", qty=True))
@example(order=known_order(country="FR", vat_id=" ", coupon="flat5"))
def test_orders_total_and_render_as_before(
    learner: CodeProxy, legacy: CodeProxy, order: Order
) -> None:
    """invoice_summary and render_invoice give the legacy's totals and text for any order."""
    for name in FUNCTIONS:
        _same(learner, legacy, name, order)


@given(order=faulty_orders(), name=st.sampled_from(FUNCTIONS))
@example(order=known_order(lines=[]), name="invoice_summary")
@example(order=known_order(country="US"), name="render_invoice")
@example(order=known_order(coupon="FREE100"), name="invoice_summary")
def test_faulty_orders_raise_the_legacy_errors(
    learner: CodeProxy, legacy: CodeProxy, order: Order, name: str
) -> None:
    """An order with one or two faults raises the legacy's error, checked in the same order."""
    _same(learner, legacy, name, order)


@given(order=half_cent_orders())
def test_coupon_and_vat_amounts_round_half_up(
    learner: CodeProxy, legacy: CodeProxy, order: Order
) -> None:
    """Coupon discounts and VAT exactly halfway between two cents round up."""
    got = outcome(learner.invoice_summary, order)
    totals = got.value if isinstance(got, Returned) else None
    assert isinstance(totals, dict), f"invoice_summary({order}) must return the totals, got {got}"
    code = str(order.get("coupon", "")).upper()
    if code in COUPON_PERCENT:
        exact = totals["subtotal"] * COUPON_PERCENT[code] / 100
        want, have, what = exact.quantize(CENT, rounding=ROUND_HALF_UP), totals["discount"], code
    else:
        exact = totals["subtotal"] * VAT_RATES[str(order["country"])] / 100
        want, have, what = exact.quantize(CENT, rounding=ROUND_HALF_UP), totals["tax"], "VAT"
    assert have == want, (
        f"{what} on {totals['subtotal']} is exactly {exact}: it rounds half up to {want}, "
        f"but invoice_summary gave {have}"
    )
    assert_same_behaviour(got, outcome(legacy.invoice_summary, order), arguments="ignore")


@given(
    order=small_orders(),
    code=st.one_of(coupon_spellings(), st.sampled_from(("", None))),
    name=st.sampled_from(FUNCTIONS),
)
@example(order=known_order(), code="welcome10", name="invoice_summary")
@example(order=known_order(), code="\N{LATIN SMALL LIGATURE FL}at5", name="render_invoice")
def test_coupon_codes_are_read_in_any_case(
    learner: CodeProxy, legacy: CodeProxy, order: Order, code: str | None, name: str
) -> None:
    """A coupon code counts in any case str.upper() maps onto it; an empty one is none."""
    _same(learner, legacy, name, order | {"coupon": code})


_BUYERS = st.tuples(
    st.sampled_from(COUNTRIES), st.one_of(st.none(), blank_variants(), st.sampled_from(VAT_IDS))
)


@given(order=small_orders(), buyer=_BUYERS, name=st.sampled_from(FUNCTIONS))
@example(order=known_order(), buyer=("AT", "ATU12345678"), name="invoice_summary")
@example(order=known_order(), buyer=("AT", " "), name="render_invoice")
@example(order=known_order(), buyer=("DE", "DE811907980"), name="invoice_summary")
def test_reverse_charge_for_any_vat_id_outside_germany(
    learner: CodeProxy, legacy: CodeProxy, order: Order, buyer: tuple[str, str | None], name: str
) -> None:
    """A VAT ID (any but an empty one) outside Germany means no VAT: reverse charge."""
    country, vat_id = buyer
    changed = order | {"country": country, "vat_id": vat_id}
    got = outcome(getattr(learner, name), changed)
    value = got.value if isinstance(got, Returned) else None
    if vat_id and country != "DE" and isinstance(value, dict):
        assert value["tax"] == Decimal("0.00"), (
            f"VAT ID {vat_id!r} in {country} means reverse charge, VAT 0.00, not {value['tax']}"
        )
    if vat_id and country != "DE" and isinstance(value, str):
        assert "\nVAT reverse charge " in value, (
            f"VAT ID {vat_id!r} in {country} means reverse charge: the invoice must say "
            f"'VAT reverse charge', got:\n{value}"
        )
    assert_same_behaviour(got, outcome(getattr(legacy, name), changed), arguments="ignore")
