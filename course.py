"""Set up and start the Kaizen course, or run its whole test suite.

Usage::

    python3.12 course.py          # set up (first time only) and start the course
    python3.12 course.py test     # set up, then run every check the project has

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


def _run(*command: str | Path) -> int:
    print("$", " ".join(str(part) for part in command), flush=True)
    return subprocess.run([str(part) for part in command], cwd=ROOT, check=False).returncode


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


def start() -> int:
    """Show the katas and how to begin, then build and serve the book."""
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
    return _run(BIN / "kaizen", "book", "--serve")


def test() -> int:
    """Run every check: lint, format, types, course content, then the test suite."""
    steps = [
        ("ruff check", (BIN / "ruff", "check", ".")),
        ("ruff format", (BIN / "ruff", "format", "--check", ".")),
        ("mypy --strict", (BIN / "mypy", "autograder", "benchmarks", "book/_ext", "course.py")),
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
    """Dispatch on the one optional argument."""
    action = sys.argv[1] if len(sys.argv) > 1 else "start"
    if action not in {"start", "test"}:
        sys.exit("usage: python3.12 course.py [start|test]")
    set_up()
    return test() if action == "test" else start()


if __name__ == "__main__":
    sys.exit(main())
