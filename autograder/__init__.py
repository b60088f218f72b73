"""Kaizen's grading core: grade a submission of a kata, get one immutable report.

The public API::

    from autograder import Catalog, GradingOptions, grade
    kata = Catalog(course_root).get("config-loader")
    report = grade(kata, Path("submission.py"), GradingOptions(cache_dir=cache))
"""

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
