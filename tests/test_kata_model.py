"""kata.toml is parsed strictly, with messages that name the file and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from autograder.errors import KataError, UnknownKataError
from autograder.kata import Catalog, Kata
from tests.conftest import REPO, TEST_COURSE

VALID = """
id = "demo"
title = "Demo kata"
chapter = "01-basics"
summary = "A kata used to test the metadata parser."
entry = "demo"
principles = ["clean-code"]
hints = ["one", "two", "three"]
[points]
behaviour = 60
docs = 40
"""


def _write(tmp_path: Path, text: str, chapter: str = "01-basics", kata_id: str = "demo") -> Path:
    folder = tmp_path / "exercises" / chapter / kata_id
    folder.mkdir(parents=True)
    path = folder / "kata.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_kata_loads(tmp_path: Path) -> None:
    kata = Kata.load(tmp_path, _write(tmp_path, VALID))
    assert kata.id == "demo"
    assert kata.spec.limits.call_seconds == 2.0
    assert kata.starter == kata.folder / "src" / "demo.py"
    assert kata.solution == tmp_path / "solutions" / "01-basics" / "demo" / "src" / "demo.py"


def test_an_unknown_key_names_the_file_and_the_field(tmp_path: Path) -> None:
    path = _write(tmp_path, VALID + "\n[limits]\nwall_time = 3\n")
    with pytest.raises(KataError) as caught:
        Kata.load(tmp_path, path)
    assert str(path) in str(caught.value)
    assert "limits.wall_time" in str(caught.value)
    assert "unknown key" in str(caught.value)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (('hints = ["one", "two", "three"]', 'hints = ["one", "two"]'), "hints"),
        (('principles = ["clean-code"]', 'principles = ["vibes"]'), "principles.0"),
        (("behaviour = 60\n", ""), "behaviour"),
        (('id = "demo"', 'id = "Demo Kata"'), "id"),
        (("docs = 40", "docs = 40\nfun = 3"), "points.fun"),
    ],
)
def test_invalid_values_are_rejected(tmp_path: Path, change: tuple[str, str], words: str) -> None:
    path = _write(tmp_path, VALID.replace(*change))
    with pytest.raises(KataError, match=words):
        Kata.load(tmp_path, path)


def test_a_requirement_needs_points_in_its_category(tmp_path: Path) -> None:
    text = VALID + '\n[[requirements]]\nkind = "protocol"\nname = "Store"\ncategory = "typing"\n'
    with pytest.raises(KataError, match="typing"):
        Kata.load(tmp_path, _write(tmp_path, text))


def test_the_chapter_must_match_the_folder(tmp_path: Path) -> None:
    with pytest.raises(KataError, match="chapter"):
        Kata.load(tmp_path, _write(tmp_path, VALID, chapter="02-other"))


def test_broken_toml_is_a_kata_error(tmp_path: Path) -> None:
    with pytest.raises(KataError, match="TOML"):
        Kata.load(tmp_path, _write(tmp_path, "id = "))


def test_an_unknown_id_lists_the_known_ones() -> None:
    catalog = Catalog(TEST_COURSE)
    with pytest.raises(UnknownKataError, match="stats"):
        catalog.get("nope")


def test_every_course_kata_loads_and_mirrors_its_solution() -> None:
    catalog = Catalog(REPO)
    assert len(catalog.katas) >= 3
    for kata in catalog.katas:
        assert kata.starter.exists(), kata.id
        assert kata.solution.exists(), kata.id
        assert kata.readme.exists(), kata.id


def test_a_broken_kata_stops_the_catalogue(tmp_path: Path) -> None:
    shutil.copytree(TEST_COURSE, tmp_path / "course")
    toml = tmp_path / "course" / "exercises" / "01-basics" / "stats" / "kata.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\nsurprise = 1\n", encoding="utf-8")
    with pytest.raises(KataError, match="surprise"):
        Catalog(tmp_path / "course")
