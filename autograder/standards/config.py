"""The grader's tool configuration, defined once for the grader and the learner's tools.

The grader builds its ruff and mypy command lines from these settings, and ``kaizen
start`` writes the same settings into the learner's workspace as ``pyproject.toml``
(:func:`workspace_pyproject`), so that plain ``ruff check``, ``ruff format --check`` and
``mypy`` there report what the grader reports. Only the mechanics stay the grader's own:
it reads no configuration from the submission, and it defuses every suppression comment
(``# noqa``, ``# type: ignore``, ``# fmt: off``) before the tools run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from autograder.kata.model import KataSpec
from autograder.standards.checks import CheckDefinition, Tool
from autograder.standards.selection import covers, graded_checks
from autograder.submission import IGNORED_NAMES

__all__ = [
    "LINE_LENGTH",
    "NEVER_GRADED",
    "WORKSPACE_EXCLUDED",
    "ToolSettings",
    "settings_for",
    "tool_settings",
    "workspace_pyproject",
]

LINE_LENGTH = 88
"""The grader's line length (ruff's default): for ``E501`` and for ``ruff format``."""

WORKSPACE_EXCLUDED = ("tests", "support", *sorted(IGNORED_NAMES))
"""What a workspace holds besides the learner's ``src/``, which the grader never lints."""

type TomlValue = str | int | bool | tuple[str, ...]

_SOURCE_FOLDER = "src"
_MYPY_OPTIONS: dict[str, TomlValue] = {
    "strict": True,
    "python_version": "3.12",
    "warn_unreachable": True,
    "show_error_codes": True,
}


NEVER_GRADED: tuple[str, ...] = (
    "UP013",  # functional TypedDict syntax: mypy accepts it, a correct refactor may use it
    "UP014",  # functional NamedTuple syntax: the same
)
"""Ruff rules the grader never applies: they reject spellings that mypy accepts."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolSettings:
    """How the grader runs ruff, ruff format and mypy for one kata.

    Attributes:
        select: The ruff rules of every graded check, baseline included.
        format_graded: Whether ``ruff format`` is graded.
        mypy_graded: Whether ``mypy --strict`` is graded.
    """

    select: tuple[str, ...]
    format_graded: bool
    mypy_graded: bool

    def ruff_options(self) -> dict[str, TomlValue]:
        """Return ruff's settings, keyed as ruff's ``--config`` option takes them."""
        return {
            "line-length": LINE_LENGTH,
            "target-version": "py312",
            "lint.select": self.select,
            "lint.ignore": NEVER_GRADED,
            "lint.pydocstyle.convention": "google",
            "lint.mccabe.max-complexity": 10,
        }

    def ruff_arguments(self) -> list[str]:
        """Return ruff's settings as ``--config`` arguments, for ``check`` and ``format``."""
        return [f"--config={key} = {_toml(value)}" for key, value in self.ruff_options().items()]

    def mypy_config(self) -> str:
        """Return the grader's mypy configuration file (TOML)."""
        return _render({"tool.mypy": _MYPY_OPTIONS})


def settings_for(checks: Iterable[CheckDefinition]) -> ToolSettings:
    """Derive the tool settings from the graded checks.

    Args:
        checks: The checks a kata grades.

    Returns:
        The settings.
    """
    checks = tuple(checks)
    tools = {tool for check in checks for tool in check.tools}
    rules = {rule for check in checks for rule in check.rules}
    widest = {rule for rule in rules if not any(o != rule and covers(o, rule) for o in rules)}
    return ToolSettings(
        select=tuple(sorted(widest)),  # UP006 goes without saying where UP is selected
        format_graded=Tool.RUFF_FORMAT in tools,
        mypy_graded=Tool.MYPY in tools,
    )


def tool_settings(spec: KataSpec) -> ToolSettings:
    """Give the tool settings the grader uses for a kata.

    Args:
        spec: The kata.

    Returns:
        The settings.
    """
    return settings_for(graded_checks(frozenset(spec.points)))


def workspace_pyproject(spec: KataSpec) -> str:
    """Write the ``pyproject.toml`` of a learner's workspace for a kata.

    The workspace holds the learner's code in ``src/``, the behaviour tests in
    ``tests/`` and a ``conftest.py``; only ``src/`` is linted and type-checked, as the
    grader does.

    Args:
        spec: The kata.

    Returns:
        The file's text.
    """
    settings = tool_settings(spec)
    ruff: dict[str, dict[str, TomlValue]] = {
        "tool.ruff": {
            "include": (f"{_SOURCE_FOLDER}/**/*.py",),
            "extend-exclude": WORKSPACE_EXCLUDED,
            "force-exclude": True,
        }
    }
    for key, value in settings.ruff_options().items():
        table, _, name = f"tool.ruff.{key}".rpartition(".")
        ruff.setdefault(table, {})[name] = value
    if not settings.format_graded:
        ruff.setdefault("tool.ruff.format", {})["exclude"] = ("*",)
    mypy: dict[str, TomlValue] = {
        **_MYPY_OPTIONS,
        "files": (_SOURCE_FOLDER,),
        "exclude": tuple(f"(^|/){name.replace('.', '[.]')}(/|$)" for name in WORKSPACE_EXCLUDED),
    }
    if not settings.mypy_graded:
        mypy["ignore_errors"] = True
    header = (
        f"# The grader's settings for the kata {spec.id!r}, written by 'kaizen start'.\n"
        "# Plain 'ruff check', 'ruff format --check' and 'mypy' here report what 'kaizen\n"
        "# check' reports about src/, with one difference: the grader also ignores every\n"
        "# suppression comment ('# noqa', '# type: ignore', '# fmt: off'). Edits here do\n"
        "# not change the grade.\n"
    )
    return f"{header}\n{_render({**ruff, 'tool.mypy': mypy})}"


def _render(tables: dict[str, dict[str, TomlValue]]) -> str:
    blocks = []
    for table, values in tables.items():
        lines = [f"[{table}]"]
        for key, value in values.items():
            line = f"{key} = {_toml(value)}"
            if len(line) > LINE_LENGTH and isinstance(value, tuple):  # one item a line
                line = "\n".join([f"{key} = [", *(f"    {json.dumps(v)}," for v in value), "]"])
            lines.append(line)
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def _toml(value: TomlValue) -> str:
    match value:
        case bool():
            return "true" if value else "false"
        case int():
            return str(value)
        case str():
            return json.dumps(value)  # a JSON string is a valid TOML basic string
        case tuple():
            return "[" + ", ".join(json.dumps(item) for item in value) + "]"
