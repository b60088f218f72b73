"""Find exceptions raised without an actionable message, on the syntax tree.

An actionable message says what went wrong, with which value, and what to do. That cannot
be judged fully by a program, but its absence can: a built-in exception raised with no
message, or with a message of one or two words ("invalid", "bad config"), tells the
reader nothing they can act on.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator

from autograder.report.model import Finding
from autograder.submission import SourceFile

__all__ = ["MIN_MESSAGE_WORDS", "vague_raises"]

MIN_MESSAGE_WORDS = 3
_BUILTIN_EXCEPTIONS = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, Exception)
)


def vague_raises(source: SourceFile) -> tuple[Finding, ...]:
    """Report each ``raise`` of a built-in exception with no message or a vague one.

    Args:
        source: The module.

    Returns:
        The findings, in source order.
    """
    return tuple(_findings(source))


def _findings(source: SourceFile) -> Iterator[Finding]:
    for node in ast.walk(source.tree):
        if not isinstance(node, ast.Raise) or node.exc is None:
            continue
        problem = _problem(node.exc)
        if problem is not None:
            yield Finding(
                rule="KZ-ERROR-MESSAGE",
                path=source.path,
                line=node.lineno,
                column=node.col_offset + 1,
                message=problem,
            )


def _problem(exc: ast.expr) -> str | None:
    match exc:
        case ast.Name(id=name) if name in _BUILTIN_EXCEPTIONS:
            return f"{name} is raised without a message: say what went wrong and with which value"
        case ast.Call(func=ast.Name(id=name), args=[], keywords=[]) if name in _BUILTIN_EXCEPTIONS:
            return f"{name}() has no message: say what went wrong and with which value"
        case ast.Call(func=ast.Name(id=name), args=[ast.Constant(value=str() as text)]) if (
            name in _BUILTIN_EXCEPTIONS and len(text.split()) < MIN_MESSAGE_WORDS
        ):
            return (
                f"{name}({text!r}) is too vague to act on: name the value, what was "
                "expected, and what to do"
            )
        case _:
            return None
