"""Per-kata promise mutants, declared next to the brief in ``promises.toml``.

The generic mutants cover what every kata promises; this file covers what only this
kata's README asks. Each mutant quotes the promise from the README and says how to break
it as literal find/replace edits of the reference solution. See
``docs/authoring-katas.md`` for the format.
"""

from __future__ import annotations

import ast
import difflib
import re
import tomllib
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from autograder.devcheck.mutants import Mutant
from autograder.errors import KataError
from autograder.kata.authoring import PromiseMutant
from autograder.kata.model import Kata

__all__ = ["PROMISES_FILE", "DeclaredMutant", "PromisesFile", "declared_mutants", "load_promises"]

PROMISES_FILE = "promises.toml"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Replacement(_Strict):
    """One literal edit of the solution.

    Attributes:
        find: Text that occurs exactly once in the file.
        replace: What it becomes.
    """

    find: Annotated[str, Field(min_length=1)]
    replace: str


class DeclaredMutant(_Strict):
    """A slip that breaks one promise only this kata's README makes.

    Attributes:
        id: Kebab-case id, unique in the file and distinct from the generic ids.
        promise: The promise, quoted from the README (whitespace may differ).
        file: The file to edit, relative to the solution's folder; default the entry.
        edit: The edits, applied in order.
        caught_by: Check ids, id prefixes (``behaviour``, ``errors``) or rule codes
            (``B006``) one of which must catch it; empty: any check with a finding
            where the edit is.
    """

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    promise: Annotated[str, Field(min_length=5)]
    file: str | None = None
    edit: Annotated[tuple[Replacement, ...], Field(min_length=1)]
    caught_by: tuple[str, ...] = ()


class PromisesFile(_Strict):
    """The whole ``promises.toml``.

    Attributes:
        mutant: The kata's promise mutants.
    """

    mutant: Annotated[tuple[DeclaredMutant, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_ids(self) -> Self:
        ids = [mutant.id for mutant in self.mutant]
        generic = {str(mutant) for mutant in PromiseMutant}
        for mutant_id in ids:
            if ids.count(mutant_id) > 1:
                msg = f"mutant id {mutant_id!r} is declared twice"
                raise ValueError(msg)
            if mutant_id in generic:
                msg = f"mutant id {mutant_id!r} is a generic mutant's: choose another"
                raise ValueError(msg)
        return self


def load_promises(kata: Kata) -> PromisesFile | None:
    """Read the kata's ``promises.toml``, if it has one.

    Args:
        kata: The kata.

    Returns:
        Its declared mutants, or ``None`` when the file does not exist.

    Raises:
        KataError: If the file cannot be read or does not follow the format.
    """
    path = kata.folder / PROMISES_FILE
    if not path.exists():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return PromisesFile.model_validate(data)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise KataError(path, f"cannot read TOML: {error}") from error
    except ValidationError as error:
        raise KataError(path, _describe(error)) from error


def declared_mutants(
    declared: PromisesFile, readme: str, files: dict[str, str], entry_path: str
) -> tuple[list[Mutant], list[str]]:
    """Apply each declared mutant's edits to the solution.

    Args:
        declared: The kata's ``promises.toml``.
        readme: The kata's README, which must contain each promise.
        files: The solution's files, path to text.
        entry_path: The entry module's path among ``files``.

    Returns:
        The mutants, and a problem (with what to do) for each that cannot be made.
    """
    mutants: list[Mutant] = []
    problems: list[str] = []
    brief = _words(readme)
    for mutant in declared.mutant:
        where = f"{PROMISES_FILE} mutant {mutant.id!r}"
        if _words(mutant.promise) not in brief:
            problems.append(f"{where}: its promise is not in README.md: quote the brief")
            continue
        path = mutant.file or entry_path
        if path not in files:
            problems.append(f"{where}: the solution has no file {path!r}: fix 'file'")
            continue
        text, problem = _apply(files[path], mutant.edit)
        if problem is not None:
            problems.append(f"{where}: {problem}")
            continue
        mutants.append(
            Mutant(
                id=mutant.id,
                promise=mutant.promise,
                path=path,
                text=text,
                lines=_changed_lines(files[path], text),
                caught_by=mutant.caught_by,
            )
        )
    return mutants, problems


def _apply(text: str, edits: tuple[Replacement, ...]) -> tuple[str, str | None]:
    for number, edit in enumerate(edits, start=1):
        count = text.count(edit.find)
        if count != 1:
            found = "does not occur" if count == 0 else f"occurs {count} times"
            return text, (
                f"the find text of edit {number} {found} in the solution: quote exactly one "
                "place of the current reference solution"
            )
        text = text.replace(edit.find, edit.replace)
    try:
        ast.parse(text)
    except SyntaxError as error:
        return text, f"the edited solution does not parse (line {error.lineno}: {error.msg})"
    return text, None


def _changed_lines(before: str, after: str) -> frozenset[int]:
    """The lines of ``after`` that replace or add to ``before`` (for a deletion: the next)."""
    opcodes = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines()).get_opcodes()
    return frozenset(
        line
        for tag, _, _, first, last in opcodes
        if tag != "equal"
        for line in range(first + 1, max(last, first + 1) + 1)
    )


def _describe(error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "(top level)"
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown key: remove it or check its spelling"
        problems.append(f"field {field!r}: {message}")
    return "; ".join(problems)


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()
