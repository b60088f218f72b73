"""Sequences of calls on orders the caller keeps and changes: no state carries over.

The legacy keeps the last totals in a module-level dict, ``last``, which ``render_invoice``
reads right after computing it; a refactor must give the same answers whatever came
before. A ``DifferentialMachine`` holds orders and line items on both sides (one object
each, passed again and again), changes them in place between calls, as a caller editing
an order would, and numbers orders from a small pool, so that a cache keyed by order
number or by object, or totals left over from an earlier call, show.
"""

from typing import ClassVar

from hypothesis import strategies as st
from hypothesis.stateful import Bundle, initialize, rule
from invoice_domain import (
    COUNTRIES,
    Line,
    Order,
    coupon_spellings,
    known_order,
    plain_lines,
    plain_orders,
)

from autograder.testing import CodeProxy, DifferentialMachine, Twin, run_machine

_NUMBERS = st.sampled_from(("2024-0001", "2024-0001", "2024-0002"))
_ONE_OFFS = st.sampled_from(
    (
        known_order(number="2024-0001"),
        known_order(number="2024-0002", coupon="SPRING15", country="AT", vat_id="ATU12345678"),
        known_order(number="2024-0001", lines=[]),
        known_order(number="2024-0002", country="US"),
    )
)
_ORDER_CHANGES = st.one_of(
    st.fixed_dictionaries({"coupon": st.one_of(st.none(), coupon_spellings())}),
    st.fixed_dictionaries({"country": st.sampled_from(COUNTRIES)}),
    st.fixed_dictionaries({"vat_id": st.sampled_from((None, "", " ", "ATU12345678"))}),
)
_LINE_CHANGES = st.one_of(
    st.fixed_dictionaries({"qty": st.integers(-1, 5)}),
    st.fixed_dictionaries({"unit_price": st.sampled_from(("0.05", "1.015", "12.50", "-1"))}),
    st.fixed_dictionaries({"discount": st.sampled_from((0, 10, 50, 101))}),
)


class InvoiceSequences(DifferentialMachine):
    """Orders and line items held on both sides, changed in place, rendered and totalled.

    Every step that takes or changes an order asks for its text and then its totals right
    away, as a caller editing an order would: a stale answer shows at once.
    """

    # Held items always carry a discount, so the legacy writes nothing into them either:
    # the default comparison (arguments and held objects as the legacy left them) holds.
    held: ClassVar[Bundle[Twin]] = Bundle("orders")
    items: ClassVar[Bundle[Twin]] = Bundle("items")

    def _ask(self, order: object) -> None:
        """Render the order, then total it, on both sides."""
        self.call("render_invoice", order)
        self.call("invoice_summary", order)

    def _keep(self, order: Order) -> Twin:
        twin = self.hold(order)
        self._ask(twin)
        return twin

    @initialize(target=held, order=plain_orders(_NUMBERS), changes=_ORDER_CHANGES)
    def first_order(self, order: Order, changes: dict[str, object]) -> Twin:
        """The caller starts with an order, asks, edits it in place and asks again."""
        twin = self._keep(order)
        self.call_method(twin, "update", changes)
        self._ask(twin)
        return twin

    @rule(target=held, order=plain_orders(_NUMBERS))
    def take_order(self, order: Order) -> Twin:
        """The caller keeps another order (its number may repeat another's) and asks."""
        return self._keep(order)

    @rule(target=items, line=plain_lines())
    def take_line(self, line: Line) -> Twin:
        """The caller keeps a line item and asks for its amount."""
        twin = self.hold(line)
        self.call("line_total", twin)
        return twin

    @rule(order=held, chosen=st.lists(items, min_size=1, max_size=3))
    def put_lines(self, order: Twin, chosen: list[Twin]) -> None:
        """The order now shares those very line items (changing one changes the order)."""
        self.call_method(order, "__setitem__", "lines", chosen)
        self._ask(order)

    @rule(order=held, changes=_ORDER_CHANGES)
    def change_order(self, order: Twin, changes: dict[str, object]) -> None:
        """The caller edits the order in place and asks again."""
        self.call_method(order, "update", changes)
        self._ask(order)

    @rule(line=items, changes=_LINE_CHANGES)
    def change_line(self, line: Twin, changes: dict[str, object]) -> None:
        """The caller edits a line item in place and asks for its amount again."""
        self.call_method(line, "update", changes)
        self.call("line_total", line)

    @rule(order=held)
    def ask_again(self, order: Twin) -> None:
        """Both sides render and total an order as it is now."""
        self._ask(order)

    @rule(order=_ONE_OFFS)
    def one_off(self, order: Order) -> None:
        """A fresh order in between (numbered like the held ones), maybe a faulty one."""
        self.call("render_invoice", order, arguments="ignore")
        self.call("invoice_summary", order, arguments="ignore")


def test_no_state_carries_over_between_calls(learner: CodeProxy, legacy: CodeProxy) -> None:
    """Totals and text depend only on the order as it is now, whatever was called before."""
    run_machine(InvoiceSequences, learner, legacy, steps=5, examples=4)
