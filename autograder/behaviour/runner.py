"""Run a kata's behaviour suite in a fresh trusted test process and read its outcomes."""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from autograder.behaviour.spec import SuiteResult, SuiteSpec
from autograder.kata.model import Kata
from autograder.sandbox.launcher import Mechanism
from autograder.sandbox.trusted import RESULT_FD_PLACEHOLDER, run_trusted

__all__ = ["SuiteFailure", "run_behaviour"]

_MARGIN_SECONDS = 15.0
_PLUGINS = ("_hypothesis_pytestplugin", "autograder.behaviour.plugin")


@dataclass(frozen=True, slots=True)
class SuiteFailure:
    """The behaviour suite could not run to completion.

    Attributes:
        message: What happened, for the report.
        learner_fault: Whether the learner's code caused it (too slow), rather than the
            kata or the grader.
    """

    message: str
    learner_fault: bool


def run_behaviour(
    kata: Kata,
    learner_dir: Path,
    work_dir: Path,
    cache_dir: Path,
    mechanism: Mechanism,
) -> SuiteResult | SuiteFailure:
    """Run the kata's suite against the learner's code.

    Args:
        kata: The kata.
        learner_dir: The folder holding the learner's code.
        work_dir: An empty private folder.
        cache_dir: Where hypothesis keeps its caches (its Unicode tables take a second
            to build); examples are never stored, so this never changes a result.
        mechanism: How learner processes are isolated.

    Returns:
        Each test's outcome, or why the suite could not run.
    """
    limits = kata.spec.limits
    spec_path = work_dir / "suite.json"
    spec = SuiteSpec(
        tests_dir=str(kata.tests_dir),
        entry=kata.spec.entry,
        learner_dir=str(learner_dir),
        legacy_dir=str(kata.starter.parent),
        support_dir=str(kata.support_dir) if kata.support_dir.is_dir() else None,
        work_root=str(work_dir / "children"),
        limits=limits.resources(),
        call_seconds=limits.call_seconds,
        max_examples=kata.spec.behaviour.max_examples,
        sandbox=mechanism.value,
    )
    argv = [sys.executable, "-I", "-m", "pytest", str(kata.tests_dir), "-q", "--no-header"]
    for plugin in _PLUGINS:
        argv += ["-p", plugin]
    argv += ["-p", "no:cacheprovider", "-p", "no:stepwise"]
    argv += ["--rootdir", str(work_dir), "-c", str(_empty_ini(work_dir))]
    argv += ["--basetemp", str(work_dir / "pytest-tmp"), "--kaizen-spec", str(spec_path)]
    argv += ["--kaizen-result-fd", RESULT_FD_PLACEHOLDER]
    spec_path.write_text(spec.to_json(), encoding="utf-8")
    run = run_trusted(
        argv,
        timeout=limits.total_seconds + _MARGIN_SECONDS,
        cwd=work_dir,
        env=_environment(cache_dir),
        result_pipe=True,
    )
    if run.timed_out:
        return SuiteFailure(
            f"the behaviour suite did not finish within {limits.total_seconds:g} s and was "
            "stopped: some of your code is far too slow, or never returns",
            learner_fault=True,
        )
    try:
        return _result_adapter().validate_json(run.result)
    except ValidationError:
        return SuiteFailure(
            f"the behaviour suite stopped unexpectedly (exit {run.returncode}):\n"
            + run.output[-2000:],
            learner_fault=False,
        )


@functools.cache
def _result_adapter() -> TypeAdapter[SuiteResult]:
    return TypeAdapter(SuiteResult)


def _empty_ini(work_dir: Path) -> Path:
    ini = work_dir / "pytest.ini"
    ini.write_text("[pytest]\n", encoding="utf-8")
    return ini


def _environment(cache_dir: Path) -> dict[str, str]:
    return {
        "HYPOTHESIS_STORAGE_DIRECTORY": str(cache_dir / "hypothesis"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
