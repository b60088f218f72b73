"""A promise mutant: the reference solution with one promise of the brief broken.

Edits are made on the text, line by line, so everything the edit does not touch keeps
its formatting and its line numbers stay meaningful; the syntax tree only says where to
edit. Each mutant knows which lines it touched, so the judge can tell a check that points
at the edit from one that fails for another reason.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "WHOLE_FILE",
    "Mutant",
    "PublicFunction",
    "body_after_docstring",
    "enclosing_lines",
    "indentation",
    "public_functions",
    "write_tree",
]

WHOLE_FILE = frozenset({0, 1})
"""The lines a finding about the whole module is reported on (0, or 1 for ruff)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Mutant:
    """One promise broken in one file of the reference solution.

    Attributes:
        id: The mutant's id (a generic id, or one from the kata's ``promises.toml``).
        promise: The promise it breaks, in words.
        path: The mutated file, relative to the solution's folder.
        text: The mutated file's whole text.
        lines: The lines of ``text`` the edit touched (0: the module as a whole).
        caught_by: Check ids, id prefixes or rule codes one of which must catch it;
            empty: any check with a finding on ``lines`` or in their enclosing statement.
    """

    id: str
    promise: str
    path: str
    text: str
    lines: frozenset[int]
    caught_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PublicFunction:
    """A top-level public function and where its body starts.

    Attributes:
        node: The function.
        body: Its statements after the docstring (never empty).
    """

    node: ast.FunctionDef | ast.AsyncFunctionDef
    body: list[ast.stmt]

    @property
    def first_argument(self) -> str | None:
        """The name of its first parameter other than ``self`` or ``cls``, if any."""
        arguments = self.node.args
        names = [a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)]
        names = [name for name in names if name not in {"self", "cls"}]
        return names[0] if names else None


def public_functions(tree: ast.Module) -> list[PublicFunction]:
    """The module's top-level public functions with a body beyond their docstring.

    A function is public when its name has no leading underscore and, if the module
    lists ``__all__``, it is listed there.

    Args:
        tree: The module.

    Returns:
        The functions, in source order.
    """
    exported = _exported(tree)
    found = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if node.name.startswith("_") or (exported is not None and node.name not in exported):
            continue
        body = body_after_docstring(node)
        if body:
            found.append(PublicFunction(node, body))
    return found


def body_after_docstring(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
) -> list[ast.stmt]:
    """The statements of a function or class after its docstring, if it has one."""
    if ast.get_docstring(node, clean=False) is not None:
        return node.body[1:]
    return list(node.body)


def indentation(lines: list[str], statement: ast.stmt) -> str:
    """The indentation of the line a statement starts on."""
    line = lines[statement.lineno - 1]
    return line[: len(line) - len(line.lstrip())]


def enclosing_lines(text: str, lines: Iterable[int]) -> frozenset[int]:
    """Widen touched lines to the top-level statements that hold them.

    A check that reports a new finding anywhere in the function (or class, or module
    statement) the edit touched points at the edit: a missing docstring is reported on
    the ``def`` line, a bare ``except`` on the handler, a missing return type on the
    signature.

    Args:
        text: The mutated module.
        lines: The lines the edit touched.

    Returns:
        The touched lines and every line of their enclosing top-level statements.
    """
    spans = [(_first_line(node), node.end_lineno or node.lineno) for node in ast.parse(text).body]
    widened = set(lines)
    for line in lines:
        for first, last in spans:
            if first <= line <= last:
                widened.update(range(first, last + 1))
    return frozenset(widened)


def write_tree(folder: Path, files: dict[str, str]) -> Path:
    """Write a solution's files into a new folder.

    Args:
        folder: Where to write; created, must not exist yet.
        files: Path (relative, ``/``-separated) to text.

    Returns:
        The folder.
    """
    folder.mkdir(parents=True)
    for relative, text in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


def _first_line(node: ast.stmt) -> int:
    decorators: Iterator[ast.expr] = iter(getattr(node, "decorator_list", ()))
    return min((d.lineno for d in decorators), default=node.lineno)


def _exported(tree: ast.Module) -> frozenset[str] | None:
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            if isinstance(value, ast.List | ast.Tuple):
                return frozenset(
                    e.value
                    for e in value.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                )
    return None
