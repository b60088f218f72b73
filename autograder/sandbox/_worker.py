"""The program that runs inside the learner's process: imports learner code, serves calls.

This file is deliberately self-contained (standard library only, no ``autograder``
imports): it runs as a script in the sandboxed child, where the grader's package need not
be reachable. The trusted side imports its wire codec (``encode``/``decode``/``read_frame``/
``write_frame``) so that both ends speak exactly the same format.

Wire format: each frame is a 4-byte big-endian length and a UTF-8 JSON document. Requests
arrive on one pipe and answers leave by another (their descriptors are the arguments);
the learner's own ``print`` output goes to stdout/stderr, which the parent captures and
never parses.

Nothing this process sends decides a grade: the trusted side only reads plain values from
it, decoded with exact types, and compares them itself.
"""

from __future__ import annotations

import base64
import datetime as dt
import importlib
import json
import os
import struct
import sys
from collections.abc import Callable, Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any, cast

__all__ = [
    "MAX_FRAME_BYTES",
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


class _Budget:
    """Counts encoded items so that a huge or cyclic value is refused, not sent."""

    def __init__(self) -> None:
        self.items = 0

    def spend(self) -> None:
        self.items += 1
        if self.items > MAX_ITEMS:
            msg = f"value has more than {MAX_ITEMS} items"
            raise WireError(msg)


def encode(value: object, on_other: Callable[[object], object]) -> object:
    """Turn a plain value into JSON data, tagging every type JSON cannot tell apart.

    Types are matched exactly (``type(v) is int``), so a subclass is never taken for the
    plain type: it is handed to ``on_other``, which makes a reference to it.

    Args:
        value: The value to encode.
        on_other: Encodes any value that is not plain (the caller's reference scheme).

    Returns:
        Data that ``json.dumps`` accepts.

    Raises:
        WireError: If the value nests deeper than ``MAX_DEPTH`` or holds too many items.
    """
    return _encode(value, on_other, 0, _Budget())


def _encode(  # noqa: PLR0911 - one flat dispatch over the closed set of wire types
    value: object, on_other: Callable[[object], object], depth: int, budget: _Budget
) -> object:
    if depth > MAX_DEPTH:
        msg = f"value nests deeper than {MAX_DEPTH} levels"
        raise WireError(msg)
    budget.spend()
    kind = type(value)
    if value is None or kind is bool or kind is int or kind is str:
        return value
    if kind is float:
        return {"$float": repr(value)}
    if kind is list:
        return [_encode(item, on_other, depth + 1, budget) for item in cast("list[object]", value)]
    if kind is tuple or kind is set or kind is frozenset:
        members = cast("Iterable[object]", value)
        items = [_encode(item, on_other, depth + 1, budget) for item in members]
        return {f"${kind.__name__}": items}
    if kind is dict:
        pairs = [
            [_encode(key, on_other, depth + 1, budget), _encode(item, on_other, depth + 1, budget)]
            for key, item in cast("dict[object, object]", value).items()
        ]
        return {"$dict": pairs}
    if kind is bytes:
        return {"$bytes": base64.b64encode(cast("bytes", value)).decode("ascii")}
    if kind in _SCALARS:
        return {_SCALARS[kind]: _scalar_text(value)}
    return on_other(value)


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
        msg = "value nests too deep"
        raise WireError(msg)
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
        msg = "a tagged value has exactly one key"
        raise WireError(msg)
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
        msg = "expected a JSON array"
        raise WireError(msg)
    return payload


def _as_pair(pair: object) -> tuple[object, object]:
    items = _as_list(pair)
    if len(items) != 2:  # noqa: PLR2004 - a pair has two items
        msg = "expected a [key, value] pair"
        raise WireError(msg)
    return items[0], items[1]


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
        msg = "frame truncated"
        raise WireError(msg)
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
            msg = "frame truncated"
            raise WireError(msg)
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


# --- the serving side: runs only in the learner's process --------------------------------

_MAX_MESSAGE_CHARS = 2000


class _Server:
    """Holds the objects the trusted side refers to and answers its requests."""

    def __init__(self) -> None:
        self.objects: dict[int, object] = {}

    def ref(self, value: object) -> dict[str, object]:
        ref_id = len(self.objects) + 1
        self.objects[ref_id] = value
        kind = type(value)
        return {
            "$ref": ref_id,
            "type": kind.__name__,
            "types": [cls.__name__ for cls in kind.__mro__],
            "callable": callable(value),
        }

    def resolve(self, data: dict[str, object]) -> object:
        ref_id = data.get("$ref")
        if type(ref_id) is not int or ref_id not in self.objects:
            msg = f"unknown reference {ref_id!r}"
            raise WireError(msg)
        return self.objects[ref_id]

    def handle(self, request: dict[str, object]) -> object:
        op = request.get("op")
        target = self.resolve({"$ref": request.get("target")}) if "target" in request else None
        args = decode(request.get("args", []), self.resolve)
        kwargs = decode(request.get("kwargs", {"$dict": []}), self.resolve)
        if not isinstance(args, list) or not isinstance(kwargs, dict):
            msg = "args must be a list and kwargs a dict"
            raise WireError(msg)
        return _OPERATIONS[str(op)](target, *args, **kwargs)


# Learner objects are of unknown type by nature: the operations take and give ``Any``.


def _op_import(_target: None, name: str) -> Any:
    return importlib.import_module(name)


def _op_call(target: Any, *args: Any, **kwargs: Any) -> Any:
    return target(*args, **kwargs)


def _op_next(target: Any) -> dict[str, Any]:
    try:
        return {"value": next(target)}
    except StopIteration:
        return {"stop": True}


def _op_getitem(target: Any, key: Any) -> Any:
    return target[key]


def _op_contains(target: Any, item: Any) -> bool:
    return item in target


def _op_repr(target: Any) -> str:
    return repr(target)[:_MAX_MESSAGE_CHARS]


_OPERATIONS: dict[str, Callable[..., Any]] = {
    "import": _op_import,
    "getattr": getattr,
    "call": _op_call,
    "iter": iter,
    "next": _op_next,
    "len": len,
    "getitem": _op_getitem,
    "contains": _op_contains,
    "repr": _op_repr,
}


def _describe(error: BaseException) -> dict[str, object]:
    try:
        message = str(error)[:_MAX_MESSAGE_CHARS]
    except Exception:  # noqa: BLE001 - a learner exception whose __str__ itself fails
        message = "<str() of this exception failed>"
    kind = type(error)
    return {
        "type": kind.__name__,
        "types": [cls.__name__ for cls in kind.__mro__],
        "message": message,
    }


def _apply_limits(limits: dict[str, int]) -> None:
    import resource  # noqa: PLC0415 - POSIX only, needed only once at start-up

    for name, value in limits.items():
        limit = getattr(resource, name)
        resource.setrlimit(limit, (value, value))


def _die_with_parent() -> None:
    if sys.platform != "linux":
        return
    import ctypes  # noqa: PLC0415 - Linux only, needed only once at start-up
    import signal  # noqa: PLC0415

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL)


def serve(request_fd: int, answer_fd: int) -> None:
    """Answer requests until the trusted side closes the pipe.

    Args:
        request_fd: The pipe requests arrive on.
        answer_fd: The pipe answers leave by.
    """
    parent = os.getppid()
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(70)
    hello = read_frame(request_fd)
    if not isinstance(hello, dict):
        os._exit(71)
    sys.path[:0] = [str(entry) for entry in hello.get("path", [])]
    _apply_limits(dict(hello.get("limits", {})))
    server = _Server()
    write_frame(answer_fd, {"ready": True})
    while (request := read_frame(request_fd)) is not None:
        answer = _answer(server, request)
        try:
            write_frame(answer_fd, answer)
        except WireError as error:
            write_frame(answer_fd, {"id": answer.get("id"), "wire_error": str(error)})


def _answer(server: _Server, request: object) -> dict[str, object]:
    if not isinstance(request, dict):
        return {"id": None, "wire_error": "request is not an object"}
    request_id = request.get("id")
    try:
        result = server.handle(request)
    except WireError as error:
        return {"id": request_id, "wire_error": str(error)}
    except BaseException as error:  # noqa: BLE001 - every learner exception is reported, none kills the server
        return {"id": request_id, "raised": _describe(error)}
    try:
        return {"id": request_id, "ok": encode(result, server.ref)}
    except WireError as error:
        return {"id": request_id, "wire_error": str(error)}


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]))
