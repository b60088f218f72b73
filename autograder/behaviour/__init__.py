"""Behaviour grading: the kata's suite in a trusted process, learner code behind a proxy."""

from autograder.behaviour.runner import SuiteFailure, run_behaviour

__all__ = ["SuiteFailure", "run_behaviour"]
