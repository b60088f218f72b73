"""Handles on objects that live in a child process: ``Remote`` and what it refers to.

A ``Remote`` stands for any object in the learner's (or the legacy's) process that is not
a plain value. Only plain values with exact types come back as themselves; a ``Remote``
never equals a plain value and refuses ``bool()``, so an object that claims to equal
everything cannot pass a test. Its attribute reads, calls, iteration, ``len()``, indexing
and ``in`` are requests to the child.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Self

from autograder.behaviour.errors import LearnerCrashed, LearnerError, ProtocolViolation

if TYPE_CHECKING:  # the session imports this module: no import cycle at run time
    from autograder.behaviour.session import CodeSession

__all__ = [
    "CallAnswer",
    "Handle",
    "Remote",
    "describe_call",
    "handle_of",
    "is_tool_probe",
    "renamed",
]

_ARG_REPR_CHARS = 300
_LOCAL_PREFIXES = ("__", "_pytest", "pytest", "hypothesis_", "_hypothesis")
_LOCAL_NAMES = frozenset({"execute_example", "setup_example", "teardown_example"})


def is_tool_probe(name: str) -> bool:
    """Tell attribute names that test tools probe for: answered here, never sent to the child.

    Args:
        name: The attribute name.

    Returns:
        Whether it is a dunder or a pytest or hypothesis hook name.
    """
    return name.startswith(_LOCAL_PREFIXES) or name in _LOCAL_NAMES


def describe_call(name: str, args: tuple[object, ...], kwargs: dict[str, object]) -> str:
    """Describe a call for messages, e.g. ``orders.total([1, 2])``, cut if long.

    Args:
        name: The callable's name.
        args: Positional arguments.
        kwargs: Keyword arguments.

    Returns:
        The description.
    """
    parts = [repr(arg) for arg in args] + [f"{key}={value!r}" for key, value in kwargs.items()]
    text = ", ".join(parts)
    if len(text) > _ARG_REPR_CHARS:
        text = text[:_ARG_REPR_CHARS] + "…"
    return f"{name}({text})"


@dataclass(frozen=True, slots=True)
class CallAnswer:
    """How one call into the child ended, as the child reported it.

    Attributes:
        value: What the call returned (a plain value or a ``Remote``); ``None`` if it raised.
        error: The exception it raised, if it did.
        args: The positional arguments as the callee left them; ``None`` if they could not
            be sent back (``arguments_problem`` says why).
        kwargs: The keyword arguments as the callee left them, or ``None`` likewise.
        arguments_problem: Why the arguments could not be sent back, or ``""``.
    """

    value: object
    error: LearnerError | None
    args: tuple[object, ...] | None
    kwargs: dict[str, object] | None
    arguments_problem: str

    def unwrap(self) -> object:
        """Return the value, or raise the call's exception (a ``LearnerError``)."""
        if self.error is not None:
            raise self.error
        return self.value


@dataclass(frozen=True, slots=True)
class Handle:
    """What a ``Remote`` refers to: an object id in one process generation of a session.

    Attributes:
        session: The session whose process holds the object.
        generation: The process generation the id belongs to.
        ref_id: The child's id for the object (the same object always has the same id).
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

        Returns:
            The session.

        Raises:
            LearnerCrashed: If the process was restarted since.
        """
        if self.session.generation != self.generation:
            msg = (
                f"this {self.type_name} object belonged to an earlier run of "
                f"{self.session.label}, which was restarted after a failure or started "
                "afresh for a new sequence of calls"
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


def renamed(remote: Remote, name: str) -> Remote:
    """Return the same handle under another name for messages.

    Args:
        remote: The handle.
        name: Its new name, e.g. ``orders.total``.

    Returns:
        A handle on the same object.
    """
    return Remote(replace(handle_of(remote), name=name))


class Remote:
    """A handle on an object that lives in the child process.

    Its attributes are the remote object's attributes (typed ``Any``, as a mock's are),
    but for these two:

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

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 - the remote object's attributes
        """Read an attribute of the remote object.

        Raises:
            AttributeError: If the remote object has no such attribute.
        """
        if is_tool_probe(name):
            raise AttributeError(name)
        try:
            return self._handle.op("getattr", f"reading .{name} of {self._handle.name}", name)
        except LearnerError as error:
            if error.is_a("AttributeError"):
                raise AttributeError(error.message) from None
            raise

    def __call__(self, *args: object, **kwargs: object) -> Any:  # noqa: ANN401 - any result
        """Call the remote object and return its result (its exception is raised here)."""
        what = describe_call(self._handle.name, args, kwargs)
        return self._handle.live_session().call(self._handle, what, args, kwargs).unwrap()

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

    def __getitem__(self, key: object) -> Any:  # noqa: ANN401 - any item
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

    def __copy__(self) -> Self:
        """A copy of a reference is the same reference (the object is not copied)."""
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Self:
        """A deep copy of a reference is the same reference: the object lives elsewhere."""
        return self

    def __repr__(self) -> str:
        """Show the name only; the object's own repr is never trusted or run here."""
        handle = self._handle
        if handle.name != handle.type_name:
            return f"<{handle.name} in {handle.session.label}>"
        return f"<{handle.type_name} object in {handle.session.label}>"
