"""Own checks for lint blind spots: translating blind excepts (BLE001), throwaway lists (C419)."""

from __future__ import annotations

import ast

import pytest

from autograder.standards.blind_translations import blind_translations
from autograder.standards.throwaway_lists import throwaway_lists
from autograder.submission import SourceFile


def _findings(code: str) -> list[int]:
    source = SourceFile(path="m.py", text=code, tree=ast.parse(code))
    return [finding.line for finding in blind_translations(source)]


TRANSLATES = """\
def f(x):
    try:
        return int(x)
    except Exception as error:
        raise ValueError(f"not a number: {x!r}") from error
"""


@pytest.mark.parametrize(
    "handler",
    [
        "except Exception as error:",
        "except BaseException as error:",
        "except (KeyError, Exception) as error:",
        "except builtins.Exception as error:",
    ],
)
def test_a_blind_handler_that_raises_another_error_is_found(handler: str) -> None:
    assert _findings(TRANSLATES.replace("except Exception as error:", handler)) == [4]


@pytest.mark.parametrize(
    ("handler", "body"),
    [
        ("except ValueError as error:", 'raise KeyError("x") from error'),  # specific: fine
        ("except Exception:", "raise"),  # a bare re-raise lets the error through
        ("except Exception:", "return 0"),  # swallowing is BLE001's own case, not this one
    ],
)
def test_specific_handlers_and_bare_reraises_are_left_alone(handler: str, body: str) -> None:
    code = f"def f(x):\n    try:\n        return int(x)\n    {handler}\n        {body}\n"
    assert _findings(code) == []


@pytest.mark.parametrize(
    ("call", "flagged"),
    [
        ("sum([x * 2 for x in xs])", True),
        ("Counter([(x, x) for x in xs])", True),
        ("collections.Counter([x for x in xs])", True),
        ("max([x for x in xs])", True),
        ("sum(x * 2 for x in xs)", False),
        ("Counter((x, x) for x in xs)", False),
        ("''.join([str(x) for x in xs])", False),  # join builds a list anyway: a list is faster
        ("sorted([x for x in xs])", False),
    ],
)
def test_a_list_built_only_to_be_consumed_is_found(call: str, flagged: bool) -> None:
    code = f"import collections\nfrom collections import Counter\nxs = [1]\nvalue = {call}\n"
    source = SourceFile(path="m.py", text=code, tree=ast.parse(code))
    assert bool(throwaway_lists(source)) is flagged
