"""Find functions that write into module-level mutable state, on the syntax tree.

A module-level list, dict or set that a function fills, clears or sorts carries state
from one call to the next and from one caller to another: results then depend on what
ran before. Rebinding a global (``global x; x = ...``) is ruff's ``PLW0603``; a mutable
default argument is ``B006``. This check finds the writes those rules cannot see:
``CACHE[key] = value``, ``RESULTS.append(row)``, ``LAST.clear()``, ``del SEEN[key]``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from autograder.report.model import Finding
from autograder.standards.names import Imports, bound_names, module_statements, scope_nodes
from autograder.submission import SourceFile

__all__ = ["shared_state_writes"]

_CONTAINERS = frozenset(
    {"list", "dict", "set", "bytearray"}
    | {f"collections.{name}" for name in ("deque", "defaultdict", "OrderedDict", "Counter")}
    | {"collections.ChainMap", "array.array"}
)
_DISPLAYS = {
    ast.List: "list",
    ast.ListComp: "list",
    ast.Dict: "dict",
    ast.DictComp: "dict",
    ast.Set: "set",
    ast.SetComp: "set",
}
_MUTATORS = frozenset(
    {"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse", "update"}
    | {"setdefault", "popitem", "add", "discard", "appendleft", "extendleft", "popleft"}
    | {"rotate", "subtract", "move_to_end", "difference_update", "intersection_update"}
    | {"symmetric_difference_update", "__setitem__", "__delitem__"}
)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def shared_state_writes(source: SourceFile) -> tuple[Finding, ...]:
    """Report each function that writes into a module-level mutable container.

    Args:
        source: The module.

    Returns:
        One finding per function and container, at the function's first write to it.
    """
    containers = _module_containers(source.tree)
    if not containers:
        return ()
    findings = []
    for function in ast.walk(source.tree):
        if not isinstance(function, _FUNCTIONS):
            continue
        reported: set[str] = set()
        for name, node in _writes(function, containers):
            if name in reported:
                continue
            reported.add(name)
            kind, line = containers[name]
            findings.append(
                Finding(
                    rule="KZ-SHARED-STATE",
                    path=source.path,
                    line=node.lineno,
                    column=node.col_offset + 1,
                    message=f"{_name(function)} writes into {name}, a module-level {kind} "
                    f"(line {line}), so every call shares its state: return the result "
                    "instead, or keep the state in an object the caller creates",
                )
            )
    return tuple(sorted(findings, key=lambda finding: (finding.line, finding.column)))


def _module_containers(tree: ast.Module) -> dict[str, tuple[str, int]]:
    """Module-level names bound to a mutable container: name to (kind, line)."""
    imports = Imports.of(tree)
    found: dict[str, tuple[str, int]] = {}
    for statement in module_statements(tree):
        if isinstance(statement, ast.Assign | ast.AnnAssign) and statement.value is not None:
            kind = _container_kind(statement.value, imports)
            if kind is not None:
                for name in bound_names(statement):
                    found.setdefault(name, (kind, statement.lineno))
    return found


def _container_kind(value: ast.expr, imports: Imports) -> str | None:
    if type(value) in _DISPLAYS:
        return _DISPLAYS[type(value)]
    if isinstance(value, ast.Call) and imports.refers_to(value.func, _CONTAINERS):
        return imports.qualified(value.func).rpartition(".")[2]
    return None


def _writes(
    function: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda,
    containers: dict[str, tuple[str, int]],
) -> Iterator[tuple[str, ast.expr | ast.stmt]]:
    """Yield (container, node) for each write into a module container, in source order."""
    local = _local_names(function)
    nodes = sorted(scope_nodes(function), key=lambda node: (node.lineno, node.col_offset))
    for node in nodes:
        for target in _written(node):
            root = _root(target)
            if root is not None and root in containers and root not in local:
                yield root, node


def _written(node: ast.AST) -> list[ast.expr]:
    """The containers a statement or call writes into (before resolving their roots)."""
    match node:
        case ast.Assign(targets=targets) | ast.Delete(targets=targets):
            return [t for t in targets if isinstance(t, ast.Subscript | ast.Attribute)]
        case ast.AugAssign(target=target) | ast.AnnAssign(target=target) if isinstance(
            target, ast.Subscript | ast.Attribute
        ):
            return [target]
        case ast.Call(func=ast.Attribute(value=value, attr=attr)) if attr in _MUTATORS:
            return [value]
        case _:
            return []


def _root(node: ast.expr) -> str | None:
    """The name at the root of ``a[k].b[j]``: ``a``."""
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _local_names(function: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> set[str]:
    """The names a function binds itself, minus those it declares ``global``."""
    arguments = function.args
    local = {
        argument.arg
        for argument in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)
    }
    local |= {argument.arg for argument in (arguments.vararg, arguments.kwarg) if argument}
    declared_global: set[str] = set()
    for node in scope_nodes(function):
        match node:
            case ast.Name(id=name, ctx=ast.Store() | ast.Del()):
                local.add(name)
            case ast.Global(names=names):
                declared_global.update(names)
            case ast.Import() | ast.ImportFrom() | ast.FunctionDef() | ast.AsyncFunctionDef():
                local.update(bound_names(node))
            case ast.ClassDef(name=name):
                local.add(name)
            case ast.Try(handlers=handlers) | ast.TryStar(handlers=handlers):
                local.update(handler.name for handler in handlers if handler.name)
            case _:
                pass
    return local - declared_global


def _name(function: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> str:
    return "a lambda" if isinstance(function, ast.Lambda) else f"{function.name}()"
