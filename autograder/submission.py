"""Read a learner's submission once, into memory, and check it can be graded.

Everything is read up front, so the grade is of one consistent snapshot: the learner's
files may change on disk while grading runs without affecting the result.
"""

from __future__ import annotations

import ast
import logging
from dataclasses import dataclass
from pathlib import Path

from autograder.errors import SubmissionError
from autograder.notebook import NotebookError, notebook_to_module

__all__ = ["IGNORED_NAMES", "SourceFile", "Submission", "load_submission"]

_log = logging.getLogger(__name__)

IGNORED_NAMES = frozenset({"conftest.py", "sitecustomize.py", "usercustomize.py", "setup.py"})
"""Files a tool would honour if it found them: never taken from a submission."""

_MAX_FILES = 200
_MAX_FILE_BYTES = 512 * 1024
_MAX_TOTAL_BYTES = 4 * 1024 * 1024
_SKIPPED_DIRS = frozenset({"__pycache__", ".venv", "venv", "node_modules"})


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One Python file of a submission.

    Attributes:
        path: Its path relative to the submission's root, with ``/`` separators.
        text: Its content.
        tree: Its parsed syntax tree.
    """

    path: str
    text: str
    tree: ast.Module


@dataclass(frozen=True, slots=True)
class Submission:
    """The Python files of a submission, laid out as the kata's entry expects.

    Attributes:
        files: Every file, sorted by path.
        entry_path: The path of the entry module (``orders.py`` or ``orders/__init__.py``).
    """

    files: tuple[SourceFile, ...]
    entry_path: str

    def materialize(self, folder: Path) -> Path:
        """Write the files into ``folder`` (created), ready to import.

        Args:
            folder: Where to write; must not exist yet.

        Returns:
            The folder.
        """
        folder.mkdir(parents=True)
        for source in self.files:
            target = folder / source.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(source.text, encoding="utf-8")
        return folder


def load_submission(path: Path, entry: str) -> Submission:
    """Read a submission: a ``.py`` file, or a folder holding the entry module or package.

    Args:
        path: What the learner submitted.
        entry: The kata's entry module name.

    Returns:
        The submission.

    Raises:
        SubmissionError: With a message saying what to fix, when it cannot be graded.
    """
    if path.is_file():
        if path.suffix not in {".py", ".ipynb"}:
            problem = "submit a .py file, a notebook (.ipynb) or the folder that holds your code"
            raise SubmissionError(path, problem)
        data = _read_bytes(path)
        raw = {f"{entry}.py": _from_notebook(path, data) if path.suffix == ".ipynb" else data}
    elif path.is_dir():
        raw = _read_folder(path)
    else:
        raise SubmissionError(path, "there is no file or folder here")
    entry_path = _find_entry(path, raw, entry)
    files = tuple(_parse(path, relative, data) for relative, data in sorted(raw.items()))
    entry_source = next(source for source in files if source.path == entry_path)
    if not entry_source.text.strip():
        problem = f"{entry_path} is empty: start again from the kata's starter code"
        raise SubmissionError(path, problem)
    return Submission(files=files, entry_path=entry_path)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > _MAX_FILE_BYTES:
            problem = f"the file is {size} bytes; the limit is {_MAX_FILE_BYTES}"
            raise SubmissionError(path, problem)
        return path.read_bytes()
    except OSError as error:
        raise SubmissionError(path, f"cannot read it: {error.strerror}") from error


def _read_folder(root: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    total = 0
    for file in sorted(root.rglob("*.py")):
        relative = file.relative_to(root)
        if any(part in _SKIPPED_DIRS or part.startswith(".") for part in relative.parts):
            continue
        if file.name in IGNORED_NAMES or file.is_symlink() or not file.is_file():
            _log.info("not taking %s from the submission", relative)
            continue
        if len(found) >= _MAX_FILES:
            raise SubmissionError(
                root, f"more than {_MAX_FILES} Python files: submit just your code"
            )
        data = _read_bytes(file)
        total += len(data)
        if total > _MAX_TOTAL_BYTES:
            raise SubmissionError(root, f"more than {_MAX_TOTAL_BYTES} bytes of Python code")
        found[relative.as_posix()] = data
    return found


def _from_notebook(path: Path, data: bytes) -> bytes:
    try:
        return notebook_to_module(data.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError as error:
        raise SubmissionError(path, "the notebook is not UTF-8 text: save it again") from error
    except NotebookError as error:
        raise SubmissionError(path, f"{path.name}: {error}") from error


def _find_entry(path: Path, raw: dict[str, bytes], entry: str) -> str:
    for candidate in (f"{entry}.py", f"{entry}/__init__.py"):
        if candidate in raw:
            return candidate
    if path.is_dir() and (path / f"{entry}.py").is_dir():
        problem = f"{entry}.py is a folder: the kata expects a file of that name"
        raise SubmissionError(path, problem)
    problem = (
        f"no module {entry!r} found: the kata expects {entry}.py "
        f"(or a package folder {entry}/ with an __init__.py)"
    )
    raise SubmissionError(path, problem)


def _parse(root: Path, relative: str, data: bytes) -> SourceFile:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        problem = f"{relative} is not UTF-8 text (byte {error.start}): save it with UTF-8 encoding"
        raise SubmissionError(root, problem) from error
    try:
        tree = ast.parse(text, filename=relative)
    except SyntaxError as error:
        where = f"{relative}, line {error.lineno}" if error.lineno else relative
        problem = f"syntax error in {where}: {error.msg}. Fix it so that Python can read the file"
        raise SubmissionError(root, problem) from error
    except (ValueError, RecursionError) as error:  # a NUL byte, absurd nesting
        raise SubmissionError(root, f"{relative} cannot be parsed: {error}") from error
    return SourceFile(path=relative, text=text, tree=tree)
