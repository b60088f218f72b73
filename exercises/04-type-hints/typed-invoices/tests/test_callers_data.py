"""The caller's dicts after a call: as they were passed, as the brief asks.

The legacy code writes ``discount: 0`` into every line item that has no discount (and so
into the caller's order): the brief asks for that to stop. This test compares what the
learner's code leaves in its arguments with what was passed; the legacy code fails it,
which ``kata.toml`` records in ``legacy_fails``.
"""

from hypothesis import example, given
from hypothesis import strategies as st
from invoice_domain import Order, half_cent_orders, known_order, small_orders

from autograder.testing import CodeProxy, assert_same_behaviour, outcome

_FUNCTIONS = st.sampled_from(("line_total", "invoice_summary", "render_invoice"))


@given(order=st.one_of(small_orders(), half_cent_orders()), name=_FUNCTIONS)
@example(order=known_order(coupon="welcome10", vat_id=" ", country="AT"), name="render_invoice")
@example(order=known_order(), name="line_total")
@example(order=known_order(lines=[]), name="invoice_summary")
def test_callers_dicts_are_left_unchanged(
    learner: CodeProxy, legacy: CodeProxy, order: Order, name: str
) -> None:
    """line_total, invoice_summary and render_invoice never write into the caller's dicts."""
    items = order["lines"]
    argument = items[-1] if name == "line_total" and isinstance(items, list) and items else order
    got = outcome(getattr(learner, name), argument)
    assert_same_behaviour(got, outcome(getattr(legacy, name), argument), arguments="unchanged")
