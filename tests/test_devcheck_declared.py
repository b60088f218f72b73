"""Per-kata promise mutants: ``promises.toml`` is strict, quotes the brief, and still applies."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from ruff import find_ruff_bin

from autograder.devcheck.declared import declared_mutants, load_promises
from autograder.errors import KataError
from autograder.kata import Catalog, Kata
from autograder.submission import load_submission
from tests.conftest import REPO, TEST_COURSE

README = "Add type hints and docstrings to `stats.py` without changing its behaviour.\n"
MUTANT = """
[[mutant]]
id = "quiet-error"
promise = "without changing   its behaviour"
[[mutant.edit]]
find = 'msg = "mean of nothing"'
replace = 'msg = "the mean of nothing"'
"""


def _stats(tmp_path: Path, promises: str) -> Kata:
    root = tmp_path / "course"
    shutil.copytree(TEST_COURSE, root)
    kata = Catalog(root).get("stats")
    (kata.folder / "promises.toml").write_text(promises, encoding="utf-8")
    return kata


def _files(kata: Kata) -> tuple[dict[str, str], str]:
    submission = load_submission(kata.solution.parent, kata.spec.entry)
    return {s.path: s.text for s in submission.files}, submission.entry_path


def _make(kata: Kata) -> tuple[list[str], list[str]]:
    declared = load_promises(kata)
    assert declared is not None
    files, entry = _files(kata)
    mutants, problems = declared_mutants(declared, README, files, entry)
    return [m.text for m in mutants], problems


def test_a_declared_mutant_applies_its_edits_and_knows_the_lines(tmp_path: Path) -> None:
    kata = _stats(tmp_path, MUTANT)
    declared = load_promises(kata)
    assert declared is not None
    files, entry = _files(kata)
    (mutant,), problems = declared_mutants(declared, README, files, entry)
    assert not problems
    assert mutant.text == files["stats.py"].replace("mean of nothing", "the mean of nothing")
    line = mutant.text.splitlines().index('        msg = "the mean of nothing"') + 1
    assert mutant.lines == {line}
    assert mutant.path == "stats.py"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("without changing   its behaviour", "with no tests"), "not in README.md"),
        (('msg = "mean of nothing"', "return"), "occurs 2 times"),
        (('msg = "mean of nothing"', "nowhere"), "does not occur"),
        (('"the mean of nothing"', '"the mean of nothing'), "does not parse"),
        (('id = "quiet-error"', 'id = "quiet-error"\nfile = "other.py"'), "no file 'other.py'"),
    ],
)
def test_a_mutant_that_cannot_be_made_says_why(
    tmp_path: Path, change: tuple[str, str], words: str
) -> None:
    texts, problems = _make(_stats(tmp_path, MUTANT.replace(*change)))
    assert texts == []
    assert len(problems) == 1
    assert "promises.toml mutant 'quiet-error'" in problems[0]
    assert words in problems[0]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (MUTANT + MUTANT, "declared twice"),
        (MUTANT.replace("quiet-error", "print-call"), "a generic mutant's"),
        (MUTANT.replace("promise =", "promised ="), "unknown key"),
        ("[[mutant]]\nid = 'x'\n", "edit"),
        ("mutant = [", "cannot read TOML"),
    ],
)
def test_a_bad_promises_file_is_rejected(tmp_path: Path, text: str, words: str) -> None:
    kata = _stats(tmp_path, text)
    with pytest.raises(KataError) as caught:
        load_promises(kata)
    assert "promises.toml" in str(caught.value)
    assert words in str(caught.value)


COURSE_KATAS = [kata for kata in Catalog(REPO).katas if (kata.folder / "promises.toml").exists()]


@pytest.mark.parametrize("kata", COURSE_KATAS, ids=lambda kata: kata.id)
def test_every_course_promise_mutant_still_applies_to_its_solution(kata: Kata) -> None:
    declared = load_promises(kata)
    assert declared is not None
    files, entry = _files(kata)
    readme = kata.readme.read_text(encoding="utf-8")
    mutants, problems = declared_mutants(declared, readme, files, entry)
    assert not problems
    assert len(mutants) == len(declared.mutant)
    for mutant in mutants:
        done = subprocess.run(
            [find_ruff_bin(), "format", "--isolated", "--check", "--stdin-filename", "m.py", "-"],
            input=mutant.text,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"{kata.id} mutant {mutant.id} is not formatted"


def test_the_lines_of_distant_edits_are_only_those_edited(tmp_path: Path) -> None:
    two = MUTANT + "[[mutant.edit]]\nfind = 'Add up the values.'\nreplace = 'Sum the values.'\n"
    kata = _stats(tmp_path, two)
    declared = load_promises(kata)
    assert declared is not None
    files, entry = _files(kata)
    (mutant,), _ = declared_mutants(declared, README, files, entry)
    lines = mutant.text.splitlines()
    edited = {
        n for n, line in enumerate(lines, 1) if "Sum the values" in line or "the mean" in line
    }
    assert len(edited) == 2
    assert mutant.lines == edited
