"""A pids cgroup per learner process, where the machine lets us make one.

A cgroup caps how many tasks the learner's code may start (a fork flood stops at the cap,
even for root, where RLIMIT_NPROC does not apply), and no process can leave it by forking
twice or starting a new session, so killing every member kills everything it started.
Both cgroup v1 (a ``pids`` hierarchy) and v2 (a unified hierarchy with the ``pids``
controller) are supported; where neither is writable, ``PidsCgroup.create`` returns
``None`` and the other defences stand alone.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import time
import uuid
from pathlib import Path

__all__ = ["PidsCgroup"]

_log = logging.getLogger(__name__)
_ROOT = Path("/sys/fs/cgroup")
_KILL_ROUNDS = 50


def _own_cgroup_paths() -> dict[str, str]:
    """Map each hierarchy (``pids`` for v1, ``""`` for v2) to this process's cgroup path."""
    paths: dict[str, str] = {}
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            for controller in controllers.split(",") if controllers else [""]:
                paths[controller] = path
    return paths


def _parent_dirs() -> list[Path]:
    own = _own_cgroup_paths()
    candidates = []
    if "pids" in own and (_ROOT / "pids").is_dir():
        candidates.append(_ROOT / "pids" / own["pids"].lstrip("/"))
    if "" in own and (_ROOT / "cgroup.controllers").is_file():
        candidates.append(_ROOT / own[""].lstrip("/"))
    return candidates


class PidsCgroup:
    """One cgroup holding one learner process and everything it starts."""

    def __init__(self, path: Path) -> None:
        """Wrap an existing cgroup directory.

        Args:
            path: The cgroup's directory.
        """
        self.path = path

    @classmethod
    def create(cls, max_tasks: int) -> PidsCgroup | None:
        """Make a new cgroup capped at ``max_tasks`` tasks, if this machine allows it.

        Args:
            max_tasks: The most processes and threads its members may have at once.

        Returns:
            The cgroup, or ``None`` where no pids cgroup can be made.
        """
        for parent in _parent_dirs():
            path = parent / f"kaizen-{uuid.uuid4().hex}"
            try:
                path.mkdir()
            except OSError:
                continue
            try:
                (path / "pids.max").write_text(str(max_tasks))
            except OSError:
                with contextlib.suppress(OSError):
                    path.rmdir()
                continue
            return cls(path)
        return None

    @property
    def procs_file(self) -> Path:
        """The file a process writes its pid to in order to join."""
        return self.path / "cgroup.procs"

    def members(self) -> list[int]:
        """Return the pids in the cgroup now."""
        try:
            return [int(pid) for pid in self.procs_file.read_text().split()]
        except (OSError, ValueError):
            return []

    def destroy(self) -> None:
        """Kill every member, then remove the cgroup."""
        kill_switch = self.path / "cgroup.kill"
        for _ in range(_KILL_ROUNDS):
            members = self.members()
            if not members:
                break
            if kill_switch.exists():
                with contextlib.suppress(OSError):
                    kill_switch.write_text("1")
            for pid in members:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.005)
        for _ in range(_KILL_ROUNDS):
            try:
                self.path.rmdir()
            except OSError:
                time.sleep(0.01)  # members are still being reaped
            else:
                return
        _log.warning("could not remove cgroup %s", self.path)
