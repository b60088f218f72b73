"""Build the course book with Jupyter Book 1.x, offline, executing every lesson."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from autograder.book.pages import write_pages
from autograder.kata.model import Kata
from autograder.sandbox.trusted import run_trusted

__all__ = ["BookBuild", "build_book"]

_TIMEOUT_SECONDS = 900.0
_JUPYTER_BOOK = "from jupyter_book.cli.main import main; main()"


@dataclass(frozen=True, slots=True)
class BookBuild:
    """How a build went.

    Attributes:
        ok: Whether it finished with no warning and no error.
        html: The folder of the HTML pages.
        output: The tail of what the build printed (useful when it failed).
        seconds: How long it took.
    """

    ok: bool
    html: Path
    output: str
    seconds: float


def build_book(book: Path, katas: tuple[Kata, ...], *, fresh: bool = False) -> BookBuild:
    """Generate the kata pages, then build the book with warnings as errors.

    Lessons are executed; with the execution cache, a rebuild re-runs only the notebooks
    whose code changed.

    Args:
        book: The book's folder.
        katas: The katas, in course order.
        fresh: Discard earlier builds and the execution cache first.

    Returns:
        The result of the build.
    """
    write_pages(book, katas)
    argv = [sys.executable, "-c", _JUPYTER_BOOK, "build", str(book), "-W", "-n", "--keep-going"]
    if fresh:
        argv.append("--all")
        shutil.rmtree(book / "_build" / ".jupyter_cache", ignore_errors=True)
    run = run_trusted(argv, timeout=_TIMEOUT_SECONDS, cwd=book.parent, env=dict(os.environ))
    ok = run.returncode == 0 and not run.timed_out
    html = book / "_build" / "html"
    _remove_orphans(book, html)
    return BookBuild(ok=ok, html=html, output=run.output, seconds=run.seconds)


def _remove_orphans(book: Path, html: Path) -> None:
    """Drop pages of katas that no longer exist: Sphinx never deletes an output."""
    for page in (html / "katas").glob("kata-*.html"):
        if not (book / "katas" / f"{page.stem}.md").exists():
            page.unlink()
