"""Plain ``pytest`` in a started workspace runs the visible tests, in process, legacy as oracle."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import TEST_COURSE, Kaizen

STATS_SOLUTION = TEST_COURSE / "solutions" / "01-basics" / "stats" / "src" / "stats.py"


def _pytest(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env.pop("HYPOTHESIS_PROFILE", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_plain_pytest_passes_on_the_unchanged_kata(kaizen: Kaizen, tmp_path: Path) -> None:
    kaizen("start", "stats")
    run = _pytest(tmp_path / "workspace" / "stats")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "4 passed" in run.stdout
    assert "kaizen: the visible tests of stats, in process" in run.stdout


def test_plain_pytest_compares_the_learner_with_the_legacy(kaizen: Kaizen, tmp_path: Path) -> None:
    kaizen("start", "stats")
    code = tmp_path / "workspace" / "stats" / "src" / "stats.py"
    slip = STATS_SOLUTION.read_text().replace("return sum(values)", "return sum(values[1:])")
    code.write_text(slip)
    run = _pytest(tmp_path / "workspace" / "stats")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "FAILED tests/test_behaviour.py::test_total_matches_legacy" in run.stdout
    assert "the legacy code returned" in run.stdout


def test_the_legacy_copy_and_its_helpers_stay_apart_from_the_learners(
    kaizen: Kaizen, tmp_path: Path
) -> None:
    kaizen("start", "stats")
    folder = tmp_path / "workspace" / "stats"
    (folder / "support").mkdir()
    (folder / "support" / "which.py").write_text(
        textwrap.dedent(
            """
            import importlib

            def origin():
                return importlib.import_module("stats").__file__
            """
        )
    )
    (folder / "tests" / "test_sides.py").write_text(
        textwrap.dedent(
            """
            def test_each_side_sees_its_own_module(learner, legacy):
                learner_file = learner.import_module("which").origin()
                legacy_file = legacy.import_module("which").origin()
                assert learner_file.endswith("src/stats.py"), learner_file
                assert legacy_file.endswith(".kaizen/legacy/stats.py"), legacy_file

            def test_time_limit_is_accepted_and_applies_none(learner):
                with learner.time_limit(0.001):
                    assert learner.total(list(range(100_000))) == 4_999_950_000

            def test_a_reset_runs_each_module_again(learner, legacy):
                import stats  # the learner's module, as the tests' process imports it

                stats.total = None
                type(learner).__kaizen_reset__(learner)
                assert learner.total([1, 2]) == 3
                type(legacy).__kaizen_reset__(legacy)
                assert legacy.total([1, 2]) == 3
            """
        )
    )
    (folder / "tests" / "test_machine.py").write_text(
        textwrap.dedent(
            """
            from hypothesis import strategies as st
            from hypothesis.stateful import rule

            from autograder.testing import DifferentialMachine, run_machine

            class Totals(DifferentialMachine):
                @rule(values=st.lists(st.integers(), max_size=5))
                def total(self, values):
                    self.call("total", values)

            def test_a_machine_drives_both_sides_in_process(learner, legacy):
                run_machine(Totals, learner, legacy, steps=5, examples=5)
            """
        )
    )
    run = _pytest(folder)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "8 passed" in run.stdout


def test_pytest_outside_a_started_kata_says_what_to_do(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "conftest.py").write_text('pytest_plugins = ["autograder.behaviour.local"]\n')
    (folder / "pytest.ini").write_text("[pytest]\n")
    run = _pytest(folder)
    assert run.returncode != 0
    assert "run 'kaizen start ID' first" in run.stderr
