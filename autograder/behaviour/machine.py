"""Stateful differential testing: learner and legacy driven through the same calls.

A ``DifferentialMachine`` is a hypothesis ``RuleBasedStateMachine`` whose rules call both
code bases the same way, on the same objects (``Twin``), in the same long-lived processes,
and fail as soon as one call, or the state of one held object, differs. ``run_machine``
runs one as a test. Either side may be a ``CodeProxy`` (code in a child process) or a
plain local module.

Module-level state carries over from call to call within one run, as in real use. Each
run (hypothesis example) starts afresh: both sides unload their modules and forget their
objects first. Otherwise the first difference would leave the two sides apart for every
later run, and hypothesis could not replay a failure to find its shortest form.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, replace
from typing import ClassVar

from hypothesis import settings
from hypothesis.stateful import RuleBasedStateMachine, run_state_machine_as_test

from autograder.behaviour.assertions import ArgumentPolicy, behaviour_mismatch
from autograder.behaviour.compare import (
    class_name,
    first_difference,
    is_object,
    mismatch_details,
    short,
)
from autograder.behaviour.outcomes import Arguments, Outcome, Returned
from autograder.behaviour.remote import describe_call
from autograder.behaviour.sides import Side, both, side_of

__all__ = ["DifferentialMachine", "Twin", "run_machine"]

_DEFAULT_STEPS = 20


@dataclass(frozen=True, eq=False, slots=True)
class Twin:
    """One object that exists on both sides: the learner's and the legacy's copy of it.

    Pass a twin wherever a call takes the object: the learner's call gets ``learner``,
    the legacy's call gets ``legacy``.

    Attributes:
        learner: The object on the learner's side (a ``Remote`` for a child process).
        legacy: The same object on the legacy's side.
        label: How messages and hypothesis's printed steps name it.
    """

    learner: object
    legacy: object
    label: str

    def __repr__(self) -> str:
        """Name the twin, e.g. ``<held list #1>``."""
        return self.label


class DifferentialMachine(RuleBasedStateMachine):
    """Drives the learner's and the legacy's code through the same sequence of calls.

    Subclass it, write hypothesis rules that use ``hold``, ``call`` and ``call_method``,
    and run it with ``run_machine``. Class attributes ``arguments`` and ``ordered`` set the
    defaults of every comparison (as in ``assert_same_behaviour``).
    """

    learner: ClassVar[object]
    legacy: ClassVar[object]
    arguments: ClassVar[ArgumentPolicy] = "same"
    ordered: ClassVar[bool] = False

    def __init__(self) -> None:
        """Start one run: both sides afresh, and no held object yet."""
        super().__init__()
        cls = type(self)
        if not hasattr(cls, "learner") or not hasattr(cls, "legacy"):
            msg = f"run {cls.__name__} with run_machine({cls.__name__}, learner, legacy)"
            raise TypeError(msg)
        self._sides = (side_of(cls.learner), side_of(cls.legacy))
        both(self._sides, lambda side: side.reset())  # so that hypothesis can replay a run
        self._held: list[Twin] = []
        self._labels = itertools.count(1)

    def hold(self, value: object, *, label: str = "") -> Twin:
        """Create an object from a plain value, once on each side, and keep comparing it.

        Args:
            value: A plain value (a list, dict, set...), copied to each side once.
            label: How messages name it; ``<held TYPE #N>`` if not given.

        Returns:
            The twin to pass to later calls: each call gets that very object.
        """
        label = label or f"<held {type(value).__name__} #{next(self._labels)}>"
        mine, theirs = both(self._sides, lambda side: side.hold(value))
        twin = Twin(mine, theirs, label)
        self._held.append(twin)
        return twin

    def call(
        self,
        name: str,
        /,
        *args: object,
        arguments: ArgumentPolicy | None = None,
        ordered: bool | None = None,
        keep: bool = False,
        **kwargs: object,
    ) -> Outcome:
        """Call a function of the entry module on both sides and assert the same behaviour.

        Args:
            name: The function's (or class's) name in the entry module.
            *args: Positional arguments; twins stand for their side's object.
            arguments: Overrides the machine's ``arguments`` policy for this call.
            ordered: Overrides the machine's ``ordered`` for this call.
            keep: Hold the result too (as a twin), even if it is a plain value, so that
                its later state is compared after every step.
            **kwargs: Keyword arguments; twins stand for their side's object.

        Returns:
            The learner's outcome; objects returned on both sides are paired into twins.
        """
        targets = both(self._sides, lambda side: side.function(name))
        call = _Call(name, targets, None, Arguments(args, kwargs))
        return self._both(call, policy=arguments, ordered=ordered, keep=keep)

    def call_method(
        self,
        twin: Twin,
        method: str,
        /,
        *args: object,
        arguments: ArgumentPolicy | None = None,
        ordered: bool | None = None,
        keep: bool = False,
        **kwargs: object,
    ) -> Outcome:
        """Call a method of a twin on both sides and assert the same behaviour.

        Args:
            twin: The object, e.g. one a call returned or one made with ``hold``.
            method: The method's name.
            *args: Positional arguments; twins stand for their side's object.
            arguments: Overrides the machine's ``arguments`` policy for this call.
            ordered: Overrides the machine's ``ordered`` for this call.
            keep: Hold the result too, as in ``call``.
            **kwargs: Keyword arguments; twins stand for their side's object.

        Returns:
            The learner's outcome, as in ``call``.
        """
        targets = (twin.learner, twin.legacy)
        call = _Call(f"{twin.label}.{method}", targets, method, Arguments(args, kwargs))
        return self._both(call, policy=arguments, ordered=ordered, keep=keep)

    def _both(
        self, call: _Call, *, policy: ArgumentPolicy | None, ordered: bool | None, keep: bool
    ) -> Outcome:
        ordered = self.ordered if ordered is None else ordered
        what = describe_call(call.name, call.given.args, call.given.kwargs)
        per_side = {id(self._sides[0]): 0, id(self._sides[1]): 1}

        def run(side: Side) -> Outcome:
            index = per_side[id(side)]
            arguments = _for(call.given, index)
            return side.call(call.targets[index], call.method, arguments, keep=keep)

        got, want = both(self._sides, run)
        problem = behaviour_mismatch(got, want, arguments=policy or self.arguments, ordered=ordered)
        if problem is not None:
            raise AssertionError(f"{what} {problem}")
        if isinstance(got, Returned) and isinstance(want, Returned):
            if keep:
                twin = Twin(got.value, want.value, f"<result #{next(self._labels)} of {call.name}>")
                self._held.append(twin)
                got = replace(got, value=twin)
            else:
                got = replace(got, value=self._pair(got.value, want.value, call.name))
        self._compare_held(what, ordered=ordered)
        return got

    def _pair(self, mine: object, theirs: object, name: str) -> object:
        """Pair the objects both sides returned, at the same places, into twins."""
        if is_object(mine) and is_object(theirs):
            label = f"<{class_name(mine)} #{next(self._labels)} from {name}>"
            return Twin(mine, theirs, label)
        if type(mine) is list and type(theirs) is list:
            return [self._pair(a, b, name) for a, b in zip(mine, theirs, strict=True)]
        if type(mine) is tuple and type(theirs) is tuple:
            return tuple(self._pair(a, b, name) for a, b in zip(mine, theirs, strict=True))
        if type(mine) is dict and type(theirs) is dict:
            return {key: self._pair(value, theirs[key], name) for key, value in mine.items()}
        return mine

    def _compare_held(self, what: str, *, ordered: bool) -> None:
        learner, legacy = self._sides
        mine = learner.snapshot([twin.learner for twin in self._held])
        theirs = legacy.snapshot([twin.legacy for twin in self._held])
        for twin, have, want in zip(self._held, mine, theirs, strict=True):
            difference = first_difference(have, want, ordered=ordered)
            if difference is not None:
                headline = (
                    f"after {what}, {twin.label} is {short(have)} in your code, but "
                    f"{short(want)} in the legacy code: a call changed an object it was "
                    "given (or that it returned earlier) differently"
                )
                raise AssertionError(headline + mismatch_details(have, want, difference))


@dataclass(frozen=True, slots=True)
class _Call:
    """One call, as a rule asked for it: what is called on each side, with what."""

    name: str
    targets: tuple[object, object]
    method: str | None
    given: Arguments


def _for(given: Arguments, index: int) -> Arguments:
    """Copy the arguments for one side (0: learner), each twin replaced by that side's."""
    twins = _twins_in((given.args, given.kwargs))
    memo: dict[int, object] = {id(twin): (twin.learner, twin.legacy)[index] for twin in twins}
    return copy.deepcopy(given, memo)


def _twins_in(value: object) -> list[Twin]:
    """Find the twins in an argument structure (lists, tuples, dicts, sets)."""
    if isinstance(value, Twin):
        return [value]
    if isinstance(value, list | tuple | set | frozenset):
        return [twin for item in value for twin in _twins_in(item)]
    if isinstance(value, dict):
        return [twin for item in value.values() for twin in _twins_in(item)]
    return []


def run_machine(
    machine: type[DifferentialMachine],
    learner: object,
    legacy: object,
    *,
    steps: int = _DEFAULT_STEPS,
    examples: int | None = None,
) -> None:
    """Run a differential state machine as a test, derandomized.

    Args:
        machine: The machine class.
        learner: The ``learner`` fixture (or a local module).
        legacy: The ``legacy`` fixture (or a local module).
        steps: The most rule steps in one run.
        examples: How many runs; the current hypothesis profile's ``max_examples`` if not
            given.

    Raises:
        AssertionError: With the first difference, after hypothesis printed the shortest
            sequence of steps it found that shows it.
    """
    bound = type(
        machine.__name__,
        (machine,),
        {"learner": learner, "legacy": legacy, "__module__": machine.__module__},
    )
    config = settings(stateful_step_count=steps, derandomize=True, database=None)
    if examples is not None:
        config = settings(config, max_examples=examples)
    run_state_machine_as_test(bound, settings=config)
