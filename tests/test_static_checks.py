"""AST metrics, structure requirements and blind-spot checks, read from source unrun."""

from __future__ import annotations

import ast
import textwrap

import pytest

from autograder.kata.model import Requirement, RequirementKind
from autograder.report.model import Finding
from autograder.standards.blindspots import (
    BLIND_SPOTS,
    BlindSpot,
    append_loops_over_tuples,
    uncovered_findings,
)
from autograder.standards.definitions import CHECKS
from autograder.standards.messages import messages_at_raise_site, vague_raises
from autograder.standards.metrics import MAX_FUNCTION_LINES, measure
from autograder.standards.selection import covers
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


_TD = RequirementKind.TYPEDDICT
_FROZEN = RequirementKind.FROZEN_DATACLASS
_PROTOCOL = RequirementKind.PROTOCOL


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
        ("@dataclass\nclass P: x: int", _requirement(_FROZEN, "P"), False),
        ("@dataclass\nclass P: x: int", _requirement(RequirementKind.DATACLASS, "P"), True),
        (
            "class S(Protocol):\n    def get(self) -> int: ...",
            _requirement(_PROTOCOL, "S"),
            True,
        ),
        ("class S(typing.Protocol[T]): pass", _requirement(_PROTOCOL, "S"), True),
        ("class R(TypedDict):\n    a: int", _requirement(_TD, "R"), True),
        ("class R(dict): pass", _requirement(_TD, "R"), False),
        ("x = 1", _requirement(_TD, "R"), False),
    ],
)
def test_requirements(source: str, requirement: Requirement, met: bool) -> None:
    findings = check_requirement(requirement, _submission(source))
    assert (findings == ()) is met
    if not met:
        assert requirement.name in findings[0].message


@pytest.mark.parametrize(
    "source",
    [
        "class R(TypedDict):\n    a: int",
        "import typing\nclass R(typing.TypedDict, total=False):\n    a: int",
        "import typing_extensions as te\nclass R(te.TypedDict):\n    a: int",
        "from typing import TypedDict as TD\nclass R(TD):\n    a: int",
        'R = TypedDict("R", {"a": int})',
        'R = TypedDict("R", {"a": int}, total=False)',
        'import typing\nR = typing.TypedDict("R", {"a": int})',
        "class Base(TypedDict):\n    a: int\nclass R(Base):\n    b: int",
        'Base = TypedDict("Base", {"a": int})\nclass R(Base, total=False):\n    b: int',
        "class R[T](TypedDict):\n    a: T",
        '_R = TypedDict("_R", {"a": int})\nR = _R',
        "class _R(TypedDict):\n    a: int\ntype R = _R",
        "if TYPE_CHECKING:\n    class R(TypedDict):\n        a: int",
    ],
)
def test_every_typeddict_spelling_mypy_accepts_counts(source: str) -> None:
    assert check_requirement(_requirement(_TD, "R"), _submission(source)) == ()


@pytest.mark.parametrize(
    "source",
    [
        "@dataclass(frozen=True, slots=True)\nclass P:\n    x: int",
        "import dataclasses\n@dataclasses.dataclass(frozen=True)\nclass P:\n    x: int",
        "import dataclasses as dc\n@dc.dataclass(slots=True, frozen=True)\nclass P:\n    x: int",
        "from dataclasses import dataclass as data\n@data(frozen=True)\nclass P:\n    x: int",
        (
            "@dataclass(frozen=True)\nclass A:\n    x: int\n"
            "@dataclass(frozen=True)\nclass P(A):\n    y: int"
        ),
        "@dataclass(frozen=True)\nclass A:\n    x: int\nclass P(A):\n    pass",
    ],
)
def test_every_frozen_dataclass_spelling_counts(source: str) -> None:
    assert check_requirement(_requirement(_FROZEN, "P"), _submission(source)) == ()


@pytest.mark.parametrize(
    ("source", "requirement", "told"),
    [
        ('R = TypedDict("Row", {"a": int})', _requirement(_TD, "R"), "first argument to be 'R'"),
        (
            "R = dict[str, int]",
            _requirement(_TD, "R"),
            "is assigned 'dict[str, int]', not a TypedDict",
        ),
        ("type R = dict[str, int]", _requirement(_TD, "R"), "is a type alias of 'dict[str, int]'"),
        ("def R(): ...", _requirement(_TD, "R"), "is a function, not a TypedDict"),
        ("class R(NamedTuple):\n    a: int", _requirement(_TD, "R"), "is a NamedTuple, not a"),
        ("from rows import R", _requirement(_TD, "R"), "is imported from rows, not a TypedDict"),
        ("x = 1", _requirement(_TD, "R"), "is not defined anywhere: define it in mod.py as"),
        ("def f():\n    class R(TypedDict): ...", _requirement(_TD, "R"), "is defined inside f"),
        ("@dataclass(frozen=False)\nclass P: ...", _requirement(_FROZEN, "P"), "not frozen"),
        (
            "@dataclass(frozen=True)\nclass A: ...\n@dataclass\nclass P(A): ...",
            _requirement(_FROZEN, "P"),
            "is a dataclass but not frozen",
        ),
        ("class P(NamedTuple):\n    x: int", _requirement(_FROZEN, "P"), "is a NamedTuple, not a"),
        (
            "class P(Protocol): ...\nclass S(P): ...",
            _requirement(_PROTOCOL, "S"),
            "is a class, not",
        ),
        (
            "class E(Exception): pass",
            _requirement(RequirementKind.EXCEPTION_CLASS, "E", "ValueError"),
            "is an exception class but does not derive from ValueError",
        ),
    ],
)
def test_a_name_defined_otherwise_is_told_what_it_is(
    source: str, requirement: Requirement, told: str
) -> None:
    (finding,) = check_requirement(requirement, _submission(source))
    assert told in finding.message
    defined = "not defined anywhere" not in told
    assert (finding.line > 0) is defined


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


def _appends(text: str) -> list[int]:
    return [finding.line for finding in append_loops_over_tuples(_source(text))]


@pytest.mark.parametrize(
    "loop",
    [
        "for a, b in pairs:\n        out.append(a + b)",
        "for (a, b) in pairs:\n        out.append(a)",
        "for [a, b] in pairs:\n        out.append(a)",
        "for i, (a, b) in enumerate(pairs):\n        out.append(a * i)",
        "for *a, b in pairs:\n        out.append(b)",
        "for a, b in pairs:\n        if a:\n            out.append(b)",
    ],
)
def test_an_append_loop_over_tuples_is_caught_where_perf401_is_blind(loop: str) -> None:
    source = f"def f(pairs):\n    out = []\n    {loop}\n    return out\n"
    assert _appends(source) == [len(source.splitlines()) - 1]


@pytest.mark.parametrize(
    ("setup", "loop"),
    [
        ("out = []", "for a in pairs:\n        out.append(a)"),  # ruff's PERF401 reports it
        (
            "out = []",
            (
                "for a, b in pairs:\n        if a:\n            out.append(a)\n"
                "        else:\n            out.append(b)"
            ),
        ),
        (
            "out = []",
            "for a, b in pairs:\n        if a:\n            if b:\n                out.append(b)",
        ),
        ("out = []", "for a, b in pairs:\n        out.append(a)\n        out.append(b)"),
        ("out = []", "for a, b in pairs:\n        out.append(out[-1] if out else a)"),
        ("out = make()", "for a, b in pairs:\n        out.append(a)"),  # not known to be a list
        ("out = []", "for a, b in pairs:\n        self.out.append(a)"),
    ],
)
def test_other_loops_are_left_alone(setup: str, loop: str) -> None:
    assert _appends(f"def f(self, pairs):\n    {setup}\n    {loop}\n    return out\n") == []


def test_a_list_typed_parameter_async_loops_and_module_code_count_too() -> None:
    source = """\
    async def f(pairs, out: list[int]):
        async for a, b in pairs:
            out.append(a)
    rows = []
    for key, value in {}.items():
        rows.append(key)
    """
    assert _appends(source) == [3, 6]


def test_a_line_ruff_already_reports_is_not_reported_twice() -> None:
    (spot,) = [spot for spot in BLIND_SPOTS if spot.rule == "PERF401"]
    source = _source("def f(pairs):\n    out = []\n    for a, b in pairs:\n        out.append(a)\n")
    ruff_saw = Finding(rule=spot.rule, path="mod.py", line=4, column=9, message="PERF401")
    other = Finding(rule="PERF402", path="mod.py", line=4, column=9, message="PERF402")
    assert uncovered_findings(spot, source, [other]) != ()
    assert uncovered_findings(spot, source, [ruff_saw]) == ()


@pytest.mark.parametrize(
    ("statement", "flagged"),
    [
        ("raise ConfigError('line 3: the port must be a number')", True),
        ("raise ConfigError(f'line {port}: not a port')", True),
        ("raise ConfigError('port ' + message)", True),
        ("raise ConfigError('port %s' % port)", True),
        ("raise ConfigError('port {}'.format(port))", True),
        ("raise ConfigError(port, message=f'{port}')", True),
        ("raise ConfigError(port, message)", False),  # the facts: the class builds the text
        ("raise ConfigError(message)", False),
        ("msg = f'line {port}: not a port'\n    raise ConfigError(msg)", True),
        ("raise ConfigError('server', 'host')", False),  # short literal facts, not a message
        ("raise ConfigError(port, '')", False),
        ("where = f'line {port}'\n    raise ConfigError(port, where)", False),  # facts
        ("raise ValueError(f'port {port} is out of range: use 1-65535')", False),
    ],
)
def test_messages_of_own_exceptions_are_built_in_their_class(statement: str, flagged: bool) -> None:
    source = _source(
        f"class ConfigError(ValueError): ...\ndef f(port, message):\n    {statement}\n"
    )
    found = messages_at_raise_site(Submission(files=(source,), entry_path="mod.py"))
    assert (found != ()) is flagged


@pytest.mark.parametrize("spot", BLIND_SPOTS, ids=lambda spot: spot.finding_rule)
def test_each_blind_spot_names_its_upstream_issue_and_runs_where_its_rule_is_graded(
    spot: BlindSpot,
) -> None:
    assert spot.upstream.startswith("https://github.com/astral-sh/ruff/issues/")
    graders = [check for check in CHECKS if any(covers(s, spot.rule) for s in check.rules)]
    assert graders, f"no check selects {spot.rule}, so {spot.finding_rule} would never run"
