"""The support files ``kaizen start`` writes around the learner's code, as text.

The workspace module writes them (never over an existing file); this module decides
what they say: the brief with how to check one's work, the ``conftest.py`` that lets
plain ``pytest`` run the visible tests, and the grader's tool configuration.
"""

from __future__ import annotations

import tomllib

from autograder.kata.model import Kata
from autograder.standards.config import workspace_pyproject

__all__ = ["README_FOOTER", "conftest_text", "pyproject_text", "support_texts"]

README_FOOTER = """
## Checking your work

- `kaizen check` is **the grade**: your code runs sandboxed against the kata's whole
  behaviour suite, then the standards checks run. `kaizen check --all` lists every finding.
- `pytest` here runs the visible tests in `tests/` against your code in `src/`, with the
  legacy code as the oracle, in one process: use it to debug (`breakpoint()` works). It is
  not the grade.
- `ruff check`, `ruff format --check` and `mypy` here use the grader's configuration
  (`pyproject.toml`); `kaizen fix` applies the safe fixes, with a backup.
"""
"""Appended to the workspace's copy of the brief (the kata's README)."""

_CONFTEST = '''\
"""Lets plain ``pytest`` here run the visible tests against your code (written by Kaizen).

``kaizen check`` is the grade; this is for debugging. Safe to leave as it is.
"""

pytest_plugins = ["autograder.behaviour.local"]
'''

_PYTEST = """
[tool.pytest.ini_options]
# the visible tests, in process; 'kaizen check' is the grade
testpaths = ["tests"]
"""


def conftest_text() -> str:
    """Return the workspace's ``conftest.py``: it loads ``autograder.behaviour.local``."""
    return _CONFTEST


def pyproject_text(kata: Kata) -> str:
    """Return the workspace's ``pyproject.toml``: the grader's configuration for the kata.

    Args:
        kata: The kata.

    Returns:
        The file's text: ruff and mypy as the grader runs them on ``src/``, and pytest
        for the visible tests.
    """
    text = workspace_pyproject(kata.spec)
    if "pytest" not in tomllib.loads(text).get("tool", {}):
        text = text.rstrip() + "\n" + _PYTEST
    return text


def support_texts(kata: Kata) -> dict[str, str]:
    """Return every support file ``kaizen start`` writes at the kata folder's top, by name.

    Args:
        kata: The kata.

    Returns:
        The brief (``README.md``), ``conftest.py`` and ``pyproject.toml``.
    """
    brief = kata.readme.read_text(encoding="utf-8").rstrip() + "\n" + README_FOOTER
    return {
        "README.md": brief,
        "conftest.py": conftest_text(),
        "pyproject.toml": pyproject_text(kata),
    }
