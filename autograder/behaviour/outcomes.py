"""How one call ended: its value or exception, and its arguments before and after.

``outcome`` runs a call into the learner's or the legacy's process (a ``Remote``, such as
``learner.total``) or a plain local callable, and captures how it ended, together with the
arguments as passed and as the callee left them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from autograder.behaviour.errors import LearnerError
from autograder.behaviour.remote import Remote, describe_call, handle_of

__all__ = ["Arguments", "Outcome", "Raised", "Returned", "outcome", "remote_outcome"]


@dataclass(frozen=True, slots=True)
class Arguments:
    """The positional and keyword arguments of one call.

    Attributes:
        args: The positional arguments, in order.
        kwargs: The keyword arguments, by name.
    """

    args: tuple[object, ...] = ()
    kwargs: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Returned:
    """A call that returned normally.

    Attributes:
        value: The plain value (or ``Remote`` handle) it returned.
        arguments: The arguments as the callee left them; ``None`` if they could not be
            sent back (``arguments_problem`` says why).
        passed: The arguments as they were passed.
        arguments_problem: Why the arguments could not be sent back, or ``""``.
    """

    value: object
    arguments: Arguments | None = field(default=None, repr=False, compare=False)
    passed: Arguments = field(default_factory=Arguments, repr=False, compare=False)
    arguments_problem: str = field(default="", repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Raised:
    """A call that raised an exception.

    Attributes:
        type_name: The exception's class name.
        type_names: Every class name in its MRO, most specific first.
        message: ``str()`` of the exception.
        arguments: The arguments as the callee left them; ``None`` if they could not be
            sent back (``arguments_problem`` says why).
        passed: The arguments as they were passed.
        arguments_problem: Why the arguments could not be sent back, or ``""``.
    """

    type_name: str
    type_names: tuple[str, ...]
    message: str
    arguments: Arguments | None = field(default=None, repr=False, compare=False)
    passed: Arguments = field(default_factory=Arguments, repr=False, compare=False)
    arguments_problem: str = field(default="", repr=False, compare=False)

    def is_a(self, class_name: str) -> bool:
        """Tell whether the exception is an instance of the class so named.

        Args:
            class_name: A class name, e.g. ``"ValueError"``.

        Returns:
            Whether the class or one of its bases has that name.
        """
        return class_name in self.type_names


type Outcome = Returned | Raised


def outcome[**P](call: Callable[P, object], /, *args: P.args, **kwargs: P.kwargs) -> Outcome:
    """Run one call and capture how it ended, with its arguments after the call.

    A call into the learner's or the legacy's process (such as ``learner.total``) sends
    its arguments by value; the child sends back, with the result, the state in which the
    callee left them. A plain local callable is given deep copies of the arguments, and
    any ``Exception`` it raises becomes ``Raised``.

    Args:
        call: A function of the ``learner`` or ``legacy`` proxy, or a local callable.
        *args: Positional arguments for the call.
        **kwargs: Keyword arguments for the call.

    Returns:
        ``Returned`` with the value, or ``Raised`` describing the exception.
    """
    if isinstance(call, Remote):
        return remote_outcome(call, args, kwargs)
    passed = Arguments(tuple(args), dict(kwargs))
    copies = copy.deepcopy(passed)
    try:
        value = call(*copies.args, **copies.kwargs)  # type: ignore[arg-type] # the same arguments, copied
    except LearnerError as error:  # a local helper that calls into a child process
        return Raised(error.type_name, error.type_names, error.message, copies, passed)
    except Exception as error:  # noqa: BLE001 - every exception of the call is its outcome
        names = tuple(kind.__name__ for kind in type(error).__mro__)
        return Raised(type(error).__name__, names, str(error), copies, passed)
    return Returned(value, copies, passed)


def remote_outcome(
    call: Remote,
    args: tuple[object, ...],
    kwargs: dict[str, object],
    *,
    keep: bool = False,
    method: str | None = None,
) -> Outcome:
    """Call an object in a child process and capture how it ended.

    Args:
        call: The handle of the callable.
        args: Positional arguments.
        kwargs: Keyword arguments.
        keep: Keep the result in the child and return a ``Remote`` on it, even if it is
            a plain value (so that its later state can be read).
        method: Call this method of the object instead of the object itself.

    Returns:
        ``Returned`` or ``Raised``, with the arguments as the callee left them.
    """
    handle = handle_of(call)
    name = handle.name if method is None else f"{handle.name}.{method}"
    what = describe_call(name, args, kwargs)
    answer = handle.live_session().call(handle, what, args, kwargs, keep=keep, method=method)
    passed = Arguments(tuple(args), dict(kwargs))
    after = None
    if answer.args is not None and answer.kwargs is not None:
        after = Arguments(answer.args, answer.kwargs)
    problem = answer.arguments_problem
    if answer.error is not None:
        error = answer.error
        return Raised(error.type_name, error.type_names, error.message, after, passed, problem)
    return Returned(answer.value, after, passed, problem)
