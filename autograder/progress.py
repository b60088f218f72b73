"""The learner's progress, kept in an embedded SQLite database in their workspace."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from autograder.report.model import Report, ReportStatus

__all__ = ["KataProgress", "ProgressStore"]

_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS katas (
    kata_id     TEXT PRIMARY KEY,
    started_at  TEXT NOT NULL,
    passed_at   TEXT,
    best_score  INTEGER NOT NULL DEFAULT 0,
    max_score   INTEGER NOT NULL DEFAULT 0,
    hints_shown INTEGER NOT NULL DEFAULT 0,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_status TEXT
);
CREATE TABLE IF NOT EXISTS attempts (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    kata_id   TEXT NOT NULL,
    at        TEXT NOT NULL,
    status    TEXT NOT NULL,
    score     INTEGER NOT NULL,
    max_score INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True, slots=True)
class KataProgress:
    """Where a learner stands on one kata.

    Attributes:
        kata_id: The kata.
        started_at: When it was started (ISO 8601, UTC).
        passed_at: When it was first passed, if it was.
        best_score: The best score so far.
        max_score: The points at stake.
        hints_shown: How many hint levels were revealed.
        attempts: How many times it was checked.
        last_status: The verdict of the last check, if any.
    """

    kata_id: str
    started_at: str
    passed_at: str | None
    best_score: int
    max_score: int
    hints_shown: int
    attempts: int
    last_status: str | None

    @property
    def passed(self) -> bool:
        """Whether the kata was ever passed."""
        return self.passed_at is not None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _ensure_started(db: sqlite3.Connection, kata_id: str, at: str) -> None:
    db.execute(
        "INSERT INTO katas (kata_id, started_at) VALUES (?, ?) ON CONFLICT (kata_id) DO NOTHING",
        (kata_id, at),
    )


class ProgressStore:
    """Reads and writes progress; every method is one short transaction."""

    def __init__(self, path: Path) -> None:
        """Open (creating if needed) the database at ``path``.

        Args:
            path: The SQLite file.
        """
        self._path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self._path, timeout=10.0)) as db, db:
            db.row_factory = sqlite3.Row
            yield db

    def get(self, kata_id: str) -> KataProgress | None:
        """Return the progress on one kata, or ``None`` if it was never started.

        Args:
            kata_id: The kata.

        Returns:
            Its progress.
        """
        with self._connect() as db:
            row = db.execute("SELECT * FROM katas WHERE kata_id = ?", (kata_id,)).fetchone()
        return None if row is None else KataProgress(**dict(row))

    def all(self) -> dict[str, KataProgress]:
        """Return the progress on every started kata, by id."""
        with self._connect() as db:
            rows = db.execute("SELECT * FROM katas ORDER BY kata_id").fetchall()
        return {row["kata_id"]: KataProgress(**dict(row)) for row in rows}

    def start(self, kata_id: str) -> None:
        """Record that a kata was started (again) and make it the current one.

        Args:
            kata_id: The kata.
        """
        with self._connect() as db:
            _ensure_started(db, kata_id, _now())
        self.set_current(kata_id)

    def record(self, report: Report) -> KataProgress:
        """Record a check's report.

        Args:
            report: The report of the learner's workspace.

        Returns:
            The updated progress.
        """
        passed = report.status is ReportStatus.PASSED
        now = _now()
        with self._connect() as db:
            db.execute(
                "INSERT INTO attempts (kata_id, at, status, score, max_score) "
                "VALUES (?, ?, ?, ?, ?)",
                (report.kata, now, report.status.value, report.score, report.max_score),
            )
            _ensure_started(db, report.kata, now)
            db.execute(
                "UPDATE katas SET attempts = attempts + 1, last_status = ?, "
                "best_score = MAX(best_score, ?), max_score = ?, "
                "passed_at = COALESCE(passed_at, ?) WHERE kata_id = ?",
                (
                    report.status.value,
                    report.score,
                    report.max_score,
                    now if passed else None,
                    report.kata,
                ),
            )
            row = db.execute("SELECT * FROM katas WHERE kata_id = ?", (report.kata,)).fetchone()
        return KataProgress(**dict(row))

    def reveal_hint(self, kata_id: str, levels: int) -> int:
        """Reveal one more hint level, up to ``levels``.

        Args:
            kata_id: The kata.
            levels: How many levels the kata has.

        Returns:
            How many levels are now revealed.
        """
        self.start(kata_id)
        with self._connect() as db:
            db.execute(
                "UPDATE katas SET hints_shown = MIN(hints_shown + 1, ?) WHERE kata_id = ?",
                (levels, kata_id),
            )
            row = db.execute(
                "SELECT hints_shown FROM katas WHERE kata_id = ?", (kata_id,)
            ).fetchone()
        return int(row["hints_shown"])

    def current(self) -> str | None:
        """Return the kata the learner worked on last, if any."""
        with self._connect() as db:
            row = db.execute("SELECT value FROM settings WHERE key = 'current'").fetchone()
        return None if row is None else str(row["value"])

    def set_current(self, kata_id: str) -> None:
        """Make a kata the current one.

        Args:
            kata_id: The kata.
        """
        with self._connect() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES ('current', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (kata_id,),
            )
