"""Golden reports: grade known submissions through the real CLI and compare the JSON.

Set KAIZEN_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change, then
review the diff like any other code change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import REPO, SUBMISSIONS, TEST_COURSE, Kaizen, without_timing

GOLDEN = Path(__file__).resolve().parent / "golden"
TEST_COURSE_CASES = {path.stem: path for path in sorted((SUBMISSIONS / "stats").glob("*.py"))} | {
    "legacy": TEST_COURSE / "exercises" / "01-basics" / "stats" / "src" / "stats.py",
    "solution": TEST_COURSE / "solutions" / "01-basics" / "stats" / "src" / "stats.py",
}
COURSE_KATAS = sorted(path.parent.name for path in (REPO / "exercises").glob("*/*/kata.toml"))


def _compare(run_json: dict[str, object], expected_file: Path) -> None:
    # the sandbox depends on the machine (bubblewrap or the fallback): tests/security covers it
    actual = {key: value for key, value in without_timing(run_json).items() if key != "sandbox"}
    if os.environ.get("KAIZEN_UPDATE_GOLDEN") == "1":
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(json.dumps(actual, indent=2) + "\n", encoding="utf-8")
    assert expected_file.exists(), (
        f"no golden file {expected_file}: run with KAIZEN_UPDATE_GOLDEN=1"
    )
    assert actual == json.loads(expected_file.read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(TEST_COURSE_CASES))
def test_test_course_report_matches_golden(kaizen: Kaizen, case: str) -> None:
    run = kaizen("grade", "stats", str(TEST_COURSE_CASES[case]), "--json")
    assert run.returncode == 0, run.stderr
    _compare(run.json(), GOLDEN / "stats" / f"{case}.json")


@pytest.mark.slow
@pytest.mark.parametrize("kata_id", COURSE_KATAS)
@pytest.mark.parametrize("side", ["legacy", "solution"])
def test_course_kata_report_matches_golden(course_kaizen: Kaizen, kata_id: str, side: str) -> None:
    listing = {item["id"]: item for item in course_kaizen("list", "--json").json()}
    submission = REPO / listing[kata_id][{"legacy": "starter", "solution": "solution"}[side]]
    run = course_kaizen("grade", kata_id, str(submission), "--json")
    assert run.returncode == 0, run.stderr
    _compare(run.json(), GOLDEN / kata_id / f"{side}.json")
