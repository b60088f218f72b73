"""Check, on the learner's source, that the structures a kata requires are defined.

Whether a class is a frozen dataclass or a Protocol can be read from the code without
running it, so it is: learner code never decides these checks. Every spelling mypy
accepts counts (``autograder.standards.shapes``), and a name that is defined, but not as
required, is told what it is instead.
"""

from __future__ import annotations

import ast

from autograder.kata.model import Requirement, RequirementKind
from autograder.report.model import Finding
from autograder.standards.shapes import BUILTIN_EXCEPTIONS, Shape, SubmissionNames
from autograder.submission import Submission

__all__ = ["check_requirement", "describe_requirement"]

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_WANTED = {
    RequirementKind.EXCEPTION_CLASS: "an exception class",
    RequirementKind.FROZEN_DATACLASS: "a frozen dataclass",
    RequirementKind.DATACLASS: "a dataclass",
    RequirementKind.PROTOCOL: "a typing.Protocol",
    RequirementKind.TYPEDDICT: "a TypedDict",
}


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
        No finding if some module-level definition of the name meets it, else one that
        says what the name is instead, or that it is not defined.
    """
    names = SubmissionNames(submission)
    bindings = names.bindings(requirement.name)
    problems = []
    for binding in bindings:
        problem = _problem(requirement, names.shape(requirement.name, binding))
        if problem is None:
            return ()
        problems.append((binding.source.path, binding.statement.lineno, problem))
    if not problems:
        problems.append(_undefined(requirement, submission))
    path, line, problem = problems[0]
    return (
        Finding(
            rule=f"KZ-REQ-{requirement.kind.upper()}",
            path=path,
            line=line,
            column=1 if line else 0,
            message=f"{requirement.name} {problem}",
        ),
    )


def _how(requirement: Requirement) -> str:
    name = requirement.name
    match requirement.kind:
        case RequirementKind.EXCEPTION_CLASS:
            return f"class {name}({requirement.base or 'Exception'})"
        case RequirementKind.FROZEN_DATACLASS:
            return f"@dataclass(frozen=True) class {name}"
        case RequirementKind.DATACLASS:
            return f"@dataclass class {name}"
        case RequirementKind.PROTOCOL:
            return f"class {name}(Protocol)"
        case RequirementKind.TYPEDDICT:
            return f'class {name}(TypedDict), or {name} = TypedDict("{name}", {{...}})'


def _problem(requirement: Requirement, shape: Shape) -> str | None:
    """What keeps a shape from meeting the requirement, or ``None`` if it meets it."""
    if shape.problem is not None:
        return shape.problem
    base = requirement.base
    exception = bool(shape.ancestry & BUILTIN_EXCEPTIONS)
    met = {
        RequirementKind.EXCEPTION_CLASS: exception and (base is None or base in shape.ancestry),
        RequirementKind.FROZEN_DATACLASS: shape.dataclass and shape.frozen,
        RequirementKind.DATACLASS: shape.dataclass,
        RequirementKind.PROTOCOL: shape.protocol,
        RequirementKind.TYPEDDICT: shape.typeddict,
    }[requirement.kind]
    if met:
        return None
    if requirement.kind is RequirementKind.EXCEPTION_CLASS and exception:
        return (
            f"is an exception class but does not derive from {base}: derive it from {base}, "
            "directly or through another of your exceptions"
        )
    if requirement.kind is RequirementKind.FROZEN_DATACLASS and shape.dataclass:
        return (
            "is a dataclass but not frozen: write @dataclass(frozen=True) on the class "
            "itself (each dataclass says frozen=True, even one deriving from a frozen one)"
        )
    wanted = _WANTED[requirement.kind]
    return f"is {shape.description}, not {wanted}: define it as {_how(requirement)}"


def _undefined(requirement: Requirement, submission: Submission) -> tuple[str, int, str]:
    """Where and how to say that a name is not defined at module level."""
    for source in submission.files:
        for outer in ast.walk(source.tree):
            if not isinstance(outer, _DEFINITIONS):
                continue
            for inner in ast.walk(outer):
                if (
                    isinstance(inner, _DEFINITIONS)
                    and inner is not outer
                    and (inner.name == requirement.name)
                ):
                    problem = (
                        f"is defined inside {outer.name}, not at the top level of the "
                        "module: move it there, so that callers and type hints can use it"
                    )
                    return source.path, inner.lineno, problem
    problem = (
        f"is not defined anywhere: define it in {submission.entry_path} as {_how(requirement)}"
    )
    return submission.entry_path, 0, problem
