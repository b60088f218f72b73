"""Read names off a module's syntax tree: what an expression refers to, what a scope binds.

The grader's own checks never import learner code, so they resolve names as a reader
would: ``TD`` after ``from typing import TypedDict as TD`` is ``typing.TypedDict``, and
``dc.dataclass`` after ``import dataclasses as dc`` is ``dataclasses.dataclass``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

__all__ = ["Imports", "bound_names", "module_statements", "scope_nodes"]

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


@dataclass(frozen=True, slots=True)
class Imports:
    """The names a module binds by importing, mapped to what they import.

    Attributes:
        aliases: Local name to qualified name, e.g. ``{"TD": "typing.TypedDict"}``.
    """

    aliases: Mapping[str, str]

    @classmethod
    def of(cls, tree: ast.Module) -> Imports:
        """Collect every import of a module, at any depth.

        Args:
            tree: The module.

        Returns:
            Its imports.
        """
        aliases: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        aliases[alias.asname] = alias.name
                    else:
                        top = alias.name.partition(".")[0]
                        aliases[top] = top
            elif isinstance(node, ast.ImportFrom):
                module = "." * node.level + (node.module or "")
                for alias in node.names:
                    aliases[alias.asname or alias.name] = f"{module}.{alias.name}"
        return cls(aliases)

    def qualified(self, node: ast.expr) -> str:
        """Say what a name or dotted name refers to.

        A subscript or call is read through (``Protocol[T]`` is ``typing.Protocol``); a
        name that no import binds is returned as written.

        Args:
            node: The expression.

        Returns:
            The qualified name, or ``""`` for anything that is not a (dotted) name.
        """
        match node:
            case ast.Subscript(value=value) | ast.Call(func=value):
                return self.qualified(value)
            case ast.Name(id=name):
                return self.aliases.get(name, name)
            case ast.Attribute(value=value, attr=attr):
                base = self.qualified(value)
                return f"{base}.{attr}" if base else ""
            case _:
                return ""

    def refers_to(self, node: ast.expr, names: frozenset[str]) -> bool:
        """Say whether an expression refers to one of the given qualified names.

        A bare name no import binds (star imports, a forgotten import) counts when it is
        the last part of one of them: ``TypedDict`` matches ``typing.TypedDict``.

        Args:
            node: The expression.
            names: Qualified names, e.g. ``{"typing.TypedDict"}``.

        Returns:
            Whether it refers to one of them.
        """
        qualified = self.qualified(node)
        if qualified in names:
            return True
        return "." not in qualified and any(name.rpartition(".")[2] == qualified for name in names)


def module_statements(tree: ast.Module) -> Iterator[ast.stmt]:
    """Yield the statements that run in the module's own scope.

    That is the top level and the bodies of ``if``, ``try`` and ``with`` there (a class
    defined under ``if TYPE_CHECKING:`` is still a module-level class), but not the
    bodies of functions and classes.

    Args:
        tree: The module.

    Yields:
        Each statement, in source order.
    """
    pending = list(reversed(tree.body))
    while pending:
        statement = pending.pop()
        yield statement
        match statement:
            case ast.If(body=body, orelse=orelse):
                pending.extend(reversed([*body, *orelse]))
            case ast.With(body=body):
                pending.extend(reversed(body))
            case (
                ast.Try(body=body, handlers=handlers, orelse=orelse, finalbody=final)
                | ast.TryStar(body=body, handlers=handlers, orelse=orelse, finalbody=final)
            ):
                handled = [inner for handler in handlers for inner in handler.body]
                pending.extend(reversed([*body, *handled, *orelse, *final]))
            case _:
                pass


def scope_nodes(scope: ast.AST) -> Iterator[ast.expr | ast.stmt]:
    """Yield every expression and statement of a scope's own code, in no set order.

    Nested functions, lambdas and classes are yielded but not entered: they have scopes
    of their own.

    Args:
        scope: A module, function, lambda or class.

    Yields:
        The nodes.
    """
    pending = list(ast.iter_child_nodes(scope))
    while pending:
        node = pending.pop()
        if isinstance(node, ast.expr | ast.stmt):
            yield node
        if not isinstance(node, _SCOPES):
            pending.extend(ast.iter_child_nodes(node))


def bound_names(statement: ast.stmt) -> list[str]:
    """List the names a statement binds in its scope.

    Args:
        statement: One statement.

    Returns:
        The names it defines, assigns or imports.
    """
    match statement:
        case (
            ast.FunctionDef(name=name)
            | ast.AsyncFunctionDef(name=name)
            | ast.ClassDef(name=name)
            | ast.TypeAlias(name=ast.Name(id=name))
        ):
            return [name]
        case ast.Assign(targets=targets):
            return [name for target in targets for name in _target_names(target)]
        case ast.AnnAssign(target=target, value=value) if value is not None:
            return _target_names(target)
        case ast.Import(names=aliases) | ast.ImportFrom(names=aliases):
            # "import a.b" binds "a"; "from m import *" binds nothing nameable
            return [
                alias.asname or alias.name.partition(".")[0]
                for alias in aliases
                if alias.name != "*"
            ]
        case _:
            return []


def _target_names(target: ast.expr) -> list[str]:
    match target:
        case ast.Name(id=name):
            return [name]
        case ast.Tuple(elts=elements) | ast.List(elts=elements):
            return [name for element in elements for name in _target_names(element)]
        case ast.Starred(value=value):
            return _target_names(value)
        case _:
            return []
