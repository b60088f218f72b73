"""Check that the entry module declares its public API in ``__all__``, and exactly it.

The public API is what a caller may rely on: every function, class and type alias the
module defines without a leading underscore. Module-level values (a ``logger``, tables
of constants) are not required in ``__all__``. Names ``__all__`` lists that the module
does not define are ruff's ``F822``; an ``__all__`` built by code, not written as a
literal list, cannot be read here and is taken as it is.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from autograder.report.model import Finding
from autograder.standards.names import Imports, module_statements
from autograder.submission import SourceFile, Submission

__all__ = ["public_api"]

_NAMED_TYPES = frozenset(
    f"{module}.{name}"
    for module in ("typing", "typing_extensions")
    for name in ("TypedDict", "NamedTuple", "NewType", "TypeAlias")
) | {"collections.namedtuple"}
_SHOWN_NAMES = 4


def public_api(submission: Submission) -> tuple[Finding, ...]:
    """Report a missing ``__all__`` in the entry module, and what it lists wrongly.

    Args:
        submission: The learner's code.

    Returns:
        The findings, in source order.
    """
    source = next(file for file in submission.files if file.path == submission.entry_path)
    api = _public_definitions(source.tree)
    declared = _declared(source.tree)
    if declared is None:
        names = ", ".join(f'"{name}"' for name in list(api)[:_SHOWN_NAMES])
        more = ", ..." if len(api) > _SHOWN_NAMES else ""
        return (
            _finding(
                "KZ-ALL-MISSING",
                source,
                0,
                "the module has no __all__: declare its public API near the top, e.g. "
                f"__all__ = [{names}{more}]",
            ),
        )
    if isinstance(declared, _Unreadable):
        return ()
    unlisted = (
        _finding(
            "KZ-ALL-UNLISTED",
            source,
            line,
            f"{name} is public (no leading underscore) but not in __all__: add it, or "
            f"rename it _{name} if only this module uses it",
        )
        for name, line in api.items()
        if name not in declared
    )
    private = (
        _finding(
            "KZ-ALL-PRIVATE",
            source,
            line,
            f"{name} is in __all__, but its leading underscore marks it internal: remove it "
            "from __all__, or drop the underscore",
        )
        for name, line in declared.items()
        if name.startswith("_") and not (name.startswith("__") and name.endswith("__"))
    )
    return tuple(sorted((*unlisted, *private), key=lambda finding: finding.line))


class _Unreadable:
    """An ``__all__`` built by code rather than written as a literal."""


def _declared(tree: ast.Module) -> dict[str, int] | _Unreadable | None:
    """The names ``__all__`` lists, each with its line; ``None`` when it is missing."""
    declared: dict[str, int] | None = None
    for statement in module_statements(tree):
        match statement:
            case (
                ast.Assign(targets=[ast.Name(id="__all__")], value=value)
                | ast.AnnAssign(target=ast.Name(id="__all__"), value=value)
                | ast.AugAssign(target=ast.Name(id="__all__"), op=ast.Add(), value=value)
                | ast.Expr(
                    value=ast.Call(
                        func=ast.Attribute(value=ast.Name(id="__all__"), attr="extend"),
                        args=[value],
                    )
                )
            ) if value is not None:
                names = _literal_names(value)
                if names is None:
                    return _Unreadable()
                base = declared if isinstance(statement, ast.AugAssign | ast.Expr) else None
                declared = {**(base or {}), **names}
            case _:
                pass
    return declared


def _literal_names(node: ast.expr) -> dict[str, int] | None:
    if not isinstance(node, ast.List | ast.Tuple):
        return None
    names = {}
    for element in node.elts:
        if not isinstance(element, ast.Constant) or not isinstance(element.value, str):
            return None
        names[element.value] = element.lineno
    return names


def _public_definitions(tree: ast.Module) -> dict[str, int]:
    """Every public function, class and type alias the module defines, with its line."""
    imports = Imports.of(tree)
    found: dict[str, int] = {}
    for name, line in _definitions(tree, imports):
        if not name.startswith("_"):
            found.setdefault(name, line)
    return found


def _definitions(tree: ast.Module, imports: Imports) -> Iterator[tuple[str, int]]:
    for statement in module_statements(tree):
        match statement:
            case (
                ast.FunctionDef(name=name)
                | ast.AsyncFunctionDef(name=name)
                | ast.ClassDef(name=name)
            ):
                yield name, statement.lineno
            case ast.TypeAlias(name=ast.Name(id=name)):
                yield name, statement.lineno
            case ast.AnnAssign(target=ast.Name(id=name), annotation=annotation) if (
                imports.refers_to(annotation, _NAMED_TYPES)
            ):
                yield name, statement.lineno
            case ast.Assign(targets=[ast.Name(id=name)], value=ast.Call(func=func)) if (
                imports.refers_to(func, _NAMED_TYPES)
            ):
                yield name, statement.lineno
            case _:
                pass


def _finding(rule: str, source: SourceFile, line: int, message: str) -> Finding:
    return Finding(rule=rule, path=source.path, line=line, column=1 if line else 0, message=message)
