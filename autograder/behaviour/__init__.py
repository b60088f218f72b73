"""Behaviour grading: the kata's suite in a trusted process, learner code behind a proxy.

``runner`` starts the trusted test process; ``plugin`` runs inside it. ``session`` owns a
code base's child process, ``remote`` the handles on its objects, ``proxy`` the module the
tests talk to. ``outcomes``, ``compare``, ``assertions``, ``sides`` and ``machine`` are
the differential testing that ``autograder.testing`` offers kata suites; ``domains`` holds
its input strategies. They are imported directly, never through this package, to keep the
test process's start-up light.
"""

__all__: list[str] = []
