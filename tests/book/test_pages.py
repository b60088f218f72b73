"""The generated kata and checklist pages come from the grader's own data."""

from __future__ import annotations

from pathlib import Path

from autograder.book.pages import GENERATED, checklist_page, kata_page, write_pages
from autograder.kata import Catalog
from autograder.standards.definitions import CHECKS
from autograder.syllabus import ChecklistItem
from tests.conftest import REPO

KATAS = Catalog(REPO).katas


def test_a_kata_page_is_built_from_its_files() -> None:
    kata = next(k for k in KATAS if k.id == "config-loader")
    page = kata_page(kata)
    assert page.startswith(GENERATED)
    assert f"# {kata.spec.title}" in page
    assert "`kaizen start config-loader`" in page
    readme_line = kata.readme.read_text(encoding="utf-8").splitlines()[2]
    assert readme_line in page
    for hint in kata.spec.hints:
        assert hint in page
    assert page.count(":class: dropdown") == len(kata.spec.hints)
    for category, points in kata.spec.points.items():
        assert f"| {category} | {points} |" in page


def test_the_checklist_page_covers_every_item_and_its_checks() -> None:
    page = checklist_page(KATAS)
    rows = [line for line in page.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + len(ChecklistItem)
    for check in CHECKS:
        if check.checklist:
            assert f"`{check.id}`" in page
    assert (
        "*not yet automated*"
        not in rows[1 + list(ChecklistItem).index(ChecklistItem.ACTIONABLE_ERRORS)]
    )


def test_writing_pages_twice_changes_nothing(tmp_path: Path) -> None:
    written = write_pages(tmp_path, KATAS)
    stamps = {path: path.stat().st_mtime_ns for path in written}
    (tmp_path / "katas" / "kata-gone.md").write_text("stale")
    write_pages(tmp_path, KATAS)
    assert {path: path.stat().st_mtime_ns for path in written} == stamps
    assert not (tmp_path / "katas" / "kata-gone.md").exists()
    assert len(written) == 2 + len(KATAS)
