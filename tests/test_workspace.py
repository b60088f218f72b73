"""The learner's workspace is laid out like the kata and never loses the learner's work."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from autograder.app.workspace_files import support_texts
from autograder.errors import WorkspaceError
from autograder.kata.catalog import Catalog
from autograder.kata.model import Kata
from autograder.workspace import Layout, Workspace, read_manifest
from tests.conftest import TEST_COURSE

STATS_LEGACY = TEST_COURSE / "exercises" / "01-basics" / "stats" / "src" / "stats.py"
STATS_SOLUTION = TEST_COURSE / "solutions" / "01-basics" / "stats" / "src" / "stats.py"


@pytest.fixture
def stats() -> Kata:
    return Catalog(TEST_COURSE).get("stats")


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "workspace")


def _files(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_start_lays_out_the_kata(workspace: Workspace, stats: Kata) -> None:
    started = workspace.start(stats, support_texts(stats))
    folder = workspace.kata_dir(stats)
    assert started.created
    files = _files(folder)
    assert files["src/stats.py"] == STATS_LEGACY.read_text()
    assert files["README.md"].startswith(stats.readme.read_text().rstrip())
    assert "`kaizen check` is **the grade**" in files["README.md"]
    assert files["tests/test_behaviour.py"] == (stats.tests_dir / "test_behaviour.py").read_text()
    assert 'pytest_plugins = ["autograder.behaviour.local"]' in files["conftest.py"]
    config = tomllib.loads(files["pyproject.toml"])
    assert config["tool"]["ruff"]["line-length"] == 88
    assert config["tool"]["pytest"]["ini_options"]["testpaths"] == ["tests"]
    assert files[".kaizen/legacy/stats.py"] == STATS_LEGACY.read_text()
    assert json.loads(files[".kaizen/kata.json"])["max_examples"] == 25
    assert STATS_SOLUTION.read_text() not in files.values(), "never copy the reference solution"
    assert workspace.layout(stats) is Layout.SRC
    assert workspace.code_files(stats) == (folder / "src" / "stats.py",)


def test_start_again_adds_what_is_missing_and_keeps_the_work(
    workspace: Workspace, stats: Kata
) -> None:
    workspace.start(stats, support_texts(stats))
    folder = workspace.kata_dir(stats)
    (folder / "src" / "stats.py").write_text("# my work\n")
    (folder / "tests" / "test_behaviour.py").write_text("# my own test\n")
    (folder / "README.md").unlink()
    (folder / "pyproject.toml").unlink()
    again = workspace.start(stats, support_texts(stats))
    assert not again.created
    assert set(again.added) == {"README.md", "pyproject.toml"}
    assert (folder / "src" / "stats.py").read_text() == "# my work\n"
    assert (folder / "tests" / "test_behaviour.py").read_text() == "# my own test\n"
    assert (folder / "README.md").is_file()


def test_a_workspace_of_the_old_layout_keeps_its_code_at_the_top(
    workspace: Workspace, stats: Kata
) -> None:
    folder = workspace.kata_dir(stats)
    folder.mkdir(parents=True)
    (folder / "stats.py").write_text("# my work, from before src/\n")
    (folder / "helpers.py").write_text("# mine too\n")
    started = workspace.start(stats, support_texts(stats))
    assert not started.created
    assert not (folder / "src").exists(), "the learner's code must not be moved or copied"
    assert (folder / "stats.py").read_text() == "# my work, from before src/\n"
    assert (folder / "tests" / "test_behaviour.py").is_file()
    assert workspace.layout(stats) is Layout.FLAT
    assert workspace.code_dir(stats) == folder
    assert workspace.code_files(stats) == (folder / "helpers.py", folder / "stats.py")


def test_reset_backs_up_the_whole_folder(workspace: Workspace, stats: Kata) -> None:
    workspace.start(stats, support_texts(stats))
    folder = workspace.kata_dir(stats)
    (folder / "src" / "stats.py").write_text("# my work\n")
    backup = workspace.reset(stats, support_texts(stats))
    assert backup is not None
    assert (backup / "src" / "stats.py").read_text() == "# my work\n"
    assert (backup / "README.md").is_file()
    assert (folder / "src" / "stats.py").read_text() == STATS_LEGACY.read_text()


def test_back_up_code_copies_only_the_code(workspace: Workspace, stats: Kata) -> None:
    workspace.start(stats, support_texts(stats))
    (workspace.code_dir(stats) / "stats.py").write_text("# my work\n")
    backup = workspace.back_up_code(stats, "fix")
    assert backup.name.startswith("stats-fix-")
    assert _files(backup) == {"stats.py": "# my work\n"}
    assert (workspace.code_dir(stats) / "stats.py").read_text() == "# my work\n"


def test_a_folder_that_was_never_started_has_no_manifest(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="kaizen start"):
        read_manifest(tmp_path)
