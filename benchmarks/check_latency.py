"""How long a learner waits for ``kaizen check``, next to the floor of importing the tools.

For each kata, its reference solution is put in a fresh workspace and checked several
times (after one warm-up run, which fills mypy's cache as a learner's first check does).
The floor is ``python -c "import pytest, hypothesis"``: no grader can start faster.

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
TARGET_SECONDS = 1.5


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - started


def _median(command: list[str], env: dict[str, str], runs: int) -> float:
    _timed(command, env)  # warm-up: disk cache, mypy cache
    return statistics.median(_timed(command, env) for _ in range(runs))


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
        print(f"{'kata':<20} {'check median':>13} {'ratio':>7}  target < {TARGET_SECONDS} s")
        for kata in katas:
            subprocess.run([*kaizen, "start", kata["id"]], env=env, capture_output=True, check=True)
            solution = ROOT / kata["solution"]
            target = Path(env["KAIZEN_WORKSPACE"]) / kata["id"] / solution.name
            if solution.is_dir():
                shutil.rmtree(target)
                shutil.copytree(solution, target)
            else:
                shutil.copy(solution, target)
            median = _median([*kaizen, "check", kata["id"], "--json"], env, runs)
            verdict = "ok" if median < TARGET_SECONDS else "SLOW"
            print(f"{kata['id']:<20} {median:>11.3f} s {median / floor:>6.2f}x  {verdict}")


if __name__ == "__main__":
    main()
