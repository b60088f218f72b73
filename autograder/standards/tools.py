"""Run ruff, ruff format and mypy on a neutralised copy of the learner's code.

The tools never read a configuration file from the submission: ruff runs ``--isolated``
and mypy with the grader's own configuration file, both built from the one source of
the grader's settings (``autograder.standards.config``), so a learner cannot relax a rule.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from ruff import find_ruff_bin

from autograder.report.model import Finding, Severity
from autograder.sandbox.trusted import run_trusted
from autograder.standards.config import NEVER_GRADED, ToolSettings

__all__ = ["ToolFailure", "run_format_check", "run_mypy", "run_ruff"]

_TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class ToolFailure:
    """A tool that could not produce findings (it crashed or timed out).

    Attributes:
        message: What went wrong, for the report.
    """

    message: str


def _environment() -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}


def _relative(path: str, root: Path) -> str:
    candidate = Path(path)
    if candidate.is_absolute():
        candidate = candidate.relative_to(root)
    return candidate.as_posix()


def run_ruff(root: Path, files: list[str], settings: ToolSettings) -> list[Finding] | ToolFailure:
    """Lint the files with the grader's settings, honouring no ``noqa`` comment.

    Args:
        root: The folder holding the (neutralised) code.
        files: The files to lint, relative to ``root``.
        settings: The grader's settings for the kata (the rules it selects).

    Returns:
        The findings, or a failure.
    """
    argv = [
        find_ruff_bin(),
        "check",
        "--isolated",
        "--ignore-noqa",
        "--no-cache",
        "--output-format=json",
        *settings.ruff_arguments(),
        # ruff lets a --config select win over a --config ignore; the flag is honoured
        f"--ignore={','.join(NEVER_GRADED)}",
        "--",
        *files,
    ]
    run = run_trusted(argv, timeout=_TIMEOUT_SECONDS, cwd=root, env=_environment())
    if run.timed_out or run.returncode not in {0, 1}:
        return ToolFailure(f"ruff failed (exit {run.returncode}): {run.output[:500]}")
    try:
        items = json.loads(run.output[run.output.index("[") :])
    except (ValueError, json.JSONDecodeError):
        return ToolFailure(f"ruff printed something unexpected: {run.output[-500:]}")
    return [
        Finding(
            rule=str(item["code"]),
            path=_relative(str(item["filename"]), root),
            line=int(item["location"]["row"]),
            column=int(item["location"]["column"]),
            message=str(item["message"]),
            url=str(item.get("url") or ""),
        )
        for item in items
    ]


def run_format_check(
    root: Path, files: list[str], settings: ToolSettings
) -> list[Finding] | ToolFailure:
    """Report each file that ``ruff format`` would change, at its first changed line.

    Args:
        root: The folder holding the neutralised code (so ``# fmt: off`` hides nothing;
            defusing a directive never changes the layout ``ruff format`` wants).
        files: The files to check, relative to ``root``.
        settings: The grader's settings for the kata (line length, target version).

    Returns:
        One finding per unformatted file, or a failure.
    """
    argv = [
        find_ruff_bin(),
        "format",
        "--isolated",
        "--no-cache",
        "--check",
        "--output-format=json",
        *settings.ruff_arguments(),
        "--",
        *files,
    ]
    run = run_trusted(argv, timeout=_TIMEOUT_SECONDS, cwd=root, env=_environment())
    if run.timed_out or run.returncode not in {0, 1}:
        return ToolFailure(f"ruff format failed (exit {run.returncode}): {run.output[-500:]}")
    try:
        items = json.loads(run.output[run.output.index("[") :])
    except (ValueError, json.JSONDecodeError):
        return ToolFailure(f"ruff format printed something unexpected: {run.output[-500:]}")
    return [
        Finding(
            rule="KZ-FORMAT",
            path=_relative(str(item["filename"]), root),
            line=int(item["location"]["row"]),
            column=0,
            message="the code here is not formatted: run 'ruff format' on the file",
        )
        for item in items
    ]


def run_mypy(
    root: Path, files: list[str], cache_dir: Path, settings: ToolSettings
) -> list[Finding] | ToolFailure:
    """Type-check the files with ``mypy --strict`` and the grader's own configuration.

    Args:
        root: The folder holding the (neutralised) code.
        files: The files to check, relative to ``root``.
        cache_dir: mypy's incremental cache (kept between runs for speed).
        settings: The grader's settings for the kata.

    Returns:
        The errors as findings (notes are folded into the error they follow), or a failure.
    """
    config = root.parent / "kaizen-mypy.toml"
    config.write_text(settings.mypy_config(), encoding="utf-8")
    argv = [
        sys.executable,
        "-m",
        "mypy",
        f"--config-file={config}",
        f"--cache-dir={cache_dir}",
        "--output=json",
        "--show-column-numbers",
        "--no-error-summary",
        "--",
        *files,
    ]
    run = run_trusted(argv, timeout=_TIMEOUT_SECONDS * 2, cwd=root, env=_environment())
    if run.timed_out or run.returncode not in {0, 1}:
        return ToolFailure(f"mypy failed (exit {run.returncode}): {run.output[-500:]}")
    findings: list[Finding] = []
    for line in run.output.splitlines():
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            continue
        if item.get("severity") == "note" and findings:
            last = findings.pop()
            findings.append(replace(last, message=f"{last.message} ({item.get('message')})"))
            continue
        code = item.get("code") or "misc"
        findings.append(
            Finding(
                rule=f"mypy-{code}",
                path=_relative(str(item.get("file")), root),
                line=int(item.get("line") or 0),
                column=max(int(item.get("column") or 0), 0) + 1,
                message=str(item.get("message")),
                severity=Severity.ESSENTIAL,
                url=f"https://mypy.readthedocs.io/en/stable/_refs.html#code-{code}",
            )
        )
    return findings
