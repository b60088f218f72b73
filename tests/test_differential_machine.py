"""Stateful differential tests catch state that carries over between calls.

A learner's refactor can return the right value for every single call and still differ
from the legacy code in what a sequence of calls does: a cache that goes stale, a caller's
object kept and changed later, an internal list handed out to the caller. Each test here
drives a small legacy module and a refactor of it, in real sandboxed processes, through a
``DifferentialMachine``.
"""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import initialize, rule

from autograder.testing import DifferentialMachine, Returned, Twin, run_machine
from tests.test_differential import MakeCode, make_code

__all__ = ["make_code"]  # the fixture, shared with the one-call tests

TOTALS = """
    def total(values):
        return sum(values)
"""

STALE_CACHE = """
    _cache = {}

    def total(values):
        key = id(values)  # remembers the list it saw, not what is in it
        if key not in _cache:
            _cache[key] = sum(values)
        return _cache[key]
"""


class TotalsMachine(DifferentialMachine):
    """One list, changed between calls, totalled again and again."""

    @initialize()
    def start(self) -> None:
        self.values = self.hold([1, 2])

    @rule(value=st.integers(-5, 5))
    def append(self, value: int) -> None:
        self.call_method(self.values, "append", value)

    @rule()
    def total(self) -> None:
        self.call("total", self.values)


def test_a_cache_that_returns_stale_results_is_caught(make_code: MakeCode) -> None:
    learner = make_code("your code", STALE_CACHE)
    legacy = make_code("the legacy code", TOTALS)
    with pytest.raises(AssertionError) as raised:
        run_machine(TotalsMachine, learner, legacy)
    message = str(raised.value)
    assert message.startswith("total(<held list #1>) returned ")
    assert ", but the legacy code returned " in message


def test_a_correct_refactor_passes_the_same_machine(make_code: MakeCode) -> None:
    learner = make_code(
        "your code",
        """
        def total(values):
            result = 0
            for value in values:
                result += value
            return result
        """,
    )
    legacy = make_code("the legacy code", TOTALS)
    run_machine(TotalsMachine, learner, legacy, examples=10)


BATCHES = """
    _batches = []

    def start_batch(items):
        _batches.append(list(items))
        return len(_batches)

    def add_item(item):
        _batches[-1].append(item)
        return len(_batches[-1])
"""

KEEPS_THE_CALLERS_LIST = """
    _batches = []

    def start_batch(items):
        _batches.append(items)  # no copy: later calls change the caller's list
        return len(_batches)

    def add_item(item):
        _batches[-1].append(item)
        return len(_batches[-1])
"""


class BatchMachine(DifferentialMachine):
    """A caller's list starts a batch; items are added to the batch later."""

    @initialize()
    def start(self) -> None:
        self.items = self.hold(["a"])
        self.call("start_batch", self.items)

    @rule(item=st.sampled_from(["x", "y"]))
    def add(self, item: str) -> None:
        self.call("add_item", item)


def test_a_held_object_changed_by_a_later_call_is_caught(make_code: MakeCode) -> None:
    learner = make_code("your code", KEEPS_THE_CALLERS_LIST)
    legacy = make_code("the legacy code", BATCHES)
    with pytest.raises(AssertionError) as raised:
        run_machine(BatchMachine, learner, legacy)
    message = str(raised.value)
    assert message.startswith("after add_item('x'), <held list #1> is ['a', 'x'] in your code")
    assert "but ['a'] in the legacy code" in message


CART = """
    class Cart:
        def __init__(self):
            self._lines = {}

        def add(self, sku, qty):
            if qty < 1:
                raise ValueError(f"cannot add {qty} of {sku}")
            self._lines[sku] = self._lines.get(sku, 0) + qty
            return self.count()

        def count(self):
            return sum(self._lines.values())
"""

CART_REFACTORED = """
    class Cart:
        def __init__(self) -> None:
            self._entries: list[tuple[str, int]] = []

        def add(self, sku: str, qty: int) -> int:
            if qty <= 0:
                raise ValueError("quantity must be at least 1")
            self._entries.append((sku, qty))
            return self.count()

        def count(self) -> int:
            return sum(qty for _, qty in self._entries)
"""

CART_COUNTS_SKUS = """
    class Cart:
        def __init__(self):
            self._lines = {}

        def add(self, sku, qty):
            if qty < 1:
                raise ValueError(f"cannot add {qty} of {sku}")
            self._lines[sku] = self._lines.get(sku, 0) + qty
            return self.count()

        def count(self):
            return len(self._lines)  # counts SKUs, not units
"""


class CartMachine(DifferentialMachine):
    """A cart, made by each side, changed by a sequence of method calls."""

    @initialize()
    def start(self) -> None:
        made = self.call("Cart")
        assert isinstance(made, Returned)
        assert isinstance(made.value, Twin)
        self.cart = made.value

    @rule(sku=st.sampled_from(["A", "B"]), qty=st.integers(0, 3))
    def add(self, sku: str, qty: int) -> None:
        self.call_method(self.cart, "add", sku, qty)


def test_objects_returned_on_both_sides_are_driven_as_twins(make_code: MakeCode) -> None:
    legacy = make_code("the legacy code", CART)
    run_machine(CartMachine, make_code("your code", CART_REFACTORED), legacy, examples=10)
    with pytest.raises(AssertionError) as raised:
        run_machine(CartMachine, make_code("your other code", CART_COUNTS_SKUS), legacy)
    assert ".add(" in str(raised.value)
    assert "but the legacy code returned 2" in str(raised.value)


HISTORY = """
    _log = []

    def record(event):
        _log.append(event)

    def history():
        return list(_log)
"""

HANDS_OUT_ITS_LIST = """
    _log = []

    def record(event):
        _log.append(event)

    def history():
        return _log  # the caller gets the module's own list
"""


class HistoryMachine(DifferentialMachine):
    """The caller changes the list ``history()`` gave it, then asks again."""

    @rule(event=st.sampled_from(["start", "stop"]))
    def record(self, event: str) -> None:
        self.call("record", event)

    @rule()
    def clear_what_history_returned(self) -> None:
        seen = self.call("history", keep=True)
        assert isinstance(seen, Returned)
        assert isinstance(seen.value, Twin)
        self.call_method(seen.value, "clear")

    @rule()
    def history(self) -> None:
        self.call("history")


def test_a_result_that_aliases_internal_state_is_caught_with_keep(make_code: MakeCode) -> None:
    learner = make_code("your code", HANDS_OUT_ITS_LIST)
    legacy = make_code("the legacy code", HISTORY)
    with pytest.raises(AssertionError) as raised:
        run_machine(HistoryMachine, learner, legacy)
    message = str(raised.value)
    assert message.startswith("after record('start'), <result #1 of history> is ['start'] in")
    assert "but [] in the legacy code" in message


def _local_module(tmp_path: Path, name: str, source: str) -> ModuleType:
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_machine_runs_on_local_modules_too(tmp_path: Path) -> None:
    legacy = _local_module(tmp_path, "legacy_batches", BATCHES)
    run_machine(BatchMachine, _local_module(tmp_path, "good_batches", BATCHES), legacy)
    slip = _local_module(tmp_path, "slip_batches", KEEPS_THE_CALLERS_LIST)
    with pytest.raises(AssertionError, match=r"<held list #1> is \['a', 'x'\] in your code"):
        run_machine(BatchMachine, slip, legacy)
    cart = _local_module(tmp_path, "legacy_cart", CART)
    run_machine(CartMachine, _local_module(tmp_path, "good_cart", CART_REFACTORED), cart)


def test_a_machine_needs_both_sides() -> None:
    with pytest.raises(TypeError, match="run_machine"):
        TotalsMachine()
