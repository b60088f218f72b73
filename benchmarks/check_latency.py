"""How long a learner waits for ``kaizen check``, next to the floor of importing the tools.

For each kata, its reference solution is put in a fresh workspace and checked several
times (after one warm-up run, which fills mypy's cache as a learner's first check does),
once in the bubblewrap sandbox and once in the process fallback, side by side.
The floor is ``python -c "import pytest, hypothesis"``, measured in the same run: no grader
can start faster. Machines differ, so the target is a ratio: a cold ``kaizen check`` at
most 5x the floor; the sandbox costs at most 100 ms over the fallback.

Usage: python benchmarks/check_latency.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 5.0
SANDBOX_BUDGET_SECONDS = 0.100


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - started


def _median(command: list[str], env: dict[str, str], runs: int) -> float:
    _timed(command, env)  # warm-up: disk cache, mypy cache
    return statistics.median(_timed(command, env) for _ in range(runs))


def _paired_medians(
    command: list[str], first: dict[str, str], second: dict[str, str], runs: int
) -> tuple[float, float]:
    """Time two variants in alternation, so that drift in the machine's load hits both."""
    _timed(command, first)
    _timed(command, second)
    pairs = [(_timed(command, first), _timed(command, second)) for _ in range(runs)]
    return statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs)


def main() -> None:
    """Measure and print one row per kata."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per kata (default 5)")
    runs = parser.parse_args().runs
    kaizen = [sys.executable, "-m", "autograder"]
    listing = subprocess.run([*kaizen, "list", "--json"], capture_output=True, check=True, cwd=ROOT)
    katas = json.loads(listing.stdout)
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "KAIZEN_WORKSPACE": str(Path(scratch) / "workspace")}
        env["KAIZEN_CACHE_DIR"] = str(Path(scratch) / "cache")
        floor = _median([sys.executable, "-c", "import pytest, hypothesis"], env, runs)
        print(f"floor (import pytest, hypothesis): {floor:.3f} s, median of {runs}")
        print(
            f"{'kata':<16} {'bwrap':>8} {'ratio':>6} {'process':>8} {'ratio':>6} "
            f"{'sandbox cost':>13}  targets: <= {TARGET_RATIO:g}x the floor, cost < "
            f"{SANDBOX_BUDGET_SECONDS * 1000:.0f} ms"
        )
        for kata in katas:
            subprocess.run([*kaizen, "start", kata["id"]], env=env, capture_output=True, check=True)
            solution = ROOT / kata["solution"]
            target = Path(env["KAIZEN_WORKSPACE"]) / kata["id"] / "src" / solution.name
            if solution.is_dir():
                shutil.rmtree(target)
                shutil.copytree(solution, target)
            else:
                shutil.copy(solution, target)
            check = [*kaizen, "check", kata["id"], "--json"]
            graded = subprocess.run(check, env=env, capture_output=True, check=False, cwd=ROOT)
            if graded.returncode != 0:  # a failing grade would time the wrong thing
                print(f"{kata['id']:<16} the reference solution does not pass: not measured")
                continue
            sandboxed, fallback = _paired_medians(
                check,
                {**env, "KAIZEN_SANDBOX": "bwrap"},
                {**env, "KAIZEN_SANDBOX": "process"},
                runs,
            )
            cost = sandboxed - fallback
            slow = sandboxed / floor > TARGET_RATIO or cost > SANDBOX_BUDGET_SECONDS
            print(
                f"{kata['id']:<16} {sandboxed:>6.3f} s {sandboxed / floor:>5.2f}x "
                f"{fallback:>6.3f} s {fallback / floor:>5.2f}x {cost * 1000:>+10.0f} ms  "
                f"{'SLOW' if slow else 'ok'}"
            )


if __name__ == "__main__":
    main()
