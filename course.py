"""Set up and start the Kaizen course, or run its whole test suite.

Usage::

    python3.12 course.py          # set up (first time only) and start the course
    python3.12 course.py start --port 8001   # the same; options go to 'kaizen book --serve'
    python3.12 course.py test     # set up, then run every check the project has

Ctrl-C stops it cleanly at any point: the command running then (which gets the same
Ctrl-C from the terminal) is given time to finish its own way, and no traceback is shown.

Standard library only: it runs before anything is installed. It creates ``.venv`` beside
this file, installs the pinned dependencies into it, and reinstalls only when
``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".kaizen-installed"
MINIMUM = (3, 12)


def _fingerprint() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


_GRACE_SECONDS = 10.0
"""How long a command stopped with Ctrl-C may take to finish before it is killed."""


def _run(*command: str | Path) -> int:
    print("$", " ".join(str(part) for part in command), flush=True)
    with subprocess.Popen([str(part) for part in command], cwd=ROOT) as process:
        try:
            return process.wait()
        except KeyboardInterrupt:
            # The terminal sent Ctrl-C to the command too: let it stop its own way.
            try:
                process.wait(timeout=_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
            raise


def set_up() -> None:
    """Create the virtual environment and install the course, unless already done."""
    if sys.version_info < MINIMUM:
        sys.exit(f"Kaizen needs Python {MINIMUM[0]}.{MINIMUM[1]} or newer; this is {sys.version}")
    if STAMP.exists() and STAMP.read_text(encoding="utf-8") == _fingerprint():
        return
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True)
    pip = (PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check")
    if _run(*pip, "--editable", ".[dev]") != 0:
        sys.exit("Installing the course failed: see the messages above (is PyPI reachable?).")
    STAMP.write_text(_fingerprint(), encoding="utf-8")


def start(options: list[str]) -> int:
    """Show the katas and how to begin, then build and serve the book.

    Args:
        options: Options for ``kaizen book --serve`` (e.g. ``--port 8001``, ``--no-build``).

    Returns:
        The exit code of the book server.
    """
    _run(BIN / "kaizen", "list")
    print(
        "\nIn another terminal:\n"
        f"  source {BIN / 'activate'}     # puts 'kaizen' on your PATH\n"
        "  kaizen start typed-invoices    # copy a kata into workspace/ and read its brief\n"
        "  kaizen check                   # grade your work ('kaizen watch': on every save)\n"
        "  kaizen hint                    # stuck? a nudge first, stronger hints after\n"
        "\nNow building the book (the first build executes every lesson) ...\n",
        flush=True,
    )
    return _run(BIN / "kaizen", "book", "--serve", *options)


_OWN_CODE = ("autograder", "benchmarks", "book/_ext", "course.py", "tests")
_KATA_FOLDERS = ("exercises/*/*", "tests/fixtures/course/exercises/*/*")


def _kata_suites() -> list[tuple[str, tuple[str, ...]]]:
    """Each kata's behaviour suite and helpers: type-checked one kata at a time.

    Every kata names its suite ``tests/test_behaviour.py``, so two katas cannot share one
    mypy run; passing a kata's ``support/`` too lets mypy resolve the suite's imports of it.

    Returns:
        Each kata's name with the files to check.
    """
    suites = []
    for pattern in _KATA_FOLDERS:
        for kata in sorted(ROOT.glob(pattern)):
            files = [*sorted(kata.glob("tests/*.py")), *sorted(kata.glob("support/*.py"))]
            if files:  # files, not folders: mypy's exclude (legacy code) skips folders
                suites.append((kata.name, tuple(str(f.relative_to(ROOT)) for f in files)))
    return suites


def _kata_suite_steps() -> list[tuple[str, tuple[str | Path, ...]]]:
    return [(f"mypy --strict {name}", (BIN / "mypy", *files)) for name, files in _kata_suites()]


def test() -> int:
    """Run every check: lint, format, types, course content, then the test suite."""
    steps: list[tuple[str, tuple[str | Path, ...]]] = [
        ("ruff check", (BIN / "ruff", "check", ".")),
        ("ruff format", (BIN / "ruff", "format", "--check", ".")),
        ("mypy --strict", (BIN / "mypy", *_OWN_CODE)),
        *_kata_suite_steps(),
        ("kaizen dev check", (BIN / "kaizen", "dev", "check")),
        ("pytest", (PYTHON, "-m", "pytest")),
    ]
    failed = [name for name, command in steps if _run(*command) != 0]
    if failed:
        print(f"\nFAILED: {', '.join(failed)}", flush=True)
        return 1
    print("\nAll checks passed.", flush=True)
    return 0


def main() -> int:
    """Dispatch on the first argument; Ctrl-C ends any step with one line and exit 130."""
    action, *options = sys.argv[1:] or ["start"]
    if action not in {"start", "test"} or (action == "test" and options):
        sys.exit("usage: python3.12 course.py [start [kaizen book options] | test]")
    try:
        set_up()
        return test() if action == "test" else start(options)
    except KeyboardInterrupt:
        print("\nStopped.", flush=True)
        return 130


if __name__ == "__main__":
    sys.exit(main())
