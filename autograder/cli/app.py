"""The ``kaizen`` command: a thin layer that turns the application's results into output.

Commands by audience: the learner's (``autograder.cli.learner``, ``autograder.cli.serving``),
the instructor's and platform's (``autograder.cli.platform``), the course author's
(``autograder.cli.author``). Each calls the use cases of ``autograder.app``.

Exit codes: 0 success (for ``check``: the kata is passed), 1 not yet passed (``check``;
``solution`` before a pass) or course problems found (``dev check``), 2 usage error
(unknown kata, bad arguments, kata not started), 130 stopped with Ctrl-C mid-work.
"""

from __future__ import annotations

import logging

import typer
from rich.markup import escape

from autograder.app import NotPassedError
from autograder.cli import learner, platform, serving
from autograder.cli.author import dev_app
from autograder.cli.output import Exit, err
from autograder.errors import KaizenError

__all__ = ["app", "main"]

app = typer.Typer(
    help="Kaizen: refactor legacy code to enterprise standards, one kata at a time.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# the learner's commands, in the order of a kata's life
app.command("list")(platform.list_katas)
app.command()(learner.start)
app.command("brief")(learner.brief)
app.command()(learner.check)
app.command()(serving.watch)
app.command()(learner.hint)
app.command()(learner.fix)
app.command()(learner.progress)
app.command()(learner.reset)
app.command()(learner.solution)
app.command("next")(learner.next_command)
app.command()(serving.book)
# the instructor's and platform's
app.command()(platform.grade)
# the course author's
app.add_typer(dev_app, name="dev")


def main() -> None:
    """Run the CLI: grader errors become a message and exit 2, Ctrl-C a line and 130."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except NotPassedError as error:
        err.print("[bold red]error:[/] " + escape(str(error)))
        raise SystemExit(Exit.NOT_YET) from None
    except KaizenError as error:
        err.print("[bold red]error:[/] " + escape(str(error)))
        raise SystemExit(Exit.USAGE) from None
    except KeyboardInterrupt:
        err.print("Interrupted.")
        raise SystemExit(Exit.INTERRUPTED) from None
