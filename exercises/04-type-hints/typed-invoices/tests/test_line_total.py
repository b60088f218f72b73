"""Behaviour of ``line_total``: the legacy's amount or error for every line it accepts.

Every call is differential (the legacy code is the oracle) and compares exactly: a
``Decimal`` by sign, digits and exponent, an exception by class. Whether the caller's line
is left as it was is the subject of ``test_callers_data``.
"""

from decimal import ROUND_HALF_UP, Decimal, localcontext

from hypothesis import example, given
from invoice_domain import Line, half_cent_lines, lines, long_lines

from autograder.testing import CodeProxy, Returned, assert_same_behaviour, outcome

CENT = Decimal("0.01")


def _line(**changes: object) -> Line:
    return {"sku": "GAD-7", "description": "Gadget", "qty": 1, "unit_price": "9.99"} | changes


@given(line=lines())
@example(line=_line(qty=0))
@example(line=_line(qty=-1))
@example(line=_line(qty=1, discount=0))
@example(line=_line(qty=True, discount=True))
@example(line=_line(discount=-1))
@example(line=_line(discount=100))
@example(line=_line(discount=101))
@example(line=_line(unit_price="-0"))
@example(line=_line(unit_price="-0.01"))
@example(line=_line(unit_price="1e26"))
def test_line_total_matches_legacy(learner: CodeProxy, legacy: CodeProxy, line: Line) -> None:
    """line_total returns exactly the legacy's Decimal, or raises its error, for any line."""
    assert_same_behaviour(
        outcome(learner.line_total, line), outcome(legacy.line_total, line), arguments="ignore"
    )


def _exact_amount(line: Line) -> Decimal:
    """The line's amount before rounding, computed without any rounding."""
    with localcontext(prec=100):
        gross = Decimal(str(line["unit_price"])) * Decimal(str(line["qty"]))
        return gross * (100 - Decimal(str(line.get("discount", 0)))) / 100


@given(line=half_cent_lines())
@example(line=_line(unit_price="0.05", discount=50))
def test_line_amounts_round_half_up(learner: CodeProxy, legacy: CodeProxy, line: Line) -> None:
    """A line amount exactly halfway between two cents rounds up (0.025 becomes 0.03)."""
    got = outcome(learner.line_total, line)
    exact = _exact_amount(line)
    half_up = exact.quantize(CENT, rounding=ROUND_HALF_UP)
    have = got.value if isinstance(got, Returned) else got
    assert have == half_up, (
        f"the exact amount of {line} is {exact}, halfway between two cents: it rounds half "
        f"up to {half_up}, but line_total gave {have!r}"
    )
    assert_same_behaviour(got, outcome(legacy.line_total, line), arguments="ignore")


@given(line=long_lines())
@example(line=_line(unit_price="1234567890123456789.01", discount=10))
def test_amounts_beyond_float_precision_are_exact(
    learner: CodeProxy, legacy: CodeProxy, line: Line
) -> None:
    """Prices of 16 to 25 digits give the legacy's exact amount: Decimal, never float."""
    assert_same_behaviour(
        outcome(learner.line_total, line), outcome(legacy.line_total, line), arguments="ignore"
    )
