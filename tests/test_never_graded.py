"""Spellings that mypy accepts are never a style finding (a correct refactor may use them)."""

from __future__ import annotations

from pathlib import Path

from autograder.standards.config import ToolSettings
from autograder.standards.tools import run_ruff

FUNCTIONAL = """\
from typing import NamedTuple, TypedDict

RawLine = TypedDict("RawLine", {"sku": str, "qty": int})
Point = NamedTuple("Point", [("x", int), ("y", int)])
"""


def test_functional_typeddict_and_namedtuple_are_not_style_findings(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(FUNCTIONAL, encoding="utf-8")
    settings = ToolSettings(select=("UP",), format_graded=True, mypy_graded=True)
    found = run_ruff(tmp_path, ["m.py"], settings)
    assert isinstance(found, list), found
    assert [finding.rule for finding in found] == []
