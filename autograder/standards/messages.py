"""Find exceptions raised without an actionable message, on the syntax tree.

An actionable message says what went wrong, with which value, and what to do. That cannot
be judged fully by a program, but its absence can: a built-in exception raised with no
message, or with a message of one or two words ("invalid", "bad config"), tells the
reader nothing they can act on. And a custom exception exists to say it the same way at
every raise: its ``__init__`` takes the facts and builds the message, so a raise that
passes it ready-made text (``raise ConfigError(f"line {n}: ...")``) is reported too.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator

from autograder.report.model import Finding
from autograder.submission import SourceFile, Submission

__all__ = ["MIN_MESSAGE_WORDS", "messages_at_raise_site", "vague_raises"]

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


def messages_at_raise_site(submission: Submission) -> tuple[Finding, ...]:
    """Report each raise of one of the submission's own exceptions with ready-made text.

    Ready-made text is a whole message built where the error is raised, as the call's one
    argument or its ``message=``: an f-string, a concatenation, ``%`` or ``.format``, a
    literal sentence of several words, or a name bound to one of those in the same
    function (``msg = f"..."; raise ConfigError(msg)``). Facts passed to the class
    (``MissingKeyError("server", "host")``, a location and a value) are what it should
    get.

    Args:
        submission: The learner's code.

    Returns:
        The findings, by file and line.
    """
    own = {
        node.name
        for source in submission.files
        for node in ast.walk(source.tree)
        if isinstance(node, ast.ClassDef)
    }
    return tuple(
        Finding(
            rule="KZ-ERROR-MESSAGE-SITE",
            path=source.path,
            line=node.lineno,
            column=node.col_offset + 1,
            message=f"{name}(...) gets its message as ready-made text here: pass it the "
            f"facts (the value, the line, the expected form) and build the message in "
            f"{name}.__init__, so that every raise says it the same way",
        )
        for source in submission.files
        for scope, texts in _scopes_with_text_names(source.tree)
        for node in _own_nodes(scope)
        if isinstance(node, ast.Raise)
        and isinstance(node.exc, ast.Call)
        and (name := _called(node.exc)) in own
        and _gets_a_message(node.exc, texts)
    )


def _gets_a_message(call: ast.Call, text_names: frozenset[str]) -> bool:
    """Whether the call's one argument, or its ``message=``, is a ready-made message.

    Several arguments are facts for the class to phrase, even when one of them is text
    (a location such as ``f"line {n}"``, the expected form of a value).
    """
    keywords = [k.value for k in call.keywords if k.arg in _MESSAGE_KEYWORDS]
    if any(_is_message(value, text_names) for value in keywords):
        return True
    arguments = _arguments(call)
    return len(arguments) == 1 and _is_message(arguments[0], text_names)


_MESSAGE_KEYWORDS = frozenset({"message", "msg"})


def _scopes_with_text_names(tree: ast.Module) -> list[tuple[ast.AST, frozenset[str]]]:
    """Each scope (module, function), with the names it binds to built message text."""
    scopes: list[ast.AST] = [tree]
    scopes += [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    return [
        (
            scope,
            frozenset(
                target.id
                for node in _own_nodes(scope)
                if isinstance(node, ast.Assign | ast.AnnAssign)
                and node.value is not None
                and _is_message(node.value, frozenset())
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                if isinstance(target, ast.Name)
            ),
        )
        for scope in scopes
    ]


def _own_nodes(scope: ast.AST) -> list[ast.AST]:
    """The nodes of a scope, without those of the functions nested in it."""
    found: list[ast.AST] = []
    pending = list(ast.iter_child_nodes(scope))
    while pending:
        node = pending.pop()
        found.append(node)
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            pending.extend(ast.iter_child_nodes(node))
    return found


def _is_message(node: ast.expr, text_names: frozenset[str]) -> bool:
    """Built text, a literal sentence, or a name bound to either."""
    match node:
        case ast.Constant(value=str() as text):
            return len(text.split()) >= MIN_MESSAGE_WORDS
        case ast.Name(id=name):
            return name in text_names
        case _:
            return _is_text(node) and not isinstance(node, ast.Constant)


def _called(call: ast.Call) -> str:
    match call.func:
        case ast.Name(id=name) | ast.Attribute(attr=name):
            return name
        case _:
            return ""


def _arguments(call: ast.Call) -> list[ast.expr]:
    return [*call.args, *(keyword.value for keyword in call.keywords)]


def _is_text(node: ast.expr) -> bool:
    """Whether an expression builds a string: a literal, an f-string, ``+``, ``%``, ``.format``."""
    match node:
        case ast.Constant(value=str()) | ast.JoinedStr():
            return True
        case ast.BinOp(left=left, op=ast.Add() | ast.Mod(), right=right):
            return _is_text(left) or _is_text(right)
        case ast.Call(func=ast.Attribute(value=value, attr="format")):
            return _is_text(value)
        case _:
            return False
