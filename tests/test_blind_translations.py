"""KZ-BLIND-EXCEPT: the translating 'except Exception' handlers that BLE001 lets through."""

from __future__ import annotations

import ast

import pytest

from autograder.standards.blind_translations import blind_translations
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
