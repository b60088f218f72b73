"""The typed model of a kata's ``kata.toml``, strict about every key."""

from __future__ import annotations

import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from autograder.errors import KataError
from autograder.kata.authoring import Mutation, Promises
from autograder.sandbox.limits import ResourceLimits
from autograder.syllabus import Category, ChecklistItem, Principle

__all__ = ["Behaviour", "Kata", "KataSpec", "Limits", "Requirement", "RequirementKind"]

_KEBAB = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_MODULE = r"^[A-Za-z_][A-Za-z0-9_]*$"
_HINT_LEVELS = 3


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Limits(_Strict):
    """Resource limits for grading this kata.

    Attributes:
        call_seconds: Time limit of one call into the learner's code.
        total_seconds: Time limit of the whole behaviour suite.
        memory_mb: Address-space limit of the learner's process.
    """

    call_seconds: Annotated[float, Field(gt=0, le=60)] = 2.0
    total_seconds: Annotated[float, Field(gt=0, le=600)] = 60.0
    memory_mb: Annotated[int, Field(ge=64, le=8192)] = 512

    def resources(self) -> ResourceLimits:
        """Return the limits the learner's process applies to itself."""
        return ResourceLimits(memory_mb=self.memory_mb, cpu_seconds=self.total_seconds)


class Behaviour(_Strict):
    """Settings of the behaviour suite.

    Attributes:
        max_examples: Hypothesis examples per property.
        legacy_fails: Tests the legacy code is expected to fail (a defect to fix).
    """

    max_examples: Annotated[int, Field(ge=1, le=1000)] = 50
    legacy_fails: tuple[str, ...] = ()


class RequirementKind(StrEnum):
    """A structure the learner's code must define, checked on its source."""

    EXCEPTION_CLASS = "exception-class"
    FROZEN_DATACLASS = "frozen-dataclass"
    DATACLASS = "dataclass"
    PROTOCOL = "protocol"
    TYPEDDICT = "typeddict"


class Requirement(_Strict):
    """One static structure requirement.

    Attributes:
        kind: What must be defined.
        name: The class name.
        base: For ``exception-class``: a class it must derive from, directly or not.
        category: The category whose points it shares.
    """

    kind: RequirementKind
    name: Annotated[str, Field(pattern=_MODULE)]
    base: str | None = None
    category: Category

    @model_validator(mode="after")
    def _base_only_for_exceptions(self) -> Self:
        if self.base is not None and self.kind is not RequirementKind.EXCEPTION_CLASS:
            msg = "'base' applies to kind = 'exception-class' only"
            raise ValueError(msg)
        return self


class KataSpec(_Strict):
    """Everything ``kata.toml`` says.

    Attributes:
        id: Unique kebab-case id.
        title: Human title.
        chapter: The chapter folder the kata lives in, e.g. ``05-error-handling``.
        summary: One sentence on what the learner does.
        entry: Import name of the module or package the learner edits.
        principles: Syllabus principles trained.
        checklist: Review-checklist items trained.
        hints: Three hints, from a nudge to nearly the answer.
        points: Points per check category (``behaviour`` is required).
        limits: Resource limits.
        behaviour: Behaviour-suite settings.
        requirements: Static structure requirements.
        promises: Exemptions from the generic promise mutants of ``kaizen dev check``.
        mutation: Settings of the mutation run (``kaizen dev check --mutation``).
    """

    id: Annotated[str, Field(pattern=_KEBAB)]
    title: Annotated[str, Field(min_length=3)]
    chapter: Annotated[str, Field(pattern=r"^\d\d-[a-z0-9-]+$")]
    summary: Annotated[str, Field(min_length=10)]
    entry: Annotated[str, Field(pattern=_MODULE)]
    principles: Annotated[tuple[Principle, ...], Field(min_length=1)]
    checklist: tuple[ChecklistItem, ...] = ()
    hints: Annotated[tuple[str, ...], Field(min_length=_HINT_LEVELS, max_length=_HINT_LEVELS)]
    points: dict[Category, Annotated[int, Field(ge=1)]]
    limits: Limits = Limits()
    behaviour: Behaviour = Behaviour()
    requirements: tuple[Requirement, ...] = ()
    promises: Promises = Promises()
    mutation: Mutation = Mutation()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if Category.BEHAVIOUR not in self.points:
            msg = "points must include 'behaviour'"
            raise ValueError(msg)
        for requirement in self.requirements:
            if requirement.category not in self.points:
                msg = (
                    f"requirement {requirement.name!r} uses category "
                    f"{requirement.category!s}, which has no points"
                )
                raise ValueError(msg)
        if any(not hint.strip() for hint in self.hints):
            msg = "every hint must have text"
            raise ValueError(msg)
        return self


class Kata(BaseModel):
    """A kata on disk: its spec and where its parts are.

    Attributes:
        spec: The parsed ``kata.toml``.
        root: The course repository's root.
        folder: The kata folder (``exercises/<chapter>/<id>``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    spec: KataSpec
    root: Path
    folder: Path

    @property
    def id(self) -> str:
        """The kata's id."""
        return self.spec.id

    @property
    def starter(self) -> Path:
        """The legacy starter: ``src/<entry>.py`` or the package folder ``src/<entry>``."""
        return _module_path(self.folder / "src", self.spec.entry)

    @property
    def solution(self) -> Path:
        """The reference solution, at the same path under ``solutions/``."""
        relative = self.starter.relative_to(self.root / "exercises")
        return self.root / "solutions" / relative

    @property
    def tests_dir(self) -> Path:
        """The behaviour suite's folder."""
        return self.folder / "tests"

    @property
    def support_dir(self) -> Path:
        """Optional helper modules (test doubles, data builders) importable in the child."""
        return self.folder / "support"

    @property
    def readme(self) -> Path:
        """The learner's instructions."""
        return self.folder / "README.md"

    @classmethod
    def load(cls, root: Path, toml_path: Path) -> Kata:
        """Parse and check one ``kata.toml``.

        Args:
            root: The course repository's root.
            toml_path: The file to read.

        Returns:
            The kata.

        Raises:
            KataError: With the file and the field at fault.
        """
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise KataError(toml_path, f"cannot read TOML: {error}") from error
        try:
            spec = KataSpec.model_validate(data)
        except ValidationError as error:
            raise KataError(toml_path, _describe(error)) from error
        folder = toml_path.parent
        if folder.parent.name != spec.chapter:
            problem = f"chapter is {spec.chapter!r} but the kata lives in {folder.parent.name!r}"
            raise KataError(toml_path, problem)
        if folder.name != spec.id:
            raise KataError(toml_path, f"id is {spec.id!r} but the folder is {folder.name!r}")
        return cls(spec=spec, root=root, folder=folder)


def _module_path(src: Path, entry: str) -> Path:
    package = src / entry
    return package if package.is_dir() else src / f"{entry}.py"


def _describe(error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "(top level)"
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown key: remove it or check its spelling"
        problems.append(f"field {field!r}: {message}")
    return "; ".join(problems)
