"""Resource limits for the learner's process."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ResourceLimits"]

_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class ResourceLimits:
    """Limits the learner's process applies to itself before running learner code.

    Attributes:
        memory_mb: Address-space limit (RLIMIT_AS), in MiB.
        cpu_seconds: CPU time limit (RLIMIT_CPU) for the whole process.
        file_size_mb: Largest file the process may write (RLIMIT_FSIZE), in MiB.
        open_files: Most file descriptors open at once (RLIMIT_NOFILE).
        processes: How many more processes and threads it may start (RLIMIT_NPROC). The
            kernel counts every task of the real user, so the limit is set to the user's
            current count plus this. It is not set for uid 0, which the kernel exempts
            (the pids cgroup caps root's processes instead).
    """

    memory_mb: int = 512
    cpu_seconds: float = 60.0
    file_size_mb: int = 16
    open_files: int = 256
    processes: int = 32

    def as_rlimits(self) -> dict[str, int]:
        """Return the limits as ``resource`` module names mapped to values."""
        limits = {
            "RLIMIT_AS": self.memory_mb * _MIB,
            "RLIMIT_CPU": math.ceil(self.cpu_seconds),
            "RLIMIT_FSIZE": self.file_size_mb * _MIB,
            "RLIMIT_NOFILE": self.open_files,
        }
        if os.getuid() != 0:  # root is exempt: counting its tasks would cost time for nothing
            limits["RLIMIT_NPROC"] = _tasks_of_this_user() + self.processes
        return limits


def _tasks_of_this_user() -> int:
    """Count the processes and threads of the real user, as RLIMIT_NPROC does."""
    uid = str(os.getuid())
    tasks = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:  # the process ended while we looked
            continue
        if fields.get("Uid", "").split()[:1] == [uid]:
            tasks += int(fields.get("Threads", "1").strip() or 1)
    return tasks
