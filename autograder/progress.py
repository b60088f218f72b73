"""The learner's progress, kept in an embedded SQLite database in their workspace.

Several processes may write at once (``kaizen watch`` in one terminal, ``kaizen hint`` in
another, a notebook's Check button): the database runs in WAL mode, every write takes the
write lock up front (``BEGIN IMMEDIATE``) and waits for it up to a busy timeout.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from autograder.report.model import Report, ReportStatus

__all__ = ["Attempt", "KataProgress", "ProgressStore"]

_SCHEMA_VERSION = 1
_BUSY_TIMEOUT_SECONDS = 30.0
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
CREATE INDEX IF NOT EXISTS attempts_by_kata ON attempts (kata_id, id);
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


@dataclass(frozen=True, slots=True)
class Attempt:
    """One check of a kata.

    Attributes:
        at: When (ISO 8601, UTC).
        status: The report's verdict.
        score: The points scored.
        max_score: The points at stake.
    """

    at: str
    status: str
    score: int
    max_score: int


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
        with closing(self._open()) as db:
            db.execute("PRAGMA journal_mode = WAL")
        with self._connect() as db:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self._path, timeout=_BUSY_TIMEOUT_SECONDS, isolation_level=None)
        db.row_factory = sqlite3.Row
        return db

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """Open one transaction that holds the write lock from its start."""
        with closing(self._open()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """Open a connection for reads, each of which sees one committed state."""
        with closing(self._open()) as db:
            yield db

    def get(self, kata_id: str) -> KataProgress | None:
        """Return the progress on one kata, or ``None`` if it was never started.

        Args:
            kata_id: The kata.

        Returns:
            Its progress.
        """
        with self._read() as db:
            row = db.execute("SELECT * FROM katas WHERE kata_id = ?", (kata_id,)).fetchone()
        return None if row is None else KataProgress(**dict(row))

    def all(self) -> dict[str, KataProgress]:
        """Return the progress on every started kata, by id."""
        with self._read() as db:
            rows = db.execute("SELECT * FROM katas ORDER BY kata_id").fetchall()
        return {row["kata_id"]: KataProgress(**dict(row)) for row in rows}

    def attempts(self, kata_id: str, last: int) -> tuple[Attempt, ...]:
        """Return the last attempts at a kata, oldest first.

        Args:
            kata_id: The kata.
            last: How many at most.

        Returns:
            The attempts.
        """
        with self._read() as db:
            rows = db.execute(
                "SELECT at, status, score, max_score FROM attempts WHERE kata_id = ? "
                "ORDER BY id DESC LIMIT ?",
                (kata_id, last),
            ).fetchall()
        return tuple(Attempt(**dict(row)) for row in reversed(rows))

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
        with self._read() as db:
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
