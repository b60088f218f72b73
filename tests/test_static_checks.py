"""AST metrics and structure requirements, read from source without running it."""

from __future__ import annotations

import ast
import textwrap

import pytest

from autograder.kata.model import Requirement, RequirementKind
from autograder.standards.messages import vague_raises
from autograder.standards.metrics import MAX_FUNCTION_LINES, measure
from autograder.standards.structure import check_requirement
from autograder.submission import SourceFile, Submission
from autograder.syllabus import Category


def _source(text: str, path: str = "mod.py") -> SourceFile:
    text = textwrap.dedent(text)
    return SourceFile(path=path, text=text, tree=ast.parse(text))


def _submission(text: str) -> Submission:
    return Submission(files=(_source(text),), entry_path="mod.py")


def test_a_long_function_is_reported_at_its_def() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (finding,) = measure(_source(f"def long():\n{body}\n"))
    assert finding.rule == "KZ-FUNC-LENGTH"
    assert finding.line == 1
    assert "long" in finding.message


def test_a_function_at_the_limit_is_fine() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES - 1))
    assert measure(_source(f"def ok():\n{body}\n")) == ()


def test_deep_nesting_is_reported_where_it_goes_too_deep() -> None:
    source = """
    def deep(rows):
        for row in rows:
            if row:
                for cell in row:
                    while cell:
                        if cell > 1:
                            cell -= 1
    """
    (finding,) = measure(_source(source))
    assert finding.rule == "KZ-NESTING"
    assert finding.line == 7


def test_elif_chains_do_not_count_as_nesting() -> None:
    branches = "\n".join(f"    elif x == {i}:\n        return {i}" for i in range(10))
    assert measure(_source(f"def f(x):\n    if x == -1:\n        return 0\n{branches}\n")) == ()


def _requirement(kind: RequirementKind, name: str, base: str | None = None) -> Requirement:
    return Requirement(kind=kind, name=name, base=base, category=Category.TYPING)


@pytest.mark.parametrize(
    ("source", "requirement", "met"),
    [
        (
            "class E(ValueError): pass",
            _requirement(RequirementKind.EXCEPTION_CLASS, "E", "ValueError"),
            True,
        ),
        (
            "class B(ValueError): pass\nclass E(B): pass",
            _requirement(RequirementKind.EXCEPTION_CLASS, "E", "ValueError"),
            True,
        ),
        (
            "class E(Exception): pass",
            _requirement(RequirementKind.EXCEPTION_CLASS, "E", "ValueError"),
            False,
        ),
        ("class E: pass", _requirement(RequirementKind.EXCEPTION_CLASS, "E"), False),
        (
            "@dataclass(frozen=True, slots=True)\nclass P: x: int",
            _requirement(RequirementKind.FROZEN_DATACLASS, "P"),
            True,
        ),
        (
            "@dataclasses.dataclass(frozen=True)\nclass P: x: int",
            _requirement(RequirementKind.FROZEN_DATACLASS, "P"),
            True,
        ),
        ("@dataclass\nclass P: x: int", _requirement(RequirementKind.FROZEN_DATACLASS, "P"), False),
        ("@dataclass\nclass P: x: int", _requirement(RequirementKind.DATACLASS, "P"), True),
        (
            "class S(Protocol):\n    def get(self) -> int: ...",
            _requirement(RequirementKind.PROTOCOL, "S"),
            True,
        ),
        ("class S(typing.Protocol[T]): pass", _requirement(RequirementKind.PROTOCOL, "S"), True),
        ("class R(TypedDict):\n    a: int", _requirement(RequirementKind.TYPEDDICT, "R"), True),
        ("class R(dict): pass", _requirement(RequirementKind.TYPEDDICT, "R"), False),
        ("x = 1", _requirement(RequirementKind.TYPEDDICT, "R"), False),
    ],
)
def test_requirements(source: str, requirement: Requirement, met: bool) -> None:
    findings = check_requirement(requirement, _submission(source))
    assert (findings == ()) is met
    if not met:
        assert requirement.name in findings[0].message


@pytest.mark.parametrize(
    ("statement", "vague"),
    [
        ("raise ValueError", True),
        ("raise ValueError()", True),
        ("raise ValueError('invalid')", True),
        ("raise KeyError('bad key')", True),
        ("raise ValueError('port 70000 is above 65535: use 1-65535')", False),
        ("raise ValueError(f'port {port} is out of range')", False),
        ("raise ValueError(message)", False),
        ("raise ConfigError()", False),
        ("raise", False),
    ],
)
def test_vague_error_messages(statement: str, vague: bool) -> None:
    source = _source(f"def f(port, message):\n    {statement}\n")
    assert (vague_raises(source) != ()) is vague
