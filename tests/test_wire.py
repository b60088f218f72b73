"""The wire: its codec, the worker that serves it, and the pipes around it.

Plain values round-trip with their exact types, anything else does not; a call sends back
its arguments as the callee left them; and reading a child's output or reaping a killed
program never waits without a bound.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograder.sandbox._wire import MAX_DEPTH, WireError, decode, encode
from autograder.sandbox.launcher import choose_mechanism
from autograder.sandbox.limits import ResourceLimits
from autograder.sandbox.output import OutputTail
from autograder.sandbox.process import ChildProcess, Isolation
from autograder.sandbox.trusted import run_trusted


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

    def reference(value: object) -> object:
        others.append(value)
        return {"$ref": 1}

    encode([Sneaky(3), True], reference)
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


def test_objects_passed_by_reference_are_sent_back_as_references() -> None:
    inner: list[object] = [1]
    outer = [inner, [2]]
    refs: list[object] = []

    def reference(value: object) -> object:
        refs.append(value)
        return {"$ref": 7}

    data = encode(outer, reference, by_reference={id(inner)})
    assert data == [{"$ref": 7}, [2]]
    assert refs == [inner]


# --- the worker, through a real child process ----------------------------------------


@pytest.fixture
def child(tmp_path: Path) -> Iterator[ChildProcess]:
    code = tmp_path / "code"
    code.mkdir()
    (code / "kata.py").write_text(
        "def sort_and_count(items, *, into):\n"
        "    items.sort()\n"
        "    into['n'] = len(items)\n"
        "    return len(items)\n"
        "\n"
        "def fail_after_append(items):\n"
        "    items.append('late')\n"
        "    raise ValueError('no')\n"
        "\n"
        "STATE = []\n",
        encoding="utf-8",
    )
    (tmp_path / "work").mkdir()
    with ChildProcess(
        (code,), tmp_path / "work", Isolation(ResourceLimits(), choose_mechanism())
    ) as started:
        yield started


def _request(child: ChildProcess, request: dict[str, object]) -> dict[str, Any]:
    return child.request(request, timeout=10.0)


def _ok(child: ChildProcess, **request: object) -> object:
    answer = _request(child, request)
    assert "ok" in answer, answer
    return answer["ok"]


def _function(child: ChildProcess, name: str) -> int:
    module = _ok(child, op="import", args=["kata"])
    assert isinstance(module, dict)
    function = _ok(child, op="getattr", target=module["$ref"], args=[name])
    assert isinstance(function, dict)
    ref = function["$ref"]
    assert isinstance(ref, int)
    return ref


def test_a_call_sends_back_its_arguments_as_the_callee_left_them(child: ChildProcess) -> None:
    target = _function(child, "sort_and_count")
    answer = _request(
        child,
        {
            "op": "call",
            "target": target,
            "args": [[3, 1, 2]],
            "kwargs": {"$dict": [["into", {"$dict": []}]]},
        },
    )
    assert answer["ok"] == 3
    assert answer["arguments"] == {
        "args": [[1, 2, 3]],
        "kwargs": {"$dict": [["into", {"$dict": [["n", 3]]}]]},
    }


def test_a_call_that_raises_sends_back_its_arguments_too(child: ChildProcess) -> None:
    target = _function(child, "fail_after_append")
    answer = _request(child, {"op": "call", "target": target, "args": [["a"]]})
    assert answer["raised"]["type"] == "ValueError"
    assert answer["arguments"]["args"] == [["a", "late"]]


def test_held_objects_are_passed_by_reference_and_read_back_by_value(child: ChildProcess) -> None:
    held = _ok(child, op="hold", args=[[3, 1, 2]])
    assert isinstance(held, dict)
    assert held["type"] == "list"
    target = _function(child, "sort_and_count")
    answer = _request(
        child,
        {
            "op": "call",
            "target": target,
            "args": [{"$ref": held["$ref"]}],
            "kwargs": {"$dict": [["into", {"$dict": []}]]},
        },
    )
    assert answer["arguments"]["args"] == [{**held}], "the same reference comes back"
    assert _ok(child, op="snapshot", args=[{"$ref": held["$ref"]}]) == [[1, 2, 3]]
    answer = _request(
        child, {"op": "call", "target": held["$ref"], "method": "append", "args": [4]}
    )
    assert answer["ok"] is None
    assert _ok(child, op="snapshot", args=[{"$ref": held["$ref"]}]) == [[1, 2, 3, 4]]
    answer = _request(
        child, {"op": "call", "target": held["$ref"], "method": "no_such_method", "args": []}
    )
    assert answer["raised"]["type"] == "AttributeError"


def test_reset_forgets_objects_and_imports_the_code_afresh(child: ChildProcess) -> None:
    module = _ok(child, op="import", args=["kata"])
    assert isinstance(module, dict)
    state = _ok(child, op="getattr", target=module["$ref"], args=["STATE"])
    assert state == []
    held = _ok(child, op="hold", args=[[1]])
    assert isinstance(held, dict)
    assert _ok(child, op="reset") is None
    answer = _request(child, {"op": "snapshot", "args": [{"$ref": held["$ref"]}]})
    assert "unknown reference" in str(answer.get("wire_error"))
    fresh = _ok(child, op="import", args=["kata"])
    assert isinstance(fresh, dict)
    assert fresh["$ref"] != module["$ref"], "a new module object, imported afresh"


# --- the pipes around the wire --------------------------------------------------------


class _SlowDeque(deque[bytes]):
    """A deque whose iteration pauses between items, as a preempted thread would."""

    def __iter__(self) -> Iterator[bytes]:
        for chunk in super().__iter__():
            time.sleep(0.002)
            yield chunk


def test_the_output_tail_is_read_while_its_drainer_still_writes() -> None:
    read_fd, write_fd = os.pipe()
    tail = OutputTail(read_fd)
    tail._chunks = _SlowDeque()  # noqa: SLF001 - makes the race with the drainer certain
    stop = threading.Event()
    written = 0

    def write() -> None:
        nonlocal written
        with os.fdopen(write_fd, "wb", buffering=0) as pipe:
            while not stop.is_set():
                written += pipe.write(b"x" * 512)
                time.sleep(0.0005)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        time.sleep(0.2)
        text = tail.text()  # waits a second for the drainer, then reads while it writes
    finally:
        stop.set()
        writer.join()
    assert set(text.rpartition("\n")[2]) == {"x"}
    final = tail.text()
    dropped = int(final.partition(" earlier bytes")[0].lstrip("["))
    assert dropped + len(final.partition("\n")[2]) == written


def test_a_killed_program_whose_escaped_child_holds_its_output_is_not_waited_for(
    tmp_path: Path,
) -> None:
    pid_file = tmp_path / "escaped.pid"
    script = (
        "import os, sys, time\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    os.setsid()  # leaves the process group that the kill reaches\n"
        "    time.sleep(30)\n"
        "    os._exit(0)\n"
        f"open({str(pid_file)!r}, 'w').write(str(pid))\n"
        "print('started', flush=True)\n"
        "time.sleep(30)\n"
    )
    started = time.monotonic()
    try:
        run = run_trusted([sys.executable, "-c", script], timeout=1.0, cwd=tmp_path, env={})
        seconds = time.monotonic() - started
    finally:
        if pid_file.exists():
            os.kill(int(pid_file.read_text()), signal.SIGKILL)
    assert run.timed_out
    assert "started" in run.output
    assert seconds < 20, "the escaped process's 30 s were waited out"


def _alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_ctrl_c_while_waiting_kills_the_trusted_program(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    script = (
        f"import os, time\nopen({str(pid_file)!r}, 'w').write(str(os.getpid()))\ntime.sleep(30)\n"
    )

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        with pytest.raises(KeyboardInterrupt):
            run_trusted([sys.executable, "-c", script], timeout=20.0, cwd=tmp_path, env={})
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid), "the trusted program outlived a Ctrl-C of the grader"
