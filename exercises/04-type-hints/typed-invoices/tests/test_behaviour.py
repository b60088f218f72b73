"""Behaviour suite for the typed-invoices kata: the invoices must not change."""

from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from autograder.testing import Raised, Returned, assert_same_behaviour, outcome

# --- strategies -------------------------------------------------------------------------

CODES = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", min_size=1, max_size=12)
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,-ABCXYZ", max_size=32)
PRICES = st.one_of(
    st.integers(0, 200_000).map(lambda cents: f"{cents // 100}.{cents % 100:02d}"),
    st.integers(0, 500).map(str),
)
RULE = "-" * 60
LINE_KEYS = ("sku", "description", "qty", "unit_price")
ORDER_KEYS = ("number", "customer", "country", "lines")

valid_lines = st.fixed_dictionaries(
    {"sku": CODES, "description": WORDS, "qty": st.integers(1, 250), "unit_price": PRICES},
    optional={"discount": st.sampled_from([0, 100]) | st.integers(0, 100)},
)

valid_orders = st.fixed_dictionaries(
    {
        "number": st.from_regex(r"20[0-9]{2}-[0-9]{4}", fullmatch=True),
        "customer": WORDS,
        "country": st.sampled_from(["DE", "AT", "FR", "NL", "IE", "CH"]),
        "lines": st.lists(valid_lines, min_size=1, max_size=4),
    },
    optional={
        "coupon": st.sampled_from([None, "", "WELCOME10", "welcome10", "SPRING15", "FLAT5"]),
        "vat_id": st.sampled_from([None, "", "DE811907980", "ATU12345678", "FR40303265045"]),
    },
)


@st.composite
def broken_lines(draw: st.DrawFn) -> dict[str, object]:
    """A line item with exactly one defect: a missing key or a value out of range."""
    line = dict(draw(valid_lines))
    defect = draw(st.sampled_from(["missing", "qty", "price", "discount"]))
    if defect == "missing":
        del line[draw(st.sampled_from(LINE_KEYS))]
    elif defect == "qty":
        line["qty"] = draw(st.sampled_from([0, -1]) | st.integers(-20, 0))
    elif defect == "price":
        line["unit_price"] = "-" + draw(PRICES.filter(lambda price: Decimal(price) > 0))
    else:
        line["discount"] = draw(
            st.sampled_from([-1, 101]) | st.integers(-50, 300).filter(lambda d: not 0 <= d <= 100)
        )
    return line


@st.composite
def broken_orders(draw: st.DrawFn) -> dict[str, object]:
    """An order with exactly one defect, in the order itself or in one of its lines."""
    order = dict(draw(valid_orders))
    defect = draw(st.sampled_from(["missing", "country", "coupon", "empty", "line"]))
    if defect == "missing":
        del order[draw(st.sampled_from(ORDER_KEYS))]
    elif defect == "country":
        order["country"] = draw(st.sampled_from(["XX", "de", "US", ""]))
    elif defect == "coupon":
        order["coupon"] = draw(st.sampled_from(["FREE100", "WELCOME 10", "flat-5"]))
    elif defect == "empty":
        order["lines"] = []
    else:
        lines = list(order["lines"])
        lines[draw(st.integers(0, len(lines) - 1))] = draw(broken_lines())
        order["lines"] = lines
    return order


any_lines = st.one_of(valid_lines, broken_lines())
any_orders = st.one_of(valid_orders, valid_orders, broken_orders())


def order(**changes: object) -> dict[str, object]:
    """A small known order: 3 x 12.50 less 10%, plus 1 x 0.10, shipped to a German consumer."""
    base: dict[str, object] = {
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
    return base | changes


# --- differential properties -----------------------------------------------------------


@given(line=any_lines)
@example(line={"sku": "A", "description": "", "qty": 1, "unit_price": "9.99", "discount": 100})
@example(line={"sku": "A", "description": "", "qty": 1, "unit_price": "9.99", "discount": 101})
@example(line={"sku": "A", "description": "", "qty": 0, "unit_price": "9.99"})
@example(line={"sku": "A", "description": "", "qty": 1, "unit_price": "-0.01"})
def test_line_total_matches_legacy(learner, legacy, line):
    """line_total returns (or raises) exactly what the legacy code does, for any line item."""
    assert_same_behaviour(outcome(learner.line_total, line), outcome(legacy.line_total, line))


@given(raw=any_orders)
def test_invoice_summary_matches_legacy(learner, legacy, raw):
    """invoice_summary returns (or raises) exactly what the legacy code does, for any order."""
    assert_same_behaviour(
        outcome(learner.invoice_summary, raw), outcome(legacy.invoice_summary, raw)
    )


@given(raw=any_orders)
@example(
    raw=order(
        country="FR",
        vat_id="",
        coupon="FLAT5",
        lines=[{"sku": "S", "description": "Free sample", "qty": 2, "unit_price": "0"}],
    )
)
def test_render_invoice_matches_legacy(learner, legacy, raw):
    """render_invoice gives the same text (or error) as the legacy code, for any order."""
    assert_same_behaviour(outcome(learner.render_invoice, raw), outcome(legacy.render_invoice, raw))


# --- documented edge cases -------------------------------------------------------------


def test_line_total_rounds_half_up_to_the_cent(learner):
    """A line amount is rounded to the cent, half up (0.025 becomes 0.03)."""
    line = {"sku": "GAD-7", "description": "Gadget", "qty": 1, "unit_price": "0.05", "discount": 50}
    total = learner.line_total(line)
    assert type(total) is Decimal, f"line_total must return a Decimal, got {type(total).__name__}"
    assert total == Decimal("0.03"), (
        f"0.05 less 50% is 0.025, which rounds half up to 0.03, got {total}"
    )


def test_summary_of_a_known_order(learner):
    """A known order sums to the expected Decimal amounts (coupon 3.385 rounds up to 3.39)."""
    summary = learner.invoice_summary(order(coupon="WELCOME10"))
    expected = {
        "subtotal": Decimal("33.85"),
        "discount": Decimal("3.39"),
        "tax": Decimal("5.79"),
        "total": Decimal("36.25"),
        "items": 4,
    }
    assert summary == expected, f"expected {expected}, got {summary}"
    for key, value in summary.items():
        want = int if key == "items" else Decimal
        assert type(value) is want, (
            f"summary[{key!r}] must be a {want.__name__}, got {type(value).__name__}"
        )


def test_coupon_codes_ignore_case_and_empty_means_none(learner):
    """Coupon codes are case-insensitive, and an empty or None coupon means no coupon."""
    lower = learner.invoice_summary(order(coupon="welcome10"))
    assert lower["discount"] == Decimal("3.39"), (
        f"'welcome10' must work like 'WELCOME10', got {lower}"
    )
    for empty in ("", None):
        summary = learner.invoice_summary(order(coupon=empty))
        assert summary["discount"] == Decimal("0.00"), (
            f"coupon={empty!r} must give no discount, got {summary}"
        )


def test_flat_coupon_never_exceeds_the_subtotal(learner):
    """The FLAT5 coupon takes off 5.00, but never more than the subtotal."""
    cheap = order(
        coupon="FLAT5", lines=[{"sku": "PEN", "description": "Pen", "qty": 3, "unit_price": "1.00"}]
    )
    summary = learner.invoice_summary(cheap)
    assert summary["discount"] == Decimal("3.00"), (
        f"FLAT5 on a 3.00 subtotal must take off 3.00, got {summary}"
    )
    assert summary["total"] == Decimal("0.00"), (
        f"a fully discounted invoice must total 0.00, got {summary}"
    )


def test_reverse_charge_only_for_foreign_businesses(learner):
    """A foreign VAT ID means reverse charge (no VAT); a German or empty VAT ID still pays VAT."""
    foreign = learner.invoice_summary(order(country="AT", vat_id="ATU12345678"))
    assert foreign["tax"] == Decimal("0.00"), (
        f"an Austrian business pays no VAT here, got {foreign}"
    )
    german = learner.invoice_summary(order(vat_id="DE811907980"))
    assert german["tax"] == Decimal("6.43"), f"a German business pays 19% VAT (6.43), got {german}"
    empty = learner.invoice_summary(order(country="AT", vat_id=""))
    assert empty["tax"] == Decimal("6.77"), (
        f"an empty VAT ID is no VAT ID: 20% Austrian VAT (6.77), got {empty}"
    )
    text = learner.render_invoice(order(country="AT", vat_id="ATU12345678"))
    assert "VAT reverse charge" in text, f"the invoice must say 'VAT reverse charge', got:\n{text}"


def test_render_a_known_invoice(learner):
    """A known order renders to exactly the expected 60-column text (descriptions cut to 23)."""
    text = learner.render_invoice(order(coupon="WELCOME10"))
    expected = (
        "INVOICE 2024-0042\n"
        "Customer: Acme GmbH\n"
        f"{RULE}\n"
        "SKU        Description               Qty     Price    Amount\n"
        "WID-1      Widget, large, blue, th     3     12.50     33.75\n"
        "           less 10% discount\n"
        "GAD-7      Gadget                      1      0.10      0.10\n"
        f"{RULE}\n"
        "Subtotal                                               33.85\n"
        "Coupon WELCOME10                                       -3.39\n"
        "VAT 19%                                                 5.79\n"
        "TOTAL EUR                                              36.25\n"
    )
    assert text == expected, f"the rendered invoice changed:\n{text}\nexpected:\n{expected}"


def test_invalid_input_raises_builtin_errors(learner):
    """Bad values raise ValueError; missing keys and unknown codes raise KeyError."""
    cases = [
        (
            "qty 0",
            learner.line_total,
            {"sku": "X", "description": "", "qty": 0, "unit_price": "1"},
            "ValueError",
        ),
        (
            "no unit_price",
            learner.line_total,
            {"sku": "X", "description": "", "qty": 1},
            "KeyError",
        ),
        ("no lines", learner.invoice_summary, order(lines=[]), "ValueError"),
        ("country 'US'", learner.invoice_summary, order(country="US"), "KeyError"),
        ("coupon 'FREE100'", learner.render_invoice, order(coupon="FREE100"), "KeyError"),
    ]
    for label, call, argument, expected in cases:
        result = outcome(call, argument)
        assert isinstance(result, Raised), (
            f"{label}: expected {expected}, but the call returned {result}"
        )
        assert result.is_a(expected), (
            f"{label}: expected {expected} (or a subclass), got {result.type_name}"
        )


def test_no_state_leaks_between_invoices(learner):
    """Computing one invoice never changes the totals or text of another."""
    first = outcome(learner.render_invoice, order())
    learner.invoice_summary(order(country="AT", vat_id="ATU12345678", coupon="SPRING15"))
    again = outcome(learner.render_invoice, order())
    assert isinstance(first, Returned), f"rendering a valid order failed: {first}"
    assert_same_behaviour(again, first)
