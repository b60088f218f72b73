"""The house baseline: the habits graded in every kata, whatever its focus.

Each baseline check that a graded focus check already covers is not run twice: its rules
count in that focus check (a ``print`` costs ``logging.no-print`` points in a kata that
grades logging). What no focus check covers stays here, in the ``baseline`` category,
which therefore always holds at least the checks no focus category has: ``__all__``,
shared module state and ``eval``. ``autograder.standards.selection`` does the sharing.
"""

from __future__ import annotations

from autograder.standards.checks import CheckDefinition, Tool
from autograder.standards.suppressions import SuppressionKind
from autograder.syllabus import Category, ChecklistItem

__all__ = ["BASELINE_CHECKS"]

_B = Category.BASELINE
_I = ChecklistItem

BASELINE_CHECKS: tuple[CheckDefinition, ...] = (
    CheckDefinition(
        id="baseline.format",
        category=_B,
        title="The code is formatted with ruff format",
        advice="Run 'ruff format' on your code; '# fmt: off' does not hide code from the grader.",
        lesson="13-project-structure#tooling",
        tools=frozenset({Tool.RUFF_FORMAT}),
    ),
    CheckDefinition(
        id="baseline.no-print",
        category=_B,
        title="Library code logs through logging, never print",
        advice="Create 'logger = logging.getLogger(__name__)' and log each event at its "
        "level; return values instead of printing them.",
        lesson="11-logging",
        rules=("T20",),
        checklist=(_I.LOGGING_NOT_PRINT,),
    ),
    CheckDefinition(
        id="baseline.except",
        category=_B,
        title="No bare or blind except, and no error silently swallowed",
        advice="Catch the specific exceptions you can handle ('except KeyError:'), and "
        "handle them: never 'except:', 'except Exception:' or an 'except' that only "
        "passes or continues.",
        lesson="05-error-handling#specific-exceptions",
        rules=("E722", "BLE", "S110", "S112"),
        checklist=(_I.NO_BARE_EXCEPT,),
    ),
    CheckDefinition(
        id="baseline.annotations",
        category=_B,
        title="Every function has type hints",
        advice="Annotate every parameter and return value, with precise types rather than Any.",
        lesson="04-type-hints#annotations",
        rules=("ANN",),
        checklist=(_I.TYPE_HINTS,),
    ),
    CheckDefinition(
        id="baseline.docstrings",
        category=_B,
        title="The module and its public classes and functions have docstrings",
        advice="Open the module with a docstring saying what it is for, and give each "
        "public class, function and method a one-line summary.",
        lesson="12-documentation#docstrings",
        rules=("D1",),
        checklist=(_I.DOCSTRINGS,),
    ),
    CheckDefinition(
        id="baseline.suppressions",
        category=_B,
        title="No suppression comment without a rule code and a reason",
        advice="Fix what the tool reports instead of silencing it; if a rule truly does "
        "not apply, write '# noqa: CODE - reason' or '# type: ignore[code]  # reason'.",
        lesson="03-clean-code#suppressions",
        suppressions=frozenset(SuppressionKind),
        checklist=(_I.TYPE_IGNORE_JUSTIFIED,),
    ),
    CheckDefinition(
        id="baseline.public-api",
        category=_B,
        title="The module declares its public API in __all__",
        advice="List every public function, class and type alias in __all__ = [...], "
        "and give internal helpers a leading underscore.",
        lesson="09-imports#public-api",
        rules=("F822", "PLE0604", "PLE0605"),
        tools=frozenset({Tool.PUBLIC_API}),
    ),
    CheckDefinition(
        id="baseline.shared-state",
        category=_B,
        title="No state shared between calls through module globals or defaults",
        advice="Return results instead of storing them in module-level lists or dicts, "
        "and use None as a default instead of a mutable value.",
        lesson="02-design#shared-state",
        rules=("PLW0603", "B006"),
        tools=frozenset({Tool.SHARED_STATE}),
    ),
    CheckDefinition(
        id="baseline.no-eval",
        category=_B,
        title="No eval or exec",
        advice="Parse data with json or ast.literal_eval, and call functions directly "
        "instead of building code as text.",
        lesson="06-security#unsafe-calls",
        rules=("S307", "S102"),
    ),
)
"""The baseline's checks, before the graded focus checks take their share."""
