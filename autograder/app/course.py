"""The course a use case works on: the katas, the learner's workspace, progress, caches."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from autograder.grading import Grader, GradingOptions
from autograder.kata.catalog import Catalog
from autograder.progress import ProgressStore
from autograder.workspace import Workspace

__all__ = ["Course"]

_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Course:
    """The course a command works on.

    Attributes:
        root: The course repository (``KAIZEN_ROOT``, else the checkout this package is in).
        workspace_root: The learner's workspace (``KAIZEN_WORKSPACE``, else ``<root>/workspace``).
        cache_dir: Tool caches (``KAIZEN_CACHE_DIR``, else ``~/.cache/kaizen``).
    """

    root: Path
    workspace_root: Path
    cache_dir: Path

    @classmethod
    def from_environment(cls) -> Course:
        """Build the course from environment variables and defaults."""
        root = Path(os.environ.get("KAIZEN_ROOT", _PACKAGE_ROOT)).resolve()
        workspace = Path(os.environ.get("KAIZEN_WORKSPACE", root / "workspace")).resolve()
        xdg_cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
        cache = Path(os.environ.get("KAIZEN_CACHE_DIR", xdg_cache / "kaizen")).resolve()
        return cls(root=root, workspace_root=workspace, cache_dir=cache)

    @cached_property
    def catalog(self) -> Catalog:
        """The katas."""
        return Catalog(self.root)

    @cached_property
    def workspace(self) -> Workspace:
        """The learner's workspace."""
        return Workspace(self.workspace_root)

    @cached_property
    def progress(self) -> ProgressStore:
        """The learner's progress (created on first use)."""
        return ProgressStore(self.workspace.database)

    @property
    def book_html(self) -> Path:
        """Where ``kaizen book`` puts the built book's pages."""
        return self.root / "book" / "_build" / "html"

    @property
    def grading(self) -> GradingOptions:
        """How to grade."""
        return GradingOptions(cache_dir=self.cache_dir)

    @cached_property
    def grader(self) -> Grader:
        """The grader every use case of this course grades with (made on first use).

        Raises:
            SandboxUnavailableError: If ``KAIZEN_SANDBOX`` asks for a sandbox that cannot
                run on this machine.
        """
        return Grader(self.grading)
