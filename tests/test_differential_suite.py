"""The behaviour plugin, run as grading runs it: import once, and unique outcome names.

Each test writes a legacy module, a learner's module and a small behaviour suite into a
temporary folder and runs the suite in a trusted pytest process with the plugin, exactly
as ``autograder.behaviour.runner`` does, reading the result from the private pipe.
"""

from __future__ import annotations

import json
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from autograder.behaviour.spec import SuiteSpec
from autograder.sandbox.launcher import choose_mechanism
from autograder.sandbox.limits import ResourceLimits
from autograder.sandbox.trusted import RESULT_FD_PLACEHOLDER, run_trusted

CALL_SECONDS = 1.0

LEGACY = "def total(values):\n    return sum(values)\n"

SUITE = """
from hypothesis import given, strategies as st

from autograder.testing import assert_same_behaviour, outcome


@given(st.lists(st.integers()))
def test_total_matches_legacy(learner, legacy, values):
    assert_same_behaviour(outcome(learner.total, values), outcome(legacy.total, values))


def test_total_of_nothing(learner):
    assert learner.total([]) == 0
"""


@dataclass(frozen=True)
class Suite:
    result: dict[str, Any]
    seconds: float

    def names(self) -> list[str]:
        return [outcome["name"] for outcome in self.result["outcomes"]]


def run_suite(
    tmp_path: Path, learner: str, *, legacy: str = LEGACY, tests: dict[str, str] | None = None
) -> Suite:
    for folder, source in (("learner", learner), ("legacy", legacy)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "kata.py").write_text(source, encoding="utf-8")
    tests_dir = tmp_path / "tests"
    tests_dir.mkdir()
    for name, source in (tests or {"test_behaviour.py": SUITE}).items():
        (tests_dir / name).write_text(textwrap.dedent(source), encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    spec = SuiteSpec(
        tests_dir=str(tests_dir),
        entry="kata",
        learner_dir=str(tmp_path / "learner"),
        legacy_dir=str(tmp_path / "legacy"),
        support_dir=None,
        work_root=str(work / "children"),
        limits=ResourceLimits(),
        call_seconds=CALL_SECONDS,
        max_examples=10,
        sandbox=choose_mechanism().value,
    )
    (work / "suite.json").write_text(spec.to_json(), encoding="utf-8")
    (work / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    argv = [sys.executable, "-I", "-m", "pytest", str(tests_dir), "-q", "-p", "no:cacheprovider"]
    argv += ["-p", "_hypothesis_pytestplugin", "-p", "autograder.behaviour.plugin"]
    argv += ["--rootdir", str(work), "-c", str(work / "pytest.ini")]
    argv += ["--basetemp", str(work / "tmp"), "--kaizen-spec", str(work / "suite.json")]
    argv += ["--kaizen-result-fd", RESULT_FD_PLACEHOLDER]
    env = {"PATH": "/usr/bin:/bin", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "LANG": "C.UTF-8"}
    started = time.monotonic()
    run = run_trusted(argv, timeout=120, cwd=work, env=env, result_pipe=True)
    seconds = time.monotonic() - started
    assert run.result, run.output
    return Suite(json.loads(run.result), seconds)


MANY_TESTS = "\n".join(
    f"def test_{index}(learner, legacy):\n    assert learner.total([{index}]) == {index}\n"
    for index in range(10)
)


@pytest.mark.slow
def test_an_import_that_never_ends_is_reported_once_within_one_deadline(tmp_path: Path) -> None:
    suite = run_suite(
        tmp_path, "import time\n\ntime.sleep(10**6)\n", tests={"test_many.py": MANY_TESTS}
    )
    assert suite.result["outcomes"] == [], "no test runs when the code cannot be imported"
    message = suite.result["import_error"]
    assert message.startswith("kata could not be imported, so no behaviour test could run: ")
    assert f"did not finish within {CALL_SECONDS:g} s" in message
    assert suite.result["legacy_import_error"] is None
    # ten tests, each waiting out the deadline, would take ten seconds at least
    assert suite.seconds < 10 * CALL_SECONDS


@pytest.mark.slow
@pytest.mark.parametrize(
    ("learner", "words"),
    [
        ("import requestz\n", "No module named 'requestz'"),
        ("import os\n\nos._exit(3)\n", "ended the process (exit code 3)"),
        ("raise SystemExit(0)\n", "raised SystemExit"),
    ],
)
def test_an_import_that_fails_is_one_import_error(tmp_path: Path, learner: str, words: str) -> None:
    suite = run_suite(tmp_path, learner)
    assert suite.result["outcomes"] == []
    assert words in suite.result["import_error"]


@pytest.mark.slow
def test_a_missing_module_is_explained_as_such(tmp_path: Path) -> None:
    suite = run_suite(tmp_path, "import requestz\n")
    assert "check the spelling of every module name" in suite.result["import_error"]


@pytest.mark.slow
def test_a_legacy_that_cannot_be_imported_is_the_kata_s_fault(tmp_path: Path) -> None:
    suite = run_suite(tmp_path, LEGACY, legacy="raise RuntimeError('broken kata')\n")
    assert suite.result["outcomes"] == []
    assert suite.result["import_error"] is None
    message = suite.result["legacy_import_error"]
    assert message.startswith("the kata's legacy code could not be imported (not your fault")
    assert "RuntimeError: broken kata" in message


TEST_A = """
def test_same_name(learner):
    assert learner.total([1]) == 1


def test_only_in_a(learner):
    assert learner.total([2]) == 2
"""

TEST_B = """
def test_same_name(learner):
    assert learner.total([3]) == 3


class TestTotals:
    def test_only_in_a(self, learner):
        assert learner.total([]) == 0
"""


@pytest.mark.slow
def test_outcome_names_are_unique_and_stable(tmp_path: Path) -> None:
    suite = run_suite(tmp_path, LEGACY, tests={"test_a.py": TEST_A, "test_b.py": TEST_B})
    assert suite.result["import_error"] is None
    assert sorted(suite.names()) == [
        "TestTotals.test_only_in_a",
        "test_a.test_only_in_a",
        "test_a.test_same_name",
        "test_b.test_same_name",
    ]
    assert all(outcome["status"] == "passed" for outcome in suite.result["outcomes"])


@pytest.mark.slow
def test_a_suite_of_code_that_imports_runs_every_test(tmp_path: Path) -> None:
    suite = run_suite(tmp_path, LEGACY)
    assert suite.result["import_error"] is None
    assert suite.names() == ["test_total_matches_legacy", "test_total_of_nothing"]
    assert [outcome["status"] for outcome in suite.result["outcomes"]] == ["passed", "passed"]


MACHINE_SUITE = """
from hypothesis import strategies as st
from hypothesis.stateful import initialize, rule

from autograder.testing import DifferentialMachine, run_machine


class Totals(DifferentialMachine):
    @initialize()
    def start(self):
        self.values = self.hold([1])

    @rule(value=st.integers(0, 3))
    def append(self, value):
        self.call_method(self.values, "append", value)

    @rule()
    def total(self):
        self.call("total", self.values)


def test_totals_after_changes(learner, legacy):
    \"\"\"Totals follow every change of the list.\"\"\"
    run_machine(Totals, learner, legacy)
"""

STALE = """
_seen = {}


def total(values):
    return _seen.setdefault(id(values), sum(values))
"""


@pytest.mark.slow
def test_a_failing_machine_reports_its_shortest_sequence_of_steps(tmp_path: Path) -> None:
    suite = run_suite(tmp_path, STALE, tests={"test_machine.py": MACHINE_SUITE})
    (result,) = suite.result["outcomes"]
    assert result["status"] == "failed"
    assert result["message"].startswith("total(<held list #1>) returned 1, but the legacy code")
    steps = result["counterexample"]
    assert "state = Totals()" in steps
    assert "state.append(value=1)" in steps
    assert "state.total()" in steps
