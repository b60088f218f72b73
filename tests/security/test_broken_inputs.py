"""Broken inputs get an actionable message, the right exit code, and never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_COURSE, Kaizen, make_runner


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


BROKEN = [
    (
        "syntax.py",
        "def total(values):\n    return sum(values\n",
        "syntax error in stats.py, line 2",
    ),
    ("latin1.py", "total = 'caf\xe9'\n".encode("latin-1"), "not UTF-8 text"),
    ("empty.py", "", "stats.py is empty"),
    ("notes.txt", "hello", "submit a .py file, a notebook (.ipynb) or the folder"),
    ("broken.ipynb", '{"cells": [', "not valid notebook JSON"),
    ("not_a_notebook.ipynb", '{"hello": 1}', "not a valid notebook"),
]


@pytest.mark.parametrize(("name", "content", "words"), BROKEN, ids=[b[0] for b in BROKEN])
def test_an_unreadable_submission_is_an_error_report(
    kaizen: Kaizen, tmp_path: Path, name: str, content: str | bytes, words: str
) -> None:
    run = kaizen("grade", "stats", str(_write(tmp_path / "in" / name, content)), "--json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["status"] == "error"
    assert report["checks"] == [], "a submission that cannot be read has no check to show"
    assert words in report["message"]
    assert report["score"] == 0
    assert "Traceback" not in run.stdout + run.stderr


def test_a_folder_without_the_entry_module(kaizen: Kaizen, tmp_path: Path) -> None:
    _write(tmp_path / "in" / "statistics.py", "x = 1\n")
    run = kaizen("grade", "stats", str(tmp_path / "in"), "--json")
    assert run.returncode == 0
    assert "no module 'stats' found: the kata expects stats.py" in run.stdout


def test_a_folder_where_the_module_file_was_expected(kaizen: Kaizen, tmp_path: Path) -> None:
    (tmp_path / "in" / "stats.py").mkdir(parents=True)
    run = kaizen("grade", "stats", str(tmp_path / "in"), "--json")
    assert run.returncode == 0
    assert "stats.py is a folder" in run.stdout


@pytest.mark.slow
def test_a_missing_function_is_named(kaizen: Kaizen, tmp_path: Path) -> None:
    submission = _write(tmp_path / "stats.py", "def total(values):\n    return sum(values)\n")
    run = kaizen("grade", "stats", str(submission), "--json")
    assert run.returncode == 0
    report = json.loads(run.stdout)
    assert report["status"] == "failed"
    messages = [check["message"] for check in report["checks"] if check["status"] == "failed"]
    assert any("has no 'mean' in module stats: define it" in message for message in messages)


def test_an_unknown_kata_is_a_usage_error(kaizen: Kaizen, tmp_path: Path) -> None:
    run = kaizen("grade", "no-such-kata", str(_write(tmp_path / "x.py", "x = 1\n")), "--json")
    assert run.returncode == 2
    assert run.stdout == ""
    assert "no kata is called 'no-such-kata'" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_malformed_kata_toml_names_the_file_and_field(tmp_path: Path, cache_dir: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(TEST_COURSE, course)
    toml = course / "exercises" / "01-basics" / "stats" / "kata.toml"
    toml.write_text(toml.read_text().replace("call_seconds = 1.0", "call_seconds = -1"))
    run = make_runner(course, tmp_path / "ws", cache_dir)("list")
    assert run.returncode == 2
    assert str(toml) in run.stderr
    assert "limits.call_seconds" in run.stderr
    assert "Traceback" not in run.stderr


def test_an_unavailable_sandbox_request_is_explained(cache_dir: Path) -> None:
    env = {**os.environ, "KAIZEN_ROOT": str(TEST_COURSE), "KAIZEN_SANDBOX": "docker"}
    env["KAIZEN_CACHE_DIR"] = str(cache_dir)
    done = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", "stats", __file__, "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert "KAIZEN_SANDBOX='docker' is not one of auto, bwrap, process" in done.stderr
    assert "Traceback" not in done.stderr
