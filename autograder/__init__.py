"""Kaizen's grading core: grade a submission of a kata, get one immutable report.

The public API::

    from autograder import Catalog, GradingOptions, grade
    kata = Catalog(course_root).get("config-loader")
    report = grade(kata, Path("submission.py"), GradingOptions(cache_dir=cache))

Names are imported on first use, so that the light parts of the package (the behaviour
test plugin, the learner's worker) start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from autograder.errors import (
        KaizenError,
        KataError,
        SubmissionError,
        UnknownKataError,
        WorkspaceError,
    )
    from autograder.grading import GradingOptions, grade
    from autograder.kata import Catalog, Kata
    from autograder.report import Report, report_to_json

__all__ = [
    "Catalog",
    "GradingOptions",
    "KaizenError",
    "Kata",
    "KataError",
    "Report",
    "SubmissionError",
    "UnknownKataError",
    "WorkspaceError",
    "grade",
    "report_to_json",
]

_HOMES = {
    "Catalog": "autograder.kata",
    "Kata": "autograder.kata",
    "GradingOptions": "autograder.grading",
    "grade": "autograder.grading",
    "Report": "autograder.report",
    "report_to_json": "autograder.report",
    "KaizenError": "autograder.errors",
    "KataError": "autograder.errors",
    "SubmissionError": "autograder.errors",
    "UnknownKataError": "autograder.errors",
    "WorkspaceError": "autograder.errors",
}


def __getattr__(name: str) -> object:
    """Import a public name on first use."""
    if name not in _HOMES:
        msg = f"module 'autograder' has no attribute {name!r}"
        raise AttributeError(msg)
    return getattr(importlib.import_module(_HOMES[name]), name)
