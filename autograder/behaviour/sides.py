"""The two code bases a differential machine drives, each behind the same small interface.

A side is code in a child process (a ``CodeProxy``: objects live there and are read back
by value) or a module in this process (objects are local). ``both`` runs one piece of
work on each side; when both are child processes, at once, so that a step of a machine
waits for one round trip, not two.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from types import ModuleType
from typing import Protocol, cast

from autograder.behaviour.compare import short
from autograder.behaviour.errors import ProtocolViolation
from autograder.behaviour.outcomes import Arguments, Outcome, Raised, Returned, remote_outcome
from autograder.behaviour.proxy import CodeProxy, session_of
from autograder.behaviour.remote import Remote
from autograder.behaviour.session import CodeSession

__all__ = ["Side", "at_once", "both", "side_of"]


class Side(Protocol):
    """One code base as a differential machine drives it."""

    @property
    def remote(self) -> bool:
        """Whether the code runs in a child process."""
        ...

    def reset(self) -> None:
        """Start afresh: module-level state and held objects are forgotten."""
        ...

    def function(self, name: str) -> object:
        """Return a name of the entry module."""
        ...

    def hold(self, value: object) -> object:
        """Create an object from a plain value on this side and return it (or its handle)."""
        ...

    def snapshot(self, held: list[object]) -> list[object]:
        """Read the current state of held objects, by value."""
        ...

    def call(
        self, target: object, method: str | None, arguments: Arguments, *, keep: bool
    ) -> Outcome:
        """Call ``target`` (or its ``method``) and capture how the call ended."""
        ...


@dataclass(frozen=True, slots=True)
class _RemoteSide:
    """Code in a child process: objects are held there and read back by value."""

    code: CodeProxy
    session: CodeSession
    remote: bool = True

    def reset(self) -> None:
        self.session.reset()

    def function(self, name: str) -> object:
        return getattr(self.code, name)

    def hold(self, value: object) -> object:
        return self.session.request(
            "hold", f"holding {short(value)}", args=self.session.encode([value])
        )

    def snapshot(self, held: list[object]) -> list[object]:
        if not held:
            return []
        states = self.session.request(
            "snapshot", "reading the state of held objects", args=self.session.encode(held)
        )
        if not isinstance(states, list) or len(states) != len(held):
            raise ProtocolViolation(f"{self.session.label} sent a malformed snapshot")
        return states

    def call(
        self, target: object, method: str | None, arguments: Arguments, *, keep: bool
    ) -> Outcome:
        if not isinstance(target, Remote):
            raise TypeError(f"{target!r} is not an object of {self.code!r}")
        args, kwargs = arguments.args, arguments.kwargs
        return remote_outcome(target, args, kwargs, keep=keep, method=method)


@dataclass(frozen=True, slots=True)
class _LocalSide:
    """A module imported in this process: objects are plain local objects."""

    code: object
    remote: bool = False

    def reset(self) -> None:
        hook = getattr(type(self.code), "__kaizen_reset__", None)  # e.g. the workspace's proxy
        if hook is not None:
            hook(self.code)
        elif isinstance(self.code, ModuleType):
            spec = self.code.__spec__
            if spec is not None and spec.loader is not None:
                spec.loader.exec_module(self.code)  # its module-level code runs afresh

    def function(self, name: str) -> object:
        return getattr(self.code, name)

    def hold(self, value: object) -> object:
        return copy.deepcopy(value)

    def snapshot(self, held: list[object]) -> list[object]:
        return held

    def call(
        self, target: object, method: str | None, arguments: Arguments, *, keep: bool
    ) -> Outcome:
        del keep  # a local result is the object itself anyway
        passed = copy.deepcopy(arguments)
        try:
            function = target if method is None else getattr(target, method)
            value = cast("Callable[..., object]", function)(*arguments.args, **arguments.kwargs)
        except Exception as error:  # noqa: BLE001 - every exception of the call is its outcome
            names = tuple(kind.__name__ for kind in type(error).__mro__)
            return Raised(type(error).__name__, names, str(error), arguments, passed)
        return Returned(value, arguments, passed)


def side_of(code: object) -> Side:
    """Wrap the ``learner`` or ``legacy`` fixture (or a local module) as a side.

    Args:
        code: A ``CodeProxy``, or a module (or module-like object) in this process.

    Returns:
        The side.
    """
    if isinstance(code, CodeProxy):
        return _RemoteSide(code, session_of(code))
    return _LocalSide(code)


@functools.cache
def _legacy_thread() -> ThreadPoolExecutor:
    """The one thread that drives the legacy's process (the main thread drives the learner's).

    It lives as long as this process: a child process is killed when the thread that
    started it ends (its death signal follows that thread), so a child must never be
    started from a thread that ends before the child should.
    """
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="kaizen-legacy")


def at_once[T](learner_work: Callable[[], T], legacy_work: Callable[[], T]) -> tuple[T, T]:
    """Do the learner's work here and the legacy's in the legacy thread, at the same time.

    Each code session must only ever be used by one thread at a time: the legacy's work
    always runs in the legacy thread, and this waits for it to end, even on an error.

    Args:
        learner_work: What to do with the learner's code.
        legacy_work: What to do with the legacy's code.

    Returns:
        The learner's result and the legacy's result.
    """
    future = _legacy_thread().submit(legacy_work)
    try:
        mine = learner_work()
    except BaseException:
        wait([future])  # the legacy's request must end before anything else is sent
        raise
    return mine, future.result()


def both[T](sides: tuple[Side, Side], work: Callable[[Side], T]) -> tuple[T, T]:
    """Do the same work on the learner's side and on the legacy's side.

    Two child processes are driven at once (see ``at_once``). Local code runs one side
    after the other, since both share this process.

    Args:
        sides: The learner's side and the legacy's side.
        work: What to do on each.

    Returns:
        The learner's result and the legacy's result.
    """
    learner, legacy = sides
    if not (learner.remote and legacy.remote):
        return work(learner), work(legacy)
    return at_once(lambda: work(learner), lambda: work(legacy))
