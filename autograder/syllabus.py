"""The course's vocabulary: syllabus principles, review-checklist items, check categories.

Kata metadata, checks and (later) the book all name these ids, so they are defined once.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["CATEGORY_LESSONS", "Category", "ChecklistItem", "Principle"]


class Principle(StrEnum):
    """A principle of the syllabus a kata trains."""

    REQUIREMENTS = "requirements"
    DESIGN = "design"
    SIMPLICITY = "simplicity"
    CLEAN_CODE = "clean-code"
    TYPE_HINTS = "type-hints"
    ERROR_HANDLING = "error-handling"
    SECURITY = "security"
    PERFORMANCE = "performance"
    CONCURRENCY = "concurrency"
    IMPORTS = "imports"
    TESTING = "testing"
    LOGGING = "logging"
    DOCUMENTATION = "documentation"
    KAIZEN = "kaizen"
    PROJECT_STRUCTURE = "project-structure"
    NAMING = "naming"
    MODERN_PYTHON = "modern-python"


class ChecklistItem(StrEnum):
    """One item of the syllabus's review checklist."""

    TYPE_HINTS = "type-hints"
    TYPE_IGNORE_JUSTIFIED = "type-ignore-justified"
    CUSTOM_EXCEPTIONS = "custom-exceptions"
    LOGGING_NOT_PRINT = "logging-not-print"
    INPUT_VALIDATION = "input-validation"
    UNIT_TESTS = "unit-tests"
    DOCSTRINGS = "docstrings"
    NO_HARDCODED_SECRETS = "no-hardcoded-secrets"
    RESOURCES_CLOSED = "resources-closed"
    ASYNC_NON_BLOCKING = "async-non-blocking"
    PINNED_DEPENDENCIES = "pinned-dependencies"
    NO_BARE_EXCEPT = "no-bare-except"
    ACTIONABLE_ERRORS = "actionable-errors"
    PERFORMANCE_PROFILED = "performance-profiled"


class Category(StrEnum):
    """A group of checks that shares one pot of points in a kata."""

    BEHAVIOUR = "behaviour"
    TYPING = "typing"
    ERRORS = "errors"
    SECURITY = "security"
    LOGGING = "logging"
    DOCS = "docs"
    COMPLEXITY = "complexity"
    STYLE = "style"
    PERFORMANCE = "performance"
    RESOURCES = "resources"
    CONCURRENCY = "concurrency"
    IMPORTS = "imports"
    BASELINE = "baseline"


CATEGORY_LESSONS: dict[Category, str] = {
    Category.BEHAVIOUR: "15-kaizen-in-practice",
    Category.TYPING: "04-type-hints",
    Category.ERRORS: "05-error-handling",
    Category.SECURITY: "06-security",
    Category.LOGGING: "11-logging",
    Category.DOCS: "12-documentation",
    Category.COMPLEXITY: "03-clean-code",
    Category.STYLE: "03-clean-code",
    Category.PERFORMANCE: "07-performance",
    Category.RESOURCES: "05-error-handling",
    Category.CONCURRENCY: "08-concurrency",
    Category.IMPORTS: "09-imports",
    Category.BASELINE: "15-kaizen-in-practice",
}
"""The book chapter that teaches each category (a page slug under ``book/``)."""
