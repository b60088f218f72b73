"""The program that runs inside the learner's process: imports learner code, serves requests.

It runs as a script in the sandboxed child, where the grader's package need not be
reachable. It loads the wire codec from ``_wire.py`` beside it, by path (so nothing is
added to the learner's ``sys.path``); the trusted side imports the same file as
``autograder.sandbox._wire``.

Requests arrive on one pipe and answers leave by another (their descriptors are the
arguments); the learner's own ``print`` output goes to stdout/stderr, which the parent
captures and never parses. Each request names an operation, a target object (by reference)
and encoded arguments:

- ``import``, ``getattr``, ``iter``, ``next``, ``len``, ``getitem``, ``contains``, ``repr``:
  what their names say, on the target;
- ``call``: calls the target; the answer carries the result (or the exception) and the
  state of the arguments after the call, so that a callee that writes into the caller's
  data is seen. Arguments that were passed as references come back as references.
  ``keep`` sends the result back as a reference even if it is a plain value, and
  ``method`` calls that method of the target instead (one request, not two);
- ``hold``: stores a plain value as an object here and answers with its reference;
- ``snapshot``: the current state of each object passed, by value (in one answer);
- ``reset``: forgets every object and unloads every module of the code (those under the
  folders of its path), so that the next import runs them afresh: a fresh start for the
  next sequence of calls, without the cost of a new process.

Nothing this process sends decides a grade: the trusted side only reads plain values from
it, decoded with exact types, and compares them itself.
"""

from __future__ import annotations

import importlib
import importlib.util
import itertools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

__all__ = ["serve"]

_MAX_MESSAGE_CHARS = 2000


def _load_wire() -> ModuleType:
    """Load the codec from the file beside this one, without touching ``sys.path``."""
    location = Path(__file__).with_name("_wire.py")
    spec = importlib.util.spec_from_file_location("_kaizen_wire", location)
    if spec is None or spec.loader is None:  # pragma: no cover - the file is always bound
        raise ImportError(f"cannot load the wire codec from {location}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if TYPE_CHECKING:
    from autograder.sandbox import _wire as wire
else:
    wire = _load_wire()


class _Server:
    """Holds the objects the trusted side refers to and answers its requests."""

    def __init__(self, code_path: list[str]) -> None:
        self.code_path = tuple(os.path.join(root, "") for root in code_path)  # noqa: PTH118 - a prefix of module paths, with its separator
        self.objects: dict[int, object] = {}
        self._ref_ids: dict[int, int] = {}  # id() of a held object -> its reference
        self._next_ref = itertools.count(1)

    def ref(self, value: object) -> dict[str, object]:
        """Hold an object and describe it; the same object always gets the same reference."""
        ref_id = self._ref_ids.get(id(value))
        if ref_id is None:
            ref_id = next(self._next_ref)
            self.objects[ref_id] = value  # held, so its id() is never reused meanwhile
            self._ref_ids[id(value)] = ref_id
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
            raise wire.WireError(msg)
        return self.objects[ref_id]

    def reset(self) -> None:
        self.objects.clear()
        self._ref_ids.clear()
        for name, module in list(sys.modules.items()):
            location = getattr(module, "__file__", None) or ""
            if any(location.startswith(root) for root in self.code_path):
                del sys.modules[name]
        importlib.invalidate_caches()

    def handle(self, request: dict[str, object]) -> dict[str, object]:
        op = str(request.get("op"))
        passed: set[int] = set()  # id() of every object the request passed by reference

        def resolve(data: dict[str, object]) -> object:
            value = self.resolve(data)
            passed.add(id(value))
            return value

        target = self.resolve({"$ref": request.get("target")}) if "target" in request else None
        args = wire.decode(request.get("args", []), resolve)
        kwargs = wire.decode(request.get("kwargs", {"$dict": []}), resolve)
        if not isinstance(args, list) or not isinstance(kwargs, dict):
            msg = "args must be a list and kwargs a dict"
            raise wire.WireError(msg)
        if op == "call":
            method = request.get("method")
            if method is not None:  # a method of the target, looked up within the call
                target = _BoundLater(target, str(method))
            return self._call(target, args, kwargs, passed, keep=request.get("keep") is True)
        if op == "hold":
            if len(args) != 1:
                msg = "hold takes exactly one value"
                raise wire.WireError(msg)
            return {"ok": self.ref(args[0])}
        if op == "snapshot":
            return {"ok": wire.encode(args, self.ref)}
        if op == "reset":
            self.reset()
            return {"ok": None}
        if op not in _OPERATIONS:
            msg = f"unknown operation {op!r}"
            raise wire.WireError(msg)
        return {"ok": wire.encode(_OPERATIONS[op](target, *args, **kwargs), self.ref)}

    def _call(
        self,
        target: Any,
        args: list[Any],
        kwargs: dict[str, Any],
        passed: set[int],
        *,
        keep: bool,
    ) -> dict[str, object]:
        answer: dict[str, object]
        try:
            result = target(*args, **kwargs)
        except BaseException as error:  # noqa: BLE001 - every learner exception is reported
            answer = {"raised": _describe(error)}
        else:
            answer = {"ok": self.ref(result) if keep else wire.encode(result, self.ref)}
        try:
            answer["arguments"] = {
                "args": wire.encode(args, self.ref, by_reference=passed),
                "kwargs": wire.encode(kwargs, self.ref, by_reference=passed),
            }
        except wire.WireError as error:
            answer["arguments_error"] = str(error)
        return answer


# Learner objects are of unknown type by nature: the operations take and give ``Any``.


class _BoundLater:
    """A method looked up only when called, so that a missing one raises like a call."""

    def __init__(self, target: Any, name: str) -> None:
        self._target = target
        self._name = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(self._target, self._name)(*args, **kwargs)


def _op_import(_target: None, name: str) -> Any:
    return importlib.import_module(name)


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
    hello = wire.read_frame(request_fd)
    if not isinstance(hello, dict):
        os._exit(71)
    code_path = [str(entry) for entry in hello.get("path", [])]
    sys.path[:0] = code_path
    _apply_limits(dict(hello.get("limits", {})))
    server = _Server(code_path)
    wire.write_frame(answer_fd, {"ready": True})
    while (request := wire.read_frame(request_fd)) is not None:
        answer = _answer(server, request)
        try:
            wire.write_frame(answer_fd, answer)
        except wire.WireError as error:
            wire.write_frame(answer_fd, {"id": answer.get("id"), "wire_error": str(error)})


def _answer(server: _Server, request: object) -> dict[str, object]:
    if not isinstance(request, dict):
        return {"id": None, "wire_error": "request is not an object"}
    request_id = request.get("id")
    try:
        answer = server.handle(request)
    except wire.WireError as error:
        return {"id": request_id, "wire_error": str(error)}
    except BaseException as error:  # noqa: BLE001 - every learner exception is reported, none kills the server
        return {"id": request_id, "raised": _describe(error)}
    return {"id": request_id, **answer}


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]))
