'''The API that kata behaviour suites are written against: a guide for kata authors.

A behaviour suite never imports the learner's module. Its tests take the ``learner`` and
``legacy`` fixtures (annotate them as ``CodeProxy``), which stand for the kata's entry
module in the learner's code and in the legacy code, each running in its own sandboxed
process for the whole suite (in a learner's workspace, plain ``pytest`` gives the same
fixtures in process). Both entry
modules are imported once before any test runs: if the learner's cannot be imported, that
is reported once and no test runs. Everything a suite needs is imported from here.

Compare one call
----------------
``outcome(call, *args, **kwargs)`` runs a call and returns how it ended: ``Returned`` (its
``value``) or ``Raised`` (``type_name``, ``type_names``, ``message``, and ``is_a(name)``).
Both carry ``passed``, the ``Arguments`` as given (``.args``, ``.kwargs``), and
``arguments``, the arguments as the callee left them: the learner's process sends them
back after the call, so a function that sorts the caller's list or writes into the
caller's dict is seen. ``assert_same_behaviour`` compares two outcomes::

    @given(orders=st.lists(order_dicts()))
    def test_totals_match_legacy(learner, legacy, orders):
        """Totals match the legacy code for any list of orders."""
        assert_same_behaviour(outcome(learner.totals, orders), outcome(legacy.totals, orders))

Values are compared exactly, as a caller could tell them apart: the same type at every
level (``1``, ``1.0`` and ``True`` differ; a tuple is no list), ``Decimal`` by sign, digits
and exponent (``Decimal("1.0")`` is not ``Decimal("1.00")``), ``float`` by ``repr``
(``0.0`` is not ``-0.0``; ``nan`` equals ``nan``), dict keys with their exact types. Dict
key order counts only with ``ordered=True``; list order always counts. If both raise, the
learner's exception must be an instance of the legacy exception's class (a subclass is
fine); ``assert_same_message`` also requires the same ``str()``, for briefs that fix the
wording. Objects that are not plain values (instances of the kata's classes) are compared
by class name only: drive them with a ``DifferentialMachine`` to compare what they do.

The ``arguments`` option says what the learner may do to its arguments:

- ``"same"`` (default): leave them as the legacy code left them (a learner that sorts,
  appends to or writes into the caller's data where the legacy code did not fails, and so
  does one that skips a change the legacy code made);
- ``"unchanged"``: leave them as they were passed, for briefs that say "do not change the
  caller's data" where the legacy code did;
- ``"ignore"``: do not compare them.

A failure names what differs (the return value, which argument after the call, or the
exception), the path to the first difference (``at [2]['total']: ...``) and, for long
values, a diff of both, ``-`` for the legacy code and ``+`` for the learner's.

Calling ``learner.total([1, 2])`` directly returns the plain value, or raises
``LearnerError`` for the learner's exception; a non-plain result is a ``Remote`` handle.
``with learner.time_limit(seconds):`` changes the per-call limit for a block; a call that
runs past it fails the test with ``LearnerTimeout``.

Compare a sequence of calls
---------------------------
State that carries over between calls (a module-level cache, an object whose methods are
called in turn, a caller's object a function keeps and changes later) is only seen by
driving both code bases through the same calls on the same objects. Write a
``DifferentialMachine`` (a hypothesis ``RuleBasedStateMachine``) and run it in a test::

    class CartMachine(DifferentialMachine):
        @initialize()
        def start(self):
            self.prices = self.hold({"apple": Decimal("0.50")})  # one dict, on each side
            self.cart = self.call("Cart", self.prices).value     # a Twin of two Carts

        @rule(item=st.sampled_from(["apple", "pear"]), qty=st.integers(-1, 3))
        def add(self, item, qty):
            self.call_method(self.cart, "add", item, qty)

        @rule()
        def total(self):
            self.call_method(self.cart, "total")

    def test_cart_behaves_as_before(learner, legacy):
        """A cart gives the same totals as the legacy one after any sequence of changes."""
        run_machine(CartMachine, learner, legacy)

- ``self.hold(value)`` creates an object from a plain value once on each side and
  returns a ``Twin``; passing the twin to later calls passes that very object, on each
  side its own copy. After every call, the state of every held object is read back and
  compared.
- ``self.call(name, *args, **kwargs)`` calls a function (or class) of the entry module on
  both sides, asserts the same behaviour (options ``arguments=``, ``ordered=``, defaults
  from the class attributes of the same names) and returns the learner's ``Outcome``.
  Objects returned on both sides become twins in it; ``keep=True`` holds the result
  itself (even a plain list), so that a caller's later change to it is compared too.
- ``self.call_method(twin, name, *args, **kwargs)``: the same, for a method of a twin.

Both processes live for the whole suite, as in real use: module-level state carries over
from call to call. Each run of a machine (one hypothesis example) starts afresh: both
sides re-import their modules first, so that a failing sequence replays exactly.
``run_machine(machine, learner, legacy, steps=20, examples=None)`` runs the machine
derandomized (``examples`` defaults to the kata's ``max_examples``); a failure shows the
shortest sequence of steps hypothesis found.

Cover the whole input domain
----------------------------
Generate what the legacy code accepts, not a convenient range: the strategies re-exported
here from ``autograder.behaviour.domains`` (``any_text``, ``boundary_ints``,
``decimal_strings``, ``decimals``, ``case_variants``, ``blank_variants``, ...) draw the
edges (every line boundary, Unicode digits and spaces, ties at half a unit, both sides of
every stated limit) early. Their module docstring says which slip each one catches.
'''

from __future__ import annotations

from autograder.behaviour import domains as _domains
from autograder.behaviour.assertions import (
    ArgumentPolicy,
    assert_same_behaviour,
    assert_same_message,
)
from autograder.behaviour.domains import *  # noqa: F403 - re-exports exactly domains.__all__
from autograder.behaviour.errors import LearnerCrashed, LearnerError, LearnerTimeout
from autograder.behaviour.machine import DifferentialMachine, Twin, run_machine
from autograder.behaviour.outcomes import Arguments, Outcome, Raised, Returned, outcome
from autograder.behaviour.proxy import CodeProxy
from autograder.behaviour.remote import Remote

__all__ = [
    "ArgumentPolicy",
    "Arguments",
    "CodeProxy",
    "DifferentialMachine",
    "LearnerCrashed",
    "LearnerError",
    "LearnerTimeout",
    "Outcome",
    "Raised",
    "Remote",
    "Returned",
    "Twin",
    "assert_same_behaviour",
    "assert_same_message",
    "outcome",
    "run_machine",
]
__all__ += _domains.__all__
