"""Where the learner stands: per kata (best score, trend), per chapter, per checklist item."""

from __future__ import annotations

from dataclasses import dataclass

from autograder.app.course import Course
from autograder.app.katas import KataStanding, list_katas
from autograder.kata.model import Kata
from autograder.progress import KataProgress
from autograder.syllabus import ChecklistItem

__all__ = ["ChapterStanding", "ChecklistStanding", "KataTrend", "Overview", "overview"]

TREND_ATTEMPTS = 12
"""How many of a kata's latest attempts its trend shows."""


@dataclass(frozen=True, slots=True)
class KataTrend:
    """A started kata's scores.

    Attributes:
        kata_id: The kata.
        title: Its title.
        passed: Whether it was ever passed.
        best_score: The best score so far.
        max_score: The points at stake.
        attempts: How many times it was checked.
        recent: The shares of the points scored by the latest attempts, oldest first,
            each from 0.0 to 1.0.
    """

    kata_id: str
    title: str
    passed: bool
    best_score: int
    max_score: int
    attempts: int
    recent: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class ChapterStanding:
    """How many katas of a chapter are passed.

    Attributes:
        chapter: The chapter's folder name, e.g. ``04-type-hints``.
        passed: Katas passed.
        total: Katas in the chapter.
    """

    chapter: str
    passed: int
    total: int


@dataclass(frozen=True, slots=True)
class ChecklistStanding:
    """The katas that train one review-checklist item, and those passed.

    Attributes:
        item: The checklist item.
        training: The ids of the katas that train it, in course order.
        passed: Those the learner passed.
    """

    item: ChecklistItem
    training: tuple[str, ...]
    passed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Overview:
    """The learner's progress on the whole course.

    Attributes:
        katas: One trend per started kata, in course order.
        chapters: One line per chapter, in course order.
        checklist: One line per checklist item, in the syllabus's order.
    """

    katas: tuple[KataTrend, ...]
    chapters: tuple[ChapterStanding, ...]
    checklist: tuple[ChecklistStanding, ...]


def overview(course: Course) -> Overview:
    """Summarise the learner's progress.

    Args:
        course: The course.

    Returns:
        The overview.
    """
    standings = list_katas(course)
    return Overview(
        katas=tuple(_trend(course, s.kata, p) for s in standings if (p := s.progress) is not None),
        chapters=_chapters(standings),
        checklist=tuple(_item(item, standings) for item in ChecklistItem),
    )


def _trend(course: Course, kata: Kata, progress: KataProgress) -> KataTrend:
    recent = course.progress.attempts(kata.id, TREND_ATTEMPTS)
    return KataTrend(
        kata_id=kata.id,
        title=kata.spec.title,
        passed=progress.passed,
        best_score=progress.best_score,
        max_score=progress.max_score,
        attempts=progress.attempts,
        recent=tuple(a.score / a.max_score if a.max_score else 0.0 for a in recent),
    )


def _chapters(standings: tuple[KataStanding, ...]) -> tuple[ChapterStanding, ...]:
    by_chapter: dict[str, list[KataStanding]] = {}
    for standing in standings:
        by_chapter.setdefault(standing.kata.spec.chapter, []).append(standing)
    return tuple(
        ChapterStanding(chapter, sum(s.passed for s in katas), len(katas))
        for chapter, katas in by_chapter.items()
    )


def _item(item: ChecklistItem, standings: tuple[KataStanding, ...]) -> ChecklistStanding:
    training = [s for s in standings if item in s.kata.spec.checklist]
    return ChecklistStanding(
        item=item,
        training=tuple(s.kata.id for s in training),
        passed=tuple(s.kata.id for s in training if s.passed),
    )
