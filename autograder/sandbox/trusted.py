"""Run a trusted helper program (the test process, ruff, mypy) with a hard deadline.

The program runs in its own process group, which is killed whole if it overruns, and its
output is captured with a bound. An optional private pipe carries its result back, so
results never travel through output that anything else could write to.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["TrustedRun", "run_trusted"]

_log = logging.getLogger(__name__)
_OUTPUT_KEPT_CHARS = 64 * 1024
_REAP_SECONDS = 5.0
RESULT_FD_PLACEHOLDER = "{result_fd}"


@dataclass(frozen=True, slots=True)
class TrustedRun:
    """How a trusted program ended.

    Attributes:
        returncode: Its exit code (negative: killed by that signal).
        output: The tail of its stdout and stderr.
        result: What it wrote to the result pipe (empty if none was asked for).
        timed_out: Whether it was killed for overrunning its deadline.
        seconds: How long it ran.
    """

    returncode: int
    output: str
    result: bytes
    timed_out: bool
    seconds: float


def run_trusted(
    argv: Sequence[str],
    *,
    timeout: float,
    cwd: Path,
    env: Mapping[str, str],
    result_pipe: bool = False,
) -> TrustedRun:
    """Run a program to completion or to its deadline.

    Args:
        argv: The command; an argument equal to ``"{result_fd}"`` is replaced by the
            descriptor of the result pipe.
        timeout: Seconds before the whole process group is killed.
        cwd: Its working directory.
        env: Its whole environment.
        result_pipe: Whether to open a private pipe for its result.

    Returns:
        How it ended.
    """
    read_fd, write_fd = os.pipe() if result_pipe else (-1, -1)
    command = [str(write_fd) if arg == RESULT_FD_PLACEHOLDER else arg for arg in argv]
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 - argv is built by the grader, never by learners
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=cwd,
        env=dict(env),
        pass_fds=(write_fd,) if result_pipe else (),
        start_new_session=True,
    )
    result = bytearray()
    reader = None
    if result_pipe:
        os.close(write_fd)
        reader = threading.Thread(target=_drain, args=(read_fd, result), daemon=True)
        reader.start()
    timed_out = False
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill_group(process.pid)
        output = _reap(process)
    except BaseException:  # Ctrl-C (KeyboardInterrupt): nothing of it outlives the grader
        _kill_group(process.pid)
        _reap(process)
        raise
    _kill_group(process.pid)  # anything it left behind in its group goes too
    if reader is not None:
        reader.join(timeout=5.0)
    text = output.decode("utf-8", errors="replace")[-_OUTPUT_KEPT_CHARS:]
    return TrustedRun(
        returncode=-signal.SIGKILL if process.returncode is None else process.returncode,
        output=text,
        result=bytes(result),
        timed_out=timed_out,
        seconds=time.monotonic() - started,
    )


def _reap(process: subprocess.Popen[bytes]) -> bytes:
    """Collect a killed program's output and exit, waiting a bounded time for each.

    A process it started outside its group (a new session) may still hold the output pipe
    open: then the output read so far is kept and the pipe closed, instead of waiting for
    that process to end.
    """
    try:
        output, _ = process.communicate(timeout=_REAP_SECONDS)
    except subprocess.TimeoutExpired as expired:
        _log.warning("process %d left its output pipe open after being killed", process.pid)
        output = expired.output or b""
        if process.stdout is not None:
            process.stdout.close()
        try:
            process.wait(timeout=_REAP_SECONDS)
        except subprocess.TimeoutExpired:
            _log.warning("process %d did not die after SIGKILL", process.pid)
    return output


def _drain(fd: int, sink: bytearray) -> None:
    with os.fdopen(fd, "rb", buffering=0) as pipe:
        while chunk := pipe.read(1 << 16):
            sink.extend(chunk)


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        _log.debug("process group %d already gone", pgid)
