"""What counts as a submission: a file, a folder, a package; and what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.errors import SubmissionError
from autograder.submission import load_submission
from tests.conftest import SUBMISSIONS, Kaizen


def test_a_single_file_becomes_the_entry_module(tmp_path: Path) -> None:
    file = tmp_path / "whatever_name.py"
    file.write_text("def total(values):\n    return 0\n")
    submission = load_submission(file, "stats")
    assert [source.path for source in submission.files] == ["stats.py"]
    assert submission.entry_path == "stats.py"


def test_a_package_folder_is_taken_whole() -> None:
    submission = load_submission(SUBMISSIONS / "stats_package", "stats")
    assert submission.entry_path == "stats/__init__.py"
    assert [source.path for source in submission.files] == ["stats/__init__.py", "stats/core.py"]


def test_files_a_tool_would_honour_are_never_taken(tmp_path: Path) -> None:
    (tmp_path / "stats.py").write_text("def total(values):\n    return 0\n")
    (tmp_path / "conftest.py").write_text("import pytest\n")
    (tmp_path / "sitecustomize.py").write_text("import os\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.py").write_text("x = 1\n")
    submission = load_submission(tmp_path, "stats")
    assert [source.path for source in submission.files] == ["stats.py"]


@pytest.mark.parametrize(
    ("files", "words"),
    [
        ({"other.py": "x = 1\n"}, "no module 'stats' found"),
        ({"stats.py": "   \n"}, "stats.py is empty"),
        ({"stats.py": "def f(:\n"}, "syntax error in stats.py, line 1"),
        ({"stats.py": b"x = '\xff'\n"}, "not UTF-8"),
    ],
)
def test_unusable_submissions_say_what_to_fix(
    tmp_path: Path, files: dict[str, str | bytes], words: str
) -> None:
    for name, content in files.items():
        target = tmp_path / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content)
    with pytest.raises(SubmissionError, match=words):
        load_submission(tmp_path, "stats")


def test_a_non_python_file_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    with pytest.raises(SubmissionError, match=r"\.py file"):
        load_submission(notes, "stats")


@pytest.mark.slow
def test_a_package_submission_is_graded_like_a_module(kaizen: Kaizen) -> None:
    run = kaizen("grade", "stats", str(SUBMISSIONS / "stats_package"), "--json")
    assert run.returncode == 0, run.stderr
    report = run.json()
    assert report["status"] == "passed"
    assert report["score"] == report["max_score"] == 100
