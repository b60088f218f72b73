"""The long-running commands, ``watch`` and ``book --serve``: each stops cleanly on Ctrl-C.

Ctrl-C is how a learner ends them, so it is a normal end (exit 0, one short line), not
an error: no traceback, and no warning from the libraries underneath.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.rule import Rule

from autograder.app import next_kata
from autograder.cli.learner import AllOption, run_check
from autograder.cli.output import Exit, OptionalKataArg, course, err, fail, kata, out

__all__ = ["book", "watch"]


def watch(
    kata_id: OptionalKataArg = None,
    poll: Annotated[bool, typer.Option(help="Poll for changes instead of OS events.")] = False,
    show_all: AllOption = False,
) -> None:
    """Re-check your work every time you save a file (Ctrl-C to stop)."""
    current = course()
    chosen = kata(current, kata_id)
    folder = current.workspace.code_dir(chosen)
    run = 0
    try:
        while True:
            run += 1
            started = time.monotonic()
            stamp = datetime.now().astimezone().strftime("%H:%M:%S")
            out.print(Rule(f"check {run} of {chosen.id} at {stamp}", align="left"))
            checked = run_check(current, chosen, show_all=show_all, as_json=False)
            out.print(f"[dim]Checked in {time.monotonic() - started:.1f} s.[/]")
            if checked.passed and (following := next_kata(current, chosen.id)) is not None:
                out.print(
                    f"Passed! Ctrl-C, then [bold]kaizen next[/] starts {following.id} "
                    f"({escape(following.spec.title)})."
                )
            out.print(f"[dim]Watching {escape(str(folder))} for changes. Ctrl-C to stop.[/]")
            _wait_for_python_change(folder, poll=poll)
    except KeyboardInterrupt:
        out.print("Stopped watching.")
    except OSError as error:
        raise fail(f"cannot watch {folder} ({error}): try 'kaizen watch --poll'") from None


def _wait_for_python_change(folder: Path, *, poll: bool) -> None:
    """Block until a ``.py`` file under ``folder`` changes; Ctrl-C raises KeyboardInterrupt.

    With ``raise_interrupt=True``, watchfiles raises instead of logging a warning.
    """
    import watchfiles  # noqa: PLC0415 - only this command needs it

    for changes in watchfiles.watch(folder, force_polling=poll or None, raise_interrupt=True):
        if any(path.endswith(".py") for _, path in changes):
            return


def book(
    serve: Annotated[bool, typer.Option(help="Serve it on localhost after building.")] = False,
    port: Annotated[int, typer.Option(help="Port for --serve (0: any free port).")] = 8000,
    fresh: Annotated[bool, typer.Option(help="Discard the execution cache first.")] = False,
    build: Annotated[
        bool, typer.Option(help="Build first; --no-build serves the book as last built.")
    ] = True,
) -> None:
    """Build the course book, executing every lesson (and serve it with --serve)."""
    from autograder.book.build import build_book  # noqa: PLC0415 - only this command needs it

    current = course()
    html = current.book_html
    if build:
        with err.status("Building the book (lessons are executed; the first build takes longest)…"):
            result = build_book(current.root / "book", current.catalog.katas, fresh=fresh)
        if not result.ok:
            err.print(result.output[-6000:], markup=False, highlight=False)
            raise fail(
                "the book did not build: the messages above say which page and why", Exit.NOT_YET
            )
        html = result.html
        out.print(f"[green]Built[/] in {result.seconds:.0f} s: [bold]{html / 'index.html'}[/]")
    elif not (html / "index.html").is_file():
        raise fail(f"the book was never built ({html} is empty): run 'kaizen book' first")
    if serve:
        _serve(html, port)


def _serve(folder: Path, port: int) -> None:
    import webbrowser  # noqa: PLC0415 - only --serve needs these

    from autograder.book.serve import book_server  # noqa: PLC0415

    try:
        server = book_server(folder, port)
    except OSError as error:
        raise fail(f"cannot serve on port {port} ({error}): try --port 8001") from None
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    with server:
        out.print(f"Serving the book at [bold]{url}[/] (Ctrl-C to stop).")
        webbrowser.open_new_tab(url)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            out.print("Stopped serving the book.")
