"""The one door to cosmic-ray: enumerate mutants, apply one, run the test command.

cosmic-ray ships no type information, so its values are turned into typed ones here and
nowhere else. Its own session flow (``init`` into a work database, then ``exec``) is
used to enumerate the mutants; each is then applied and tested with cosmic-ray's
``mutate_and_test``, in a private copy of the code per worker, which is how its HTTP
workers run in parallel too (cosmic-ray's local distributor runs one mutant at a time).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

# cosmic-ray ships no type information (no py.typed): its values are typed in this module.
import cosmic_ray.plugins  # type: ignore[import-untyped]
from cosmic_ray.commands.init import init  # type: ignore[import-untyped]
from cosmic_ray.mutating import mutate_and_test, mutate_code  # type: ignore[import-untyped]
from cosmic_ray.testing import run_tests  # type: ignore[import-untyped]
from cosmic_ray.work_db import use_db  # type: ignore[import-untyped]
from cosmic_ray.work_item import (  # type: ignore[import-untyped]
    MutationSpec,
    TestOutcome,
    WorkerOutcome,
)

__all__ = ["Candidate", "CommandRun", "enumerate_candidates", "run_candidate", "run_command"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """One mutant cosmic-ray can make.

    Attributes:
        module: The mutated file, relative to the folder it was enumerated in.
        operator: The operator, e.g. ``core/NumberReplacer``.
        occurrence: Which of the operator's sites in the file it mutates.
        line: The 1-based line the mutation starts on.
        column: Its 0-based column (in characters).
        function: The enclosing function or class, or ``<module>``.
        original: The mutated line as it is in the source, stripped.
        mutated: The changed line or lines after the mutation, stripped and joined.
        end: Where the mutated code ends (line, column), as cosmic-ray reports it.
    """

    module: str
    operator: str
    occurrence: int
    line: int
    column: int
    function: str
    original: str
    mutated: str
    end: tuple[int, int]


@dataclass(frozen=True, slots=True)
class CommandRun:
    """How one run of the test command ended.

    Attributes:
        killed: Whether the tests failed (or ran past the timeout).
        error: Why the mutant could not be tested, if it could not.
        output: The test command's output.
    """

    killed: bool
    error: str
    output: str


def enumerate_candidates(folder: Path, modules: list[str], session: Path) -> list[Candidate]:
    """Enumerate every mutant of the modules, with cosmic-ray's default operators.

    Args:
        folder: The folder the module paths are relative to.
        modules: The files to mutate.
        session: Where cosmic-ray may keep its work database (a new file).

    Returns:
        The mutants, in cosmic-ray's order.
    """
    paths = [folder / module for module in modules]
    with use_db(str(session)) as work_db:
        init(paths, work_db, {})
        specs = [m for item in work_db.pending_work_items for m in item.mutations]
    candidates = [_candidate(folder, spec) for spec in specs]
    return [candidate for candidate in candidates if candidate is not None]


def run_candidate(candidate: Candidate, folder: Path, command: str, timeout: float) -> CommandRun:
    """Apply one mutant in ``folder``, run the test command, and put the file back.

    Args:
        candidate: The mutant.
        folder: A private copy of the code, laid out as where it was enumerated.
        command: The test command (exit 0: the tests pass).
        timeout: Seconds before the test run is stopped (and counts as killing it).

    Returns:
        How the tests ended.
    """
    spec = MutationSpec(
        module_path=folder / candidate.module,
        operator_name=candidate.operator,
        occurrence=candidate.occurrence,
        start_pos=(candidate.line, candidate.column),
        end_pos=candidate.end,
    )
    result = mutate_and_test([spec], command, timeout)
    output = str(result.output or "")
    if result.worker_outcome != WorkerOutcome.NORMAL:
        return CommandRun(
            killed=False, error=f"{result.worker_outcome}: {output[-500:]}", output=output
        )
    return CommandRun(killed=result.test_outcome != TestOutcome.SURVIVED, error="", output=output)


def run_command(command: str, timeout: float) -> CommandRun:
    """Run the test command on unmutated code, as cosmic-ray's baseline does.

    Args:
        command: The test command.
        timeout: Seconds before it is stopped.

    Returns:
        How it ended (``killed`` means the tests fail without any mutation).
    """
    outcome, output = run_tests(command, timeout)
    if outcome == TestOutcome.INCOMPETENT:
        return CommandRun(killed=False, error=str(output)[-500:], output=str(output))
    return CommandRun(killed=outcome == TestOutcome.KILLED, error="", output=str(output))


def _candidate(folder: Path, spec: object) -> Candidate | None:
    path = Path(str(getattr(spec, "module_path", "")))
    operator_name = str(getattr(spec, "operator_name", ""))
    occurrence = int(getattr(spec, "occurrence", 0))
    line, column = (int(part) for part in getattr(spec, "start_pos", (0, 0)))
    end_line, end_column = (int(part) for part in getattr(spec, "end_pos", (0, 0)))
    source = path.read_text(encoding="utf-8")
    operator = cosmic_ray.plugins.get_operator(operator_name)()
    mutated = mutate_code(source, operator, occurrence)
    if mutated is None or str(mutated) == source:
        return None
    before, after = source.splitlines(), str(mutated).splitlines()
    changed = [
        line_text.strip()
        for tag, _, _, first, last in difflib.SequenceMatcher(a=before, b=after).get_opcodes()
        if tag != "equal"
        for line_text in after[first:last]
    ]
    return Candidate(
        module=path.relative_to(folder).as_posix(),
        operator=operator_name,
        occurrence=occurrence,
        line=line,
        column=column,
        function=str(getattr(spec, "definition_name", None) or "<module>"),
        original=before[line - 1].strip() if 0 < line <= len(before) else "",
        mutated=" / ".join(changed),
        end=(end_line, end_column),
    )
