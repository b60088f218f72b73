"""Find ``except Exception`` handlers that turn every error into another one.

Ruff's ``BLE001`` (blind except) does not report a handler that raises: since
astral-sh/ruff#10806 it counts as not swallowing the error. But ``except Exception as
error: raise ConfigError(...) from error`` still catches everything, bugs included (a
``TypeError``, a ``KeyError`` from a typo), and tells the caller it was a configuration
problem. Catch the exceptions you expect instead.
"""

from __future__ import annotations

import ast

from autograder.report.model import Finding
from autograder.submission import SourceFile

__all__ = ["blind_translations"]

_BLIND = frozenset({"Exception", "BaseException"})


def blind_translations(source: SourceFile) -> tuple[Finding, ...]:
    """Report each handler of ``Exception`` (or ``BaseException``) that raises another error.

    Args:
        source: The module.

    Returns:
        One finding per such handler, in source order.
    """
    findings = [
        Finding(
            rule="KZ-BLIND-EXCEPT",
            path=source.path,
            line=handler.lineno,
            column=handler.col_offset + 1,
            message=f"'except {ast.unparse(handler.type)}' turns every error into another one, "
            "bugs included: catch only the exceptions you expect here (e.g. 'except "
            "ValueError as error:'), and let the others through",
            url="https://docs.astral.sh/ruff/rules/blind-except/",
        )
        for handler in ast.walk(source.tree)
        if isinstance(handler, ast.ExceptHandler)
        and handler.type is not None
        and _is_blind(handler.type)
        and _raises_another(handler)
    ]
    return tuple(sorted(findings, key=lambda finding: (finding.line, finding.column)))


def _is_blind(node: ast.expr) -> bool:
    names = node.elts if isinstance(node, ast.Tuple) else [node]
    return any(_last_name(name) in _BLIND for name in names)


def _last_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _raises_another(handler: ast.ExceptHandler) -> bool:
    """Whether the handler raises an exception of its own (a bare ``raise`` re-raises)."""
    return any(
        isinstance(node, ast.Raise) and node.exc is not None
        for statement in handler.body
        for node in ast.walk(statement)
    )
