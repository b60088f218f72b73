"""Find list comprehensions built only to be consumed at once by a function that iterates.

``sum([x for x in xs])`` builds a whole list in memory and then throws it away; the
generator expression ``sum(x for x in xs)`` feeds the same values one at a time. Ruff's
``C419`` reports this for ``any`` and ``all`` only (``sum``, ``min`` and ``max`` are
preview-only, astral-sh/ruff#3259), and for ``collections.Counter`` nowhere.
"""

from __future__ import annotations

import ast

from autograder.report.model import Finding
from autograder.submission import SourceFile

__all__ = ["throwaway_lists"]

_CONSUMERS = frozenset({"any", "all", "sum", "min", "max", "Counter"})


def throwaway_lists(source: SourceFile) -> tuple[Finding, ...]:
    """Report each list comprehension passed as the iterable of a consuming call.

    Args:
        source: The module.

    Returns:
        One finding per such call, in source order.
    """
    findings = [
        Finding(
            rule="KZ-THROWAWAY-LIST",
            path=source.path,
            line=call.lineno,
            column=call.col_offset + 1,
            message=f"{name}([...]) builds a list only to consume it: pass a generator "
            f"expression instead, {name}(... for ... in ...), which feeds the values one at "
            "a time",
            url="https://docs.astral.sh/ruff/rules/unnecessary-comprehension-in-call/",
        )
        for call in ast.walk(source.tree)
        if isinstance(call, ast.Call)
        and (name := _name(call.func)) in _CONSUMERS
        and call.args
        and isinstance(call.args[0], ast.ListComp)
    ]
    return tuple(sorted(findings, key=lambda finding: (finding.line, finding.column)))


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""
