"""The learner's workspace: one folder per kata, never overwritten, always backed up."""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

from autograder.errors import WorkspaceError
from autograder.kata.model import Kata

__all__ = ["Workspace"]

_log = logging.getLogger(__name__)


class Workspace:
    """Where a learner's copies of the katas live.

    Layout::

        <root>/<kata-id>/...            the learner's code (a copy of the starter)
        <root>/.kaizen/progress.sqlite3 progress
        <root>/.kaizen/backups/<kata-id>-<UTC time>/   what ``reset`` set aside
    """

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
        """Return the folder of the learner's copy of a kata.

        Args:
            kata: The kata.

        Returns:
            The folder (it may not exist yet).
        """
        return self.root / kata.id

    def is_started(self, kata: Kata) -> bool:
        """Tell whether the learner has a copy of this kata.

        Args:
            kata: The kata.

        Returns:
            Whether its folder exists.
        """
        return self.kata_dir(kata).exists()

    def start(self, kata: Kata) -> tuple[Path, bool]:
        """Copy the kata's starter into the workspace, unless a copy is already there.

        Args:
            kata: The kata.

        Returns:
            The folder, and whether it was created now (``False``: existing work was kept).

        Raises:
            WorkspaceError: If the copy cannot be made.
        """
        target = self.kata_dir(kata)
        if target.exists():
            return target, False
        self._copy_starter(kata, target)
        return target, True

    def reset(self, kata: Kata) -> Path | None:
        """Set the learner's copy aside as a backup and start again from the starter.

        Args:
            kata: The kata.

        Returns:
            The backup folder, or ``None`` if there was nothing to back up.

        Raises:
            WorkspaceError: If the backup or the new copy cannot be made.
        """
        target = self.kata_dir(kata)
        backup = None
        if target.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            backup = self.state_dir / "backups" / f"{kata.id}-{stamp}"
            try:
                backup.parent.mkdir(parents=True, exist_ok=True)
                target.rename(backup)
            except OSError as error:
                msg = f"could not back up {target} to {backup}: {error}; nothing was changed"
                raise WorkspaceError(msg) from error
            _log.info("backed up %s to %s", target, backup)
        self._copy_starter(kata, target)
        return backup

    @staticmethod
    def _copy_starter(kata: Kata, target: Path) -> None:
        starter = kata.starter
        try:
            target.mkdir(parents=True)
            if starter.is_dir():
                shutil.copytree(starter, target / starter.name)
            else:
                shutil.copy2(starter, target / starter.name)
        except OSError as error:
            msg = f"could not copy the starter of {kata.id} into {target}: {error}"
            raise WorkspaceError(msg) from error
