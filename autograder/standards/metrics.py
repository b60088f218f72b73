"""Size and nesting metrics that the linters lack, measured on the syntax tree."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from autograder.report.model import Finding
from autograder.submission import SourceFile

__all__ = ["MAX_CLASS_LINES", "MAX_FUNCTION_LINES", "MAX_NESTING", "measure"]

MAX_FUNCTION_LINES = 50
MAX_CLASS_LINES = 300
MAX_NESTING = 4

_BLOCKS = (
    ast.If,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.With,
    ast.AsyncWith,
    ast.Try,
    ast.TryStar,
    ast.Match,
)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def measure(source: SourceFile) -> tuple[Finding, ...]:
    """Report every function, class and block of a module that is over its limit.

    Args:
        source: The module.

    Returns:
        The findings, in source order.
    """
    findings: list[Finding] = []
    for node in ast.walk(source.tree):
        if isinstance(node, _FUNCTIONS):
            findings.extend(_function_findings(source.path, node))
        elif isinstance(node, ast.ClassDef):
            length = _length(node)
            if length > MAX_CLASS_LINES:
                findings.append(
                    Finding(
                        rule="KZ-CLASS-LENGTH",
                        path=source.path,
                        line=node.lineno,
                        column=node.col_offset + 1,
                        message=f"class {node.name} is {length} lines long (limit "
                        f"{MAX_CLASS_LINES}): split its responsibilities into smaller classes",
                    )
                )
    return tuple(sorted(findings, key=lambda finding: (finding.line, finding.rule)))


def _length(node: ast.stmt) -> int:
    end = node.end_lineno or node.lineno
    return end - node.lineno + 1


def _function_findings(
    path: str, node: ast.FunctionDef | ast.AsyncFunctionDef
) -> Iterator[Finding]:
    length = _length(node)
    if length > MAX_FUNCTION_LINES:
        yield Finding(
            rule="KZ-FUNC-LENGTH",
            path=path,
            line=node.lineno,
            column=node.col_offset + 1,
            message=f"function {node.name} is {length} lines long (limit {MAX_FUNCTION_LINES}): "
            "extract well-named helper functions",
        )
    deepest = _deepest_block(node.body, 1)
    if deepest is not None:
        block, depth = deepest
        yield Finding(
            rule="KZ-NESTING",
            path=path,
            line=block.lineno,
            column=block.col_offset + 1,
            message=f"blocks in {node.name} nest {depth} deep here (limit {MAX_NESTING}): use "
            "early returns, guard clauses or a helper function",
        )


def _deepest_block(body: list[ast.stmt], depth: int) -> tuple[ast.stmt, int] | None:
    """Find the first block nested deeper than the limit, and how deep it goes."""
    for statement in body:
        if not isinstance(statement, _BLOCKS):
            continue
        if depth > MAX_NESTING:
            return statement, depth
        for child_body, child_depth in _child_bodies(statement, depth):
            found = _deepest_block(child_body, child_depth)
            if found is not None:
                return found
    return None


def _child_bodies(statement: ast.stmt, depth: int) -> Iterator[tuple[list[ast.stmt], int]]:
    match statement:
        case ast.If(body=body, orelse=[ast.If() as elif_]):
            yield body, depth + 1
            yield [elif_], depth  # an elif is no deeper than its if
        case (
            ast.Try(body=body, handlers=handlers, orelse=orelse, finalbody=final)
            | ast.TryStar(body=body, handlers=handlers, orelse=orelse, finalbody=final)
        ):
            for part in (body, *(handler.body for handler in handlers), orelse, final):
                yield part, depth + 1
        case ast.Match(cases=cases):
            for case in cases:
                yield case.body, depth + 1
        case _:
            yield getattr(statement, "body", []), depth + 1
            yield getattr(statement, "orelse", []), depth + 1
