"""Behaviour grading: the kata's suite in a trusted process, learner code behind a proxy.

``runner`` starts the trusted test process; ``plugin`` runs inside it; ``remote`` is the
proxy to the learner's process. They are imported directly, never through this package,
to keep the test process's start-up light.
"""

__all__: list[str] = []
