"""Links from a report's lessons to the pages of the built course book."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from autograder.app.course import Course

__all__ = ["BookLinks", "book_links"]


@dataclass(frozen=True, slots=True)
class BookLinks:
    """Turns lesson ids into ``file://`` URLs of the built book's sections.

    Attributes:
        html: The built book's HTML folder.
    """

    html: Path

    def url(self, lesson: str) -> str:
        """Return the URL of a lesson, e.g. ``04-type-hints#annotations``.

        Args:
            lesson: A chapter slug, optionally with ``#section`` (a MyST target).

        Returns:
            The page's ``file://`` URL, with the section as its fragment; the book's
            start page if no page of that name was built.
        """
        page, _, section = lesson.partition("#")
        candidates = (self.html / "chapters" / f"{page}.html", self.html / f"{page}.html")
        found = next((path for path in candidates if path.is_file()), self.html / "index.html")
        url = found.resolve().as_uri()
        return f"{url}#{section}" if section and found.stem == page else url


def book_links(course: Course) -> BookLinks | None:
    """Return the links to the built book, or ``None`` if it was never built.

    Args:
        course: The course.

    Returns:
        The links.
    """
    html = course.book_html
    return BookLinks(html) if (html / "index.html").is_file() else None
