"""The grader's exception tree: every error the library raises derives from one root.

::

    KaizenError
    ├── KataError                 a kata's files are missing or malformed (course authors)
    │   └── UnknownKataError          no kata has the id asked for
    ├── SubmissionError           the path given to grade cannot be read as a submission
    ├── SandboxUnavailableError   the sandbox asked for (KAIZEN_SANDBOX) cannot run here
    └── WorkspaceError            a learner's workspace cannot be created or changed safely

A learner's mistakes (syntax errors, failing tests) are never exceptions: they are data
in the report. These exceptions mean that grading could not start at all.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "KaizenError",
    "KataError",
    "SandboxUnavailableError",
    "SubmissionError",
    "UnknownKataError",
    "WorkspaceError",
]


class KaizenError(Exception):
    """The root of every error the grader raises on purpose."""


class KataError(KaizenError):
    """A kata's files are missing or malformed.

    Attributes:
        path: The file at fault.
    """

    def __init__(self, path: Path, problem: str) -> None:
        """Describe the fault.

        Args:
            path: The file at fault.
            problem: What is wrong and how to fix it.
        """
        super().__init__(f"{path}: {problem}")
        self.path = path


class UnknownKataError(KaizenError):
    """No kata has the id asked for.

    Attributes:
        kata_id: The id that was asked for.
        known: The ids that exist.
    """

    def __init__(self, kata_id: str, known: tuple[str, ...]) -> None:
        """Describe the miss.

        Args:
            kata_id: The id that was asked for.
            known: The ids that exist.
        """
        hint = ", ".join(known) if known else "none"
        super().__init__(f"no kata is called {kata_id!r}; the katas are: {hint}")
        self.kata_id = kata_id
        self.known = known


class SubmissionError(KaizenError):
    """A submission that cannot be graded at all (missing, unreadable, not Python).

    Attributes:
        path: The path given.
        problem: What is wrong and what to do, without the path.
    """

    def __init__(self, path: Path, problem: str) -> None:
        """Describe the fault.

        Args:
            path: The path given.
            problem: What is wrong and what to do.
        """
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class SandboxUnavailableError(KaizenError):
    """The sandbox asked for cannot run on this machine (e.g. no user namespaces)."""


class WorkspaceError(KaizenError):
    """A learner's workspace cannot be created or changed without risking their work."""
