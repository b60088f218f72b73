"""Differential tests see everything a caller can see: the value, the exception, the arguments.

Each test writes a small legacy module and a learner's refactor of it into a temporary
folder, runs each in its own real sandboxed process (the mechanism ``KAIZEN_SANDBOX``
chooses), and compares them with the public API of ``autograder.testing``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from autograder.behaviour.proxy import CodeProxy
from autograder.behaviour.session import CodeSession
from autograder.sandbox.launcher import Mechanism, choose_mechanism
from autograder.sandbox.limits import ResourceLimits
from autograder.sandbox.process import Isolation
from autograder.testing import (
    Arguments,
    Raised,
    Returned,
    assert_same_behaviour,
    assert_same_message,
    outcome,
)

type MakeCode = Callable[..., CodeProxy]


def _bwrap_works() -> bool:
    try:
        return choose_mechanism("auto") is Mechanism.BWRAP
    except Exception:  # noqa: BLE001 - any failure means: not available here
        return False


MECHANISMS = [
    pytest.param(Mechanism.PROCESS, id="process"),
    pytest.param(
        Mechanism.BWRAP,
        id="bwrap",
        marks=pytest.mark.skipif(not _bwrap_works(), reason="bubblewrap does not work here"),
    ),
]


@pytest.fixture
def make_code(tmp_path: Path) -> Iterator[MakeCode]:
    """Write a module ``kata`` into a fresh folder and serve it from a sandboxed process."""
    sessions: list[CodeSession] = []

    def make(
        label: str, source: str, *, mechanism: Mechanism | None = None, seconds: float = 5.0
    ) -> CodeProxy:
        folder = tmp_path / label.replace(" ", "-")
        (folder / "code").mkdir(parents=True)
        (folder / "code" / "kata.py").write_text(textwrap.dedent(source), encoding="utf-8")
        session = CodeSession(
            label=label,
            code_path=(folder / "code",),
            work_root=folder / "work",
            isolation=Isolation(ResourceLimits(), mechanism or choose_mechanism()),
            call_seconds=seconds,
        )
        sessions.append(session)
        return CodeProxy(session, "kata")

    yield make
    for session in sessions:
        session.close()


def failure(got: object, expected: object, **options: object) -> str:
    """The message of the assertion that the two outcomes behave the same."""
    with pytest.raises(AssertionError) as raised:
        assert_same_behaviour(got, expected, **options)  # type: ignore[arg-type]
    return str(raised.value)


LEGACY = """
    def normalise(scores):
        return sorted(scores)

    def tally(counts, word):
        return counts.get(word, 0) + 1

    def flatten(groups):
        return [item for group in groups for item in group]

    def dedupe(items):
        items[:] = list(dict.fromkeys(items))
        return len(items)
"""

MUTATING = """
    def normalise(scores):
        scores.sort()
        return list(scores)

    def tally(counts, word):
        counts[word] = counts.get(word, 0) + 1
        return counts[word]

    def flatten(groups):
        result = groups[0]
        for group in groups[1:]:
            result.extend(group)
        return list(result)

    def dedupe(items):
        seen = list(dict.fromkeys(items))
        items[:] = seen
        return len(seen)
"""

COPYING = """
    def normalise(scores):
        return sorted(scores)

    def tally(counts, word):
        return counts.get(word, 0) + 1

    def flatten(groups):
        return [item for group in groups for item in group]

    def dedupe(items):
        return len(dict.fromkeys(items))
"""


@pytest.mark.parametrize("mechanism", MECHANISMS)
def test_a_sorted_list_a_written_dict_and_an_appended_nested_list_are_seen(
    make_code: MakeCode, mechanism: Mechanism
) -> None:
    learner = make_code("your code", MUTATING, mechanism=mechanism)
    legacy = make_code("the legacy code", LEGACY, mechanism=mechanism)

    got = outcome(learner.normalise, [3, 1, 2])
    assert isinstance(got, Returned)
    assert got.value == [1, 2, 3]
    assert got.passed == Arguments(([3, 1, 2],), {})
    assert got.arguments == Arguments(([1, 2, 3],), {})
    message = failure(got, outcome(legacy.normalise, [3, 1, 2]))
    assert message.startswith(
        "left its 1st argument as [1, 2, 3] after the call, but the legacy code left it as "
        "[3, 1, 2]: the legacy code does not change the caller's data, so work on a copy"
    )

    message = failure(
        outcome(learner.tally, {"a": 1}, word="b"), outcome(legacy.tally, {"a": 1}, word="b")
    )
    assert "left its 1st argument as {'a': 1, 'b': 1}" in message
    assert "a key 'b' that the legacy code does not have" in message

    groups = [[1], [2, 3]]
    message = failure(outcome(learner.flatten, groups), outcome(legacy.flatten, groups))
    assert "left its 1st argument as [[1, 2, 3], [2, 3]]" in message
    assert "at [0]: 3 items where the legacy code has 1" in message
    assert groups == [[1], [2, 3]], "the test's own value is never changed"


def test_keyword_arguments_are_compared_by_name(make_code: MakeCode) -> None:
    learner = make_code("your code", MUTATING)
    legacy = make_code("the legacy code", LEGACY)
    message = failure(
        outcome(learner.tally, word="w", counts={}), outcome(legacy.tally, word="w", counts={})
    )
    assert message.startswith("left its argument counts= as {'w': 1} after the call")


def test_same_requires_the_changes_the_legacy_code_made(make_code: MakeCode) -> None:
    legacy = make_code("the legacy code", LEGACY)
    mutating = make_code("your code", MUTATING)
    copying = make_code("your other code", COPYING)
    items = ["b", "a", "b"]
    expected = outcome(legacy.dedupe, items)
    assert_same_behaviour(outcome(mutating.dedupe, items), expected)
    message = failure(outcome(copying.dedupe, items), expected)
    assert "left its 1st argument as ['b', 'a', 'b']" in message
    assert "the legacy code changes the caller's data that way, so make the same change" in message


def test_unchanged_requires_the_arguments_as_passed(make_code: MakeCode) -> None:
    legacy = make_code("the legacy code", LEGACY)
    mutating = make_code("your code", MUTATING)
    copying = make_code("your other code", COPYING)
    items = ["b", "a", "b"]
    expected = outcome(legacy.dedupe, items)
    assert_same_behaviour(outcome(copying.dedupe, items), expected, arguments="unchanged")
    message = failure(outcome(mutating.dedupe, items), expected, arguments="unchanged")
    assert message.startswith(
        "changed its 1st argument: it was passed as ['b', 'a', 'b'] and was ['b', 'a'] "
        "after the call; leave the caller's data as it was"
    )
    assert_same_behaviour(
        outcome(mutating.normalise, [2, 1]), outcome(legacy.normalise, [2, 1]), arguments="ignore"
    )


def test_arguments_are_sent_back_when_the_call_raises(make_code: MakeCode) -> None:
    legacy = make_code("the legacy code", "def pop_all(xs):\n    raise ValueError('empty')\n")
    learner = make_code(
        "your code", "def pop_all(xs):\n    xs.clear()\n    raise ValueError('empty')\n"
    )
    got = outcome(learner.pop_all, [1])
    assert isinstance(got, Raised)
    assert got.arguments == Arguments(([],), {})
    message = failure(got, outcome(legacy.pop_all, [1]))
    assert message.startswith("left its 1st argument as [] after the call")


EXACT_LEGACY = """
    from decimal import Decimal

    def price():
        return Decimal("1.00")

    def zero():
        return 0.0

    def nothing():
        return float("nan")

    def count():
        return 1

    def by_key():
        return {1: "one", "pairs": [(1, 2)]}

    def ordered():
        return {"b": 1, "a": 2}
"""

EXACT_LEARNER = """
    from decimal import Decimal

    def price():
        return Decimal("1.0")

    def zero():
        return -0.0

    def nothing():
        return float("nan")

    def count():
        return True

    def by_key():
        return {True: "one", "pairs": [[1, 2]]}

    def ordered():
        return {"a": 2, "b": 1}
"""


def test_values_are_compared_exactly(make_code: MakeCode) -> None:
    learner = make_code("your code", EXACT_LEARNER)
    legacy = make_code("the legacy code", EXACT_LEGACY)

    def compare(name: str, **options: object) -> str:
        return failure(outcome(getattr(learner, name)), outcome(getattr(legacy, name)), **options)

    message = compare("price")
    assert message.startswith(
        "returned Decimal('1.0'), but the legacy code returned Decimal('1.00')"
    )
    assert "different number of places (exponent -1 instead of -2)" in message
    assert compare("zero").startswith("returned -0.0, but the legacy code returned 0.0")
    assert_same_behaviour(outcome(learner.nothing), outcome(legacy.nothing))
    assert "a bool where the legacy code has an int" in compare("count")
    assert "(key 1): a bool where the legacy code has an int" in compare("by_key")
    assert_same_behaviour(outcome(learner.ordered), outcome(legacy.ordered))
    message = compare("ordered", ordered=True)
    assert "keys in the order ['a', 'b'], the legacy code in ['b', 'a']" in message


def test_a_list_where_the_legacy_code_has_a_tuple_is_named(make_code: MakeCode) -> None:
    learner = make_code("your code", "def pairs():\n    return {'pairs': [[1, 2]]}\n")
    legacy = make_code("the legacy code", "def pairs():\n    return {'pairs': [(1, 2)]}\n")
    message = failure(outcome(learner.pairs), outcome(legacy.pairs))
    assert "at ['pairs'][0]: a list where the legacy code has a tuple" in message


SUMMARY = """
    from decimal import Decimal

    def summary(discount):
        keys = [f"line_{index:02d}" for index in range(12)]
        result = {key: Decimal(index) for index, key in enumerate(keys)}
        result["discount"] = Decimal(discount)
        return result

    def big(last):
        return list(range(9_999)) + [last]

    def invoice(total):
        return "INVOICE 1\\nCustomer: Acme\\n" + "-" * 20 + f"\\nTOTAL {total}\\n"
"""


def test_a_mismatch_shows_a_bounded_diff_that_marks_the_difference(make_code: MakeCode) -> None:
    learner = make_code("your code", SUMMARY)
    legacy = make_code("the legacy code", SUMMARY)
    message = failure(outcome(learner.summary, "3.390"), outcome(legacy.summary, "3.39"))
    assert "at ['discount']: the same amount with a different number of places" in message
    assert "(- the legacy code, + your code)" in message
    assert "-  'discount': Decimal('3.39')}" in message
    assert "+  'discount': Decimal('3.390')}" in message
    diff = message.partition("your code)")[2]
    assert "'line_05'" not in diff, "only the lines near the difference are shown"

    message = failure(outcome(learner.big, -1), outcome(legacy.big, 9_999))
    assert message.startswith("returned [0, 1, 2,")
    assert "at [9999]" in message
    assert len(message) < 3_000

    message = failure(outcome(learner.invoice, "9.99"), outcome(legacy.invoice, "9.90"))
    assert "\n  - 'TOTAL 9.90\\n'\n  ?           ^\n  + 'TOTAL 9.99\\n'" in message
    assert "Customer" not in message.partition("your code)")[2]


def test_exceptions_are_compared_by_class_and_message(make_code: MakeCode) -> None:
    legacy = make_code(
        "the legacy code", "def port(text):\n    raise ValueError(f'bad port {text}')\n"
    )
    learner = make_code(
        "your code",
        "class PortError(ValueError):\n    pass\n\n"
        "def port(text):\n    raise PortError(f'port {text} is not a number')\n",
    )
    other = make_code("your other code", "def port(text):\n    raise KeyError(text)\n")
    assert_same_behaviour(outcome(learner.port, "x"), outcome(legacy.port, "x"))
    message = failure(outcome(other.port, "x"), outcome(legacy.port, "x"))
    assert message.startswith("raised KeyError(\"'x'\"), but the legacy code raised ValueError")
    with pytest.raises(AssertionError, match="keep the message word for word") as raised:
        assert_same_message(outcome(learner.port, "x"), outcome(legacy.port, "x"))
    assert "'port x is not a number'" in str(raised.value)
    assert "'bad port x'" in str(raised.value)


def test_an_object_is_no_plain_value(make_code: MakeCode) -> None:
    learner = make_code(
        "your code", "class Total(int):\n    pass\n\ndef total():\n    return Total(3)\n"
    )
    legacy = make_code("the legacy code", "def total():\n    return 3\n")
    message = failure(outcome(learner.total), outcome(legacy.total))
    assert message.startswith(
        "returned <Total object in your code>, but the legacy code returned 3"
    )
    assert "a Total object where the legacy code has an int" in message


def test_local_callables_get_copies_and_report_their_arguments() -> None:
    def sort_in_place(values: list[int]) -> None:
        values.sort()

    values = [2, 1]
    got = outcome(sort_in_place, values)
    assert values == [2, 1], "the caller's value is copied first"
    assert got.arguments == Arguments(([1, 2],), {})
    assert got.passed == Arguments(([2, 1],), {})
    message = failure(got, outcome(lambda _values: None, values))
    assert message.startswith("left its 1st argument as [1, 2] after the call")

    def broken(text: str) -> int:
        return int(text)

    raised = outcome(broken, "x")
    assert isinstance(raised, Raised)
    assert raised.is_a("ValueError")
    assert raised.type_names[-1] == "object"


def test_an_unknown_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="not one of same, unchanged, ignore"):
        assert_same_behaviour(Returned(1), Returned(1), arguments="never")  # type: ignore[arg-type]


def test_a_value_equal_to_the_legacy_one_passes(make_code: MakeCode) -> None:
    learner = make_code("your code", COPYING)
    legacy = make_code("the legacy code", LEGACY)
    for values in ([], [Decimal("1.10"), Decimal("0.5")], [-0.0, 0.0]):
        assert_same_behaviour(outcome(learner.normalise, values), outcome(legacy.normalise, values))
