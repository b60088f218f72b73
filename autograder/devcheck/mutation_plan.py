"""Which mutants of a solution the mutation run tests: cosmic-ray's, less noise and equivalents.

Two kinds of mutant are left out before anything runs, because they cost a suite run
each and say nothing about the suite:

- mutants inside annotations and decorator arguments (``str | None`` made ``str & None``,
  ``frozen=True`` made ``False``): annotations are graded by the typing checks and the
  structure requirements, not by behaviour; they either fail at import or never run;
- operators that only make noise on this code: arithmetic replaced by a bitwise or shift
  operator (a ``TypeError`` on ``Decimal``, ``float`` and ``str``, killed by any test), and
  value comparisons swapped with identity ones (``==`` for ``is``: a ``SyntaxWarning`` on
  literals, and equal or not depending on CPython's interning, never on the suite).

Equivalent mutants are declared in ``kata.toml`` (``[[mutation.equivalent]]``) and left out
of the score; a declaration that matches no mutant is reported, so none goes stale.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from autograder.devcheck._cosmic import Candidate, enumerate_candidates
from autograder.kata.authoring import EquivalentMutant

__all__ = ["MutantPlan", "plan_mutants"]

_NOISE = re.compile(
    r"core/ReplaceBinaryOperator_(Add|Sub|Mul|Div|FloorDiv|Mod|Pow)_(BitOr|BitAnd|BitXor|LShift|RShift)"
    r"|core/ReplaceComparisonOperator_(Eq|NotEq|Lt|LtE|Gt|GtE)_(Is|IsNot)"
    r"|core/ReplaceComparisonOperator_(Is|IsNot)_(Eq|NotEq|Lt|LtE|Gt|GtE)"
)

type _Span = tuple[tuple[int, int], tuple[int, int]]


@dataclass(frozen=True, slots=True, kw_only=True)
class MutantPlan:
    """The mutants of one solution, sorted into those to test and those left out.

    Attributes:
        graded: The mutants to test, in cosmic-ray's order.
        noise: How many were left out as noise.
        equivalent: How many were left out as declared equivalent.
        problems: Declarations of equivalent mutants that match no mutant.
    """

    graded: tuple[Candidate, ...]
    noise: int
    equivalent: int
    problems: tuple[str, ...]


def plan_mutants(folder: Path, declared: tuple[EquivalentMutant, ...], session: Path) -> MutantPlan:
    """Enumerate the mutants of every module in a folder and sort them.

    Args:
        folder: A copy of the solution.
        declared: The kata's equivalent mutants.
        session: Where cosmic-ray may keep its work database (a new file).

    Returns:
        The plan.
    """
    modules = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.py"))
    candidates = enumerate_candidates(folder, modules, session)
    spans = {m: _static_spans((folder / m).read_text(encoding="utf-8")) for m in modules}
    kept = [c for c in candidates if not _noise(c, spans[c.module])]
    graded = tuple(c for c in kept if not any(_matches(e, c) for e in declared))
    problems = tuple(
        f"[[mutation.equivalent]] {e.operator} in {e.function} at {e.line!r} matches no "
        "mutant: update its locator or remove it"
        for e in declared
        if not any(_matches(e, c) for c in kept)
    )
    return MutantPlan(
        graded=graded,
        noise=len(candidates) - len(kept),
        equivalent=len(kept) - len(graded),
        problems=problems,
    )


def _matches(declared: EquivalentMutant, candidate: Candidate) -> bool:
    return (
        declared.operator == candidate.operator
        and declared.function == candidate.function
        and declared.line.strip() == candidate.original
        and (declared.mutated is None or declared.mutated.strip() == candidate.mutated)
    )


def _noise(candidate: Candidate, spans: list[_Span]) -> bool:
    if _NOISE.fullmatch(candidate.operator):
        return True
    if candidate.operator == "core/RemoveDecorator":
        return False
    return any(first <= (candidate.line, candidate.column) < last for first, last in spans)


def _static_spans(text: str) -> list[_Span]:
    """Where a module's annotations and decorators are, as (line, column) ranges."""
    lines = text.splitlines()
    nodes: list[ast.expr] = []
    for node in ast.walk(ast.parse(text)):
        match node:
            case ast.arg(annotation=ast.expr() as annotation):
                nodes.append(annotation)
            case ast.AnnAssign(annotation=annotation):
                nodes.append(annotation)
            case ast.FunctionDef() | ast.AsyncFunctionDef():
                nodes += [*node.decorator_list, *([node.returns] if node.returns else [])]
            case ast.ClassDef(decorator_list=decorators):
                nodes += decorators
            case ast.TypeAlias(value=value):
                nodes.append(value)
            case _:
                pass
    return [
        (_position(lines, n.lineno, n.col_offset), _position(lines, n.end_lineno, n.end_col_offset))
        for n in nodes
    ]


def _position(lines: list[str], line: int | None, byte_column: int | None) -> tuple[int, int]:
    number = line or 0
    text = lines[number - 1] if 0 < number <= len(lines) else ""
    column = len(text.encode("utf-8")[: byte_column or 0].decode("utf-8", errors="ignore"))
    return number, column
