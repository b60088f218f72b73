"""The sandbox launcher: what the learner's process is started with, in each mechanism."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from autograder.errors import SandboxUnavailableError
from autograder.sandbox.launcher import (
    Mechanism,
    build_launch,
    choose_mechanism,
    describe,
    worker_environment,
)
from tests.conftest import REPO

WORKER = REPO / "autograder" / "sandbox" / "_worker.py"
WIRE = WORKER.with_name("_wire.py")  # the codec the worker loads from beside itself


def _launch(mechanism: Mechanism, code: Path, tmp_path: Path) -> list[str]:
    launch = build_launch(
        mechanism, worker=WORKER, code_path=(code,), work_dir=tmp_path, fds=(7, 8)
    )
    return list(launch.argv)


def test_the_worker_environment_carries_nothing_of_ours(tmp_path: Path) -> None:
    os.environ["KAIZEN_LEAK_CHECK"] = "leak"
    try:
        env = worker_environment(tmp_path)
    finally:
        del os.environ["KAIZEN_LEAK_CHECK"]
    assert set(env) == {
        "PATH",
        "HOME",
        "TMPDIR",
        "LANG",
        "PYTHONHASHSEED",
        "PYTHONDONTWRITEBYTECODE",
    }
    assert "leak" not in env.values()


def test_the_process_fallback_runs_the_worker_directly(tmp_path: Path) -> None:
    argv = _launch(Mechanism.PROCESS, tmp_path / "code", tmp_path)
    assert argv[1:] == ["-I", "-X", "utf8", str(WORKER), "7", "8"]


def test_bubblewrap_isolates_and_binds_only_what_the_worker_needs(tmp_path: Path) -> None:
    code = tmp_path / "code"
    argv = _launch(Mechanism.BWRAP, code, tmp_path)
    for flag in ("--unshare-all", "--die-with-parent", "--new-session", "--clearenv"):
        assert flag in argv
    assert argv[argv.index("--uid") + 1] != "0"
    binds = {argv[i + 1]: argv[i + 2] for i, arg in enumerate(argv) if arg == "--ro-bind"}
    assert binds[str(code)] == "/kaizen/code/0"
    assert binds[str(WORKER)] == "/kaizen/worker.py"
    assert binds[str(WIRE)] == "/kaizen/_wire.py"
    assert "/" not in binds, "a bind of / would expose every Unix socket and file"
    for outside in binds:
        path = Path(outside)
        allowed = path in {WORKER, WIRE} or path.is_relative_to(REPO / ".venv")
        assert allowed or not path.is_relative_to(REPO), (
            f"{outside} exposes the course repository (solutions, tests)"
        )
    assert argv[-2:] == ["7", "8"]


def test_the_mechanisms_say_what_they_guarantee() -> None:
    assert "WEAKER" in describe(Mechanism.PROCESS)
    assert "WEAKER" not in describe(Mechanism.BWRAP)


def test_an_unknown_request_is_refused() -> None:
    with pytest.raises(SandboxUnavailableError, match="not one of auto, bwrap, process"):
        choose_mechanism("chroot")


def test_the_fallback_can_always_be_chosen() -> None:
    assert choose_mechanism("process") is Mechanism.PROCESS
