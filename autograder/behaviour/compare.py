"""Exact comparison of two plain values, and a bounded message that shows where they differ.

"Exact" means what a caller of the function could tell apart: the same type at every level
(``1``, ``1.0`` and ``True`` differ; a list is no tuple), ``Decimal`` by sign, digits and
exponent (``Decimal("1.0")`` is not ``Decimal("1.00")``), ``float`` by ``repr`` (``0.0`` is
not ``-0.0``; ``nan`` equals ``nan``), dict keys with their exact types, and dict key order
too when asked. Objects that are not plain values (handles on objects in a child process,
or local objects of other types) compare by class name only: what such objects do is
compared by calling them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import pprint
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import cast

from autograder.behaviour.remote import Remote

__all__ = [
    "PLAIN_TYPES",
    "Difference",
    "class_name",
    "first_difference",
    "is_object",
    "mismatch_details",
    "short",
]

_SHORT_CHARS = 160
_DIFF_WIDTH = 72
_DIFF_LINES = 24
_DIFF_LINE_CHARS = 110
_DIFF_INPUT_CHARS = 40_000
_NDIFF_LINES = 300


@dataclass(frozen=True, slots=True)
class Difference:
    """Where two values first differ.

    Attributes:
        path: How to reach the differing part from the top, e.g. ``[0]['total']`` (empty
            for the values themselves).
        reason: What differs there, e.g. ``"a float where the legacy code has a Decimal"``.
    """

    path: str
    reason: str


def short(value: object) -> str:
    """Return ``repr(value)``, cut to a readable length.

    Args:
        value: Any value.

    Returns:
        The representation, ending in ``…`` if it was cut.
    """
    text = repr(value)
    return text if len(text) <= _SHORT_CHARS else text[: _SHORT_CHARS - 1] + "…"


PLAIN_TYPES: frozenset[type] = frozenset(
    {type(None), bool, int, float, str, bytes, list, tuple, set, frozenset, dict}
    | {Decimal, Fraction, dt.date, dt.datetime, dt.time, dt.timedelta}
)
"""The types that cross the wire by value; anything else is an object, compared by class."""


def is_object(value: object) -> bool:
    """Tell an object (a ``Remote``, or a local value of no plain type) from a plain value.

    Args:
        value: Any value.

    Returns:
        Whether it is compared by class name rather than by value.
    """
    return isinstance(value, Remote) or type(value) not in PLAIN_TYPES


def class_name(value: object) -> str:
    """Return the class name of a value, or of the object a ``Remote`` stands for.

    Args:
        value: Any value.

    Returns:
        The name.
    """
    return value.type_name if isinstance(value, Remote) else type(value).__name__


def _kind(value: object) -> str:
    """Name a value's type with its article, e.g. ``an int`` or ``a Cart object``."""
    name = f"{class_name(value)} object" if is_object(value) else type(value).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def first_difference(
    have: object, want: object, *, ordered: bool = False, other: str = "the legacy code"
) -> Difference | None:
    """Compare two values exactly and say where they first differ.

    Args:
        have: The learner's value.
        want: The value it must equal.
        ordered: Whether dict key order counts too.
        other: How reasons name where ``want`` comes from.

    Returns:
        ``None`` if the values are the same, else the first difference found.
    """
    return _Walker(ordered=ordered, other=other).walk(have, want, "")


@dataclass(frozen=True, slots=True)
class _Walker:
    """Walks two values side by side, returning the first difference."""

    ordered: bool
    other: str

    def walk(self, have: object, want: object, path: str) -> Difference | None:  # noqa: PLR0911 - one flat dispatch over the plain types
        if is_object(have) and is_object(want):
            same_class = class_name(have) == class_name(want)
            return None if same_class else self._types(have, want, path)
        if type(have) is not type(want) or is_object(have) or is_object(want):
            return self._types(have, want, path)
        if isinstance(have, float):
            return None if repr(have) == repr(want) else Difference(path, "")
        if isinstance(have, Decimal) and isinstance(want, Decimal):
            return _decimals(have, want, path)
        if isinstance(have, list | tuple) and isinstance(want, list | tuple):
            return self._sequences(have, want, path)
        if isinstance(have, dict) and isinstance(want, dict):
            return self._dicts(cast("dict[object, object]", have), want, path)
        if isinstance(have, set | frozenset) and isinstance(want, set | frozenset):
            return self._sets(
                cast("Iterable[Hashable]", have), cast("Iterable[Hashable]", want), path
            )
        return None if have == want else Difference(path, "")

    def _types(self, have: object, want: object, path: str) -> Difference:
        return Difference(path, f"{_kind(have)} where {self.other} has {_kind(want)}")

    def _sequences(
        self,
        have: list[object] | tuple[object, ...],
        want: list[object] | tuple[object, ...],
        path: str,
    ) -> Difference | None:
        for index, (mine, theirs) in enumerate(zip(have, want, strict=False)):
            found = self.walk(mine, theirs, f"{path}[{index}]")
            if found is not None:
                return found
        if len(have) != len(want):
            counts = f"{_items(len(have))} where {self.other} has {len(want)}"
            return Difference(path, counts)
        return None

    def _dicts(
        self, have: dict[object, object], want: dict[object, object], path: str
    ) -> Difference | None:
        stored = {key: key for key in have}  # the key object as stored, to compare its type
        for key, theirs in want.items():
            if key not in stored:
                return Difference(path, f"no key {short(key)}, which {self.other} has")
            found = self.walk(stored[key], key, f"{path} (key {short(key)})")
            found = found or self.walk(have[key], theirs, f"{path}[{short(key)}]")
            if found is not None:
                return found
        extra = [key for key in have if key not in want]
        if extra:
            return Difference(path, f"a key {short(extra[0])} that {self.other} does not have")
        if self.ordered and list(have) != list(want):
            order = f"keys in the order {short(list(have))}, {self.other} in {short(list(want))}"
            return Difference(path, order)
        return None

    def _sets(
        self, have: Iterable[Hashable], want: Iterable[Hashable], path: str
    ) -> Difference | None:
        stored = {item: item for item in have}
        wanted = set(want)
        for item in wanted:
            if item not in stored:
                return Difference(path, f"no item {short(item)}, which {self.other} has")
            found = self.walk(stored[item], item, f"{path} (item {short(item)})")
            if found is not None:
                return found
        extra = [item for item in stored if item not in wanted]
        if extra:
            return Difference(path, f"an item {short(extra[0])} that {self.other} does not have")
        return None


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _decimals(have: Decimal, want: Decimal, path: str) -> Difference | None:
    if have.as_tuple() == want.as_tuple():
        return None
    if have == want:
        exponents = f"exponent {have.as_tuple().exponent} instead of {want.as_tuple().exponent}"
        return Difference(path, f"the same amount with a different number of places ({exponents})")
    return Difference(path, "")


def mismatch_details(
    have: object, want: object, difference: Difference, *, other: str = "the legacy code"
) -> str:
    """Describe a difference for a message: where it is, and a diff when values are long.

    Args:
        have: The learner's value.
        want: The value it must equal.
        difference: Where they differ, from ``first_difference``.
        other: How the diff's legend names where ``want`` comes from.

    Returns:
        Lines to append to a message (each starting with a newline), possibly none.
    """
    details = ""
    if difference.path:
        details += f"\n  at {difference.path.strip()}: {difference.reason or 'the values differ'}"
    elif difference.reason:
        details += f"\n  {difference.reason}"
    lines = _diff(have, want)
    if lines:
        details += f"\n  (- {other}, + your code)\n" + "\n".join(lines)
    return details


def _lines(value: object) -> list[str]:
    if isinstance(value, str) and "\n" in value:
        return [repr(line) for line in value.splitlines(keepends=True)]
    return pprint.pformat(value, width=_DIFF_WIDTH, sort_dicts=False).splitlines()


def _diff(have: object, want: object) -> list[str]:
    """A diff of the two values' pretty-printed forms, for values too long for one line."""
    if max(len(repr(have)), len(repr(want))) > _DIFF_INPUT_CHARS:
        return []
    mine, theirs = _lines(have), _lines(want)
    if len(mine) <= 1 and len(theirs) <= 1 and len(short(have)) + len(short(want)) < _DIFF_WIDTH:
        return []  # both fit the message's first line: a diff would only repeat them
    if max(len(mine), len(theirs)) > _NDIFF_LINES:
        raw = list(difflib.unified_diff(theirs, mine, lineterm="", n=1))[2:]
    else:
        raw = _near_changes([line.rstrip("\n") for line in difflib.ndiff(theirs, mine)])
    cut = [line if len(line) <= _DIFF_LINE_CHARS else line[:_DIFF_LINE_CHARS] + "…" for line in raw]
    if len(cut) > _DIFF_LINES:
        cut = [*cut[:_DIFF_LINES], f"  … and {len(cut) - _DIFF_LINES} more lines"]
    return ["  " + line for line in cut]


def _near_changes(lines: list[str]) -> list[str]:
    """Keep the changed lines of an ``ndiff`` and one unchanged line around each run."""
    changed = [index for index, line in enumerate(lines) if not line.startswith("  ")]
    keep = {near for index in changed for near in (index - 1, index, index + 1)}
    kept: list[str] = []
    for index, line in enumerate(lines):
        if index in keep:
            if kept and index - 1 not in keep:
                kept.append("  …")
            kept.append(line)
    return kept
