"""Standards grading: linters, type checker and metrics on the learner's source."""

from autograder.standards.definitions import CHECKS, CheckDefinition
from autograder.standards.runner import StandardsOutcome, run_standards

__all__ = ["CHECKS", "CheckDefinition", "StandardsOutcome", "run_standards"]
