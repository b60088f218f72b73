"""What a standards check is: its id, what it wants, and what reports for it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from autograder.standards.suppressions import SuppressionKind
from autograder.syllabus import Category, ChecklistItem

__all__ = ["CheckDefinition", "Tool"]


class Tool(StrEnum):
    """What reports findings for a check, besides the ruff rules it selects."""

    RUFF_FORMAT = "ruff-format"
    MYPY = "mypy"
    METRICS = "metrics"
    MESSAGES = "messages"
    PUBLIC_API = "public-api"
    SHARED_STATE = "shared-state"


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckDefinition:
    """One standards check.

    Attributes:
        id: Stable id used in reports, e.g. ``typing.annotations``.
        category: The category it belongs to.
        title: What the check wants, in one line.
        advice: What to do when it fails.
        lesson: The book page (and section) that teaches it.
        rules: The ruff rule codes or prefixes it selects (its findings count here).
        tools: The other tools and own analysers whose findings count here.
        suppressions: The kinds of suppression comment it judges.
        catch_all: Whether it selects whole linters as a net: a rule that another check
            selects as specifically counts in that other check.
        checklist: Review-checklist items it enforces.
    """

    id: str
    category: Category
    title: str
    advice: str
    lesson: str
    rules: tuple[str, ...] = ()
    tools: frozenset[Tool] = frozenset()
    suppressions: frozenset[SuppressionKind] = frozenset()
    catch_all: bool = False
    checklist: tuple[ChecklistItem, ...] = ()

    def is_empty(self) -> bool:
        """Say whether nothing would report for it."""
        return not (self.rules or self.tools or self.suppressions)
