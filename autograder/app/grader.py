"""The one place the application asks the grading core for a grade.

Every use case that grades (the learner's check, the instructor's grade) comes through
here, and grades with the course's one long-lived ``Grader``.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from autograder.app.course import Course
from autograder.kata.model import Kata
from autograder.report.model import Report
from autograder.workspace import Layout

__all__ = ["grade_path", "grade_workspace"]


def grade_path(course: Course, kata: Kata, path: Path) -> Report:
    """Grade the code at ``path`` (a ``.py`` file or a folder), reading no progress.

    Args:
        course: The course.
        kata: The kata to grade against.
        path: The submission.

    Returns:
        The report.
    """
    return course.grader.grade(kata, path)


def grade_workspace(course: Course, kata: Kata) -> Report:
    """Grade the learner's code of a kata as it is in the workspace.

    The code is ``src/`` of the kata's folder; in a workspace made before ``src/``
    existed, it is the folder's own Python files, without the tests and helpers that
    ``kaizen start`` laid out around them.

    Args:
        course: The course.
        kata: A started kata.

    Returns:
        The report.
    """
    workspace = course.workspace
    if workspace.layout(kata) is Layout.SRC:
        return grade_path(course, kata, workspace.code_dir(kata))
    top = workspace.code_dir(kata)
    with tempfile.TemporaryDirectory(prefix="kaizen-code-") as scratch:
        for file in workspace.code_files(kata):
            target = Path(scratch) / file.relative_to(top)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, target)
        return grade_path(course, kata, Path(scratch))
