"""The learner's commands: start a kata, check it, get hints, see progress, move on."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from autograder.app import (
    Checked,
    Course,
    book_links,
    check_and_record,
    fix_kata,
    list_katas,
    next_kata,
    overview,
    read_brief,
    reference_solution,
    reset_kata,
    reveal_hint,
    start_kata,
)
from autograder.cli import views
from autograder.cli.output import Exit, KataArg, OptionalKataArg, course, err, kata, out
from autograder.kata.model import Kata
from autograder.report.render import render_report
from autograder.report.serialize import report_to_json

__all__ = [
    "brief",
    "check",
    "fix",
    "hint",
    "next_command",
    "progress",
    "reset",
    "run_check",
    "solution",
    "start",
]

AllOption = Annotated[
    bool, typer.Option("--all", help="Show every finding, not only the first few of each check.")
]


def start(kata_id: KataArg) -> None:
    """Lay out a kata in your workspace: its brief, the legacy code, the visible tests."""
    current = course()
    _start(current, kata(current, kata_id))


def next_command() -> None:
    """Start the next kata in course order that you have not passed yet."""
    current = course()
    following = next_kata(current, current.progress.current())
    if following is None:
        out.print("[green]You have passed every kata of the course.[/] Well done!")
        return
    out.print(f"Next: [bold]{following.id}[/] ({escape(following.spec.title)})")
    _start(current, following)


def _start(current: Course, chosen: Kata) -> None:
    out.print(views.started_view(chosen, start_kata(current, chosen)))
    _print_markdown(read_brief(current, chosen).text)
    out.print("When ready: [bold]kaizen check[/] (or [bold]kaizen watch[/] to re-check on save).")


def brief(kata_id: OptionalKataArg = None) -> None:
    """Show a kata's brief (its README) again."""
    current = course()
    shown = read_brief(current, kata(current, kata_id))
    out.print(f"[dim]{escape(str(shown.path))}[/]")
    _print_markdown(shown.text)


def _print_markdown(text: str) -> None:
    from rich.markdown import Markdown  # noqa: PLC0415 - slow to import, needed here only

    out.print(Markdown(text))


def run_check(current: Course, chosen: Kata, *, show_all: bool, as_json: bool) -> Checked:
    """Check a kata, record it and print the report (shared by ``check`` and ``watch``).

    Args:
        current: The course.
        chosen: The kata.
        show_all: Show every finding.
        as_json: Print the report as JSON instead.

    Returns:
        The check's outcome.
    """
    if as_json:
        checked = check_and_record(current, chosen)
        typer.echo(report_to_json(checked.report))
        return checked
    with err.status(f"Checking {chosen.id}…"):
        checked = check_and_record(current, chosen)
    links = book_links(current)
    view = render_report(
        checked.report,
        next_step=views.check_next_step(checked),
        show_all=show_all,
        lesson_url=None if links is None else links.url,
    )
    out.print(view)
    return checked


def check(
    kata_id: OptionalKataArg = None,
    show_all: AllOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Grade your work on a kata: behaviour first, then the standards."""
    current = course()
    checked = run_check(current, kata(current, kata_id), show_all=show_all, as_json=as_json)
    raise typer.Exit(Exit.OK if checked.passed else Exit.NOT_YET)


def hint(kata_id: OptionalKataArg = None) -> None:
    """Reveal the next hint (a nudge first, nearly the answer last)."""
    current = course()
    out.print(views.hints_view(reveal_hint(current, kata(current, kata_id))))


def progress() -> None:
    """Show your progress: each kata's best score and trend, per chapter, per checklist item."""
    for part in views.overview_view(overview(course())):
        out.print(part)


def list_table() -> None:
    """Print the katas with the learner's status (``kaizen list`` without ``--json``)."""
    out.print(views.katas_table(list_katas(course())))
    out.print("Start one with [bold]kaizen start ID[/], or the next with [bold]kaizen next[/].")


def reset(
    kata_id: KataArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Start a kata again from its legacy code; your current work is kept as a backup."""
    current = course()
    chosen = kata(current, kata_id)
    if not yes and not typer.confirm(f"Set your work on {chosen.id} aside and start again?"):
        raise typer.Exit(Exit.OK)
    done = reset_kata(current, chosen)
    if done.backup is not None:
        out.print(f"Your previous work is safe in [bold]{escape(str(done.backup))}[/].")
    out.print(f"Fresh copy in [bold]{escape(str(done.folder))}[/].")


def solution(
    kata_id: KataArg,
    diff: Annotated[
        bool, typer.Option("--diff", help="Show how the reference differs from your code.")
    ] = False,
) -> None:
    """Show the reference solution of a kata you have passed (whole, never cut)."""
    current = course()
    shown = reference_solution(current, kata(current, kata_id), diff=diff)
    for part in views.solution_parts(shown):
        out.print(part, soft_wrap=True)


def fix(kata_id: OptionalKataArg = None) -> None:
    """Apply the safe automatic fixes (ruff's safe fixes, ruff format), after a backup."""
    current = course()
    fixed = fix_kata(current, kata(current, kata_id))
    if fixed.diff:
        out.print(views.code_text(fixed.diff, "diff"), soft_wrap=True)
    if fixed.backup is not None:
        changed = ", ".join(fixed.changed)
        out.print(f"[green]Fixed[/] {escape(changed)}; the code as it was is in ", end="")
        out.print(f"[bold]{escape(str(fixed.backup))}[/].")
    else:
        out.print("Nothing to fix automatically.")
    if fixed.problem is not None:
        err.print(f"[yellow]warning:[/] {escape(fixed.problem)}")
    out.print("The rest is yours: run [bold]kaizen check[/] to see what is left.")
