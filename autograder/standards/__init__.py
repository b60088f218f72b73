"""Standards grading: linters, type checker and own analysers on the learner's source."""

from autograder.standards.config import ToolSettings, tool_settings, workspace_pyproject
from autograder.standards.definitions import CHECKS, CheckDefinition
from autograder.standards.runner import StandardsOutcome, run_standards
from autograder.standards.selection import graded_checks

__all__ = [
    "CHECKS",
    "CheckDefinition",
    "StandardsOutcome",
    "ToolSettings",
    "graded_checks",
    "run_standards",
    "tool_settings",
    "workspace_pyproject",
]
