"""The learner's workspace: one folder per kata, laid out like the kata, never overwritten.

Layout::

    <root>/<kata-id>/README.md          the brief, with how to check your work
    <root>/<kata-id>/src/<entry>.py     the learner's code (a copy of the legacy starter)
    <root>/<kata-id>/tests/             the kata's visible behaviour suite
    <root>/<kata-id>/support/           the kata's test helpers, if it has any
    <root>/<kata-id>/conftest.py        loads autograder.behaviour.local for plain pytest
    <root>/<kata-id>/pyproject.toml     the grader's ruff, mypy and pytest configuration
    <root>/<kata-id>/.kaizen/           the grader's: legacy copy (the oracle), kata.json
    <root>/.kaizen/progress.sqlite3     progress
    <root>/.kaizen/backups/<kata-id>-<UTC time>/   what ``reset`` or ``fix`` set aside

Workspaces made before ``src/`` existed hold the code at the kata folder's top
(``Layout.FLAT``); they are still graded, and ``start`` adds what they lack around it.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from autograder.errors import WorkspaceError
from autograder.kata.model import Kata

__all__ = ["MANIFEST", "Layout", "Manifest", "Started", "Workspace", "code_dir", "read_manifest"]

_log = logging.getLogger(__name__)

MANIFEST = ".kaizen/kata.json"
"""Where, in a kata folder, the grader records what plain pytest there needs to know."""
_MANIFEST_FORMAT = 1
_LEGACY = ".kaizen/legacy"
_NOT_CODE = frozenset({"tests", "support", "conftest.py", "README.md", "pyproject.toml"})
_SKIPPED = frozenset({"__pycache__"})


class Layout(StrEnum):
    """Where the learner's code sits in a kata folder."""

    SRC = "src"
    FLAT = "flat"


@dataclass(frozen=True, slots=True)
class Manifest:
    """What the workspace's pytest plugin needs to know about its kata.

    Attributes:
        kata: The kata's id.
        entry: The import name of the module the learner edits.
        max_examples: Hypothesis examples per property, as in grading.
        format: The manifest's format version.
    """

    kata: str
    entry: str
    max_examples: int
    format: int = _MANIFEST_FORMAT


@dataclass(frozen=True, slots=True)
class Started:
    """What ``Workspace.start`` did.

    Attributes:
        folder: The kata's folder in the workspace.
        created: Whether the learner's code was copied now (``False``: existing work kept).
        added: The files and folders added, relative to ``folder`` (existing ones are kept).
    """

    folder: Path
    created: bool
    added: tuple[str, ...]


def _has_module(folder: Path, entry: str) -> bool:
    return (folder / f"{entry}.py").is_file() or (folder / entry).is_dir()


def code_dir(folder: Path, entry: str) -> Path:
    """Return where the learner's code is in a kata folder.

    Args:
        folder: The kata's folder in the workspace.
        entry: The kata's entry module.

    Returns:
        ``folder/src``, or ``folder`` itself for a workspace made before ``src/`` existed.
    """
    src = folder / "src"
    if not _has_module(src, entry) and _has_module(folder, entry):
        return folder
    return src


def read_manifest(folder: Path) -> Manifest:
    """Read what ``kaizen start`` recorded in a kata folder.

    Args:
        folder: The kata's folder in the workspace.

    Returns:
        The manifest.

    Raises:
        WorkspaceError: If the folder is not a kata started with ``kaizen start``.
    """
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(**data)
    except (OSError, ValueError, TypeError) as error:
        msg = f"{folder} is not a started kata ({error}): run 'kaizen start ID' first"
        raise WorkspaceError(msg) from error


class Workspace:
    """Where a learner's copies of the katas live (see the module docstring for the layout)."""

    def __init__(self, root: Path) -> None:
        """Use ``root`` as the workspace (created on first use).

        Args:
            root: The workspace folder.
        """
        self.root = root

    @property
    def state_dir(self) -> Path:
        """The folder for the grader's own files (progress, backups)."""
        return self.root / ".kaizen"

    @property
    def database(self) -> Path:
        """The progress database."""
        return self.state_dir / "progress.sqlite3"

    def kata_dir(self, kata: Kata) -> Path:
        """Return the folder of the learner's copy of a kata (it may not exist yet)."""
        return self.root / kata.id

    def is_started(self, kata: Kata) -> bool:
        """Tell whether the learner has a copy of this kata."""
        return self.kata_dir(kata).exists()

    def layout(self, kata: Kata) -> Layout:
        """Tell where the learner's code of this kata sits."""
        folder = self.kata_dir(kata)
        return Layout.FLAT if code_dir(folder, kata.spec.entry) == folder else Layout.SRC

    def code_dir(self, kata: Kata) -> Path:
        """Return the folder holding the learner's code of this kata."""
        return code_dir(self.kata_dir(kata), kata.spec.entry)

    def code_files(self, kata: Kata) -> tuple[Path, ...]:
        """Return the learner's Python files, without the workspace's support files."""
        top = self.code_dir(kata)
        files = []
        for path in sorted(top.rglob("*.py")):
            parts = path.relative_to(top).parts
            if any(part.startswith(".") or part in _SKIPPED for part in parts):
                continue
            if self.layout(kata) is Layout.FLAT and parts[0] in _NOT_CODE:
                continue
            files.append(path)
        return tuple(files)

    def start(self, kata: Kata, texts: Mapping[str, str]) -> Started:
        """Lay out the kata, adding only what is missing: existing work is never touched.

        Args:
            kata: The kata.
            texts: Support files to write at the kata folder's top when missing, by name
                (the brief, ``conftest.py``, ``pyproject.toml``).

        Returns:
            What was done.

        Raises:
            WorkspaceError: If a file cannot be written.
        """
        folder = self.kata_dir(kata)
        try:
            created = not _has_module(self.code_dir(kata), kata.spec.entry)
            added = [f"src/{kata.starter.name}"] if created else []
            if created:
                _copy(kata.starter, folder / "src" / kata.starter.name)
            added += _add_support(kata, folder, texts)
        except OSError as error:
            msg = f"could not lay out {kata.id} in {folder}: {error}; your code was not touched"
            raise WorkspaceError(msg) from error
        return Started(folder=folder, created=created, added=tuple(added))

    def reset(self, kata: Kata, texts: Mapping[str, str]) -> Path | None:
        """Set the learner's copy aside as a backup and start again from the starter.

        Args:
            kata: The kata.
            texts: The support files to write (see ``start``).

        Returns:
            The backup folder, or ``None`` if there was nothing to back up.

        Raises:
            WorkspaceError: If the backup or the new copy cannot be made.
        """
        target = self.kata_dir(kata)
        backup = None
        if target.exists():
            backup = self._backup_dir(kata, "")
            try:
                backup.parent.mkdir(parents=True, exist_ok=True)
                target.rename(backup)
            except OSError as error:
                msg = f"could not back up {target} to {backup}: {error}; nothing was changed"
                raise WorkspaceError(msg) from error
            _log.info("backed up %s to %s", target, backup)
        self.start(kata, texts)
        return backup

    def back_up_code(self, kata: Kata, reason: str) -> Path:
        """Copy the learner's code into a new backup folder, leaving it in place.

        Args:
            kata: The kata.
            reason: A word for the backup's name, e.g. ``fix``.

        Returns:
            The backup folder (paths inside it are relative to the code folder).

        Raises:
            WorkspaceError: If the copy cannot be made.
        """
        backup = self._backup_dir(kata, reason)
        top = self.code_dir(kata)
        try:
            for file in self.code_files(kata):
                _copy(file, backup / file.relative_to(top))
        except OSError as error:
            msg = f"could not back up your code to {backup}: {error}; nothing was changed"
            raise WorkspaceError(msg) from error
        return backup

    def _backup_dir(self, kata: Kata, reason: str) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        name = "-".join(part for part in (kata.id, reason, stamp) if part)
        return self.state_dir / "backups" / name


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        shutil.copy2(source, target)


def _add_support(kata: Kata, folder: Path, texts: Mapping[str, str]) -> list[str]:
    """Add each missing support file; refresh the grader's private ``.kaizen`` folder."""
    added: list[str] = []
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        if not (folder / name).exists():
            (folder / name).write_text(text, encoding="utf-8")
            added.append(name)
    for name, source in (("tests", kata.tests_dir), ("support", kata.support_dir)):
        if source.is_dir():
            added += _add_missing_tree(source, folder / name, name)
    legacy = folder / _LEGACY
    shutil.rmtree(legacy, ignore_errors=True)
    _copy(kata.starter, legacy / kata.starter.name)
    manifest = Manifest(kata.id, kata.spec.entry, kata.spec.behaviour.max_examples)
    (folder / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2), encoding="utf-8")
    return added


def _add_missing_tree(source: Path, target: Path, label: str) -> list[str]:
    added = []
    for file in sorted(source.rglob("*")):
        relative = file.relative_to(source)
        if not file.is_file() or any(part in _SKIPPED for part in relative.parts):
            continue
        if not (target / relative).exists():
            _copy(file, target / relative)
            added.append(f"{label}/{relative.as_posix()}")
    return added
