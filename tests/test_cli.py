"""The learner and instructor commands, driven as a person would, through the real CLI."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.progress import ProgressStore
from autograder.report.model import SCHEMA_VERSION, Report, ReportStatus, Sandbox, Timing
from tests.conftest import REPO, TEST_COURSE, Kaizen, make_runner

STATS = TEST_COURSE / "exercises" / "01-basics" / "stats"
STATS_SOLUTION = TEST_COURSE / "solutions" / "01-basics" / "stats" / "src" / "stats.py"


def _workspace_file(tmp_path: Path) -> Path:
    return tmp_path / "workspace" / "stats" / "src" / "stats.py"


def _status_of(listing: str, kata_id: str) -> str:
    """The status cell of a kata's row in 'kaizen list'."""
    row = next(line for line in listing.splitlines() if f" {kata_id} " in line)
    return row.rsplit("│", 2)[-2].strip()


def _environment(root: Path, workspace: Path, cache: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "KAIZEN_ROOT": str(root),
        "KAIZEN_WORKSPACE": str(workspace),
        "KAIZEN_CACHE_DIR": str(cache),
        "COLUMNS": "200",
        "NO_COLOR": "1",
        **extra,
    }


def _record_pass(workspace: Path, kata_id: str) -> None:
    """Record a passed check in the learner's progress, as 'kaizen check' would."""
    ProgressStore(workspace / ".kaizen" / "progress.sqlite3").record(
        Report(
            schema_version=SCHEMA_VERSION,
            kata=kata_id,
            title=kata_id,
            status=ReportStatus.PASSED,
            score=100,
            max_score=100,
            sandbox=Sandbox(mechanism="process", isolated=False, note="test"),
            checks=(),
            timing=Timing(total_seconds=0.0),
        )
    )


def _wait_for(log: Path, text: str, process: subprocess.Popen[bytes], seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while text not in log.read_text() and time.monotonic() < deadline:
        if process.poll() is not None:
            break
        time.sleep(0.1)
    output = log.read_text()
    assert text in output, output
    return output


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


def test_list_shows_progress(kaizen: Kaizen, tmp_path: Path) -> None:
    assert _status_of(kaizen("list").stdout, "stats") == "not started"
    kaizen("start", "stats")
    assert _status_of(kaizen("list").stdout, "stats") == "in progress (not checked yet)"
    _record_pass(tmp_path / "workspace", "stats")
    assert _status_of(kaizen("list").stdout, "stats") == "passed (100/100)"


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
    assert "Add type hints and docstrings" in run.stdout, "start shows the brief"
    copy = _workspace_file(tmp_path)
    assert copy.read_text() == (STATS / "src" / "stats.py").read_text()
    copy.write_text("# my work\n")
    (tmp_path / "workspace" / "stats" / "README.md").unlink()
    again = kaizen("start", "stats")
    assert again.returncode == 0
    assert "nothing was overwritten" in again.stdout
    assert "Added what was missing: README.md" in again.stdout
    assert copy.read_text() == "# my work\n"


def test_brief_shows_the_workspace_copy(kaizen: Kaizen) -> None:
    kaizen("start", "stats")
    run = kaizen("brief")
    assert run.returncode == 0, run.stderr
    assert "Add type hints and docstrings" in run.stdout
    assert "Checking your work" in run.stdout


def test_reset_keeps_a_backup(kaizen: Kaizen, tmp_path: Path) -> None:
    kaizen("start", "stats")
    _workspace_file(tmp_path).write_text("# my work\n")
    run = kaizen("reset", "stats", "--yes")
    assert run.returncode == 0, run.stderr
    backups = list((tmp_path / "workspace" / ".kaizen" / "backups").glob("stats-*/src/stats.py"))
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
    assert _status_of(kaizen("list").stdout, "stats").startswith("passed")
    row = next(line for line in kaizen("progress").stdout.splitlines() if "100/100 passed" in line)
    attempts, trend = (cell.strip() for cell in row.split("│")[-3:-1])
    assert attempts == "2"
    assert len(trend) == 2
    assert trend.endswith("█"), "the trend ends with the full-marks attempt"


@pytest.mark.slow
def test_dev_check_accepts_a_sound_course(kaizen: Kaizen) -> None:
    katas = len(list((TEST_COURSE / "exercises").glob("*/*/kata.toml")))
    run = kaizen("dev", "check")
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{katas}/{katas} katas OK" in run.stdout


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
    run = make_runner(course, tmp_path / "ws", cache_dir)("dev", "check", "stats")
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
            shutil.copy(STATS_SOLUTION, workspace / "stats" / "src" / "stats.py")
            while "PASSED" not in log.read_text() and time.monotonic() < deadline:
                time.sleep(0.2)
            assert "PASSED" in log.read_text(), log.read_text()
            assert "check 2 of stats at" in log.read_text(), "a separator before each run"
            assert "Checked in" in log.read_text(), "the time each run took"
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


def test_solution_is_never_cut_at_the_terminal_width(tmp_path: Path, cache_dir: Path) -> None:
    workspace = tmp_path / "workspace"
    make_runner(TEST_COURSE, workspace, cache_dir)("start", "stats")
    _record_pass(workspace, "stats")
    env = _environment(TEST_COURSE, workspace, cache_dir, COLUMNS="30")
    command = [sys.executable, "-m", "autograder", "solution", "stats"]
    shown = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    for line in STATS_SOLUTION.read_text().splitlines():
        assert line.rstrip() in lines, f"{line!r} is not shown whole"
    assert any(len(line) > 30 for line in lines), "the test needs a line wider than 30"
    diffed = subprocess.run(
        [*command, "--diff"], env=env, capture_output=True, text=True, check=False
    )
    assert diffed.returncode == 0, diffed.stderr
    assert "-    t = 0" in diffed.stdout.splitlines()
    assert "+    return sum(values)" in diffed.stdout.splitlines()


def test_fix_formats_and_keeps_a_backup(kaizen: Kaizen, tmp_path: Path) -> None:
    kaizen("start", "stats")
    code = _workspace_file(tmp_path)
    code.write_text("def total( values ):\n    return sum( values )\n")
    run = kaizen("fix")
    assert run.returncode == 0, run.stderr
    assert "+def total(values):" in run.stdout.splitlines()
    assert code.read_text() == "def total(values):\n    return sum(values)\n"
    backups = list((tmp_path / "workspace" / ".kaizen" / "backups").glob("stats-fix-*/stats.py"))
    assert [path.read_text() for path in backups] == [
        "def total( values ):\n    return sum( values )\n"
    ]


def test_next_starts_the_next_kata_not_passed(kaizen: Kaizen, tmp_path: Path) -> None:
    ids = [item["id"] for item in kaizen("list", "--json").json()]
    run = kaizen("next")
    assert run.returncode == 0, run.stderr
    assert f"Next: {ids[0]}" in run.stdout
    assert (tmp_path / "workspace" / ids[0] / "src").is_dir()
    for kata_id in ids:
        _record_pass(tmp_path / "workspace", kata_id)
    done = kaizen("next")
    assert done.returncode == 0
    assert "You have passed every kata" in done.stdout


@pytest.mark.slow
def test_check_all_shows_every_finding_and_links_lessons(tmp_path: Path, cache_dir: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(TEST_COURSE, course, ignore=shutil.ignore_patterns("__pycache__"))
    html = course / "book" / "_build" / "html"
    (html / "chapters").mkdir(parents=True)
    (html / "index.html").write_text("<html></html>")
    kaizen = make_runner(course, tmp_path / "workspace", cache_dir)
    kaizen("start", "stats")
    code = _workspace_file(tmp_path)
    extra = "".join(f"\n\ndef helper_{n}(value):\n    return value\n" for n in range(12))
    code.write_text(code.read_text() + extra)
    short = kaizen("check")
    assert short.returncode == 1
    assert "kaizen check --all" in short.stdout, "some findings are held back"
    assert "helper_11" not in short.stdout
    full = kaizen("check", "--all")
    assert full.returncode == 1
    assert "kaizen check --all" not in full.stdout
    last_line = code.read_text().splitlines().index("def helper_11(value):") + 1
    assert f"stats.py:{last_line}" in full.stdout
    assert html.resolve().as_uri() in full.stdout, "lessons link to the built book"


@pytest.mark.slow
def test_a_workspace_of_the_old_layout_is_still_graded(tmp_path: Path, cache_dir: Path) -> None:
    workspace = tmp_path / "workspace"
    (workspace / "stats").mkdir(parents=True)
    shutil.copy(STATS_SOLUTION, workspace / "stats" / "stats.py")
    kaizen = make_runner(TEST_COURSE, workspace, cache_dir)
    kaizen("start", "stats")  # adds the tests and configuration around the learner's code
    assert not (workspace / "stats" / "src").exists()
    run = kaizen("check", "--json")
    assert run.returncode == 0, run.stdout
    assert run.json()["status"] == "passed"


def _assert_clean_stop(output: str) -> None:
    """No Python traceback, and no warning logged by a library (watchfiles logs one)."""
    for noise in ("Traceback (most recent call last)", "KeyboardInterrupt", "WARNING"):
        assert noise not in output, output


@pytest.mark.slow
def test_ctrl_c_stops_watch_cleanly(tmp_path: Path, cache_dir: Path) -> None:
    workspace = tmp_path / "workspace"
    make_runner(TEST_COURSE, workspace, cache_dir)("start", "stats")
    env = _environment(TEST_COURSE, workspace, cache_dir)
    for moment in ("check 1 of stats", "Watching"):  # while checking, then while waiting
        log = tmp_path / f"watch-{moment.split()[0]}.log"
        with log.open("w") as sink:
            watcher = subprocess.Popen(
                [sys.executable, "-m", "autograder", "watch", "stats", "--poll"],
                stdout=sink,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
            )
            try:
                _wait_for(log, moment, watcher, 120)
                os.killpg(watcher.pid, signal.SIGINT)  # as a terminal does: the whole group
                assert watcher.wait(timeout=120) == 0
            finally:
                if watcher.poll() is None:
                    watcher.kill()
        output = log.read_text()
        assert "Stopped watching." in output
        _assert_clean_stop(output)


def _launcher(tmp_path: Path) -> Path:
    """course.py in a folder of its own whose .venv is the installed one, already set up.

    course.py works on the folder it is in; a copy beside a stamp that matches its
    pyproject.toml skips the installation as every run after the first does, and never
    touches the repository's own virtual environment.
    """
    launcher = tmp_path / "launcher"
    binaries = launcher / ".venv" / "bin"
    binaries.mkdir(parents=True)
    for name in ("course.py", "pyproject.toml"):
        shutil.copy(REPO / name, launcher / name)
    for name in ("kaizen", "python"):
        (binaries / name).symlink_to(REPO / ".venv" / "bin" / name)
    fingerprint = hashlib.sha256((launcher / "pyproject.toml").read_bytes()).hexdigest()
    (launcher / ".venv" / ".kaizen-installed").write_text(fingerprint)
    return launcher


def test_ctrl_c_stops_course_start_cleanly(tmp_path: Path, cache_dir: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(TEST_COURSE, course, ignore=shutil.ignore_patterns("__pycache__"))
    html = course / "book" / "_build" / "html"
    html.mkdir(parents=True)
    (html / "index.html").write_text("<html>the book, as last built</html>")
    env = _environment(course, tmp_path / "workspace", cache_dir, BROWSER="true")
    log = tmp_path / "start.log"
    command = [sys.executable, str(_launcher(tmp_path) / "course.py"), "start"]
    with log.open("w") as sink:
        # --no-build serves the book as last built: the real server, without a book build
        started = subprocess.Popen(
            [*command, "--no-build", "--port", "0"],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        try:
            _wait_for(log, "Serving the book at", started, 60)
            os.killpg(started.pid, signal.SIGINT)
            assert started.wait(timeout=30) == 130
        finally:
            if started.poll() is None:
                started.kill()
    output = log.read_text()
    assert "stats" in output, "it listed the katas first"
    assert "Stopped serving the book." in output
    assert output.rstrip().endswith("Stopped.")
    _assert_clean_stop(output)
