"""The parts of ``kata.toml`` that speak to the course author's checks (``kaizen dev check``).

``[promises]`` exempts a kata from generic promise mutants it has a reason not to keep;
``[mutation]`` declares the mutants of the mutation run that are equivalent to the
reference solution. Both are strict: unknown keys and unknown mutant ids are errors.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["EquivalentMutant", "Mutation", "PromiseMutant", "Promises"]

_MIN_REASON_CHARS = 10

type Reason = Annotated[str, Field(min_length=_MIN_REASON_CHARS)]
"""Why the author's check does not apply: a sentence, not a word."""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PromiseMutant(StrEnum):
    """A generic promise mutant: one slip ``kaizen dev check`` makes in every reference solution.

    Each breaks one promise of the house baseline and must lose points, unless the kata
    says in ``[promises] exempt`` why it is exempt.
    """

    PRINT_CALL = "print-call"
    NO_ALL = "no-all"
    SHARED_STATE = "shared-state"
    FMT_OFF = "fmt-off"
    NO_DOCSTRING = "no-docstring"
    BARE_EXCEPT = "bare-except"
    BLIND_EXCEPT = "blind-except"
    NO_ANNOTATION = "no-annotation"
    TYPE_IGNORE = "type-ignore"
    EVAL = "eval"


class Promises(_Strict):
    """What ``kaizen dev check`` may skip of its generic promise mutants.

    Attributes:
        exempt: Mutant id to the reason the kata does not make that promise.
    """

    exempt: dict[PromiseMutant, Reason] = {}

    @field_validator("exempt", mode="before")
    @classmethod
    def _known_mutants(cls, value: object) -> object:
        if isinstance(value, dict):
            known = {str(mutant) for mutant in PromiseMutant}
            unknown = sorted(str(key) for key in value if str(key) not in known)
            if unknown:
                msg = (
                    f"unknown promise mutant {', '.join(map(repr, unknown))}: "
                    f"expected one of {', '.join(sorted(known))}"
                )
                raise ValueError(msg)
        return value


class EquivalentMutant(_Strict):
    """A mutant of the mutation run that no test can kill, because it behaves the same.

    The locator is stable across runs and unrelated edits: it names the operator, the
    enclosing function and the source line, never a line number or an occurrence count.

    Attributes:
        operator: The cosmic-ray operator, e.g. ``core/ReplaceComparisonOperator_Lt_LtE``.
        function: The enclosing function or class, or ``<module>``.
        line: The mutated source line, stripped of indentation, as in the solution.
        mutated: The same line after the mutation, when ``line`` alone is ambiguous.
        reason: Why it behaves exactly as the original does.
    """

    operator: Annotated[str, Field(pattern=r"^core/[A-Za-z_]+$")]
    function: Annotated[str, Field(min_length=1)]
    line: Annotated[str, Field(min_length=1)]
    mutated: str | None = None
    reason: Reason


class Mutation(_Strict):
    """Settings of ``kaizen dev check --mutation``.

    Attributes:
        equivalent: Mutants excluded from the score, each with its reason.
    """

    equivalent: tuple[EquivalentMutant, ...] = ()
