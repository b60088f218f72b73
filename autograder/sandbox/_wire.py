"""The wire codec between the trusted side and the learner's process: values and frames.

Standard library only: the sandboxed worker loads this file by path from beside itself, and
the trusted side imports it as ``autograder.sandbox._wire``, so both ends speak one format.
Plain values of a closed set of types (``None``, ``bool``, ``int``, ``float``, ``str``,
``bytes``, ``list``, ``tuple``, ``set``, ``frozenset``, ``dict``, ``Decimal``, ``Fraction``,
the ``datetime`` types) become JSON data, tagged where JSON cannot tell types apart, and
decode to the very same types; anything else, a subclass of a plain type too, goes to the
caller's reference scheme. A budget of depth and items refuses huge or cyclic values. Each
frame is a 4-byte big-endian length and a UTF-8 JSON document.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import struct
from collections.abc import Callable, Collection, Iterable
from decimal import Decimal
from fractions import Fraction
from typing import cast

__all__ = [
    "MAX_DEPTH",
    "MAX_FRAME_BYTES",
    "MAX_ITEMS",
    "WireError",
    "decode",
    "encode",
    "parse_body",
    "read_frame",
    "write_frame",
]

MAX_FRAME_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
MAX_ITEMS = 200_000
_HEADER = struct.Struct(">I")


class WireError(ValueError):
    """A frame or value that does not follow the wire format."""


def encode(
    value: object,
    on_other: Callable[[object], object],
    *,
    by_reference: Collection[int] = frozenset(),
) -> object:
    """Turn a plain value into JSON data, tagging every type JSON cannot tell apart.

    Types are matched exactly (``type(v) is int``), so a subclass is never taken for the
    plain type: it is handed to ``on_other``, which makes a reference to it.

    Args:
        value: The value to encode.
        on_other: Encodes any value that is not plain (the caller's reference scheme).
        by_reference: The ``id()`` of objects to hand to ``on_other`` even if they are
            plain (objects that were themselves passed by reference).

    Returns:
        Data that ``json.dumps`` accepts.

    Raises:
        WireError: If the value nests deeper than ``MAX_DEPTH`` or holds too many items.
    """
    return _Encoder(on_other, by_reference).encode(value, 0)


class _Encoder:
    """One encoding: the reference scheme, and the budget every item of the value spends."""

    def __init__(self, on_other: Callable[[object], object], by_reference: Collection[int]) -> None:
        self._on_other = on_other
        self._by_reference = by_reference
        self._items = 0

    def _spend(self, depth: int) -> None:
        """Count one more item, refusing a value that is too deep or too large."""
        if depth > MAX_DEPTH:
            msg = f"value nests deeper than {MAX_DEPTH} levels"
            raise WireError(msg)
        self._items += 1
        if self._items > MAX_ITEMS:
            msg = f"value has more than {MAX_ITEMS} items"
            raise WireError(msg)

    def encode(self, value: object, depth: int) -> object:  # noqa: PLR0911 - one flat dispatch over the closed set of wire types
        self._spend(depth)
        kind = type(value)
        if value is None or kind is bool or kind is int or kind is str:
            return value
        if self._by_reference and id(value) in self._by_reference:
            return self._on_other(value)
        if kind is float:
            return {"$float": repr(value)}
        if kind is list:
            return [self.encode(item, depth + 1) for item in cast("list[object]", value)]
        if kind is tuple or kind is set or kind is frozenset:
            items = [self.encode(item, depth + 1) for item in cast("Iterable[object]", value)]
            return {f"${kind.__name__}": items}
        if kind is dict:
            pairs = [
                [self.encode(key, depth + 1), self.encode(item, depth + 1)]
                for key, item in cast("dict[object, object]", value).items()
            ]
            return {"$dict": pairs}
        if kind is bytes:
            return {"$bytes": base64.b64encode(cast("bytes", value)).decode("ascii")}
        if kind in _SCALARS:
            return {_SCALARS[kind]: _scalar_text(value)}
        return self._on_other(value)


_SCALARS: dict[type, str] = {
    Decimal: "$decimal",
    Fraction: "$fraction",
    dt.date: "$date",
    dt.datetime: "$datetime",
    dt.time: "$time",
    dt.timedelta: "$timedelta",
}


def _scalar_text(value: object) -> object:
    if isinstance(value, dt.timedelta):
        return [value.days, value.seconds, value.microseconds]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def decode(data: object, on_ref: Callable[[dict[str, object]], object]) -> object:
    """Turn JSON data made by ``encode`` back into plain values of the exact same types.

    Args:
        data: Parsed JSON.
        on_ref: Turns a reference object (``{"$ref": ...}``) into a value.

    Returns:
        The decoded value.

    Raises:
        WireError: If the data is not in the wire format.
    """
    return _decode(data, on_ref, 0)


def _decode(data: object, on_ref: Callable[[dict[str, object]], object], depth: int) -> object:  # noqa: C901, PLR0911 - one flat dispatch over the closed set of tags
    if depth > MAX_DEPTH + 1:
        raise WireError("value nests too deep")
    if data is None or type(data) in {bool, int, str}:
        return data
    if type(data) is list:
        return [_decode(item, on_ref, depth + 1) for item in data]
    if type(data) is not dict or len(data) == 0:
        msg = f"unexpected JSON value of type {type(data).__name__}"
        raise WireError(msg)
    if "$ref" in data:
        return on_ref(data)
    if len(data) != 1:
        raise WireError("a tagged value has exactly one key")
    ((tag, payload),) = data.items()
    try:
        if tag == "$float":
            return float(str(payload))
        if tag in {"$tuple", "$set", "$frozenset"}:
            items = [_decode(item, on_ref, depth + 1) for item in _as_list(payload)]
            return {"$tuple": tuple, "$set": set, "$frozenset": frozenset}[tag](items)
        if tag == "$dict":
            pairs = _as_list(payload)
            return {
                _decode(key, on_ref, depth + 1): _decode(item, on_ref, depth + 1)
                for key, item in (_as_pair(pair) for pair in pairs)
            }
        if tag == "$bytes":
            return base64.b64decode(str(payload), validate=True)
        return _decode_scalar(tag, payload)
    except (TypeError, ValueError, ArithmeticError) as error:
        msg = f"malformed {tag} value: {error}"
        raise WireError(msg) from error


def _decode_scalar(tag: str, payload: object) -> object:
    text = str(payload)
    match tag:
        case "$decimal":
            return Decimal(text)
        case "$fraction":
            return Fraction(text)
        case "$date":
            return dt.date.fromisoformat(text)
        case "$datetime":
            return dt.datetime.fromisoformat(text)
        case "$time":
            return dt.time.fromisoformat(text)
        case "$timedelta":
            days, seconds, micros = (int(str(part)) for part in _as_list(payload))
            return dt.timedelta(days=days, seconds=seconds, microseconds=micros)
        case _:
            msg = f"unknown tag {tag!r}"
            raise WireError(msg)


def _as_list(payload: object) -> list[object]:
    if type(payload) is not list:
        raise WireError("expected a JSON array")
    return payload


def _as_pair(pair: object) -> tuple[object, object]:
    match _as_list(pair):
        case [key, item]:
            return key, item
        case _:
            raise WireError("expected a [key, value] pair")


def write_frame(fd: int, message: object) -> None:
    """Write one JSON message as a length-prefixed frame.

    Args:
        fd: The file descriptor to write to.
        message: JSON-serialisable data.

    Raises:
        WireError: If the encoded message is larger than ``MAX_FRAME_BYTES``.
    """
    body = json.dumps(message, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    if len(body) > MAX_FRAME_BYTES:
        msg = f"message of {len(body)} bytes is larger than {MAX_FRAME_BYTES}"
        raise WireError(msg)
    view = memoryview(_HEADER.pack(len(body)) + body)
    while view:
        view = view[os.write(fd, view) :]


def read_frame(fd: int) -> object | None:
    """Read one frame; ``None`` at end of file.

    Args:
        fd: The file descriptor to read from (blocking).

    Returns:
        The parsed JSON message, or ``None`` if the writer closed the pipe.

    Raises:
        WireError: If the frame is truncated, too large or not JSON.
    """
    header = _read_exactly(fd, _HEADER.size)
    if header is None:
        return None
    (size,) = _HEADER.unpack(header)
    if size > MAX_FRAME_BYTES:
        msg = f"frame of {size} bytes is larger than {MAX_FRAME_BYTES}"
        raise WireError(msg)
    body = _read_exactly(fd, size)
    if body is None:
        raise WireError("frame truncated")
    return parse_body(body)


def parse_body(body: bytes) -> object:
    """Parse the JSON body of one frame.

    Args:
        body: The frame's bytes, without the length prefix.

    Returns:
        The parsed JSON message.

    Raises:
        WireError: If the body is not UTF-8 JSON.
    """
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        msg = f"frame is not JSON: {error}"
        raise WireError(msg) from error


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        chunk = os.read(fd, remaining)
        if not chunk:
            if remaining == size:
                return None
            raise WireError("frame truncated")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
