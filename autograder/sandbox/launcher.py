"""Choose how the learner's process is isolated, and build the command that starts it.

Two mechanisms, chosen at run time and named in every report:

- ``bwrap``: bubblewrap puts the worker in fresh user, PID, network, IPC, UTS and cgroup
  namespaces, as an unprivileged uid, with a read-only view of only the interpreter, its
  libraries, the learner's code and the kata's helpers, a small private tmpfs as its
  working directory, and an empty environment. It dies with its parent, and with it every
  process it started.
- ``process``: the fallback where user namespaces are unavailable (many containers): a
  separate session, resource limits, a scrubbed environment and a pids cgroup where the
  machine allows one. The
  learner's code then runs as the grader's user, with the network and the file system.

``KAIZEN_SANDBOX`` chooses: ``auto`` (default: bwrap if it works here, else process),
``bwrap`` (fail if it does not work) or ``process``.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import site
import subprocess
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from autograder.errors import SandboxUnavailableError

__all__ = [
    "Launch",
    "Mechanism",
    "build_launch",
    "choose_mechanism",
    "describe",
    "worker_environment",
]

_log = logging.getLogger(__name__)

SANDBOX_ROOT = Path("/kaizen")
_WORK = SANDBOX_ROOT / "work"
_WORKER = SANDBOX_ROOT / "worker.py"
_CODEC_NAME = "_wire.py"  # the worker loads its wire codec from beside itself
_PRIVATE_TMP = Path("/tmp")  # noqa: S108 - inside the sandbox: its own private tmpfs
_TMPFS_BYTES = 64 * 1024 * 1024
_SANDBOX_UID = "1000"
_PROBE_SECONDS = 10.0


class Mechanism(StrEnum):
    """How the learner's process is isolated."""

    BWRAP = "bwrap"
    PROCESS = "process"


_DESCRIPTIONS = {
    Mechanism.BWRAP: (
        "bubblewrap: own user, PID and network namespaces, an unprivileged uid, a read-only "
        "view of only the interpreter and the submission, a private tmpfs, no environment, "
        "resource limits; every process it starts dies with it"
    ),
    Mechanism.PROCESS: (
        "WEAKER fallback (no user namespaces here): a separate process with resource limits, "
        "a scrubbed environment and a pids cgroup where one can be made, but it runs as the "
        "grader's user, with the network and the grader's file system: grades are not "
        "tamper-proof"
    ),
}


def describe(mechanism: Mechanism) -> str:
    """Say what the mechanism guarantees, for reports and docs.

    Args:
        mechanism: The mechanism.

    Returns:
        One sentence.
    """
    return _DESCRIPTIONS[mechanism]


def worker_environment(work_dir: Path) -> dict[str, str]:
    """The worker's whole environment: nothing of the grader's (no secrets) is inherited.

    Args:
        work_dir: Its working directory, also its HOME and TMPDIR.

    Returns:
        The variables.
    """
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(work_dir),
        "TMPDIR": str(work_dir),
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


@dataclass(frozen=True, slots=True)
class Launch:
    """How to start one worker.

    Attributes:
        argv: The command.
        code_path: The code folders as the worker sees them (for its ``sys.path``).
    """

    argv: tuple[str, ...]
    code_path: tuple[str, ...]


def build_launch(
    mechanism: Mechanism,
    *,
    worker: Path,
    code_path: tuple[Path, ...],
    work_dir: Path,
    fds: tuple[int, int],
) -> Launch:
    """Build the command that starts the worker under a mechanism.

    Args:
        mechanism: How to isolate it.
        worker: The worker script (its wire codec, ``_wire.py``, lies beside it).
        code_path: The folders of code it imports (learner's or legacy code, helpers).
        work_dir: Its working directory outside the sandbox (used by ``process`` only).
        fds: The request and answer pipe descriptors it inherits.

    Returns:
        The command and the worker's view of the code folders.
    """
    python = [sys.executable, "-I", "-X", "utf8"]
    fd_args = [str(fd) for fd in fds]
    if mechanism is Mechanism.PROCESS:
        del work_dir  # the process is started with it as its working directory
        return Launch(
            argv=(*python, str(worker), *fd_args),
            code_path=tuple(str(path) for path in code_path),
        )
    inside = [SANDBOX_ROOT / "code" / str(index) for index in range(len(code_path))]
    argv = [*_bwrap_prefix()]
    for outside, seen_as in zip(code_path, inside, strict=True):
        argv += ["--ro-bind", str(outside), str(seen_as)]
    argv += ["--ro-bind", str(worker), str(_WORKER)]
    argv += ["--ro-bind", str(worker.with_name(_CODEC_NAME)), str(_WORKER.with_name(_CODEC_NAME))]
    argv += ["--remount-ro", "/", "--chdir", str(_WORK)]
    return Launch(
        argv=(*argv, *python, str(_WORKER), *fd_args),
        code_path=tuple(str(path) for path in inside),
    )


def _bwrap_prefix() -> list[str]:
    """Everything but the per-worker binds: namespaces, environment, system read-only."""
    argv = [_bwrap_binary(), "--unshare-all", "--die-with-parent", "--new-session"]
    argv += ["--uid", _SANDBOX_UID, "--gid", _SANDBOX_UID, "--clearenv"]
    for name, value in worker_environment(_WORK).items():
        argv += ["--setenv", name, value]
    argv += ["--proc", "/proc", "--dev", "/dev"]
    for tmpfs in (_PRIVATE_TMP, _WORK):
        argv += ["--size", str(_TMPFS_BYTES), "--tmpfs", str(tmpfs)]
    for path in _system_paths():
        argv += ["--ro-bind", path, path]
    for link in ("bin", "lib", "lib32", "lib64", "sbin"):
        target = Path("/") / link
        if target.is_symlink():
            argv += ["--symlink", str(target.readlink()), str(target)]
        elif target.is_dir():
            argv += ["--ro-bind", str(target), str(target)]
    return argv


@functools.cache
def _system_paths() -> tuple[str, ...]:
    """The interpreter, its standard library and site-packages, and the system libraries."""
    wanted = {
        "/usr",
        "/etc/ld.so.cache",
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        str(Path(sys.executable).resolve().parent.parent),
        *site.getsitepackages(),
    }
    existing = sorted(path for path in wanted if Path(path).exists())
    # a path inside another bound path needs no bind of its own
    return tuple(
        path
        for path in existing
        if not any(path != other and path.startswith(other.rstrip("/") + "/") for other in existing)
    )


def _bwrap_binary() -> str:
    binary = shutil.which("bwrap")
    if binary is None:
        raise SandboxUnavailableError(
            "bwrap is not installed (Debian/Ubuntu: apt install bubblewrap)"
        )
    return binary


@functools.cache
def _bwrap_works() -> str | None:
    """Try bubblewrap once per process; return why it does not work, or ``None``."""
    try:
        argv = [*_bwrap_prefix(), "--remount-ro", "/", sys.executable, "-I", "-S", "-c", "pass"]
    except SandboxUnavailableError as error:
        return str(error)
    try:
        done = subprocess.run(  # noqa: S603 - a fixed probe command
            argv, capture_output=True, timeout=_PROBE_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bwrap could not run: {error}"
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", errors="replace").strip()
        return f"bwrap failed here ({reason or f'exit {done.returncode}'})"
    return None


def choose_mechanism(requested: str | None = None) -> Mechanism:
    """Pick the mechanism, as ``KAIZEN_SANDBOX`` (or ``requested``) asks.

    Args:
        requested: ``auto``, ``bwrap`` or ``process``; ``KAIZEN_SANDBOX`` if not given.

    Returns:
        The mechanism to use.

    Raises:
        SandboxUnavailableError: If ``bwrap`` is required but does not work here, or the
            request is not one of the three words.
    """
    choice = (requested or os.environ.get("KAIZEN_SANDBOX") or "auto").strip().lower()
    if choice == Mechanism.PROCESS:
        return Mechanism.PROCESS
    if choice not in {"auto", Mechanism.BWRAP}:
        raise SandboxUnavailableError(
            f"KAIZEN_SANDBOX={choice!r} is not one of auto, bwrap, process"
        )
    problem = _bwrap_works()
    if problem is None:
        return Mechanism.BWRAP
    if choice == Mechanism.BWRAP:
        raise SandboxUnavailableError(problem)
    _log.warning("falling back to the weaker process sandbox: %s", problem)
    return Mechanism.PROCESS
