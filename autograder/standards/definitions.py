"""Every standards check the course can grade, grouped by category.

A kata grades a category by giving it points; all the checks of that category then run,
and share its points. Each check says what it wants, what to do when it fails, which
lesson teaches it and which review-checklist items it enforces. The focus checks are
defined here; the house baseline, graded in every kata, in ``autograder.standards.baseline``.
"""

from __future__ import annotations

from autograder.standards.baseline import BASELINE_CHECKS
from autograder.standards.checks import CheckDefinition, Tool
from autograder.standards.suppressions import SuppressionKind
from autograder.syllabus import Category, ChecklistItem

__all__ = ["BASELINE_CHECKS", "CHECKS", "FOCUS_CHECKS", "CheckDefinition", "Tool"]

_C = Category
_I = ChecklistItem

FOCUS_CHECKS: tuple[CheckDefinition, ...] = (
    CheckDefinition(
        id="typing.annotations",
        category=_C.TYPING,
        title="Every function has type hints, in modern syntax",
        advice="Annotate every parameter and return value; use list[str], X | None, "
        "and built-in generics instead of typing.List or Optional.",
        lesson="04-type-hints#annotations",
        rules=("ANN", "UP006", "UP007", "UP035", "UP037", "UP040", "UP045", "UP046", "UP047"),
        checklist=(_I.TYPE_HINTS,),
    ),
    CheckDefinition(
        id="typing.mypy",
        category=_C.TYPING,
        title="mypy --strict finds no type errors",
        advice="Fix each type error where it arises; never silence it.",
        lesson="04-type-hints#strict-mypy",
        tools=frozenset({Tool.MYPY}),
        checklist=(_I.TYPE_HINTS,),
    ),
    CheckDefinition(
        id="typing.suppressions",
        category=_C.TYPING,
        title="No '# type: ignore' without an error code and a reason",
        advice="Remove the suppression and fix the type error; if it truly must stay, "
        "write '# type: ignore[code]  # reason: why'.",
        lesson="04-type-hints#type-ignore",
        suppressions=frozenset({SuppressionKind.TYPE}),
        checklist=(_I.TYPE_IGNORE_JUSTIFIED,),
    ),
    CheckDefinition(
        id="errors.handling",
        category=_C.ERRORS,
        title="Exceptions are specific, never swallowed, and chained",
        advice="Catch the specific exceptions you can handle, raise custom exceptions for "
        "domain errors, and use 'raise ... from error' when translating one.",
        lesson="05-error-handling#specific-exceptions",
        rules=(
            "E722",
            "BLE",
            "TRY002",
            "TRY004",
            "TRY201",
            "TRY203",
            "TRY300",
            "TRY301",
            "TRY400",
            "TRY401",
            "B904",
            "RSE",
            "S110",
            "S112",
            "SIM105",
        ),
        checklist=(_I.NO_BARE_EXCEPT, _I.CUSTOM_EXCEPTIONS),
    ),
    CheckDefinition(
        id="errors.messages",
        category=_C.ERRORS,
        title="Every error message says what went wrong and what to do",
        advice="Give each raised exception a message that names the value, what was "
        "expected, and what to do next; build it in a custom exception's __init__.",
        lesson="05-error-handling#actionable-messages",
        tools=frozenset({Tool.MESSAGES}),
        checklist=(_I.ACTIONABLE_ERRORS,),
    ),
    CheckDefinition(
        id="security.bandit",
        category=_C.SECURITY,
        title="No injection, hard-coded secret or unsafe call",
        advice="Pass data as query parameters, read secrets from the environment, and avoid "
        "eval, pickle and shell=True on untrusted input.",
        lesson="06-security",
        rules=("S",),
        checklist=(_I.NO_HARDCODED_SECRETS, _I.INPUT_VALIDATION),
    ),
    CheckDefinition(
        id="logging.no-print",
        category=_C.LOGGING,
        title="Output goes through logging, not print",
        advice="Create 'logger = logging.getLogger(__name__)' and log at the right level "
        "with lazy %-style arguments instead of print() or f-strings.",
        lesson="11-logging",
        rules=("T20", "G", "LOG"),
        checklist=(_I.LOGGING_NOT_PRINT,),
    ),
    CheckDefinition(
        id="docs.docstrings",
        category=_C.DOCS,
        title="Public modules, classes and functions have Google-style docstrings",
        advice="Give each public module, class and function a docstring: a one-line summary, "
        "then Args: (every parameter is checked), Returns: and Raises: sections.",
        lesson="12-documentation#docstrings",
        rules=("D",),
        checklist=(_I.DOCSTRINGS,),
    ),
    CheckDefinition(
        id="complexity.branches",
        category=_C.COMPLEXITY,
        title="Functions stay simple: few branches, returns, arguments and statements",
        advice="Extract helper functions, use early returns, and group related arguments "
        "into a dataclass.",
        lesson="03-clean-code#small-functions",
        rules=("C901", "PLR0911", "PLR0912", "PLR0913", "PLR0915"),
    ),
    CheckDefinition(
        id="complexity.size",
        category=_C.COMPLEXITY,
        title="Functions under 50 lines, classes under 300, nesting at most 4 deep",
        advice="Split long functions into well-named helpers and flatten nesting with early "
        "returns and guard clauses.",
        lesson="03-clean-code#size-limits",
        tools=frozenset({Tool.METRICS}),
    ),
    CheckDefinition(
        id="style.format",
        category=_C.STYLE,
        title="The code is formatted with ruff format",
        advice="Run 'ruff format' on your code.",
        lesson="13-project-structure#tooling",
        tools=frozenset({Tool.RUFF_FORMAT}),
    ),
    CheckDefinition(
        id="style.lint",
        category=_C.STYLE,
        title="Clean, idiomatic code: names, imports, simplifications",
        advice="Follow each message; most are one-line fixes (and 'ruff check --fix' can "
        "apply many of them).",
        lesson="03-clean-code",
        rules=("E", "W", "F", "I", "N", "B", "SIM", "RET", "PIE", "C4", "ERA", "UP", "PLR1714"),
        catch_all=True,
    ),
    CheckDefinition(
        id="style.suppressions",
        category=_C.STYLE,
        title="No '# noqa' without a rule code and a reason",
        advice="Fix what the linter reports instead of silencing it; if a rule truly does not "
        "apply, write '# noqa: CODE - reason'.",
        lesson="03-clean-code#suppressions",
        suppressions=frozenset({SuppressionKind.LINT, SuppressionKind.FORMAT}),
    ),
    CheckDefinition(
        id="performance.idioms",
        category=_C.PERFORMANCE,
        title="No needless work in loops",
        advice="Use comprehensions, set/dict lookups and built-ins instead of manual loops "
        "and repeated conversions.",
        lesson="07-performance#data-structures",
        rules=("PERF", "C419", "FURB", "SIM110", "SIM118"),
        checklist=(_I.PERFORMANCE_PROFILED,),
    ),
    CheckDefinition(
        id="resources.context-managers",
        category=_C.RESOURCES,
        title="Files and other resources are closed by context managers",
        advice="Open files, sockets and connections in a 'with' statement.",
        lesson="05-error-handling#context-managers",
        rules=("SIM115", "PTH123"),
        checklist=(_I.RESOURCES_CLOSED,),
    ),
    CheckDefinition(
        id="concurrency.async",
        category=_C.CONCURRENCY,
        title="Async code never blocks the event loop",
        advice="Use async libraries (or asyncio.to_thread) for I/O and sleeping in async "
        "functions.",
        lesson="08-concurrency#event-loop",
        rules=("ASYNC", "RUF006"),
        checklist=(_I.ASYNC_NON_BLOCKING,),
    ),
    CheckDefinition(
        id="imports.structure",
        category=_C.IMPORTS,
        title="Imports are absolute, sorted, used and explicit",
        advice="Import only what you use, never with '*', and let 'ruff check --fix' sort them.",
        lesson="09-imports",
        rules=("I", "F401", "F403", "F405", "TID"),
    ),
)
"""The checks of the focus categories, the ones a kata chooses by giving them points."""

CHECKS: tuple[CheckDefinition, ...] = (*FOCUS_CHECKS, *BASELINE_CHECKS)
"""The registry, in report order: the focus checks, then the baseline's."""
