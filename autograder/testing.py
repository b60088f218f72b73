"""The API that kata behaviour suites are written against.

Behaviour suites never import the learner's module: they receive the ``learner`` and
``legacy`` fixtures (proxies of code running in separate processes) and use the helpers
here to compare what the two do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from autograder.behaviour.errors import LearnerCrashed, LearnerError, LearnerTimeout
from autograder.behaviour.remote import Remote

__all__ = [
    "LearnerCrashed",
    "LearnerError",
    "LearnerTimeout",
    "Outcome",
    "Raised",
    "Remote",
    "Returned",
    "assert_same_behaviour",
    "outcome",
]


@dataclass(frozen=True, slots=True)
class Returned:
    """A call that returned normally.

    Attributes:
        value: The plain value (or ``Remote`` handle) it returned.
    """

    value: object


@dataclass(frozen=True, slots=True)
class Raised:
    """A call that raised an exception.

    Attributes:
        type_name: The exception's class name.
        type_names: Every class name in its MRO, most specific first.
        message: ``str()`` of the exception.
    """

    type_name: str
    type_names: tuple[str, ...]
    message: str

    def is_a(self, class_name: str) -> bool:
        """Tell whether the exception is an instance of the class so named."""
        return class_name in self.type_names


type Outcome = Returned | Raised


def outcome[**P](call: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> Outcome:
    """Run one call into learner (or legacy) code and capture how it ended.

    Args:
        call: A function of the ``learner`` or ``legacy`` proxy.
        *args: Positional arguments for the call.
        **kwargs: Keyword arguments for the call.

    Returns:
        ``Returned`` with the value, or ``Raised`` describing the exception.
    """
    try:
        return Returned(call(*args, **kwargs))
    except LearnerError as error:
        return Raised(error.type_name, error.type_names, error.message)


def assert_same_behaviour(got: Outcome, expected: Outcome) -> None:
    """Assert that a refactored call behaves as the legacy call did.

    Both must return equal values (exact types: ``1 == 1.0`` does not count), or both must
    raise, where the learner's exception is an instance of the legacy exception's class
    (raising a more specific subclass is a behaviour-preserving refactor).

    Args:
        got: The outcome of the learner's call.
        expected: The outcome of the legacy call.

    Raises:
        AssertionError: With a message that shows both outcomes.
    """
    match expected, got:
        case Returned(value=want), Returned(value=have):
            if not _same_value(have, want):
                raise AssertionError(f"returned {have!r}, but the legacy code returned {want!r}")
        case Raised(type_name=want_type), Raised() as have_raised:
            if not have_raised.is_a(want_type):
                raise AssertionError(
                    f"raised {have_raised.type_name}({have_raised.message!r}), but the legacy "
                    f"code raised {want_type}: raise {want_type} or a subclass of it"
                )
        case Raised() as want_raised, Returned(value=have):
            raise AssertionError(
                f"returned {have!r}, but the legacy code raised "
                f"{want_raised.type_name}({want_raised.message!r})"
            )
        case Returned(value=want), Raised() as have_raised:
            raise AssertionError(
                f"raised {have_raised.type_name}({have_raised.message!r}), but the legacy "
                f"code returned {want!r}"
            )


def _same_value(have: object, want: object) -> bool:
    """Compare two plain values, including their exact types, recursively."""
    if type(have) is not type(want):
        return False
    match have, want:
        case (list() | tuple()) as have_items, (list() | tuple()) as want_items:
            return len(have_items) == len(want_items) and all(
                map(_same_value, have_items, want_items)
            )
        case dict() as have_map, dict() as want_map:
            return have_map.keys() == want_map.keys() and all(
                _same_value(have_map[key], want_map[key]) for key in want_map
            )
        case _:
            return have == want
