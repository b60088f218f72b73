"""Print ``kaizen dev check``: per kata, its problems, its promise mutants and its mutation score.

This is the one call the CLI makes: it audits each kata (and runs the mutation tool when
asked), shows progress on the error console, and prints the results as tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, TaskID
from rich.table import Table

from autograder.devcheck.audit import KataAudit, audit_kata, verdict_problem
from autograder.devcheck.mutation_score import TARGET_SCORE, MutationScore
from autograder.devcheck.promises import PromiseAudit
from autograder.grading import GradingOptions
from autograder.kata.model import Kata

__all__ = ["check_katas", "mutation_table", "promise_table"]

_SHOWN_SURVIVORS = 25


def check_katas(
    katas: Sequence[Kata],
    options: GradingOptions,
    *,
    mutation: bool,
    out: Console,
    err: Console,
) -> int:
    """Audit katas and print what was found.

    Args:
        katas: The katas to check.
        options: How to grade.
        mutation: Whether to run the mutation tool on each reference solution too.
        out: Where results go.
        err: Where the progress bar goes.

    Returns:
        How many katas have a problem (0: the course is sound).
    """
    failures = 0
    with Progress(console=err, transient=True) as bar:
        overall = bar.add_task("Checking katas", total=len(katas))
        for kata in katas:
            bar.update(overall, description=f"Checking {kata.id} and its promise mutants")
            audit = audit_kata(kata, options)
            score = _mutation(kata, options.cache_dir, bar) if mutation else None
            bar.advance(overall)
            ok = audit.ok and (score is None or score.ok)
            failures += not ok
            _print_kata(out, audit, score, ok=ok)
    out.print(f"{len(katas) - failures}/{len(katas)} katas OK")
    return failures


def promise_table(audit: PromiseAudit) -> Table:
    """Tabulate a kata's promise mutants: which check caught each, and the points it lost.

    Args:
        audit: The kata's promise mutants.

    Returns:
        The table.
    """
    table = Table(title="Promise mutants", title_justify="left", show_lines=False)
    for column in ("mutant", "promise", "caught by", "points lost"):
        table.add_column(column, justify="right" if column == "points lost" else "left")
    for verdict in audit.verdicts:
        if verdict.skipped:
            caught = f"[dim]{escape(verdict.skipped)}[/]"
        elif verdict.catches:
            caught = ", ".join(
                escape(f"{c.check_id} ({', '.join(c.rules)})" if c.rules else c.check_id)
                for c in verdict.catches
            )
        else:
            caught = f"[red]NOT CAUGHT[/]: {escape(verdict.problem)}"
        lost = "" if verdict.skipped else str(verdict.points_lost)
        name = verdict.mutant_id if verdict.generic else f"{verdict.mutant_id} (kata)"
        table.add_row(escape(name), escape(verdict.promise), caught, lost)
    return table


def mutation_table(score: MutationScore) -> Table:
    """Tabulate the mutants that survived a kata's behaviour suite.

    Args:
        score: The kata's mutation run.

    Returns:
        The table (at most 25 rows; the count of the rest in the caption).
    """
    table = Table(title="Surviving mutants", title_justify="left")
    for column in ("where", "operator", "in", "code: before → after"):
        table.add_column(column)
    for survivor in score.survivors[:_SHOWN_SURVIVORS]:
        table.add_row(
            escape(f"{survivor.path}:{survivor.line}"),
            escape(survivor.operator.removeprefix("core/")),
            escape(survivor.function),
            escape(f"{survivor.original} → {survivor.mutated}"),
        )
    hidden = len(score.survivors) - _SHOWN_SURVIVORS
    if hidden > 0:
        table.caption = f"... and {hidden} more"
    return table


def _mutation(kata: Kata, cache_dir: Path, bar: Progress) -> MutationScore:
    try:
        from autograder.devcheck.mutation import run_mutation  # noqa: PLC0415 - needs the dev extra
    except ModuleNotFoundError as error:
        problem = f"{error.name} is not installed: run pip install -e '.[dev]', then try again"
        return MutationScore(
            kata_id=kata.id,
            killed=0,
            total=0,
            equivalent=0,
            filtered=0,
            survivors=(),
            problems=(problem,),
            seconds=0.0,
        )
    task: TaskID = bar.add_task(f"Mutation run of {kata.id}", total=None)

    def advance(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    try:
        return run_mutation(kata, cache_dir, progress=advance)
    finally:
        bar.remove_task(task)


def _print_kata(out: Console, audit: KataAudit, score: MutationScore | None, *, ok: bool) -> None:
    out.print(f"[green]✔[/] {audit.kata_id}" if ok else f"[red]✘[/] {audit.kata_id}")
    in_table = set()
    if audit.promises is not None:
        in_table = {verdict_problem(v) for v in audit.promises.verdicts if v.problem}
    for problem in audit.problems:
        if problem not in in_table:
            out.print(f"    {problem}", markup=False)
    if audit.promises is not None:
        out.print(promise_table(audit.promises))
    if score is None:
        return
    verdict = "[green]meets[/]" if score.ok else "[red]misses[/]"
    out.print(
        f"Mutation score: {score.killed}/{score.total} killed ({score.score:.0%}), {verdict} "
        f"the {TARGET_SCORE:.0%} target; {score.equivalent} equivalent and {score.filtered} "
        f"noise mutants left out; {score.seconds:.0f} s"
    )
    for problem in score.problems:
        out.print(f"    {problem}", markup=False)
    if score.survivors:
        out.print(mutation_table(score))
