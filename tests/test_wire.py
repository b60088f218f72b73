"""The wire codec: plain values round-trip with their exact types; anything else does not."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograder.sandbox._worker import MAX_DEPTH, WireError, decode, encode


def _refuse(value: object) -> object:
    raise AssertionError(f"{value!r} should have been encoded as a plain value")


def _no_refs(data: dict[str, object]) -> object:
    raise AssertionError(f"unexpected reference {data}")


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text()
    | st.binary()
    | st.decimals(allow_nan=False)
    | st.fractions()
    | st.dates()
    | st.datetimes()
    | st.times()
    | st.timedeltas()
)
hashable = st.recursive(
    scalars, lambda inner: st.tuples(inner, inner) | st.frozensets(inner, max_size=3), max_leaves=4
)
plain = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(hashable, inner, max_size=4)
        | st.sets(hashable, max_size=4)
        | st.frozensets(hashable, max_size=4)
    ),
    max_leaves=12,
)


def _same(a: object, b: object) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return a == b


@given(plain)
def test_plain_values_round_trip_with_exact_types(value: object) -> None:
    assert _same(decode(encode(value, _refuse), _no_refs), value)


def test_special_floats_survive() -> None:
    values = decode(encode([math.inf, -0.0, math.nan], _refuse), _no_refs)
    assert isinstance(values, list)
    assert values[0] == math.inf
    assert math.copysign(1.0, values[1]) == -1.0
    assert math.isnan(values[2])


@pytest.mark.parametrize(
    "value", [True, 1, Decimal("1.10"), Fraction(1, 3), dt.date(2024, 2, 29), b"\x00"]
)
def test_types_are_kept_apart(value: object) -> None:
    decoded = decode(encode(value, _refuse), _no_refs)
    assert type(decoded) is type(value)


def test_subclasses_of_plain_types_are_not_plain() -> None:
    class Sneaky(int):
        pass

    others: list[object] = []
    encode([Sneaky(3), True], lambda value: others.append(value) or {"$ref": 1})
    assert len(others) == 1
    assert type(others[0]) is Sneaky


def test_too_deep_a_value_is_refused() -> None:
    value: list[object] = []
    for _ in range(MAX_DEPTH + 2):
        value = [value]
    with pytest.raises(WireError, match="deeper"):
        encode(value, _refuse)


def test_a_cycle_is_refused() -> None:
    value: list[object] = []
    value.append(value)
    with pytest.raises(WireError):
        encode(value, _refuse)


@pytest.mark.parametrize(
    "data",
    [
        {"$float": "not a float"},
        {"$tuple": "not a list"},
        {"$dict": [[1]]},
        {"$unknown": 1},
        {"$bytes": "***"},
        {"a": 1, "b": 2},
        1.5,
    ],
)
def test_malformed_data_is_a_wire_error(data: object) -> None:
    with pytest.raises(WireError):
        decode(data, _no_refs)
