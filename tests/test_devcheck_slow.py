"""``kaizen dev check`` with the real grader and a real cosmic-ray run, on the test course."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.devcheck import audit_kata
from autograder.devcheck.mutation import run_mutation
from autograder.grading import GradingOptions
from autograder.kata import Catalog, Kata
from autograder.kata.authoring import PromiseMutant
from tests.conftest import TEST_COURSE

pytestmark = pytest.mark.slow

STATS_SUITE = Path("exercises/01-basics/stats/tests/test_behaviour.py")
NO_OP = """
[[mutant]]
id = "reworded-error"
promise = "without changing its behaviour"
[[mutant.edit]]
find = 'msg = "mean of nothing"'
replace = 'msg = "the mean of nothing"'
"""


def _stats(tmp_path: Path, kata_toml_extra: str = "") -> Kata:
    root = tmp_path / "course"
    shutil.copytree(TEST_COURSE, root)
    toml = root / "exercises" / "01-basics" / "stats" / "kata.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + kata_toml_extra, encoding="utf-8")
    return Catalog(root).get("stats")


def test_real_grades_show_which_check_caught_a_mutant_and_which_was_missed(
    tmp_path: Path, cache_dir: Path
) -> None:
    others = [m for m in PromiseMutant if m is not PromiseMutant.NO_DOCSTRING]
    exempt = ", ".join(f'{m} = "graded elsewhere in this test"' for m in others)
    kata = _stats(tmp_path, f"\n[promises]\nexempt = {{ {exempt} }}\n")
    (kata.folder / "promises.toml").write_text(NO_OP, encoding="utf-8")
    audit = audit_kata(kata, GradingOptions(cache_dir=cache_dir))
    assert audit.promises is not None, audit.problems
    verdicts = {v.mutant_id: v for v in audit.promises.verdicts}
    docstring = verdicts["no-docstring"]
    assert not docstring.problem
    assert [(c.check_id, c.rules) for c in docstring.catches] == [("docs.docstrings", ("D103",))]
    assert docstring.points_lost == docstring.catches[0].points > 0
    assert verdicts["reworded-error"].points_lost == 0
    assert "loses no points" in verdicts["reworded-error"].problem
    assert not audit.ok
    assert [p for p in audit.problems if "reworded-error" in p]
    assert all(verdicts[str(m)].skipped.startswith("exempt: ") for m in others)


def test_the_full_suite_kills_every_mutant_of_stats(cache_dir: Path) -> None:
    score = run_mutation(Catalog(TEST_COURSE).get("stats"), cache_dir)
    assert score.problems == ()
    assert score.total > 0
    assert score.killed == score.total
    assert score.survivors == ()
    assert score.filtered > 0  # the division's bitwise replacements are noise


def test_a_weaker_suite_lets_mutants_survive_and_equivalents_are_left_out(
    tmp_path: Path, cache_dir: Path
) -> None:
    equivalent = """
[[mutation.equivalent]]
operator = "core/ReplaceBinaryOperator_Div_Mul"
function = "mean"
line = "return total(values) / len(values)"
reason = "declared so in this test, to see it left out of the score"

[[mutation.equivalent]]
operator = "core/NumberReplacer"
function = "mean"
line = "return 42"
reason = "matches nothing, so it must be reported as stale"
"""
    kata = _stats(tmp_path, equivalent)
    suite = kata.root / STATS_SUITE
    text = suite.read_text(encoding="utf-8")
    keep = text[: text.index("@given(numbers)")] + text[text.index("def test_mean_of_nothing") :]
    suite.write_text(keep, encoding="utf-8")
    full = run_mutation(Catalog(TEST_COURSE).get("stats"), cache_dir)
    weak = run_mutation(kata, cache_dir)
    assert weak.equivalent == 1
    assert weak.total == full.total - 1
    assert 0 < weak.killed < weak.total
    assert len(weak.survivors) == weak.total - weak.killed
    assert {s.function for s in weak.survivors} == {"mean"}
    assert all(s.original == "return total(values) / len(values)" for s in weak.survivors)
    assert "core/ReplaceBinaryOperator_Div_Mul" not in {s.operator for s in weak.survivors}
    (stale,) = weak.problems
    assert "'return 42' matches no mutant" in stale


def _probe(root: Path, kata: str, folder: Path, cache_dir: Path) -> int:
    argv = [sys.executable, "-m", "autograder.devcheck.mutant_probe", "--root", str(root)]
    argv += ["--cache", str(cache_dir), kata, str(folder)]
    return subprocess.run(argv, capture_output=True, check=False, timeout=120).returncode


def test_the_probe_exits_by_what_the_behaviour_suite_says(tmp_path: Path, cache_dir: Path) -> None:
    solution = TEST_COURSE / "solutions" / "01-basics" / "stats" / "src"
    assert _probe(TEST_COURSE, "stats", solution, cache_dir) == 0
    broken = tmp_path / "broken"
    shutil.copytree(solution, broken)
    module = broken / "stats.py"
    module.write_text(
        module.read_text(encoding="utf-8").replace("return sum(values)", "return 0"),
        encoding="utf-8",
    )
    assert _probe(TEST_COURSE, "stats", broken, cache_dir) == 1
    assert _probe(TEST_COURSE, "no-such-kata", solution, cache_dir) == 2
