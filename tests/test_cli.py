"""The learner and instructor commands, driven as a person would, through the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, TEST_COURSE, Kaizen, make_runner

STATS = TEST_COURSE / "exercises" / "01-basics" / "stats"
STATS_SOLUTION = TEST_COURSE / "solutions" / "01-basics" / "stats" / "src" / "stats.py"


def _workspace_file(tmp_path: Path) -> Path:
    return tmp_path / "workspace" / "stats" / "stats.py"


def test_list_json_is_the_documented_contract(course_kaizen: Kaizen) -> None:
    run = course_kaizen("list", "--json")
    assert run.returncode == 0, run.stderr
    items = run.json()
    assert len(items) >= 3
    for item in items:
        assert {"id", "title", "chapter", "path", "starter", "solution"} <= item.keys()
        for key in ("path", "starter", "solution"):
            assert not Path(item[key]).is_absolute()
            assert (REPO / item[key]).exists(), item[key]


def test_list_shows_progress(kaizen: Kaizen) -> None:
    assert "not started" in kaizen("list").stdout
    kaizen("start", "stats")
    assert "started" in kaizen("list").stdout


def test_unknown_kata_is_a_usage_error(kaizen: Kaizen) -> None:
    for args in (("grade", "nope", str(STATS_SOLUTION)), ("start", "nope"), ("check", "nope")):
        run = kaizen(*args)
        assert run.returncode == 2, args
        assert "no kata is called 'nope'" in run.stderr
        assert "stats" in run.stderr
        assert "Traceback" not in run.stderr


def test_grading_a_missing_path_is_a_usage_error(kaizen: Kaizen, tmp_path: Path) -> None:
    run = kaizen("grade", "stats", str(tmp_path / "missing.py"), "--json")
    assert run.returncode == 2
    assert run.stdout == ""
    assert "does not exist" in run.stderr


@pytest.mark.slow
def test_grade_json_prints_one_report_and_exits_zero(kaizen: Kaizen, tmp_path: Path) -> None:
    run = kaizen("grade", "stats", str(STATS / "src" / "stats.py"), "--json")
    assert run.returncode == 0
    report = run.json()
    assert report["status"] == "failed"
    assert not (tmp_path / "workspace").exists(), "grading must not touch learner progress"


def test_start_copies_the_starter_and_never_overwrites(kaizen: Kaizen, tmp_path: Path) -> None:
    run = kaizen("start", "stats")
    assert run.returncode == 0, run.stderr
    copy = _workspace_file(tmp_path)
    assert copy.read_text() == (STATS / "src" / "stats.py").read_text()
    copy.write_text("# my work\n")
    again = kaizen("start", "stats")
    assert again.returncode == 0
    assert "nothing was overwritten" in again.stdout
    assert copy.read_text() == "# my work\n"


def test_reset_keeps_a_backup(kaizen: Kaizen, tmp_path: Path) -> None:
    kaizen("start", "stats")
    _workspace_file(tmp_path).write_text("# my work\n")
    run = kaizen("reset", "stats", "--yes")
    assert run.returncode == 0, run.stderr
    backups = list((tmp_path / "workspace" / ".kaizen" / "backups").glob("stats-*/stats.py"))
    assert [path.read_text() for path in backups] == ["# my work\n"]
    assert _workspace_file(tmp_path).read_text() == (STATS / "src" / "stats.py").read_text()


def test_reset_asks_first(kaizen: Kaizen, tmp_path: Path) -> None:
    kaizen("start", "stats")
    _workspace_file(tmp_path).write_text("# my work\n")
    kaizen("reset", "stats", stdin="n\n")
    assert _workspace_file(tmp_path).read_text() == "# my work\n"


def test_hints_are_revealed_one_level_at_a_time(kaizen: Kaizen) -> None:
    kaizen("start", "stats")
    first = kaizen("hint")
    assert "Hint 1 of 3" in first.stdout
    assert "Hint 2 of 3" not in first.stdout
    assert "Hint 2 of 3" in kaizen("hint").stdout
    third = kaizen("hint", "stats")
    assert "Hint 3 of 3" in third.stdout
    assert "last hint" in third.stdout
    assert "Hint 3 of 3" in kaizen("hint").stdout


@pytest.mark.slow
def test_check_exit_codes_and_solution_gate(kaizen: Kaizen, tmp_path: Path) -> None:
    assert kaizen("check", "stats").returncode == 2, "not started yet"
    kaizen("start", "stats")
    not_yet = kaizen("check")
    assert not_yet.returncode == 1
    assert "Fix this first" in not_yet.stdout
    assert "kaizen hint" in not_yet.stdout
    assert kaizen("solution", "stats").returncode == 1
    shutil.copy(STATS_SOLUTION, _workspace_file(tmp_path))
    passed = kaizen("check", "--json")
    assert passed.returncode == 0
    assert passed.json()["status"] == "passed"
    shown = kaizen("solution", "stats")
    assert shown.returncode == 0
    assert "def mean" in shown.stdout
    assert "passed" in kaizen("list").stdout
    assert "1/1" in kaizen("progress").stdout


def test_dev_check_accepts_a_sound_course(kaizen: Kaizen) -> None:
    run = kaizen("dev", "check")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1/1 katas OK" in run.stdout


@pytest.mark.slow
def test_dev_check_explains_what_is_wrong(tmp_path: Path, cache_dir: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(TEST_COURSE, course)
    solution = course / "solutions" / "01-basics" / "stats" / "src" / "stats.py"
    solution.write_text(
        solution.read_text().replace("return sum(values)", "return sum(values) + 1")
    )
    legacy = course / "exercises" / "01-basics" / "stats" / "src" / "stats.py"
    shutil.copy(STATS_SOLUTION, legacy)
    run = make_runner(course, tmp_path / "ws", cache_dir)("dev", "check")
    assert run.returncode == 1
    assert "already meets every standards check" in run.stdout
    assert "not full marks" in run.stdout
    assert "0/1 katas OK" in run.stdout


@pytest.mark.slow
def test_watch_rechecks_on_save(tmp_path: Path, cache_dir: Path) -> None:
    workspace = tmp_path / "workspace"
    make_runner(TEST_COURSE, workspace, cache_dir)("start", "stats")
    env = {
        **os.environ,
        "KAIZEN_ROOT": str(TEST_COURSE),
        "KAIZEN_WORKSPACE": str(workspace),
        "KAIZEN_CACHE_DIR": str(cache_dir),
        "COLUMNS": "200",
    }
    log = tmp_path / "watch.log"
    with log.open("w") as sink:
        watcher = subprocess.Popen(
            [sys.executable, "-m", "autograder", "watch", "stats", "--poll"],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
        )
        try:
            deadline = time.monotonic() + 60
            while "Watching" not in log.read_text() and time.monotonic() < deadline:
                time.sleep(0.2)
            assert "NOT YET" in log.read_text()
            shutil.copy(STATS_SOLUTION, workspace / "stats" / "stats.py")
            while "PASSED" not in log.read_text() and time.monotonic() < deadline:
                time.sleep(0.2)
            assert "PASSED" in log.read_text(), log.read_text()
        finally:
            watcher.terminate()
            watcher.wait(timeout=10)


def test_commands_find_the_kata_from_the_working_directory(tmp_path: Path, cache_dir: Path) -> None:
    workspace = tmp_path / "workspace"
    run = make_runner(REPO, workspace, cache_dir)
    run("start", "typed-invoices")
    run("start", "config-loader")  # now the current kata
    env = {**os.environ, "KAIZEN_ROOT": str(REPO), "KAIZEN_WORKSPACE": str(workspace)}
    done = subprocess.run(
        [sys.executable, "-m", "autograder", "hint"],
        cwd=workspace / "typed-invoices",
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "TypedDict" in done.stdout, "the hint should be typed-invoices', the folder we are in"
    assert "ConfigError" not in done.stdout
