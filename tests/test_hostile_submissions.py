"""Submissions that try to cheat or crash the grader are graded as not passed, with a reason."""

from __future__ import annotations

import pytest

from tests.conftest import SUBMISSIONS, Kaizen

# case -> words the first behaviour check's message must contain
HOSTILE = {
    "exit_at_import.py": "ended the process (exit code 0)",
    "sys_exit_at_import.py": "raised SystemExit",
    "exit_in_call.py": "ended the process (exit code 0)",
    "pytest_skip_at_import.py": "raised Skipped",
    "pytest_exit_at_import.py": "raised Exit",
    "infinite_loop.py": "did not finish within 1 s",
    "always_equal.py": "returned <Anything object in your code>",
    "int_subclass.py": "returned <Sneaky object in your code>",
    "prints_fake_results.py": "but the legacy code returned",
}
AT_IMPORT = frozenset(
    {
        "exit_at_import.py",
        "sys_exit_at_import.py",
        "pytest_skip_at_import.py",
        "pytest_exit_at_import.py",
    }
)


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_submission_is_failed(kaizen: Kaizen, case: str) -> None:
    run = kaizen("grade", "stats", str(SUBMISSIONS / "stats" / case), "--json")
    assert run.returncode == 0, run.stderr
    report = run.json()
    assert report["score"] < report["max_score"]
    behaviour = [check for check in report["checks"] if check["category"] == "behaviour"]
    if case in AT_IMPORT:  # no test can run: said once, as the report's own message
        assert report["status"] == "error"
        assert behaviour == []
        assert "could not be imported" in report["message"]
        assert HOSTILE[case] in report["message"]
        return
    assert report["status"] == "failed"
    assert behaviour, "the behaviour checks are missing"
    assert behaviour[0]["status"] == "failed"
    assert HOSTILE[case] in behaviour[0]["message"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("syntax_error.py", "syntax error in stats.py, line 2"),
        ("empty.py", "stats.py is empty"),
    ],
)
def test_unreadable_submission_is_an_error_report(kaizen: Kaizen, case: str, words: str) -> None:
    run = kaizen("grade", "stats", str(SUBMISSIONS / "stats" / case), "--json")
    assert run.returncode == 0, run.stderr
    report = run.json()
    assert report["status"] == "error"
    assert report["score"] == 0
    assert report["checks"] == [], "a submission that cannot be read has no check to show"
    assert words in report["message"]
    assert "Traceback" not in run.stdout + run.stderr
