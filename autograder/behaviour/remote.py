"""Proxies that let a trusted test talk to code running in a child process.

``CodeProxy`` (the ``learner`` and ``legacy`` fixtures) stands for a module in the child;
``Remote`` stands for any object there that is not a plain value. Only plain values with
exact types come back as themselves; a ``Remote`` never equals a plain value and refuses
``bool()``, so an object that claims to equal everything cannot pass a test.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from autograder.behaviour.errors import (
    LearnerCrashed,
    LearnerError,
    LearnerTimeout,
    ProtocolViolation,
)
from autograder.sandbox import _worker
from autograder.sandbox.process import (
    ChildExitedError,
    ChildProcess,
    ChildProtocolError,
    ChildTimeoutError,
    Isolation,
)

__all__ = ["CodeProxy", "CodeSession", "Remote"]

_ARG_REPR_CHARS = 300
_LOCAL_PREFIXES = ("__", "_pytest", "pytest", "hypothesis_", "_hypothesis")
_LOCAL_NAMES = frozenset({"execute_example", "setup_example", "teardown_example"})


def _is_tool_probe(name: str) -> bool:
    """Attribute names that test tools probe for: answered here, never sent to the child."""
    return name.startswith(_LOCAL_PREFIXES) or name in _LOCAL_NAMES


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

    def request(
        self, op: str, what: str, *, generation: int | None = None, **fields: object
    ) -> object:
        """Send one operation and decode its result.

        Args:
            op: The worker operation (``import``, ``getattr``, ``call``...).
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
        child = self._ensure_child()
        if generation is not None and generation != self.generation:
            msg = (
                f"{what} used an object of an earlier process of {self.label}, which was "
                "restarted after a failure"
            )
            raise LearnerCrashed(msg)
        try:
            answer = child.request({"op": op, **fields}, timeout=self.call_seconds)
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
        return self._decode_answer(answer, what)

    def _decode_answer(self, answer: dict[str, object], what: str) -> object:
        generation = self.generation
        if "ok" in answer:
            try:
                return _worker.decode(answer["ok"], lambda data: self._remote(data, generation))
            except _worker.WireError as error:
                msg = f"{self.label} sent a malformed value during {what}: {error}"
                raise ProtocolViolation(msg) from None
        raised = answer.get("raised")
        if isinstance(raised, dict):
            names = raised.get("types")
            type_names = tuple(str(n) for n in names) if isinstance(names, list) else ()
            raise LearnerError(str(raised.get("type")), type_names, str(raised.get("message", "")))
        msg = f"{what} could not be sent back: {answer.get('wire_error', 'malformed answer')}"
        raise ProtocolViolation(msg)

    def _remote(self, data: dict[str, object], generation: int) -> Remote:
        ref = data.get("$ref")
        names = data.get("types")
        if type(ref) is not int or not isinstance(names, list):
            msg = f"{self.label} sent a malformed object reference"
            raise _worker.WireError(msg)
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
            if isinstance(other, Remote):
                handle = handle_of(other)
                if handle.session is self and handle.generation == self.generation:
                    return {"$ref": handle.ref_id}
            msg = (
                f"cannot pass {type(other).__name__} to {self.label}: pass plain values "
                "or handles it returned in this process"
            )
            raise TypeError(msg)

        return _worker.encode(value, reference)

    def call(
        self,
        target: Handle,
        what: str,
        args: tuple[object, ...],
        kwargs: dict[str, object],
    ) -> object:
        """Call the object a handle names.

        Args:
            target: The handle of the callable.
            what: A description for messages.
            args: Positional arguments.
            kwargs: Keyword arguments.

        Returns:
            The decoded result.
        """
        return self.request(
            "call",
            what,
            generation=target.generation,
            target=target.ref_id,
            args=self.encode(list(args)),
            kwargs=self.encode(kwargs),
        )

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


def _describe_call(name: str, args: tuple[object, ...], kwargs: dict[str, object]) -> str:
    parts = [repr(arg) for arg in args] + [f"{key}={value!r}" for key, value in kwargs.items()]
    text = ", ".join(parts)
    if len(text) > _ARG_REPR_CHARS:
        text = text[:_ARG_REPR_CHARS] + "…"
    return f"{name}({text})"


@dataclass(frozen=True, slots=True)
class Handle:
    """What a ``Remote`` refers to: an object id in one process generation of a session.

    Attributes:
        session: The session whose process holds the object.
        generation: The process generation the id belongs to.
        ref_id: The child's id for the object.
        type_name: The object's class name.
        type_names: Its MRO's class names.
        name: How messages name it (e.g. ``orders.total``).
    """

    session: CodeSession
    generation: int
    ref_id: int
    type_name: str
    type_names: tuple[str, ...]
    name: str

    def live_session(self) -> CodeSession:
        """Return the session, if the object's process is still the current one.

        Raises:
            LearnerCrashed: If the process was restarted since.
        """
        if self.session.generation != self.generation:
            msg = (
                f"this {self.type_name} object belonged to an earlier process of "
                f"{self.session.label}, which was restarted after a failure"
            )
            raise LearnerCrashed(msg)
        return self.session

    def op(self, op: str, what: str, *args: object) -> object:
        """Apply a worker operation to the object.

        Args:
            op: The operation.
            what: A description for messages.
            *args: The operation's arguments.

        Returns:
            The decoded result.
        """
        session = self.live_session()
        return session.request(
            op,
            what,
            generation=self.generation,
            target=self.ref_id,
            args=session.encode(list(args)),
        )


def handle_of(remote: Remote) -> Handle:
    """Return what a ``Remote`` refers to (kept off its namespace, which mirrors the object's).

    Args:
        remote: The handle.

    Returns:
        Its reference.
    """
    handle: Handle = object.__getattribute__(remote, "_handle")
    return handle


class Remote:
    """A handle on an object that lives in the child process.

    Its attributes are the remote object's attributes, but for these two:

    Attributes:
        type_name: The class name of the object.
        type_names: Every class name in its MRO, most specific first.
    """

    __slots__ = ("_handle", "type_name", "type_names")

    def __init__(self, handle: Handle) -> None:
        """Wrap a reference.

        Args:
            handle: What the object is and where it lives.
        """
        self._handle = handle
        self.type_name = handle.type_name
        self.type_names = handle.type_names

    def __getattr__(self, name: str) -> object:
        """Read an attribute of the remote object.

        Raises:
            AttributeError: If the remote object has no such attribute.
        """
        if _is_tool_probe(name):
            raise AttributeError(name)
        try:
            return self._handle.op("getattr", f"reading .{name} of {self._handle.name}", name)
        except LearnerError as error:
            if error.is_a("AttributeError"):
                raise AttributeError(error.message) from None
            raise

    def __call__(self, *args: object, **kwargs: object) -> object:
        """Call the remote object."""
        what = _describe_call(self._handle.name, args, kwargs)
        return self._handle.live_session().call(self._handle, what, args, kwargs)

    def __iter__(self) -> Iterator[object]:
        """Iterate over the remote object, one item per request."""
        iterator = self._handle.op("iter", f"iterating over a {self.type_name}")
        if not isinstance(iterator, Remote):
            msg = f"iter() of a {self.type_name} returned a plain value"
            raise ProtocolViolation(msg)
        while True:
            step = handle_of(iterator).op("next", f"iterating over a {self.type_name}")
            if not isinstance(step, dict) or "value" not in step:
                return
            yield step["value"]

    def __len__(self) -> int:
        """Return ``len()`` of the remote object."""
        try:
            size = self._handle.op("len", f"len() of a {self.type_name}")
        except LearnerError as error:
            if error.is_a("TypeError"):  # unsized: let list() and friends fall back
                raise TypeError(error.message) from None
            raise
        if type(size) is not int:
            raise ProtocolViolation(f"len() of a {self.type_name} was not an int")
        return size

    def __getitem__(self, key: object) -> object:
        """Index the remote object."""
        return self._handle.op("getitem", f"indexing a {self.type_name}", key)

    def __contains__(self, item: object) -> bool:
        """Test membership in the remote object; the answer must be a real ``bool``."""
        answer = self._handle.op("contains", f"'in' on a {self.type_name}", item)
        if type(answer) is not bool:
            raise ProtocolViolation(f"'in' on a {self.type_name} did not give a bool")
        return answer

    def __bool__(self) -> bool:
        """Refuse truth-testing: a handle is not a plain value."""
        msg = (
            f"got an object of class {self.type_name} where a plain value (such as a bool) "
            "was expected: return a real bool, int, str, list..."
        )
        raise TypeError(msg)

    def __eq__(self, other: object) -> bool:
        """Handles are equal only to a handle on the same remote object."""
        if not isinstance(other, Remote):
            return False
        mine, theirs = self._handle, handle_of(other)
        return (mine.session, mine.generation, mine.ref_id) == (
            theirs.session,
            theirs.generation,
            theirs.ref_id,
        )

    def __hash__(self) -> int:
        """Hash by identity of the remote object."""
        return hash((id(self._handle.session), self._handle.generation, self._handle.ref_id))

    def __repr__(self) -> str:
        """Show the name only; the object's own repr is never trusted or run here."""
        handle = self._handle
        if handle.name != handle.type_name:
            return f"<{handle.name} in {handle.session.label}>"
        return f"<{handle.type_name} object in {handle.session.label}>"


def _renamed(remote: Remote, name: str) -> Remote:
    return Remote(replace(handle_of(remote), name=name))


class CodeProxy:
    """The module a kata's tests talk to, e.g. ``learner.parse("x=1")``."""

    def __init__(self, session: CodeSession, entry: str) -> None:
        """Stand for ``entry`` as imported by ``session``.

        Args:
            session: The session whose process runs the code.
            entry: The module's import name.
        """
        self._session = session
        self._entry = entry
        self._modules: dict[tuple[str, int], Remote] = {}
        self._callables: dict[tuple[str, int], Remote] = {}

    def import_module(self, name: str) -> Remote:
        """Import another module of the code (e.g. a submodule of a package kata).

        Args:
            name: The module's import name.

        Returns:
            A handle on the module.

        Raises:
            LearnerCrashed: If importing it raised (the message says what it raised).
        """
        key = (name, self._session.generation)
        if key not in self._modules:
            try:
                module = self._session.request("import", f"importing {name}", args=[name])
            except LearnerError as error:
                msg = (
                    f"importing {name} from {self._session.label} raised {error}: code at "
                    "module level should only define functions, classes and constants, "
                    "never exit, skip or run the program"
                )
                raise LearnerCrashed(msg) from None
            if not isinstance(module, Remote):
                raise ProtocolViolation(f"importing {name} did not give a module")
            module = _renamed(module, name)
            self._modules = {k: v for k, v in self._modules.items() if k[1] == key[1]}
            self._modules[(name, self._session.generation)] = module
        return self._modules[(name, self._session.generation)]

    def __getattr__(self, name: str) -> object:
        """Read a name of the entry module (a function, class or constant)."""
        if _is_tool_probe(name):
            raise AttributeError(name)
        key = (name, self._session.generation)
        if key in self._callables:
            return self._callables[key]
        try:
            value = getattr(self.import_module(self._entry), name)
        except AttributeError:
            msg = (
                f"{self._session.label} has no {name!r} in module {self._entry}: define it "
                "with exactly that name, as the kata's README describes"
            )
            raise AttributeError(msg) from None
        if isinstance(value, Remote):
            value = _renamed(value, f"{self._entry}.{name}")
            if "function" in value.type_names or "type" in value.type_names:
                self._callables[key] = value  # functions and classes are looked up once
        return value

    def __repr__(self) -> str:
        """Name the code, e.g. ``<your code: module orders>``."""
        return f"<{self._session.label}: module {self._entry}>"

    def time_limit(self, seconds: float) -> contextlib.AbstractContextManager[None]:
        """Use a different per-call time limit inside a ``with`` block.

        Args:
            seconds: The limit for each call in the block.

        Returns:
            A context manager.
        """
        return self._session.time_limit(seconds)
