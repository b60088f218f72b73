"""The application layer's use cases, called as a front end calls them (no CLI, no grading)."""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
from pathlib import Path

import pytest

from autograder.app import (
    Course,
    NoKataChosenError,
    NotPassedError,
    NotStartedError,
    book_links,
    check_and_record,
    choose_kata,
    fix_kata,
    next_kata,
    overview,
    read_brief,
    reference_solution,
    start_kata,
)
from autograder.progress import ProgressStore
from autograder.report.model import SCHEMA_VERSION, Report, ReportStatus, Sandbox, Timing
from tests.conftest import TEST_COURSE

STATS = TEST_COURSE / "exercises" / "01-basics" / "stats"


def _course(root: Path, tmp_path: Path) -> Course:
    return Course(root=root, workspace_root=tmp_path / "workspace", cache_dir=tmp_path / "cache")


@pytest.fixture
def course(tmp_path: Path) -> Course:
    return _course(TEST_COURSE, tmp_path)


@pytest.fixture
def three_katas(tmp_path: Path) -> Course:
    """A course whose order (chapter, then id) differs from the ids' alphabetical order."""
    root = tmp_path / "course"
    for chapter, kata_id in (("01-basics", "stats"), ("01-basics", "zeta"), ("02-more", "alpha")):
        folder = root / "exercises" / chapter / kata_id
        shutil.copytree(STATS, folder, ignore=shutil.ignore_patterns("__pycache__"))
        toml = (folder / "kata.toml").read_text()
        toml = toml.replace('id = "stats"', f'id = "{kata_id}"')
        (folder / "kata.toml").write_text(toml.replace('"01-basics"', f'"{chapter}"'))
    return _course(root, tmp_path)


def _report(kata_id: str, score: int, max_score: int = 100) -> Report:
    passed = score == max_score
    return Report(
        schema_version=SCHEMA_VERSION,
        kata=kata_id,
        title=kata_id,
        status=ReportStatus.PASSED if passed else ReportStatus.FAILED,
        score=score,
        max_score=max_score,
        sandbox=Sandbox(mechanism="process", isolated=False, note="test"),
        checks=(),
        timing=Timing(total_seconds=0.0),
    )


def test_next_follows_the_course_order_and_wraps_around(three_katas: Course) -> None:
    assert [kata.id for kata in three_katas.catalog.katas] == ["stats", "zeta", "alpha"]
    following = next_kata(three_katas, None)
    assert following is not None
    assert following.id == "stats"
    following = next_kata(three_katas, "zeta")
    assert following is not None
    assert following.id == "alpha"
    three_katas.progress.record(_report("stats", 100))
    following = next_kata(three_katas, "alpha")
    assert following is not None
    assert following.id == "zeta", "passed katas are skipped, the search wraps around"


def test_next_is_none_only_once_every_kata_is_passed(three_katas: Course) -> None:
    for kata_id in ("stats", "zeta"):
        three_katas.progress.record(_report(kata_id, 100))
    last = next_kata(three_katas, "alpha")
    assert last is not None
    assert last.id == "alpha", "the one kata left is next, even when it is the current one"
    three_katas.progress.record(_report("alpha", 100))
    assert next_kata(three_katas, "alpha") is None


def test_overview_shows_best_score_and_trend(three_katas: Course) -> None:
    for score in (10, 50, 40, 100):
        three_katas.progress.record(_report("zeta", score))
    three_katas.progress.record(_report("alpha", 30))
    view = overview(three_katas)
    trends = {trend.kata_id: trend for trend in view.katas}
    assert set(trends) == {"zeta", "alpha"}, "only started katas, in course order"
    assert [trend.kata_id for trend in view.katas] == ["zeta", "alpha"]
    zeta = trends["zeta"]
    assert (zeta.best_score, zeta.max_score, zeta.attempts, zeta.passed) == (100, 100, 4, True)
    assert zeta.recent == (0.1, 0.5, 0.4, 1.0)
    chapters = {chapter.chapter: (chapter.passed, chapter.total) for chapter in view.chapters}
    assert chapters == {"01-basics": (1, 2), "02-more": (0, 1)}
    hinted = next(item for item in view.checklist if str(item.item) == "type-hints")
    assert hinted.training == ("stats", "zeta", "alpha")
    assert hinted.passed == ("zeta",)


def _record_many(database: Path, kata_id: str, count: int) -> None:
    store = ProgressStore(database)
    for score in range(count):
        store.record(_report(kata_id, score))
        store.reveal_hint(kata_id, 3)


def test_progress_stays_correct_when_processes_write_at_once(tmp_path: Path) -> None:
    database = tmp_path / "progress.sqlite3"
    context = multiprocessing.get_context("spawn")
    writers = [
        context.Process(target=_record_many, args=(database, f"kata-{n % 2}", 40)) for n in range(4)
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert [writer.exitcode for writer in writers] == [0, 0, 0, 0]
    store = ProgressStore(database)
    for kata_id in ("kata-0", "kata-1"):
        state = store.get(kata_id)
        assert state is not None
        assert (state.attempts, state.hints_shown) == (80, 3)
    assert len(store.attempts("kata-0", 1000)) == 80
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_choose_kata_by_id_folder_or_current(course: Course, tmp_path: Path) -> None:
    with pytest.raises(NoKataChosenError, match="kaizen start ID"):
        choose_kata(course, None, tmp_path)
    stats = course.catalog.get("stats")
    start_kata(course, stats)
    assert choose_kata(course, None, tmp_path).id == "stats", "the current kata"
    inside = course.workspace.code_dir(stats)
    assert choose_kata(course, None, inside).id == "stats", "the folder we are in"


def test_the_solution_waits_for_a_pass_then_shows_whole_with_a_diff(course: Course) -> None:
    stats = course.catalog.get("stats")
    start_kata(course, stats)
    with pytest.raises(NotPassedError, match="kaizen check stats"):
        reference_solution(course, stats)
    course.progress.record(_report("stats", 100))
    shown = reference_solution(course, stats, diff=True)
    [file] = shown.files
    assert file.path == "stats.py"
    assert file.text == stats.solution.read_text()
    assert file.diff is not None
    assert "--- yours/stats.py" in file.diff
    assert "-    t = 0\n" in file.diff
    assert "+    return sum(values)\n" in file.diff
    assert reference_solution(course, stats).files[0].diff is None


def test_the_brief_is_the_workspace_copy_once_started(course: Course) -> None:
    stats = course.catalog.get("stats")
    before = read_brief(course, stats)
    assert before.path == stats.readme
    start_kata(course, stats)
    after = read_brief(course, stats)
    assert after.path == course.workspace.kata_dir(stats) / "README.md"
    assert after.text.startswith(before.text.rstrip())
    assert "plain" not in before.text
    assert "`kaizen check` is **the grade**" in after.text


def test_fix_formats_with_a_backup_and_a_diff(course: Course) -> None:
    stats = course.catalog.get("stats")
    with pytest.raises(NotStartedError):
        fix_kata(course, stats)
    start_kata(course, stats)
    code = course.workspace.code_dir(stats) / "stats.py"
    messy = "def total( values ):\n    return sum( values )\n"
    code.write_text(messy)
    fixed = fix_kata(course, stats)
    assert fixed.problem is None
    assert fixed.changed == ("src/stats.py",)
    assert code.read_text() == "def total(values):\n    return sum(values)\n"
    assert "-def total( values ):\n" in fixed.diff
    assert "+def total(values):\n" in fixed.diff
    assert fixed.backup is not None
    assert (fixed.backup / "stats.py").read_text() == messy
    again = fix_kata(course, stats)
    assert (again.changed, again.diff, again.backup) == ((), "", None)


def test_fix_reports_code_it_cannot_parse_and_keeps_it(course: Course) -> None:
    stats = course.catalog.get("stats")
    start_kata(course, stats)
    code = course.workspace.code_dir(stats) / "stats.py"
    code.write_text("def total(values:\n")
    fixed = fix_kata(course, stats)
    assert fixed.problem is not None
    assert code.read_text() == "def total(values:\n"


def test_lesson_links_point_into_the_built_book(course: Course, tmp_path: Path) -> None:
    assert book_links(course) is None, "the test course has no built book"
    root = tmp_path / "course"
    shutil.copytree(TEST_COURSE, root)
    html = root / "book" / "_build" / "html"
    (html / "chapters").mkdir(parents=True)
    (html / "index.html").write_text("<html></html>")
    (html / "chapters" / "04-type-hints.html").write_text("<html></html>")
    links = book_links(_course(root, tmp_path))
    assert links is not None
    page = (html / "chapters" / "04-type-hints.html").resolve().as_uri()
    assert links.url("04-type-hints#annotations") == f"{page}#annotations"
    assert links.url("04-type-hints") == page
    assert links.url("99-missing#x") == (html / "index.html").resolve().as_uri()


def test_checking_a_kata_not_started_says_how_to_start(course: Course) -> None:
    with pytest.raises(NotStartedError, match="kaizen start stats"):
        check_and_record(course, course.catalog.get("stats"))
