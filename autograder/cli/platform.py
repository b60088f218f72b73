"""The instructor's and platform's commands: grade a submission, list the katas as JSON.

They read and write no learner progress; their JSON output is a documented contract
(``docs/report-schema.json`` for reports).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from autograder.app import Course, grade_path
from autograder.cli.learner import list_table
from autograder.cli.output import JsonOption, KataArg, course, fail, kata, out
from autograder.report.render import render_report
from autograder.report.serialize import report_to_json

__all__ = ["grade", "list_katas"]


def list_katas(as_json: JsonOption = False) -> None:
    """List the katas, with your progress on each (with --json: for platforms)."""
    if not as_json:
        list_table()
        return
    current = course()
    items = [
        {
            "id": each.id,
            "title": each.spec.title,
            "chapter": each.spec.chapter,
            "summary": each.spec.summary,
            "path": _relative(current, each.folder),
            "starter": _relative(current, each.starter),
            "solution": _relative(current, each.solution),
            "principles": [str(p) for p in each.spec.principles],
            "checklist": [str(c) for c in each.spec.checklist],
        }
        for each in current.catalog.katas
    ]
    typer.echo(json.dumps(items, indent=2))


def _relative(current: Course, path: Path) -> str:
    return path.relative_to(current.root).as_posix()


def grade(
    kata_id: KataArg,
    path: Annotated[Path, typer.Argument(help="A .py file, a notebook or a folder with the code.")],
    as_json: JsonOption = False,
) -> None:
    """Grade a submission (instructors): no learner progress is read or written."""
    current = course()
    chosen = kata(current, kata_id)
    if not path.exists():
        raise fail(f"{path} does not exist: give the submission's .py file or folder")
    report = grade_path(current, chosen, path)
    if as_json:
        typer.echo(report_to_json(report))
    else:
        out.print(render_report(report))
