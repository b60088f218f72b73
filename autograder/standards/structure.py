"""Check, on the learner's source, that the structures a kata requires are defined.

Whether a class is a frozen dataclass or a Protocol can be read from the code without
running it, so it is: learner code never decides these checks.
"""

from __future__ import annotations

import ast
import builtins

from autograder.kata.model import Requirement, RequirementKind
from autograder.report.model import Finding
from autograder.submission import Submission

__all__ = ["check_requirement", "describe_requirement"]

_BUILTIN_EXCEPTIONS = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
)


def describe_requirement(requirement: Requirement) -> str:
    """Say in one line what the requirement asks for.

    Args:
        requirement: The requirement.

    Returns:
        E.g. ``"Define ConfigError, an exception class deriving from ValueError"``.
    """
    name = requirement.name
    match requirement.kind:
        case RequirementKind.EXCEPTION_CLASS:
            base = f" deriving from {requirement.base}" if requirement.base else ""
            return f"Define {name}, an exception class{base}"
        case RequirementKind.FROZEN_DATACLASS:
            return f"Define {name} as a frozen dataclass (@dataclass(frozen=True))"
        case RequirementKind.DATACLASS:
            return f"Define {name} as a dataclass"
        case RequirementKind.PROTOCOL:
            return f"Define {name} as a typing.Protocol"
        case RequirementKind.TYPEDDICT:
            return f"Define {name} as a TypedDict"


def check_requirement(requirement: Requirement, submission: Submission) -> tuple[Finding, ...]:
    """Check one requirement against every module of the submission.

    Args:
        requirement: What must be defined.
        submission: The learner's code.

    Returns:
        No finding if it is met, else one that says what is missing.
    """
    classes = {
        node.name: (source.path, node)
        for source in submission.files
        for node in ast.walk(source.tree)
        if isinstance(node, ast.ClassDef)
    }
    found = classes.get(requirement.name)
    if found is None:
        return (_finding(requirement, submission.entry_path, 0, "is not defined anywhere"),)
    path, node = found
    problem = _problem(requirement, node, {name: pair[1] for name, pair in classes.items()})
    return () if problem is None else (_finding(requirement, path, node.lineno, problem),)


def _finding(requirement: Requirement, path: str, line: int, problem: str) -> Finding:
    return Finding(
        rule=f"KZ-REQ-{requirement.kind.upper()}",
        path=path,
        line=line,
        column=1 if line else 0,
        message=f"{requirement.name} {problem}",
    )


def _problem(
    requirement: Requirement, node: ast.ClassDef, classes: dict[str, ast.ClassDef]
) -> str | None:
    bases = {_name(base) for base in node.bases}
    match requirement.kind:
        case RequirementKind.EXCEPTION_CLASS:
            ancestry = _ancestry(node, classes)
            if not ancestry & _BUILTIN_EXCEPTIONS:
                return "is not an exception class"
            if requirement.base and requirement.base not in ancestry:
                return f"does not derive from {requirement.base}"
            return None
        case RequirementKind.FROZEN_DATACLASS | RequirementKind.DATACLASS:
            frozen = requirement.kind is RequirementKind.FROZEN_DATACLASS
            return _dataclass_problem(node, frozen=frozen)
        case RequirementKind.PROTOCOL:
            return None if "Protocol" in bases else "does not derive from typing.Protocol"
        case RequirementKind.TYPEDDICT:
            return None if "TypedDict" in bases else "does not derive from typing.TypedDict"


def _name(node: ast.expr) -> str:
    """The last name of a base or decorator: ``typing.Protocol[T]`` gives ``Protocol``."""
    match node:
        case ast.Subscript(value=value) | ast.Call(func=value):
            return _name(value)
        case ast.Attribute(attr=attr):
            return attr
        case ast.Name(id=name):
            return name
        case _:
            return ""


def _ancestry(node: ast.ClassDef, classes: dict[str, ast.ClassDef]) -> set[str]:
    seen: set[str] = set()
    pending = [_name(base) for base in node.bases]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        if name in classes:
            pending.extend(_name(base) for base in classes[name].bases)
    return seen


def _dataclass_problem(node: ast.ClassDef, *, frozen: bool) -> str | None:
    for decorator in node.decorator_list:
        if _name(decorator) != "dataclass":
            continue
        if not frozen:
            return None
        keywords = decorator.keywords if isinstance(decorator, ast.Call) else []
        for keyword in keywords:
            if keyword.arg == "frozen" and isinstance(keyword.value, ast.Constant):
                return None if keyword.value.value is True else "is not frozen"
        return "is a dataclass but not frozen"
    return "is not a dataclass"
