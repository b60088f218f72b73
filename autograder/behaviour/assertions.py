"""The assertions of a differential test: the learner's call behaves as the legacy's did.

Each failure message says WHAT differs (the return value, which argument after the call,
or the exception), shows both sides, and for long values a diff marking the difference.
"""

from __future__ import annotations

from typing import Literal

from autograder.behaviour.compare import first_difference, mismatch_details, short
from autograder.behaviour.outcomes import Arguments, Outcome, Raised, Returned

__all__ = ["ArgumentPolicy", "assert_same_behaviour", "assert_same_message", "behaviour_mismatch"]

type ArgumentPolicy = Literal["same", "unchanged", "ignore"]
_POLICIES = ("same", "unchanged", "ignore")
_ORDINALS = ("1st", "2nd", "3rd")


def assert_same_behaviour(
    got: Outcome,
    expected: Outcome,
    *,
    arguments: ArgumentPolicy = "same",
    ordered: bool = False,
) -> None:
    """Assert that a refactored call behaves as the legacy call did.

    Both must return the same value, compared exactly (see ``autograder.testing``), or
    both must raise, where the learner's exception is an instance of the legacy
    exception's class (raising a more specific subclass is a behaviour-preserving
    refactor). Then the arguments after the call are compared, as ``arguments`` says.

    Args:
        got: The outcome of the learner's call.
        expected: The outcome of the legacy call.
        arguments: ``"same"``: the learner leaves the arguments as the legacy code left
            them; ``"unchanged"``: the learner leaves them as they were passed;
            ``"ignore"``: not compared.
        ordered: Whether dict key order counts (in the value and the arguments).

    Raises:
        AssertionError: With a message that shows what differs.
    """
    problem = behaviour_mismatch(got, expected, arguments=arguments, ordered=ordered)
    if problem is not None:
        raise AssertionError(problem)


def behaviour_mismatch(
    got: Outcome,
    expected: Outcome,
    *,
    arguments: ArgumentPolicy = "same",
    ordered: bool = False,
) -> str | None:
    """Say how the learner's call behaved differently, or return ``None`` if it did not.

    Args:
        got: The outcome of the learner's call.
        expected: The outcome of the legacy call.
        arguments: How to compare the arguments after the call (as in
            ``assert_same_behaviour``).
        ordered: Whether dict key order counts.

    Returns:
        The failure message, or ``None``.

    Raises:
        ValueError: For an unknown ``arguments`` policy.
    """
    if arguments not in _POLICIES:
        raise ValueError(f"arguments={arguments!r} is not one of {', '.join(_POLICIES)}")
    problem = _result_mismatch(got, expected, ordered=ordered)
    if problem is None and arguments == "same":
        problem = _arguments_mismatch(got, expected, ordered=ordered)
    if problem is None and arguments == "unchanged":
        problem = _arguments_changed(got, ordered=ordered)
    return problem


def _result_mismatch(got: Outcome, expected: Outcome, *, ordered: bool) -> str | None:
    match expected, got:
        case Returned(value=want), Returned(value=have):
            difference = first_difference(have, want, ordered=ordered)
            if difference is None:
                return None
            headline = f"returned {short(have)}, but the legacy code returned {short(want)}"
            return headline + mismatch_details(have, want, difference)
        case Raised(type_name=want_type), Raised() as have_raised:
            if have_raised.is_a(want_type):
                return None
            return (
                f"raised {_exception(have_raised)}, but the legacy code raised {want_type}: "
                f"raise {want_type} or a subclass of it"
            )
        case Raised() as want_raised, Returned(value=have):
            return f"returned {short(have)}, but the legacy code raised {_exception(want_raised)}"
        case Returned(value=want), Raised() as have_raised:
            return f"raised {_exception(have_raised)}, but the legacy code returned {short(want)}"
    raise TypeError(f"not outcomes: {got!r}, {expected!r}")  # pragma: no cover - typed away


def assert_same_message(got: Outcome, expected: Outcome) -> None:
    """Assert that both calls raised, with the very same message (``str()`` of it).

    For briefs that fix the wording of errors; ``assert_same_behaviour`` compares the
    exception classes.

    Args:
        got: The outcome of the learner's call.
        expected: The outcome of the legacy call.

    Raises:
        AssertionError: If either returned, or the messages differ.
    """
    match got, expected:
        case _, Returned(value=want):
            msg = f"the legacy code returned {short(want)}: there is no message to compare"
            raise AssertionError(msg + " (tell the course author)")
        case Returned(value=have), Raised() as want_raised:
            msg = f"returned {short(have)}, but the legacy code raised {_exception(want_raised)}"
            raise AssertionError(msg)
        case Raised() as have_raised, Raised() as want_raised:
            difference = first_difference(have_raised.message, want_raised.message)
            if difference is not None:
                headline = (
                    f"raised {have_raised.type_name} with the message "
                    f"{short(have_raised.message)}, but the legacy code's message is "
                    f"{short(want_raised.message)}: keep the message word for word"
                )
                details = mismatch_details(have_raised.message, want_raised.message, difference)
                raise AssertionError(headline + details)


def _exception(raised: Raised) -> str:
    return f"{raised.type_name}({short(raised.message)})"


def _named(arguments: Arguments) -> dict[str, object]:
    """Name each argument for messages: ``its 1st argument``, ``its argument items=``."""
    named = {f"its {_ordinal(index)} argument": value for index, value in enumerate(arguments.args)}
    named.update({f"its argument {key}=": value for key, value in arguments.kwargs.items()})
    return named


def _ordinal(index: int) -> str:
    return _ORDINALS[index] if index < len(_ORDINALS) else f"{index + 1}th"


def _arguments_mismatch(got: Outcome, expected: Outcome, *, ordered: bool) -> str | None:
    if got.arguments is None or expected.arguments is None:
        return _unreadable(got, expected)
    mine, theirs = _named(got.arguments), _named(expected.arguments)
    passed = _named(got.passed)
    for name, want in theirs.items():
        if name not in mine:
            continue  # called differently: the test compares the calls it made
        have = mine[name]
        difference = first_difference(have, want, ordered=ordered)
        if difference is not None:
            headline = (
                f"left {name} as {short(have)} after the call, but the legacy code left it "
                f"as {short(want)}: {_advice(have, want, passed.get(name), ordered=ordered)}"
            )
            return headline + mismatch_details(have, want, difference)
    return None


def _advice(have: object, want: object, passed: object, *, ordered: bool) -> str:
    """Say which way round the learner's code treats the caller's data differently."""
    if first_difference(want, passed, ordered=ordered) is None:
        return "the legacy code does not change the caller's data, so work on a copy"
    if first_difference(have, passed, ordered=ordered) is None:
        return "the legacy code changes the caller's data that way, so make the same change"
    return "change the caller's data exactly as the legacy code does"


def _arguments_changed(got: Outcome, *, ordered: bool) -> str | None:
    if got.arguments is None:
        return _unreadable(got, None)
    after, before = _named(got.arguments), _named(got.passed)
    for name, passed in before.items():
        have = after.get(name, passed)
        difference = first_difference(have, passed, ordered=ordered, other="the value passed")
        if difference is not None:
            headline = (
                f"changed {name}: it was passed as {short(passed)} and was {short(have)} "
                "after the call; leave the caller's data as it was (work on a copy)"
            )
            return headline + mismatch_details(have, passed, difference, other="as passed")
    return None


def _unreadable(got: Outcome, expected: Outcome | None) -> str:
    if got.arguments is None:
        return (
            "the arguments could not be read back after your code's call "
            f"({got.arguments_problem}): do not put objects that are not plain values, "
            "or cycles, into the caller's data"
        )
    problem = expected.arguments_problem if expected is not None else ""
    return (
        f"the legacy code's arguments could not be read back after its call ({problem}): "
        "the kata's test should compare them with arguments='ignore' (tell the course author)"
    )
