"""The baseline's own analysers: ``__all__`` and shared module state, read from source."""

from __future__ import annotations

import ast
import textwrap

import pytest

from autograder.standards.public_api import public_api
from autograder.standards.shared_state import shared_state_writes
from autograder.submission import SourceFile, Submission


def _source(text: str, path: str = "mod.py") -> SourceFile:
    text = textwrap.dedent(text)
    return SourceFile(path=path, text=text, tree=ast.parse(text))


def _api(text: str) -> list[tuple[str, int]]:
    submission = Submission(files=(_source(text),), entry_path="mod.py")
    return [(finding.rule, finding.line) for finding in public_api(submission)]


def test_a_module_without_all_is_told_its_public_names() -> None:
    submission = Submission(
        files=(_source("def total(): ...\nclass Line: ...\n"),), entry_path="mod.py"
    )
    (finding,) = public_api(submission)
    assert finding.rule == "KZ-ALL-MISSING"
    assert '__all__ = ["total", "Line"]' in finding.message


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('__all__ = ["total", "Line"]\ndef total(): ...\nclass Line: ...\n', []),
        ('__all__ = ("total",)\ndef total(): ...\ndef _helper(): ...\n', []),
        ('__all__: list[str] = ["total"]\ndef total(): ...\n', []),
        ('__all__ = ["total"]\n__all__ += ["more"]\ndef total(): ...\ndef more(): ...\n', []),
        ('__all__ = ["total"]\n__all__.extend(["more"])\ndef total(): ...\ndef more(): ...\n', []),
        (
            '__all__ = ["total"]\ndef total(): ...\nasync def fetch(): ...\n',
            [("KZ-ALL-UNLISTED", 3)],
        ),
        ("__all__ = []\ntype Amount = int\n", [("KZ-ALL-UNLISTED", 2)]),
        (
            '__all__ = []\nfrom typing import TypedDict\nRaw = TypedDict("Raw", {})\n',
            [("KZ-ALL-UNLISTED", 3)],
        ),
        ("__all__ = []\nif True:\n    class Hidden: ...\n", [("KZ-ALL-UNLISTED", 3)]),
        (
            '__all__ = ["total", "_helper"]\ndef total(): ...\ndef _helper(): ...\n',
            [("KZ-ALL-PRIVATE", 1)],
        ),
        # constants, loggers and imports are not required; dunders are not private
        (
            'import logging\n__all__ = ["__version__"]\nlogger = logging.getLogger()\nLIMIT = 3\n',
            [],
        ),
        # an __all__ built by code cannot be read: taken as it is
        ("__all__ = [*other.__all__]\ndef total(): ...\n", []),
    ],
)
def test_all_lists_exactly_the_public_api(source: str, expected: list[tuple[str, int]]) -> None:
    assert _api(source) == expected


def test_only_the_entry_module_needs_all() -> None:
    entry = _source(
        '"""Package."""\n__all__ = ["total"]\nfrom pkg._core import total\n', "pkg/__init__.py"
    )
    core = _source("def total(): ...\n", "pkg/_core.py")
    submission = Submission(files=(entry, core), entry_path="pkg/__init__.py")
    assert public_api(submission) == ()


def _writes(text: str) -> list[tuple[int, str]]:
    return [(f.line, f.message.split(" writes")[0]) for f in shared_state_writes(_source(text))]


@pytest.mark.parametrize(
    "statement",
    [
        "LAST[key] = 1",
        "LAST[key] += 1",
        "LAST[key]['x'] = 1",
        "del LAST[key]",
        "LAST.clear()",
        "LAST.update({key: 1})",
        "LAST.setdefault(key, []).append(1)",
        "ROWS.append(key)",
        "ROWS[0].append(key)",
        "SEEN.add(key)",
        "COUNTS[key] += 1",
        "QUEUE.appendleft(key)",
        "global LAST\n    LAST.clear()",
    ],
)
def test_a_function_writing_into_module_state_is_reported(statement: str) -> None:
    source = (
        "import collections\nLAST = {}\nROWS = [x for x in ()]\nSEEN = set()\n"
        "COUNTS = collections.Counter()\nfrom collections import deque as dq\nQUEUE = dq()\n"
        f"def f(key):\n    {statement}\n"
    )
    assert _writes(source) == [(len(source.splitlines()), "f()")], source


@pytest.mark.parametrize(
    "body",
    [
        "LAST = {}\n    LAST['k'] = 1",  # a local of the same name
        "value = LAST['k']\n    return value",  # reading is fine
        "TABLE['k'] = 1",  # a tuple is not a container that can be written into
        "for LAST in ({},):\n        LAST['k'] = 1",  # the loop rebinds the name locally
        "copy = dict(LAST)\n    copy['k'] = 1",  # writing into a copy
    ],
)
def test_local_names_copies_and_reads_are_not_shared_state(body: str) -> None:
    source = f"LAST = {{}}\nTABLE = (1, 2)\ndef f(LAST_ARG=None):\n    {body}\n"
    assert _writes(source) == []


def test_parameters_shadow_module_names_and_module_code_may_fill_its_tables() -> None:
    source = "ROWS = []\nROWS.append(1)\ndef f(ROWS):\n    ROWS.append(2)\n"
    assert _writes(source) == []


def test_methods_and_lambdas_are_functions_too_each_reported_once() -> None:
    source = """\
    CACHE = {}
    class Repo:
        def get(self, key):
            CACHE[key] = 1
            CACHE[key + 1] = 2
    remember = lambda key: CACHE.setdefault(key, 0)
    """
    assert _writes(source) == [(4, "get()"), (6, "a lambda")]
