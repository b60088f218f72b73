"""Mutation score of a kata's behaviour suite: cosmic-ray on a copy of the reference solution.

Every mutant cosmic-ray makes of the reference solution (less noise and declared
equivalents, see ``mutation_plan``) is applied to a private copy, never to ``solutions/``,
and the kata's behaviour suite alone is run against it, through
``python -m autograder.devcheck.mutant_probe``. A mutant the suite still passes survived.
"""

from __future__ import annotations

import queue
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from autograder.devcheck._cosmic import Candidate, CommandRun, run_candidate, run_command
from autograder.devcheck.mutation_plan import plan_mutants
from autograder.devcheck.mutation_score import MutationScore, Survivor
from autograder.kata.model import Kata

__all__ = ["Progress", "run_mutation"]

_TIMEOUT_FACTOR = 3.0
_TIMEOUT_MARGIN_SECONDS = 10.0
_BASELINE_TIMEOUT_SECONDS = 300.0

type Progress = Callable[[int, int], None]
"""Called with (mutants done, mutants to run) as the run goes."""


def run_mutation(
    kata: Kata, cache_dir: Path, *, workers: int = 2, progress: Progress | None = None
) -> MutationScore:
    """Run cosmic-ray on a copy of the kata's reference solution against its behaviour suite.

    Args:
        kata: The kata.
        cache_dir: Tool caches (hypothesis's), shared by the test runs.
        workers: How many mutants are tested at once, each in its own copy.
        progress: Told how far the run is, after each mutant.

    Returns:
        The score, with the survivors and any problem.
    """
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kaizen-mutation-") as scratch:
        root = Path(scratch)
        template = root / "template"
        shutil.copytree(kata.solution.parent, template)
        plan = plan_mutants(template, kata.spec.mutation.equivalent, root / "session.sqlite")
        problems = list(plan.problems)
        baseline_started = time.monotonic()
        baseline = run_command(_probe(kata, cache_dir, template), _BASELINE_TIMEOUT_SECONDS)
        timeout = (time.monotonic() - baseline_started) * _TIMEOUT_FACTOR + _TIMEOUT_MARGIN_SECONDS
        outcome: list[tuple[Candidate, CommandRun]] = []
        if baseline.killed or baseline.error:
            problem = "the behaviour suite fails on the unmutated reference solution: "
            problems.append(problem + _tail(baseline))
        else:
            run = _Run(kata=kata, cache_dir=cache_dir, root=root, timeout=timeout)
            outcome = list(
                zip(plan.graded, _run_all(run, plan.graded, workers, progress), strict=True)
            )
    problems += [
        f"{c.module}:{c.line} {c.operator}: could not be tested: {run.error}"
        for c, run in outcome
        if run.error
    ][:5]
    tested = [(c, run) for c, run in outcome if not run.error]
    return MutationScore(
        kata_id=kata.id,
        killed=sum(run.killed for _, run in tested),
        total=len(tested),
        equivalent=plan.equivalent,
        filtered=plan.noise,
        survivors=_survivors(tested),
        problems=tuple(problems),
        seconds=round(time.monotonic() - started, 1),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class _Run:
    kata: Kata
    cache_dir: Path
    root: Path
    timeout: float


def _run_all(
    run: _Run, graded: tuple[Candidate, ...], workers: int, progress: Progress | None
) -> list[CommandRun]:
    copies: queue.Queue[Path] = queue.Queue()
    for number in range(max(1, workers)):
        copy = run.root / f"worker-{number}"
        shutil.copytree(run.root / "template", copy)
        copies.put(copy)

    def run_one(candidate: Candidate) -> CommandRun:
        copy = copies.get()
        try:
            command = _probe(run.kata, run.cache_dir, copy)
            return run_candidate(candidate, copy, command, run.timeout)
        finally:
            copies.put(copy)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(run_one, candidate) for candidate in graded]
        for done, _ in enumerate(as_completed(futures), start=1):
            if progress is not None:
                progress(done, len(graded))
        return [future.result() for future in futures]


def _survivors(tested: list[tuple[Candidate, CommandRun]]) -> tuple[Survivor, ...]:
    return tuple(
        Survivor(
            path=c.module,
            line=c.line,
            operator=c.operator,
            function=c.function,
            original=c.original,
            mutated=c.mutated,
        )
        for c, run in sorted(tested, key=lambda pair: (pair[0].module, pair[0].line))
        if not run.killed
    )


def _probe(kata: Kata, cache_dir: Path, folder: Path) -> str:
    argv = [sys.executable, "-m", "autograder.devcheck.mutant_probe"]
    argv += ["--root", str(kata.root), "--cache", str(cache_dir), kata.id, str(folder)]
    return shlex.join(argv)


def _tail(run: CommandRun) -> str:
    return (run.error or run.output).strip()[-800:]
