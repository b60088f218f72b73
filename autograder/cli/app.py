"""The ``kaizen`` command: a thin layer that turns domain results into output and exit codes.

Exit codes: 0 success (for ``check``: the kata is passed), 1 not yet passed (``check``) or
course problems found (``dev check``), 2 usage error (unknown kata, bad arguments).
"""

from __future__ import annotations

import json
import logging
from enum import IntEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from autograder.cli.course import Course
from autograder.devcheck import audit_kata
from autograder.errors import KaizenError, UnknownKataError
from autograder.grading import grade
from autograder.kata.model import Kata
from autograder.report.model import Report, ReportStatus
from autograder.report.render import render_report
from autograder.report.serialize import report_schema, report_to_json
from autograder.syllabus import ChecklistItem

__all__ = ["app", "main"]

app = typer.Typer(
    help="Kaizen: refactor legacy code to enterprise standards, one kata at a time.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
dev_app = typer.Typer(help="Commands for course authors.", no_args_is_help=True)
app.add_typer(dev_app, name="dev")

_out = Console(highlight=False)
_err = Console(stderr=True, highlight=False)


class Exit(IntEnum):
    """The command's exit codes."""

    OK = 0
    NOT_YET = 1
    USAGE = 2


KataArg = Annotated[str, typer.Argument(help="The kata's id (see 'kaizen list').")]
OptionalKataArg = Annotated[
    str | None, typer.Argument(help="The kata's id; the current kata if omitted.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _course() -> Course:
    return Course.from_environment()


def _fail(message: str, code: Exit = Exit.USAGE) -> typer.Exit:
    _err.print("[bold red]error:[/] " + escape(message))
    return typer.Exit(code)


def _kata(course: Course, kata_id: str | None) -> Kata:
    """Resolve a kata id; without one, the kata whose folder we are in, or the current one."""
    chosen = kata_id or _kata_here(course) or course.progress.current()
    if chosen is None:
        raise _fail("no kata given and none started yet: run 'kaizen list', then 'kaizen start ID'")
    try:
        return course.catalog.get(chosen)
    except UnknownKataError as error:
        raise _fail(str(error)) from None


def _kata_here(course: Course) -> str | None:
    """The kata whose workspace folder contains the working directory, if any."""
    here = Path.cwd().resolve()
    if here.is_relative_to(course.workspace_root):
        parts = here.relative_to(course.workspace_root).parts
        if parts and parts[0] in course.catalog.ids():
            return parts[0]
    return None


def _relative(course: Course, path: Path) -> str:
    return path.relative_to(course.root).as_posix()


@app.command("list")
def list_katas(as_json: JsonOption = False) -> None:
    """List the katas, with your progress on each."""
    course = _course()
    katas = course.catalog.katas
    if as_json:
        items = [
            {
                "id": kata.id,
                "title": kata.spec.title,
                "chapter": kata.spec.chapter,
                "summary": kata.spec.summary,
                "path": _relative(course, kata.folder),
                "starter": _relative(course, kata.starter),
                "solution": _relative(course, kata.solution),
                "principles": [str(p) for p in kata.spec.principles],
                "checklist": [str(c) for c in kata.spec.checklist],
            }
            for kata in katas
        ]
        typer.echo(json.dumps(items, indent=2))
        return
    progress = course.progress.all()
    table = Table(title="Kaizen katas", title_style="bold")
    for column in ("id", "chapter", "title", "status"):
        table.add_column(column)
    for kata in katas:
        state = progress.get(kata.id)
        if state is None:
            status = "[dim]not started[/]"
        elif state.passed:
            status = f"[green]passed[/] ({state.best_score}/{state.max_score})"
        else:
            status = f"[yellow]started[/] (best {state.best_score}/{state.max_score})"
        table.add_row(kata.id, kata.spec.chapter, kata.spec.title, status)
    _out.print(table)
    _out.print("Start one with [bold]kaizen start ID[/].")


@app.command()
def start(kata_id: KataArg) -> None:
    """Copy a kata's legacy code into your workspace (existing work is never overwritten)."""
    course = _course()
    kata = _kata(course, kata_id)
    folder, created = course.workspace.start(kata)
    course.progress.start(kata.id)
    if created:
        _out.print(f"[green]Started[/] {kata.spec.title}: your copy is in [bold]{folder}[/]")
    else:
        _out.print(
            f"Your work on {kata.id} is kept in [bold]{folder}[/] (nothing was overwritten)."
        )
    from rich.markdown import Markdown  # noqa: PLC0415 - slow to import, needed here only

    _out.print(Markdown(kata.readme.read_text(encoding="utf-8")))
    _out.print("When ready: [bold]kaizen check[/] (or [bold]kaizen watch[/] to re-check on save).")


def _check_once(course: Course, kata: Kata, *, as_json: bool) -> Report:
    folder = course.workspace.kata_dir(kata)
    if not folder.exists():
        raise _fail(f"you have not started {kata.id} yet: run 'kaizen start {kata.id}'")
    course.progress.set_current(kata.id)
    if as_json:
        report = grade(kata, folder, course.grading)
    else:
        with _err.status(f"Checking {kata.id}…"):
            report = grade(kata, folder, course.grading)
    progress = course.progress.record(report)
    if as_json:
        typer.echo(report_to_json(report))
        return report
    if report.status is ReportStatus.PASSED:
        next_step = f"Well done! Compare with the reference: kaizen solution {kata.id}"
    elif progress.hints_shown < len(kata.spec.hints):
        next_step = f"Stuck? Run 'kaizen hint' for hint {progress.hints_shown + 1} of 3."
    else:
        next_step = "Fix the first item above, then run 'kaizen check' again."
    _out.print(render_report(report, next_step=next_step))
    return report


@app.command()
def check(kata_id: OptionalKataArg = None, as_json: JsonOption = False) -> None:
    """Grade your work on a kata: behaviour first, then the standards."""
    course = _course()
    report = _check_once(course, _kata(course, kata_id), as_json=as_json)
    raise typer.Exit(Exit.OK if report.status is ReportStatus.PASSED else Exit.NOT_YET)


@app.command()
def watch(
    kata_id: OptionalKataArg = None,
    poll: Annotated[bool, typer.Option(help="Poll for changes instead of OS events.")] = False,
) -> None:
    """Re-check your work every time you save a file (Ctrl-C to stop)."""
    import watchfiles  # noqa: PLC0415 - only this command needs it

    course = _course()
    kata = _kata(course, kata_id)
    folder = course.workspace.kata_dir(kata)
    _check_once(course, kata, as_json=False)
    _out.print(f"[dim]Watching {folder} for changes. Ctrl-C to stop.[/]")
    try:
        for changes in watchfiles.watch(folder, force_polling=poll or None, raise_interrupt=False):
            if any(path.endswith(".py") for _, path in changes):
                _out.clear()
                _check_once(course, kata, as_json=False)
    except OSError as error:
        raise _fail(f"cannot watch {folder} ({error}): try 'kaizen watch --poll'") from None


@app.command()
def hint(kata_id: OptionalKataArg = None) -> None:
    """Reveal the next hint (a nudge first, nearly the answer last)."""
    course = _course()
    kata = _kata(course, kata_id)
    levels = len(kata.spec.hints)
    shown = course.progress.reveal_hint(kata.id, levels)
    for level, text in enumerate(kata.spec.hints[:shown], start=1):
        _out.print(Panel(text, title=f"Hint {level} of {levels}", title_align="left"))
    if shown == levels:
        _out.print("[dim]That was the last hint.[/]")


@app.command()
def progress() -> None:
    """Show your progress per chapter and per review-checklist item."""
    course = _course()
    done = course.progress.all()
    chapters = Table(title="Progress by chapter", title_style="bold")
    for column in ("chapter", "passed", "bar"):
        chapters.add_column(column)
    by_chapter: dict[str, list[Kata]] = {}
    for kata in course.catalog.katas:
        by_chapter.setdefault(kata.spec.chapter, []).append(kata)
    for chapter, katas in by_chapter.items():
        passed = sum(1 for kata in katas if (p := done.get(kata.id)) and p.passed)
        bar = "[green]" + "█" * passed + "[/][dim]" + "░" * (len(katas) - passed) + "[/]"
        chapters.add_row(chapter, f"{passed}/{len(katas)}", bar)
    _out.print(chapters)
    items = Table(title="Review checklist: katas passed that train each item", title_style="bold")
    items.add_column("item")
    items.add_column("passed", justify="right")
    items.add_column("katas")
    for item in ChecklistItem:
        training = [kata.id for kata in course.catalog.katas if item in kata.spec.checklist]
        passed_ids = [kata_id for kata_id in training if (p := done.get(kata_id)) and p.passed]
        names = ", ".join(training) or "[dim]none yet in this course[/]"
        items.add_row(str(item), f"{len(passed_ids)}/{len(training)}", names)
    _out.print(items)


@app.command()
def reset(
    kata_id: KataArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Start a kata again from its legacy code; your current work is kept as a backup."""
    course = _course()
    kata = _kata(course, kata_id)
    if not yes and not typer.confirm(f"Set your work on {kata.id} aside and start again?"):
        raise typer.Exit(Exit.OK)
    backup = course.workspace.reset(kata)
    course.progress.start(kata.id)
    if backup is not None:
        _out.print(f"Your previous work is safe in [bold]{backup}[/].")
    _out.print(f"Fresh copy in [bold]{course.workspace.kata_dir(kata)}[/].")


@app.command()
def solution(kata_id: KataArg) -> None:
    """Show the reference solution of a kata you have passed."""
    course = _course()
    kata = _kata(course, kata_id)
    state = course.progress.get(kata.id)
    if state is None or not state.passed:
        raise _fail(f"pass {kata.id} first ('kaizen check {kata.id}'): then compare", Exit.NOT_YET)
    from rich.syntax import Syntax  # noqa: PLC0415 - slow to import, needed here only

    files = sorted(kata.solution.rglob("*.py")) if kata.solution.is_dir() else [kata.solution]
    for file in files:
        _out.print(Panel(Syntax(file.read_text(encoding="utf-8"), "python"), title=file.name))


@app.command("grade")
def grade_submission(
    kata_id: KataArg,
    path: Annotated[Path, typer.Argument(help="A .py file or a folder with the code.")],
    as_json: JsonOption = False,
) -> None:
    """Grade a submission (instructors): no learner progress is read or written."""
    course = _course()
    kata = _kata(course, kata_id)
    if not path.exists():
        raise _fail(f"{path} does not exist: give the submission's .py file or folder")
    report = grade(kata, path, course.grading)
    if as_json:
        typer.echo(report_to_json(report))
    else:
        _out.print(render_report(report))


@app.command("book")
def book(
    serve: Annotated[bool, typer.Option(help="Serve it on localhost after building.")] = False,
    port: Annotated[int, typer.Option(help="Port for --serve.")] = 8000,
    fresh: Annotated[bool, typer.Option(help="Discard the execution cache first.")] = False,
) -> None:
    """Build the course book, executing every lesson (and serve it with --serve)."""
    from autograder.book.build import build_book  # noqa: PLC0415 - only this command needs it

    course = _course()
    with _err.status("Building the book (lessons are executed; the first build takes longest)…"):
        result = build_book(course.root / "book", course.catalog.katas, fresh=fresh)
    if not result.ok:
        _err.print(result.output[-6000:], markup=False, highlight=False)
        raise _fail(
            "the book did not build: the messages above say which page and why", Exit.NOT_YET
        )
    index = result.html / "index.html"
    _out.print(f"[green]Built[/] in {result.seconds:.0f} s: [bold]{index}[/]")
    if serve:
        _serve(result.html, port)


def _serve(folder: Path, port: int) -> None:
    import webbrowser  # noqa: PLC0415 - only --serve needs these

    from autograder.book.serve import book_server  # noqa: PLC0415

    try:
        server = book_server(folder, port)
    except OSError as error:
        raise _fail(f"cannot serve on port {port} ({error}): try --port 8001") from None
    url = f"http://127.0.0.1:{port}/"
    _out.print(f"Serving the book at [bold]{url}[/] (Ctrl-C to stop).")
    webbrowser.open_new_tab(url)
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            _out.print("Stopped.")


@dev_app.command("check")
def dev_check(
    kata_ids: Annotated[
        list[str] | None, typer.Argument(help="Katas to check (default all).")
    ] = None,
) -> None:
    """Verify katas: valid metadata, legacy fails the standards, solution scores 100%."""
    course = _course()
    katas = [_kata(course, kata_id) for kata_id in kata_ids] if kata_ids else course.catalog.katas
    from rich.progress import Progress  # noqa: PLC0415 - slow to import, needed here only

    failures = 0
    with Progress(console=_err, transient=True) as bar:
        task = bar.add_task("Checking katas", total=len(katas))
        for kata in katas:
            bar.update(task, description=f"Checking {kata.id}")
            audit = audit_kata(kata, course.grading)
            bar.advance(task)
            if audit.ok:
                _out.print(f"[green]✔[/] {kata.id}")
                continue
            failures += 1
            _out.print(f"[red]✘[/] {kata.id}")
            for problem in audit.problems:
                _out.print(f"    {problem}", markup=False)
    _out.print(f"{len(katas) - failures}/{len(katas)} katas OK")
    raise typer.Exit(Exit.NOT_YET if failures else Exit.OK)


@dev_app.command("schema")
def dev_schema() -> None:
    """Print the JSON schema of grading reports."""
    typer.echo(json.dumps(report_schema(), indent=2))


def main() -> None:
    """Run the CLI, turning grader errors into messages and exit code 2."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except KaizenError as error:
        _err.print("[bold red]error:[/] " + escape(str(error)))
        raise SystemExit(Exit.USAGE) from None
