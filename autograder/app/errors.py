"""The errors a use case raises when it cannot do what was asked (never a learner's mistake).

::

    KaizenError (autograder.errors)
    ├── NoKataChosenError     no kata given, none in the working directory, none started
    ├── NotStartedError       the kata has no folder in the workspace yet
    └── NotPassedError        the reference solution is shown only once the kata is passed

Each message says what to run next. Front ends map them to their own signals (the CLI:
exit code 2, but 1 for ``NotPassedError``, "not yet").
"""

from __future__ import annotations

from autograder.errors import KaizenError

__all__ = ["NoKataChosenError", "NotPassedError", "NotStartedError"]


class NoKataChosenError(KaizenError):
    """No kata was named, the working directory is in none, and none was started."""

    def __init__(self) -> None:
        """Say how to choose one."""
        super().__init__(
            "no kata given and none started yet: run 'kaizen list', then 'kaizen start ID'"
        )


class NotStartedError(KaizenError):
    """The kata has no folder in the learner's workspace.

    Attributes:
        kata_id: The kata.
    """

    def __init__(self, kata_id: str) -> None:
        """Say how to start it.

        Args:
            kata_id: The kata.
        """
        super().__init__(f"you have not started {kata_id} yet: run 'kaizen start {kata_id}'")
        self.kata_id = kata_id


class NotPassedError(KaizenError):
    """The learner asked for the reference solution of a kata not passed yet.

    Attributes:
        kata_id: The kata.
    """

    def __init__(self, kata_id: str) -> None:
        """Say what unlocks it.

        Args:
            kata_id: The kata.
        """
        super().__init__(f"pass {kata_id} first ('kaizen check {kata_id}'): then compare")
        self.kata_id = kata_id
