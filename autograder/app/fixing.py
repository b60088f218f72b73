"""``kaizen fix``: apply the safe automatic fixes to the learner's code, after a backup.

The fixes are ruff's safe fixes and ``ruff format``, with the settings the grader runs
ruff with for the kata (whatever the workspace's ``pyproject.toml`` now says).
Unsafe fixes, which may change behaviour, are never applied.
"""

from __future__ import annotations

import difflib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ruff import find_ruff_bin

from autograder.app.course import Course
from autograder.app.errors import NotStartedError
from autograder.kata.model import Kata
from autograder.sandbox.trusted import run_trusted
from autograder.standards.config import tool_settings

__all__ = ["Fixed", "fix_kata"]

_TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class Fixed:
    """What ``fix_kata`` changed.

    Attributes:
        kata_id: The kata.
        changed: The files changed, relative to the kata's folder.
        diff: A unified diff of every change (empty if nothing changed).
        backup: The folder holding the code as it was, if anything changed.
        problem: Why a tool could not fix everything (e.g. a syntax error), if so.
    """

    kata_id: str
    changed: tuple[str, ...]
    diff: str
    backup: Path | None
    problem: str | None


def fix_kata(course: Course, kata: Kata) -> Fixed:
    """Back up the learner's code, then apply ruff's safe fixes and ``ruff format`` to it.

    Args:
        course: The course.
        kata: A started kata.

    Returns:
        What changed, with the diff and where the backup is.

    Raises:
        NotStartedError: If the kata has no folder in the workspace.
        WorkspaceError: If the backup cannot be made (then nothing is changed).
    """
    workspace = course.workspace
    if not workspace.is_started(kata):
        raise NotStartedError(kata.id)
    folder = workspace.kata_dir(kata)
    files = workspace.code_files(kata)
    before = {file: file.read_text(encoding="utf-8") for file in files}
    backup = workspace.back_up_code(kata, "fix")
    problem = _run_ruff(kata, folder, [file.relative_to(folder).as_posix() for file in files])
    diff: list[str] = []
    changed: list[str] = []
    for file, old in before.items():
        new = file.read_text(encoding="utf-8")
        if new != old:
            name = file.relative_to(folder).as_posix()
            changed.append(name)
            diff += difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"before/{name}",
                tofile=f"after/{name}",
            )
    if not changed:
        shutil.rmtree(backup, ignore_errors=True)
    return Fixed(
        kata_id=kata.id,
        changed=tuple(changed),
        diff="".join(line if line.endswith("\n") else line + "\n" for line in diff),
        backup=backup if changed else None,
        problem=problem,
    )


def _run_ruff(kata: Kata, folder: Path, files: list[str]) -> str | None:
    """Run the safe fixes, then the formatter; return what went wrong, if anything."""
    if not files:
        return None
    ruff = find_ruff_bin()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    common = ["--isolated", "--no-cache", "--quiet", *tool_settings(kata.spec).ruff_arguments()]
    steps = (
        ("ruff check --fix", [ruff, "check", "--fix", *common, "--", *files]),
        ("ruff format", [ruff, "format", *common, "--", *files]),
    )
    for name, argv in steps:
        run = run_trusted(argv, timeout=_TIMEOUT_SECONDS, cwd=folder, env=env)
        if run.timed_out or run.returncode not in {0, 1}:
            return f"{name} stopped (exit {run.returncode}): {run.output.strip()[-500:]}"
    return None
