"""The learner's use cases around a kata: start, reset, read the brief, hints, the solution."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from autograder.app.course import Course
from autograder.app.errors import NotPassedError
from autograder.app.workspace_files import support_texts
from autograder.kata.model import Kata
from autograder.workspace import Started

__all__ = [
    "Brief",
    "Hints",
    "Reset",
    "Solution",
    "SolutionFile",
    "read_brief",
    "reference_solution",
    "reset_kata",
    "reveal_hint",
    "start_kata",
]


@dataclass(frozen=True, slots=True)
class Brief:
    """A kata's brief (its README).

    Attributes:
        kata_id: The kata.
        title: Its title.
        path: The file it was read from (the workspace's copy once started).
        text: The Markdown text.
    """

    kata_id: str
    title: str
    path: Path
    text: str


@dataclass(frozen=True, slots=True)
class Reset:
    """What ``reset_kata`` did.

    Attributes:
        folder: The kata's fresh folder.
        backup: Where the previous work was set aside, if there was any.
    """

    folder: Path
    backup: Path | None


@dataclass(frozen=True, slots=True)
class Hints:
    """The hints revealed so far.

    Attributes:
        shown: Their texts, from the nudge to the strongest revealed.
        levels: How many hint levels the kata has.
    """

    shown: tuple[str, ...]
    levels: int

    @property
    def exhausted(self) -> bool:
        """Whether every hint is now revealed."""
        return len(self.shown) == self.levels


@dataclass(frozen=True, slots=True)
class SolutionFile:
    """One file of a reference solution.

    Attributes:
        path: Its path relative to the solution's folder, e.g. ``stats.py``.
        text: Its content, whole.
        diff: A unified diff from the learner's file of that path to this one, when asked
            for (empty if they are the same; every line added if the learner has none).
    """

    path: str
    text: str
    diff: str | None = None


@dataclass(frozen=True, slots=True)
class Solution:
    """A kata's reference solution.

    Attributes:
        kata_id: The kata.
        files: Its Python files, sorted by path.
    """

    kata_id: str
    files: tuple[SolutionFile, ...]


def start_kata(course: Course, kata: Kata) -> Started:
    """Lay out a kata in the workspace (never touching existing work) and make it current.

    Args:
        course: The course.
        kata: The kata.

    Returns:
        What was laid out.

    Raises:
        WorkspaceError: If a file cannot be written.
    """
    started = course.workspace.start(kata, support_texts(kata))
    course.progress.start(kata.id)
    return started


def reset_kata(course: Course, kata: Kata) -> Reset:
    """Set the learner's work aside as a backup and lay out the kata afresh.

    Args:
        course: The course.
        kata: The kata.

    Returns:
        Where the fresh copy and the backup are.

    Raises:
        WorkspaceError: If the backup or the fresh copy cannot be made.
    """
    backup = course.workspace.reset(kata, support_texts(kata))
    course.progress.start(kata.id)
    return Reset(folder=course.workspace.kata_dir(kata), backup=backup)


def read_brief(course: Course, kata: Kata) -> Brief:
    """Return the kata's brief: the workspace's copy once started, else the kata's own.

    Args:
        course: The course.
        kata: The kata.

    Returns:
        The brief.
    """
    copy = course.workspace.kata_dir(kata) / "README.md"
    path = copy if copy.is_file() else kata.readme
    return Brief(kata.id, kata.spec.title, path, path.read_text(encoding="utf-8"))


def reveal_hint(course: Course, kata: Kata) -> Hints:
    """Reveal one more hint level (up to the last) and return every hint revealed.

    Args:
        course: The course.
        kata: The kata.

    Returns:
        The hints revealed so far.
    """
    levels = len(kata.spec.hints)
    shown = course.progress.reveal_hint(kata.id, levels)
    return Hints(shown=kata.spec.hints[:shown], levels=levels)


def reference_solution(course: Course, kata: Kata, *, diff: bool = False) -> Solution:
    """Return the reference solution of a kata the learner has passed.

    Args:
        course: The course.
        kata: The kata.
        diff: Also compare each file with the learner's file of the same path.

    Returns:
        The solution.

    Raises:
        NotPassedError: If the learner has not passed the kata.
    """
    state = course.progress.get(kata.id)
    if state is None or not state.passed:
        raise NotPassedError(kata.id)
    top = kata.solution.parent
    paths = sorted(kata.solution.rglob("*.py")) if kata.solution.is_dir() else [kata.solution]
    files = []
    for path in paths:
        relative = path.relative_to(top).as_posix()
        text = path.read_text(encoding="utf-8")
        compared = (
            _diff(course.workspace.code_dir(kata) / relative, relative, text) if diff else None
        )
        files.append(SolutionFile(relative, text, compared))
    return Solution(kata.id, tuple(files))


def _diff(learner_file: Path, relative: str, solution: str) -> str:
    try:
        yours = learner_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        yours = ""
    lines = difflib.unified_diff(
        yours.splitlines(keepends=True),
        solution.splitlines(keepends=True),
        fromfile=f"yours/{relative}",
        tofile=f"solution/{relative}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
