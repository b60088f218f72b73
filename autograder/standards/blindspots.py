"""Own checks for the documented blind spots of lint rules that the briefs rely on.

Each blind spot names a ruff rule, the upstream issue that documents what it misses, and
the grader's own check for the missed cases. The own check's findings count in the check
that grades the ruff rule, and a line ruff already reports for that rule is never reported
twice, so a ruff release that closes the gap changes no grade. To add one: write the
check (a function of a module's source) and list it in ``BLIND_SPOTS``.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from autograder.report.model import Finding
from autograder.standards.blind_translations import blind_translations
from autograder.standards.names import scope_nodes
from autograder.standards.throwaway_lists import throwaway_lists
from autograder.submission import SourceFile

__all__ = ["BLIND_SPOTS", "BlindSpot", "append_loops_over_tuples", "uncovered_findings"]

_LOOPS = (ast.For, ast.AsyncFor)
_SHOWN_CHARS = 30


@dataclass(frozen=True, slots=True, kw_only=True)
class BlindSpot:
    """A case a lint rule misses, and the grader's own check for it.

    Attributes:
        rule: The ruff rule with the gap, e.g. ``PERF401``.
        gap: What it misses, in one line.
        upstream: The upstream issue that documents the gap.
        finding_rule: The rule id of the own check's findings.
        find: The own check.
    """

    rule: str
    gap: str
    upstream: str
    finding_rule: str
    find: Callable[[SourceFile], tuple[Finding, ...]]


def uncovered_findings(
    spot: BlindSpot, source: SourceFile, reported: Iterable[Finding]
) -> tuple[Finding, ...]:
    """Run a blind spot's own check, leaving out the lines ruff reported for the rule.

    Args:
        spot: The blind spot.
        source: The module.
        reported: What ruff reported.

    Returns:
        The own check's findings that ruff did not report.
    """
    seen = {(finding.path, finding.line) for finding in reported if finding.rule == spot.rule}
    return tuple(
        finding for finding in spot.find(source) if (finding.path, finding.line) not in seen
    )


def append_loops_over_tuples(source: SourceFile) -> tuple[Finding, ...]:
    """Find lists built by ``append`` in a ``for`` loop that unpacks its items.

    This is what ruff's ``PERF401`` reports for ``for x in items:``, for the loops it
    skips: ``for a, b in pairs:`` and ``for (a, b) in ...``, with or without an ``if``.

    Args:
        source: The module.

    Returns:
        One finding per such ``append``, in source order.
    """
    scopes = [source.tree, *(node for node in ast.walk(source.tree) if _is_function(node))]
    findings = [
        Finding(
            rule="KZ-PERF-APPEND",
            path=source.path,
            line=append.lineno,
            column=append.col_offset + 1,
            message=f"{name} is built by append in a for loop: build it with a list "
            f"comprehension, [... for {_shown(loop.target)} in {_shown(loop.iter)}] (or "
            f"{name}.extend(...) if it already holds items), which is faster and says what "
            "the list holds",
            url="https://docs.astral.sh/ruff/rules/manual-list-comprehension/",
        )
        for scope in scopes
        for loop, name, append in _append_loops(scope)
    ]
    return tuple(sorted(findings, key=lambda finding: (finding.line, finding.column)))


def _is_function(node: ast.AST) -> bool:
    return isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)


def _append_loops(scope: ast.AST) -> Iterator[tuple[ast.For | ast.AsyncFor, str, ast.Expr]]:
    nodes = list(scope_nodes(scope))
    for loop in nodes:
        if not isinstance(loop, _LOOPS) or not isinstance(loop.target, ast.Tuple | ast.List):
            continue
        found = _single_append(loop.body)
        if found is None:
            continue
        name, append, uses = found
        if _known_list(name, loop.lineno, scope, nodes) and not any(
            isinstance(node, ast.Name) and node.id == name for use in uses for node in ast.walk(use)
        ):
            yield loop, name, append


def _single_append(body: list[ast.stmt]) -> tuple[str, ast.Expr, list[ast.expr]] | None:
    """The list, the append and the expressions it reads, if ``body`` only appends."""
    match body:
        case [
            ast.Expr(
                value=ast.Call(
                    func=ast.Attribute(value=ast.Name(id=name), attr="append"),
                    args=[value],
                    keywords=[],
                )
            ) as append
        ]:
            return name, append, [value]
        case [ast.If(test=test, body=[ast.Expr()] as inner, orelse=[])]:
            found = _single_append(inner)
            if found is None:
                return None
            name, append, uses = found
            return name, append, [test, *uses]
        case _:
            return None


def _known_list(name: str, before: int, scope: ast.AST, nodes: list[ast.expr | ast.stmt]) -> bool:
    """Whether the last binding of ``name`` before the loop makes it a list."""
    bindings: list[tuple[int, bool]] = []
    if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
        arguments = scope.args
        for argument in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs):
            if argument.arg == name:
                annotation = argument.annotation
                bindings.append((scope.lineno, _is_list_type(annotation)))
    for node in nodes:
        match node:
            case ast.Assign(targets=[ast.Name(id=target)], value=value) if target == name:
                bindings.append((node.lineno, _is_list_value(value)))
            case ast.AnnAssign(target=ast.Name(id=target), annotation=annotation, value=value) if (
                target == name
            ):
                bindings.append((node.lineno, _is_list_type(annotation) or _is_list_value(value)))
            case _:
                pass
    earlier = [binding for binding in bindings if binding[0] < before]
    return bool(earlier) and max(earlier)[1]


def _is_list_value(node: ast.expr | None) -> bool:
    return isinstance(node, ast.List | ast.ListComp) or (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "list"
    )


def _is_list_type(node: ast.expr | None) -> bool:
    if isinstance(node, ast.Subscript):
        node = node.value
    return isinstance(node, ast.Name) and node.id == "list"


def _shown(node: ast.expr) -> str:
    text = ast.unparse(node)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 3] + "..."


BLIND_SPOTS: tuple[BlindSpot, ...] = (
    BlindSpot(
        rule="PERF401",
        gap="a list built by append in a for loop whose target is a tuple",
        upstream="https://github.com/astral-sh/ruff/issues/21648",
        finding_rule="KZ-PERF-APPEND",
        find=append_loops_over_tuples,
    ),
    BlindSpot(
        rule="BLE001",
        gap="an 'except Exception' handler that raises another exception (a translation)",
        upstream="https://github.com/astral-sh/ruff/issues/10806",
        finding_rule="KZ-BLIND-EXCEPT",
        find=blind_translations,
    ),
    BlindSpot(
        rule="C419",
        gap="a list comprehension consumed by sum, min or max (preview only) or Counter",
        upstream="https://github.com/astral-sh/ruff/issues/3259",
        finding_rule="KZ-THROWAWAY-LIST",
        find=throwaway_lists,
    ),
)
"""Every known blind spot of a rule the grader selects, with its own check."""
