"""How the learner commands show the application's results in a terminal (pure functions)."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.rule import Rule
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from autograder.app import Checked, Hints, KataStanding, NextStep, Overview, Solution
from autograder.kata.model import Kata
from autograder.workspace import Started

__all__ = [
    "check_next_step",
    "code_text",
    "hints_view",
    "katas_table",
    "overview_view",
    "solution_parts",
    "sparkline",
    "started_view",
]

_SPARKS = "▁▂▃▄▅▆▇█"


def katas_table(standings: tuple[KataStanding, ...]) -> Table:
    """The katas with the learner's status on each."""
    table = Table(title="Kaizen katas", title_style="bold")
    for column in ("id", "chapter", "title", "status"):
        table.add_column(column)
    for standing in standings:
        state, spec = standing.progress, standing.kata.spec
        if state is None:
            status = "[dim]not started[/]"
        elif state.passed:
            status = f"[green]passed[/] ({state.best_score}/{state.max_score})"
        elif state.attempts == 0:
            status = "[yellow]in progress[/] (not checked yet)"
        else:
            status = f"[yellow]in progress[/] (best {state.best_score}/{state.max_score})"
        table.add_row(standing.kata.id, spec.chapter, spec.title, status)
    return table


def started_view(kata: Kata, started: Started) -> Text:
    """Say what ``start`` laid out, or that existing work was kept."""
    where = f"[bold]{escape(str(started.folder))}[/]"
    if started.created:
        line = f"[green]Started[/] {escape(kata.spec.title)}: your copy is in {where}/src"
    else:
        line = f"Your work on {kata.id} is kept in {where} (nothing was overwritten)."
        support = [name for name in started.added if not name.startswith("src/")]
        if support:
            line += f"\nAdded what was missing: {escape(', '.join(support))}."
    return Text.from_markup(line)


def check_next_step(checked: Checked) -> str:
    """The line that ends a check's report: what to do next."""
    kata_id = checked.kata.id
    match checked.next_step:
        case NextStep.COMPARE:
            line = f"Well done! Compare with the reference: kaizen solution {kata_id} --diff"
            if checked.next_kata is not None:
                following = checked.next_kata
                line += f"\nNext: 'kaizen next' starts {following.id} ({following.spec.title})."
            return line
        case NextStep.HINT:
            levels = len(checked.kata.spec.hints)
            return f"Stuck? Run 'kaizen hint' for hint {checked.next_hint} of {levels}."
        case NextStep.FIX_FIRST:
            return "Fix the first item above, then run 'kaizen check' again."


def hints_view(hints: Hints) -> Group:
    """Every hint revealed so far, one panel each."""
    parts: list[RenderableType] = [
        Panel(text, title=f"Hint {level} of {hints.levels}", title_align="left")
        for level, text in enumerate(hints.shown, start=1)
    ]
    if hints.exhausted:
        parts.append(Text("That was the last hint.", style="dim"))
    return Group(*parts)


def sparkline(shares: tuple[float, ...]) -> str:
    """Draw scores (shares of the points, 0.0 to 1.0) as a line of block characters."""
    top = len(_SPARKS) - 1
    return "".join(_SPARKS[round(max(0.0, min(1.0, share)) * top)] for share in shares)


def overview_view(view: Overview) -> Iterator[RenderableType]:
    """The progress tables: per kata, per chapter, per checklist item."""
    if view.katas:
        katas = Table(title="Your katas", title_style="bold")
        for column in ("kata", "best", "attempts", "trend (latest last)"):
            katas.add_column(column, justify="right" if column == "attempts" else "left")
        for trend in view.katas:
            best = f"{trend.best_score}/{trend.max_score}"
            best = f"[green]{best} passed[/]" if trend.passed else best
            katas.add_row(trend.kata_id, best, str(trend.attempts), sparkline(trend.recent))
        yield katas
    chapters = Table(title="Progress by chapter", title_style="bold")
    for column in ("chapter", "passed", "bar"):
        chapters.add_column(column)
    for chapter in view.chapters:
        bar = "[green]" + "█" * chapter.passed + "[/][dim]"
        bar += "░" * (chapter.total - chapter.passed) + "[/]"
        chapters.add_row(chapter.chapter, f"{chapter.passed}/{chapter.total}", bar)
    yield chapters
    items = Table(title="Review checklist: katas passed that train each item", title_style="bold")
    items.add_column("item")
    items.add_column("passed", justify="right")
    items.add_column("katas")
    for item in view.checklist:
        names = ", ".join(item.training) or "[dim]none yet in this course[/]"
        items.add_row(str(item.item), f"{len(item.passed)}/{len(item.training)}", names)
    yield items


def code_text(code: str, lexer: str) -> Text:
    """Highlighted code as text, to print whole with ``soft_wrap=True`` (never cut)."""
    text = Syntax(code, lexer).highlight(code)
    text.rstrip()
    return text


def solution_parts(solution: Solution) -> Iterator[RenderableType]:
    """Each file of a solution (or its diff against the learner's), under a rule."""
    for file in solution.files:
        if file.diff is None:
            yield Rule(file.path, align="left")
            yield code_text(file.text, "python")
        else:
            yield Rule(f"{file.path}: your code (-) against the reference (+)", align="left")
            yield code_text(file.diff, "diff") if file.diff else Text("Identical.", "green")
