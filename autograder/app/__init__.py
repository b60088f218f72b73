"""The application layer: the use cases every front end calls, and nothing else.

The ``kaizen`` CLI calls these today; the notebook Check button and the nbgrader
integration will call the same functions. No front end imports another. Each use case
takes a ``Course`` and returns an immutable result (it prints nothing and never exits);
when it cannot do what was asked, it raises an error of ``autograder.app.errors`` (or
another ``KaizenError``) whose message says what to do next.

=====================  ==========================================================
use case               function (module)
=====================  ==========================================================
list, choose, next     ``list_katas``, ``choose_kata``, ``next_kata`` (katas)
start, reset           ``start_kata``, ``reset_kata`` (learning)
brief, hint, solution  ``read_brief``, ``reveal_hint``, ``reference_solution``
check and record       ``check_and_record`` (checking)
progress               ``overview`` (overview)
fix                    ``fix_kata`` (fixing)
grade (instructors)    ``grade_path`` (grader), which reads and writes no progress
lesson links           ``book_links`` (book)
=====================  ==========================================================
"""

from autograder.app.book import BookLinks, book_links
from autograder.app.checking import Checked, NextStep, check_and_record
from autograder.app.course import Course
from autograder.app.errors import NoKataChosenError, NotPassedError, NotStartedError
from autograder.app.fixing import Fixed, fix_kata
from autograder.app.grader import grade_path, grade_workspace
from autograder.app.katas import KataStanding, choose_kata, kata_here, list_katas, next_kata
from autograder.app.learning import (
    Brief,
    Hints,
    Reset,
    Solution,
    SolutionFile,
    read_brief,
    reference_solution,
    reset_kata,
    reveal_hint,
    start_kata,
)
from autograder.app.overview import (
    ChapterStanding,
    ChecklistStanding,
    KataTrend,
    Overview,
    overview,
)

__all__ = [
    "BookLinks",
    "Brief",
    "ChapterStanding",
    "Checked",
    "ChecklistStanding",
    "Course",
    "Fixed",
    "Hints",
    "KataStanding",
    "KataTrend",
    "NextStep",
    "NoKataChosenError",
    "NotPassedError",
    "NotStartedError",
    "Overview",
    "Reset",
    "Solution",
    "SolutionFile",
    "book_links",
    "check_and_record",
    "choose_kata",
    "fix_kata",
    "grade_path",
    "grade_workspace",
    "kata_here",
    "list_katas",
    "next_kata",
    "overview",
    "read_brief",
    "reference_solution",
    "reset_kata",
    "reveal_hint",
    "start_kata",
]
