"""Plain-text pieces every renderer shares: diff lines in a message, lesson references."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["LessonUrl", "LineKind", "MessageLine", "lesson_place", "message_lines"]

type LessonUrl = Callable[[str], str]
"""Maps a lesson id such as ``04-type-hints#annotations`` to the URL of that book section."""


class LineKind(StrEnum):
    """What a line of a check's message is."""

    TEXT = "text"
    REMOVED = "removed"
    """A diff line starting with ``-``."""
    ADDED = "added"
    """A diff line starting with ``+``."""
    HINT = "hint"
    """A diff line starting with ``?``: markers under the characters that differ."""


_MARKS = {"-": LineKind.REMOVED, "+": LineKind.ADDED, "?": LineKind.HINT}


@dataclass(frozen=True, slots=True)
class MessageLine:
    """One line of a check's message.

    Attributes:
        kind: Plain text, or which side of a diff it belongs to.
        text: The line, without its line break.
    """

    kind: LineKind
    text: str


def message_lines(message: str) -> tuple[MessageLine, ...]:
    """Split a message into lines, marking the diff blocks in it.

    A diff line starts, after any indentation, with ``-``, ``+`` or ``?`` (as
    ``difflib.ndiff`` and ``difflib.unified_diff`` write them; ``--`` and ``++`` do not
    count). A diff block is a run of lines without a blank one, each a diff line or
    indented (context, ``…``), holding at least one ``-`` and one ``+`` line. Such lines
    anywhere else (a list of ``-`` bullets, pytest's ``+  where`` lines) stay text.

    Args:
        message: A check's message.

    Returns:
        Its lines, each with its kind.
    """
    lines = message.splitlines()
    marks = [_mark(line) for line in lines]
    result: list[MessageLine] = []
    for start, end in _runs(lines, marks):
        block = marks[start:end]
        is_diff = LineKind.REMOVED in block and LineKind.ADDED in block
        for index in range(start, end):
            mark = marks[index]
            kind = mark if is_diff and mark is not None else LineKind.TEXT
            result.append(MessageLine(kind, lines[index]))
    return tuple(result)


def lesson_place(lesson: str) -> str:
    """Name a lesson for a reader who has no link: ``chapter X, section Y``.

    Args:
        lesson: A chapter slug, optionally with ``#section``.

    Returns:
        The words for it.
    """
    chapter, _, section = lesson.partition("#")
    return f"chapter {chapter}, section {section}" if section else f"chapter {chapter}"


def _mark(line: str) -> LineKind | None:
    text = line.lstrip(" ")
    if text[1:2] in {"-", "+"}:
        return None
    return _MARKS.get(text[:1])


def _runs(lines: list[str], marks: list[LineKind | None]) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each run of diff or indented lines, and of each other line."""
    index = 0
    while index < len(lines):
        end = index + 1
        if marks[index] is not None:
            while end < len(lines) and (marks[end] is not None or lines[end][:1] == " "):
                end += 1
        yield index, end
        index = end
