"""The book covers the syllabus, and every lesson the grader links to exists.

Every section of the syllabus is taught on a page of the book.
"""

from __future__ import annotations

import re
import tomllib

import pytest

from autograder.standards.definitions import CHECKS
from autograder.syllabus import CATEGORY_LESSONS
from tests.conftest import REPO

SYLLABUS = REPO.parent / "shared" / "syllabus" / "enterprise-python.md"
BOOK = REPO / "book"
MAP = tomllib.loads((BOOK / "syllabus-map.toml").read_text(encoding="utf-8"))["sections"]
GENERATED_PAGES = {"checklist", "katas/index"}  # written by `kaizen book` from grader data
HEADING = re.compile(r"^(?:#{2,3} (?P<heading>.+)|\*\*(?P<bold>[^*]+)\*\*)$")


def _syllabus_headings() -> list[str]:
    text = SYLLABUS.read_text(encoding="utf-8")
    in_code = False
    headings = []
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and (match := HEADING.match(line.strip())):
            headings.append(match["heading"] or match["bold"])
    return headings


def _page_exists(page: str) -> bool:
    return page in GENERATED_PAGES or (BOOK / f"{page}.md").is_file()


@pytest.mark.skipif(not SYLLABUS.exists(), reason="the shared syllabus is beside the repo")
def test_every_syllabus_heading_is_mapped_to_a_page() -> None:
    headings = _syllabus_headings()
    assert len(headings) >= 25, "the syllabus parser found too few headings"
    missing = [heading for heading in headings if heading not in MAP]
    assert missing == [], f"add these syllabus headings to book/syllabus-map.toml: {missing}"
    stale = sorted(set(MAP) - set(headings))
    assert stale == [], f"book/syllabus-map.toml names headings the syllabus lacks: {stale}"


def test_every_mapped_page_exists() -> None:
    missing = sorted({page for page in MAP.values() if not _page_exists(page)})
    assert missing == [], f"pages named in book/syllabus-map.toml but missing: {missing}"


def test_every_chapter_teaches_part_of_the_syllabus() -> None:
    chapters = {f"chapters/{path.stem}" for path in (BOOK / "chapters").glob("*.md")}
    assert len(chapters) == 16
    assert chapters - set(MAP.values()) == set(), "a chapter maps to no syllabus section"


def _lessons() -> set[str]:
    lessons = {check.lesson for check in CHECKS} | set(CATEGORY_LESSONS.values())
    return lessons | {"00-welcome#how-grading-works"}


@pytest.mark.parametrize("lesson", sorted(_lessons()))
def test_every_lesson_the_grader_links_to_exists(lesson: str) -> None:
    chapter, _, label = lesson.partition("#")
    source = BOOK / "chapters" / f"{chapter}.md"
    assert source.is_file(), f"the grader links to {chapter}, which the book lacks"
    if label:
        assert f"({label})=" in source.read_text(encoding="utf-8"), (
            f"{source.name} needs the target '({label})=' before the section it names"
        )
