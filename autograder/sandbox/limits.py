"""Resource limits for the learner's process."""

from __future__ import annotations

import math
from dataclasses import dataclass

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
    """

    memory_mb: int = 512
    cpu_seconds: float = 60.0
    file_size_mb: int = 16
    open_files: int = 256

    def as_rlimits(self) -> dict[str, int]:
        """Return the limits as ``resource`` module names mapped to values."""
        return {
            "RLIMIT_AS": self.memory_mb * _MIB,
            "RLIMIT_CPU": math.ceil(self.cpu_seconds),
            "RLIMIT_FSIZE": self.file_size_mb * _MIB,
            "RLIMIT_NOFILE": self.open_files,
        }
