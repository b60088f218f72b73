"""Running learner code: the isolated child process, its limits, and trusted helper runs."""

from autograder.sandbox.limits import ResourceLimits

__all__ = ["ResourceLimits"]
