"""The result of a mutation run: how many mutants the behaviour suite killed, and which not."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TARGET_SCORE", "MutationScore", "Survivor"]

TARGET_SCORE = 0.9
"""The share of mutants each kata's behaviour suite must kill."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Survivor:
    """A mutant the behaviour suite did not kill.

    Attributes:
        path: The mutated file, relative to the solution's folder.
        line: The line.
        operator: The cosmic-ray operator.
        function: The enclosing function or class, or ``<module>``.
        original: The line before the mutation.
        mutated: The line after it.
    """

    path: str
    line: int
    operator: str
    function: str
    original: str
    mutated: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MutationScore:
    """The mutation run of one kata.

    Attributes:
        kata_id: The kata.
        killed: Mutants the suite killed.
        total: Mutants run (neither filtered out nor declared equivalent).
        equivalent: Mutants left out as declared equivalent.
        filtered: Mutants left out as noise (see the module's docstring).
        survivors: The mutants that survived, in source order.
        problems: What stops the score from counting, with what to do.
        seconds: How long the run took.
    """

    kata_id: str
    killed: int
    total: int
    equivalent: int
    filtered: int
    survivors: tuple[Survivor, ...]
    problems: tuple[str, ...]
    seconds: float

    @property
    def score(self) -> float:
        """The share of mutants killed (1.0 when there were none to run)."""
        return self.killed / self.total if self.total else 1.0

    @property
    def ok(self) -> bool:
        """Whether the run counts and meets the target."""
        return not self.problems and self.score >= TARGET_SCORE
