"""Start, talk to and reliably stop the child process that runs learner code.

The child runs ``_worker.py`` (with the wire codec ``_wire.py`` beside it) in an isolated
interpreter (``-I``), a scrubbed environment, its own session (process group), resource
limits it applies to itself before importing any learner code, and a death signal tied to
this process. Every wait has a deadline; a child that overruns one is killed with its whole
process group.
"""

from __future__ import annotations

import logging
import os
import select
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

from autograder.sandbox import _wire
from autograder.sandbox.cgroup import PidsCgroup
from autograder.sandbox.launcher import Mechanism, build_launch, worker_environment
from autograder.sandbox.limits import ResourceLimits
from autograder.sandbox.output import OutputTail

__all__ = [
    "ChildError",
    "ChildExitedError",
    "ChildProcess",
    "ChildProtocolError",
    "ChildTimeoutError",
    "Isolation",
]

_log = logging.getLogger(__name__)
_WORKER = Path(_wire.__file__).resolve().with_name("_worker.py")
_START_SECONDS = 10.0
_BASE_TASKS = 8  # the shell, bwrap's two processes, the interpreter and its helper threads


class ChildError(Exception):
    """The child stopped answering as it should: the base of the three ways it can fail.

    Attributes:
        output: The tail of what the child printed (stdout and stderr), decoded.
    """

    def __init__(self, message: str, output: str) -> None:
        """Describe the failure.

        Args:
            message: What happened.
            output: The tail of the child's output.
        """
        super().__init__(message)
        self.output = output


class ChildExitedError(ChildError):
    """The child ended while a request was in flight."""


class ChildTimeoutError(ChildError):
    """The child did not answer before the deadline and was killed."""


class ChildProtocolError(ChildError):
    """The child sent something that is not a well-formed frame."""


@dataclass(frozen=True, slots=True)
class Isolation:
    """How a child is isolated.

    Attributes:
        limits: The resource limits it applies to itself.
        mechanism: The sandbox it runs in.
    """

    limits: ResourceLimits
    mechanism: Mechanism


class ChildProcess:
    """One learner process, driven by request/answer frames.

    Use it as a context manager so that the process is always killed::

        with ChildProcess((code_dir,), work_dir, Isolation(limits, Mechanism.BWRAP)) as child:
            answer = child.request({"op": "import", "args": ["orders"]}, timeout=2.0)
    """

    def __init__(
        self,
        code_path: tuple[Path, ...],
        work_dir: Path,
        isolation: Isolation,
    ) -> None:
        """Prepare (but do not start) a child.

        Args:
            code_path: The folders holding the code to import (put first on ``sys.path``).
            work_dir: An empty writable folder: the working directory of the process.
            isolation: How the child is isolated and limited.
        """
        self._code_path = code_path
        self._work_dir = work_dir
        self._limits = isolation.limits
        self._mechanism = isolation.mechanism
        self._process: subprocess.Popen[bytes] | None = None
        self._cgroup: PidsCgroup | None = None
        self._output: OutputTail | None = None
        self._to_child = -1
        self._from_child = -1
        self._buffer = bytearray()
        self._next_id = 0

    def __enter__(self) -> Self:
        """Start the child and wait until it is ready."""
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Kill the child and its process group."""
        self.stop()

    def start(self) -> None:
        """Spawn the worker and hand it its path and limits.

        Raises:
            ChildError: If the worker does not come up within its start-up deadline.
        """
        request_read, request_write = os.pipe()
        answer_read, answer_write = os.pipe()
        output_read, output_write = os.pipe()
        launch = build_launch(
            self._mechanism,
            worker=_WORKER,
            code_path=self._code_path,
            work_dir=self._work_dir,
            fds=(request_read, answer_write),
        )
        self._cgroup = PidsCgroup.create(self._limits.processes + _BASE_TASKS)
        argv = launch.argv
        if self._cgroup is not None:  # join the cgroup first, so that every descendant is in it
            join = 'echo $$ > "$1" && shift && exec "$@"'
            argv = ("/bin/sh", "-c", join, "kaizen-join", str(self._cgroup.procs_file), *argv)
        self._process = subprocess.Popen(  # noqa: S603 - argv built by the launcher, no shell input
            argv,
            stdin=subprocess.DEVNULL,
            stdout=output_write,
            stderr=output_write,
            pass_fds=(request_read, answer_write),
            cwd=self._work_dir,
            env=worker_environment(self._work_dir),
            start_new_session=True,
        )
        for fd in (request_read, answer_write, output_write):
            os.close(fd)
        self._to_child, self._from_child = request_write, answer_read
        self._output = OutputTail(output_read)
        hello = {"path": list(launch.code_path), "limits": self._limits.as_rlimits()}
        self._send(hello)
        ready = self._receive(time.monotonic() + _START_SECONDS)
        if ready != {"ready": True}:
            raise ChildProtocolError("the worker did not start as expected", self.output())

    def request(self, message: dict[str, object], timeout: float) -> dict[str, object]:
        """Send one request and wait for its answer.

        Args:
            message: The request (an ``id`` is added).
            timeout: Seconds to wait for the answer before killing the child.

        Returns:
            The answer frame.

        Raises:
            ChildExitedError: The child ended before answering.
            ChildTimeoutError: No answer within ``timeout``; the child has been killed.
            ChildProtocolError: The answer was malformed or did not match the request.
        """
        self._next_id += 1
        request_id = self._next_id
        self._send({**message, "id": request_id})
        answer = self._receive(time.monotonic() + timeout)
        if not isinstance(answer, dict) or answer.get("id") != request_id:
            self.stop()
            raise ChildProtocolError("the answer did not match the request", self.output())
        return answer

    @property
    def running(self) -> bool:
        """Whether the child is started and has not ended."""
        return self._process is not None and self._process.poll() is None

    def output(self) -> str:
        """Return the tail of what the child printed so far."""
        return self._output.text() if self._output is not None else ""

    def exit_description(self) -> str:
        """Describe how the child ended, e.g. ``"exit code 0"`` or ``"signal SIGKILL"``."""
        if self._process is None:
            return "not started"
        code = self._process.poll()
        if code is None:
            return "still running"
        if code < 0:
            return f"killed by signal {signal.Signals(-code).name}"
        return f"exit code {code}"

    def stop(self) -> None:
        """Kill the child's whole process group and reap it; safe to call twice."""
        process = self._process
        if process is None:
            return
        for fd in (self._to_child, self._from_child):
            if fd >= 0:
                os.close(fd)
        self._to_child = self._from_child = -1
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            _log.debug("process group %d already gone", process.pid)
        try:
            process.wait(timeout=5.0)
        except subprocess.TimeoutExpired:
            _log.warning("learner process %d did not die after SIGKILL", process.pid)
        if self._cgroup is not None:
            self._cgroup.destroy()  # whatever it started, however it detached
            self._cgroup = None

    def _send(self, message: object) -> None:
        try:
            _wire.write_frame(self._to_child, message)
        except (BrokenPipeError, OSError) as error:
            self._wait_briefly()
            raise ChildExitedError(
                f"the process had ended ({self.exit_description()})", self.output()
            ) from error

    def _receive(self, deadline: float) -> object:
        while (frame := self._complete_frame()) is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._from_child], [], [], remaining)[0]:
                self.stop()
                raise ChildTimeoutError("no answer before the time limit", self.output())
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                self._wait_briefly()
                raise ChildExitedError(
                    f"the process ended ({self.exit_description()})", self.output()
                )
            self._buffer += chunk
        return frame

    def _complete_frame(self) -> object | None:
        header = 4
        if len(self._buffer) < header:
            return None
        size = int.from_bytes(self._buffer[:header], "big")
        if size > _wire.MAX_FRAME_BYTES:
            self.stop()
            raise ChildProtocolError(f"an answer of {size} bytes is too large", self.output())
        if len(self._buffer) < header + size:
            return None
        body = bytes(self._buffer[header : header + size])
        del self._buffer[: header + size]
        try:
            return _wire.parse_body(body)
        except _wire.WireError as error:
            self.stop()
            raise ChildProtocolError(str(error), self.output()) from error

    def _wait_briefly(self) -> None:
        if self._process is not None:
            try:
                self._process.wait(timeout=1.0)
            except subprocess.TimeoutExpired:
                self.stop()
