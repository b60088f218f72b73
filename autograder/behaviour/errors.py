"""Exceptions that learner code raises or causes, as seen from the trusted test process."""

from __future__ import annotations

__all__ = [
    "LearnerCrashed",
    "LearnerError",
    "LearnerProcessFailure",
    "LearnerTimeout",
    "ProtocolViolation",
]


class LearnerError(Exception):
    """An exception raised by the learner's code, reported by type name and message.

    The exception object itself never crosses the process boundary: only its class names
    and ``str()`` do, so a hostile exception cannot run code in the test process.

    Attributes:
        type_name: The name of the exception's class, e.g. ``"ConfigError"``.
        type_names: The names of every class in its MRO, most specific first.
        message: ``str(exception)`` in the learner's process (truncated if huge).
    """

    def __init__(self, type_name: str, type_names: tuple[str, ...], message: str) -> None:
        """Describe the learner's exception.

        Args:
            type_name: Its class name.
            type_names: Its MRO's class names.
            message: ``str()`` of it.
        """
        super().__init__(f"{type_name}: {message}" if message else type_name)
        self.type_name = type_name
        self.type_names = type_names
        self.message = message

    def is_a(self, class_name: str) -> bool:
        """Tell whether the learner's exception is an instance of the class so named."""
        return class_name in self.type_names


class LearnerProcessFailure(BaseException):
    """The learner's process failed as a whole: the test stops at once.

    It derives from ``BaseException`` on purpose: hypothesis then does not retry or shrink
    (each retry would wait out the time limit again), and the message names the very call
    that failed, which is the counterexample.
    """


class LearnerCrashed(LearnerProcessFailure):
    """The learner's process ended (exit, crash, or signal) while a call was in flight."""


class LearnerTimeout(LearnerProcessFailure):
    """A call into the learner's code ran past its time limit and the process was killed."""


class ProtocolViolation(LearnerProcessFailure):
    """The learner's process sent something that is not a valid answer to the request."""
