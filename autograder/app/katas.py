"""Which kata a use case is about, the katas with the learner's standing, and what is next."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from autograder.app.course import Course
from autograder.app.errors import NoKataChosenError
from autograder.kata.model import Kata
from autograder.progress import KataProgress

__all__ = ["KataStanding", "choose_kata", "kata_here", "list_katas", "next_kata"]


@dataclass(frozen=True, slots=True)
class KataStanding:
    """A kata and where the learner stands on it.

    Attributes:
        kata: The kata.
        progress: The learner's progress, or ``None`` if never started.
    """

    kata: Kata
    progress: KataProgress | None

    @property
    def passed(self) -> bool:
        """Whether the learner passed it at least once."""
        return self.progress is not None and self.progress.passed


def choose_kata(course: Course, kata_id: str | None, cwd: Path) -> Kata:
    """Resolve the kata a command is about.

    Args:
        course: The course.
        kata_id: The id given, if any.
        cwd: The working directory: inside a kata's workspace folder, that kata.

    Returns:
        The kata named, else the one whose folder ``cwd`` is in, else the current one.

    Raises:
        NoKataChosenError: If none of these gives a kata.
        UnknownKataError: If the id names no kata.
    """
    chosen = kata_id or kata_here(course, cwd) or course.progress.current()
    if chosen is None:
        raise NoKataChosenError
    return course.catalog.get(chosen)


def kata_here(course: Course, cwd: Path) -> str | None:
    """Return the kata whose workspace folder holds ``cwd``, if any.

    Args:
        course: The course.
        cwd: A directory.

    Returns:
        The kata's id.
    """
    here = cwd.resolve()
    if here.is_relative_to(course.workspace_root):
        parts = here.relative_to(course.workspace_root).parts
        if parts and parts[0] in course.catalog.ids():
            return parts[0]
    return None


def list_katas(course: Course) -> tuple[KataStanding, ...]:
    """Return every kata in course order (chapter, then id), with the learner's standing.

    Args:
        course: The course.

    Returns:
        The katas.
    """
    progress = course.progress.all()
    return tuple(KataStanding(kata, progress.get(kata.id)) for kata in course.catalog.katas)


def next_kata(course: Course, after: str | None) -> Kata | None:
    """Return the next kata in course order that the learner has not passed.

    As rustlings does: the search starts after ``after`` and wraps around, so a learner
    who moves on from a kata they have not passed comes back to it last.

    Args:
        course: The course.
        after: The kata to move on from (usually the current one), if any.

    Returns:
        The kata (``after`` itself when it is the only one not passed), or ``None`` once
        every kata is passed.
    """
    standings = list_katas(course)
    ids = [standing.kata.id for standing in standings]
    start = ids.index(after) + 1 if after in ids else 0
    for standing in (*standings[start:], *standings[:start]):
        if not standing.passed:
            return standing.kata
    return None
