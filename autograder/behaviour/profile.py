"""The hypothesis profile behaviour suites run under, when graded and in a workspace alike.

One definition, so that plain ``pytest`` in a learner's workspace generates exactly the
examples the grader does: derandomized (the same examples on every run), no example
database (nothing a learner's earlier run stored changes a grade), no deadline (a busy
machine must not fail a test), every phase but ``explain``, and no health check (slow
learner code is judged by the call limits, not by hypothesis).
"""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, settings

__all__ = ["load_grading_profile"]

_PROFILE = "kaizen-grading"


def load_grading_profile(max_examples: int) -> None:
    """Register and load the grading profile.

    Args:
        max_examples: Hypothesis examples per property (the kata's ``max_examples``).
    """
    settings.register_profile(
        _PROFILE,
        derandomize=True,
        database=None,
        deadline=None,
        max_examples=max_examples,
        print_blob=False,
        report_multiple_bugs=False,
        phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )
    settings.load_profile(_PROFILE)
