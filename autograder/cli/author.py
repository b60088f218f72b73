"""The course author's commands (``kaizen dev ...``): verify the katas, print the schema."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from autograder.cli.output import Exit, course, err, kata, out
from autograder.report.serialize import report_schema

__all__ = ["dev_app"]

dev_app = typer.Typer(help="Commands for course authors.", no_args_is_help=True)


@dev_app.command("check")
def dev_check(
    kata_ids: Annotated[
        list[str] | None, typer.Argument(help="Katas to check (default all).")
    ] = None,
    mutation: Annotated[
        bool,
        typer.Option(
            "--mutation",
            help="Also run cosmic-ray on each reference solution against its behaviour "
            "suite and require a 90% mutation score (minutes per kata; needs the dev extra).",
        ),
    ] = False,
) -> None:
    """Verify katas: metadata, legacy fails, solution 100%, every promise mutant caught."""
    current = course()
    katas = [kata(current, kata_id) for kata_id in kata_ids] if kata_ids else current.catalog.katas
    from autograder.devcheck.console import check_katas  # noqa: PLC0415 - slow import, needed here only

    failures = check_katas(katas, current.grading, mutation=mutation, out=out, err=err)
    raise typer.Exit(Exit.NOT_YET if failures else Exit.OK)


@dev_app.command("schema")
def dev_schema() -> None:
    """Print the JSON schema of grading reports."""
    typer.echo(json.dumps(report_schema(), indent=2))
