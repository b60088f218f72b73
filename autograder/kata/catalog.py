"""Find the course's katas on disk."""

from __future__ import annotations

from pathlib import Path

from autograder.errors import UnknownKataError
from autograder.kata.model import Kata

__all__ = ["Catalog"]


class Catalog:
    """The katas under ``exercises/``, in chapter order."""

    def __init__(self, root: Path) -> None:
        """Read every ``exercises/*/*/kata.toml`` under ``root``.

        Args:
            root: The course repository's root.

        Raises:
            KataError: If any kata's metadata is invalid.
        """
        self.root = root
        tomls = sorted((root / "exercises").glob("*/*/kata.toml"))
        self.katas: tuple[Kata, ...] = tuple(Kata.load(root, path) for path in tomls)

    def ids(self) -> tuple[str, ...]:
        """Return every kata id, in course order."""
        return tuple(kata.id for kata in self.katas)

    def get(self, kata_id: str) -> Kata:
        """Find a kata by id.

        Args:
            kata_id: The kata's id.

        Returns:
            The kata.

        Raises:
            UnknownKataError: If there is none, naming those that exist.
        """
        for kata in self.katas:
            if kata.id == kata_id:
                return kata
        raise UnknownKataError(kata_id, self.ids())
