"""One code base's child process, seen from the trusted test process: requests and answers.

A ``CodeSession`` starts the child on first use, sends it operations, turns transport
failures into the learner-facing exceptions of ``errors`` (timeouts, crashes, malformed
answers) and decodes answers into plain values and ``Remote`` handles. A call's answer
(a ``CallAnswer``) also carries its arguments as the callee left them.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from pathlib import Path

from autograder.behaviour.errors import (
    LearnerCrashed,
    LearnerError,
    LearnerTimeout,
    ProtocolViolation,
)
from autograder.behaviour.remote import CallAnswer, Handle, Remote, handle_of
from autograder.sandbox import _wire
from autograder.sandbox.process import (
    ChildExitedError,
    ChildProcess,
    ChildProtocolError,
    ChildTimeoutError,
    Isolation,
)

__all__ = ["CodeSession"]

_OUTPUT_TAIL_CHARS = 1500


class CodeSession:
    """Owns the child process for one code base and restarts it after a crash.

    Each restart starts a new *generation*: handles from an older one are refused, since
    the objects they named died with their process.
    """

    def __init__(
        self,
        *,
        label: str,
        code_path: tuple[Path, ...],
        work_root: Path,
        isolation: Isolation,
        call_seconds: float,
    ) -> None:
        """Prepare a session; the process starts on first use.

        Args:
            label: How messages name this code, e.g. ``"your code"``.
            code_path: Folders holding the code's modules (and the kata's helpers).
            work_root: Folder under which each process gets a fresh working directory.
            isolation: How the process is isolated and limited.
            call_seconds: Default time limit of one call.
        """
        self.label = label
        self._code_path = code_path
        self._work_root = work_root
        self._isolation = isolation
        self.call_seconds = call_seconds
        self._child: ChildProcess | None = None
        self.generation = 0
        self._work_dirs = itertools.count(1)

    def _ensure_child(self) -> ChildProcess:
        if self._child is not None and self._child.running:
            return self._child
        self.close()
        work_dir = self._work_root / f"run-{next(self._work_dirs)}"
        work_dir.mkdir(parents=True)
        child = ChildProcess(self._code_path, work_dir, self._isolation)
        try:
            child.start()
        except (ChildExitedError, ChildTimeoutError, ChildProtocolError) as failure:
            child.stop()
            msg = (
                f"the process for {self.label} could not be started ({failure}): this is a "
                "problem of the grader or this machine, not of your code; try again, and "
                "report it with the output of 'kaizen grade ... --json' if it persists"
            )
            raise LearnerCrashed(msg) from None
        self._child = child
        return child

    def close(self) -> None:
        """Kill the current process, if any; its objects' handles become stale."""
        if self._child is not None:
            self._child.stop()
            self._child = None
            self.generation += 1

    def reset(self) -> None:
        """Give the code a fresh start, without a new process.

        The child forgets every object and unloads the code's modules, so that the next
        use imports them afresh (module-level state starts over); handles from before
        become stale, as after a restart.
        """
        if self._child is not None and self._child.running:
            self.request("reset", f"starting {self.label} afresh")
            self.generation += 1

    def _exchange(
        self, op: str, what: str, generation: int | None, fields: dict[str, object]
    ) -> dict[str, object]:
        """Send one operation and return the raw answer, or raise what went wrong."""
        child = self._ensure_child()
        if generation is not None and generation != self.generation:
            msg = (
                f"{what} used an object of an earlier run of {self.label}, which was "
                "restarted after a failure or started afresh for a new sequence of calls"
            )
            raise LearnerCrashed(msg)
        try:
            return child.request({"op": op, **fields}, timeout=self.call_seconds)
        except ChildTimeoutError as failure:
            self.close()
            msg = (
                f"{what} did not finish within {self.call_seconds:g} s and was stopped: "
                "look for an endless loop or far too slow work" + _tail(failure.output)
            )
            raise LearnerTimeout(msg) from None
        except ChildExitedError as failure:
            description = child.exit_description()
            self.close()
            msg = (
                f"{self.label} ended the process ({description}) during {what}: grading "
                "code must return or raise, never exit" + _tail(failure.output)
            )
            raise LearnerCrashed(msg) from None
        except ChildProtocolError as failure:
            self.close()
            msg = f"{self.label} sent a malformed answer during {what}: {failure}"
            raise ProtocolViolation(msg) from None

    def request(
        self, op: str, what: str, *, generation: int | None = None, **fields: object
    ) -> object:
        """Send one operation and decode its result.

        Args:
            op: The worker operation (``import``, ``getattr``, ``hold``...).
            what: A description of the operation for messages, e.g. ``"parse('x')"``.
            generation: The process generation a targeted object belongs to, if any.
            **fields: The request's other fields, already encoded.

        Returns:
            The decoded result: a plain value or a ``Remote``.

        Raises:
            LearnerError: The code raised an exception.
            LearnerCrashed: The process ended during the call.
            LearnerTimeout: The call overran its time limit.
            ProtocolViolation: The answer was malformed.
        """
        answer = self._exchange(op, what, generation, fields)
        error = self._raised(answer)
        if error is not None:
            raise error
        return self._value(answer, what)

    def call(  # noqa: PLR0913 - the callee, its arguments, and the wire's two call options
        self,
        target: Handle,
        what: str,
        args: tuple[object, ...],
        kwargs: dict[str, object],
        *,
        keep: bool = False,
        method: str | None = None,
    ) -> CallAnswer:
        """Call the object a handle names.

        Args:
            target: The handle of the callable.
            what: A description for messages.
            args: Positional arguments.
            kwargs: Keyword arguments.
            keep: Keep the result in the child and return a ``Remote`` on it, even if it
                is a plain value.
            method: Call this method of the object instead of the object itself.

        Returns:
            The result or exception, and the arguments as the callee left them.
        """
        fields: dict[str, object] = {
            "target": target.ref_id,
            "args": self.encode(list(args)),
            "kwargs": self.encode(kwargs),
        }
        if keep:
            fields["keep"] = True
        if method is not None:
            fields["method"] = method
        answer = self._exchange("call", what, target.generation, fields)
        error = self._raised(answer)
        value = self._value(answer, what) if error is None else None
        after = answer.get("arguments")
        if not isinstance(after, dict):
            problem = str(answer.get("arguments_error", "they were not sent back"))
            return CallAnswer(value, error, None, None, problem)
        match self._decode(after.get("args"), what), self._decode(after.get("kwargs"), what):
            case list() as args_after, dict() as kwargs_after:
                return CallAnswer(value, error, tuple(args_after), kwargs_after, "")
            case _:
                raise ProtocolViolation(f"{self.label} sent malformed arguments during {what}")

    def _raised(self, answer: dict[str, object]) -> LearnerError | None:
        raised = answer.get("raised")
        if not isinstance(raised, dict):
            return None
        names = raised.get("types")
        type_names = tuple(str(n) for n in names) if isinstance(names, list) else ()
        return LearnerError(str(raised.get("type")), type_names, str(raised.get("message", "")))

    def _value(self, answer: dict[str, object], what: str) -> object:
        if "ok" not in answer:
            problem = answer.get("wire_error", "malformed answer")
            raise ProtocolViolation(f"{what} could not be sent back: {problem}")
        return self._decode(answer["ok"], what)

    def _decode(self, data: object, what: str) -> object:
        generation = self.generation
        try:
            return _wire.decode(data, lambda ref: self._remote(ref, generation))
        except _wire.WireError as error:
            msg = f"{self.label} sent a malformed value during {what}: {error}"
            raise ProtocolViolation(msg) from None

    def _remote(self, data: dict[str, object], generation: int) -> Remote:
        ref = data.get("$ref")
        names = data.get("types")
        if type(ref) is not int or not isinstance(names, list):
            msg = f"{self.label} sent a malformed object reference"
            raise _wire.WireError(msg)
        type_name = str(data.get("type"))
        type_names = tuple(str(name) for name in names)
        return Remote(Handle(self, generation, ref, type_name, type_names, type_name))

    def encode(self, value: object) -> object:
        """Encode an argument, turning this session's handles back into references.

        Args:
            value: A plain value or a ``Remote`` of this session.

        Returns:
            Wire data.

        Raises:
            TypeError: For a value that is neither plain nor a live handle of this session.
        """

        def reference(other: object) -> object:
            handle = handle_of(other) if isinstance(other, Remote) else None
            if handle is not None and (handle.session, handle.generation) == (
                self,
                self.generation,
            ):
                return {"$ref": handle.ref_id}
            msg = f"cannot pass {type(other).__name__} to {self.label}: pass plain values "
            raise TypeError(msg + "or handles it returned in this process")

        return _wire.encode(value, reference)

    @contextlib.contextmanager
    def time_limit(self, seconds: float) -> Iterator[None]:
        """Use a different per-call time limit inside a ``with`` block.

        Args:
            seconds: The limit for each call made in the block.

        Yields:
            Nothing.
        """
        previous, self.call_seconds = self.call_seconds, seconds
        try:
            yield
        finally:
            self.call_seconds = previous


def _tail(output: str) -> str:
    text = output.strip()
    if not text:
        return ""
    return "\nWhat it printed last:\n" + text[-_OUTPUT_TAIL_CHARS:]
