"""What every command shares: the consoles, the exit codes, the arguments, the course."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from autograder.app import Course, choose_kata
from autograder.kata.model import Kata

__all__ = [
    "Exit",
    "JsonOption",
    "KataArg",
    "OptionalKataArg",
    "course",
    "err",
    "fail",
    "kata",
    "out",
]

out = Console(highlight=False)
"""Where results go."""
err = Console(stderr=True, highlight=False)
"""Where errors and progress spinners go."""


class Exit(IntEnum):
    """The command's exit codes (the README documents them)."""

    OK = 0
    NOT_YET = 1
    USAGE = 2
    INTERRUPTED = 130
    """Stopped with Ctrl-C in the middle of its work (the shell's convention)."""


KataArg = Annotated[str, typer.Argument(help="The kata's id (see 'kaizen list').")]
OptionalKataArg = Annotated[
    str | None,
    typer.Argument(help="The kata's id; if omitted, the one whose folder you are in, or the last."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def course() -> Course:
    """Return the course the environment names."""
    return Course.from_environment()


def kata(current: Course, kata_id: str | None) -> Kata:
    """Resolve a kata id, or the kata of the working directory, or the current one.

    Args:
        current: The course.
        kata_id: The id given, if any.

    Returns:
        The kata.
    """
    return choose_kata(current, kata_id, Path.cwd())


def fail(message: str, code: Exit = Exit.USAGE) -> typer.Exit:
    """Print an error and return the exit to raise.

    Args:
        message: What went wrong and what to do.
        code: The exit code.

    Returns:
        The ``typer.Exit`` to raise.
    """
    err.print("[bold red]error:[/] " + escape(message))
    return typer.Exit(code)
