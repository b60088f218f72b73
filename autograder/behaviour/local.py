"""The pytest plugin for plain ``pytest`` in a learner's workspace: the visible tests, in process.

``kaizen start`` writes a ``conftest.py`` that loads this plugin. It gives the kata's
tests the fixtures they have in grading: ``learner`` (the learner's code in ``src/``) and
``legacy`` (the private copy of the legacy code in ``.kaizen/legacy/``, the oracle). Both
run in the pytest process, so breakpoints, ``print`` and tracebacks work; the kata's
``support/`` helpers are importable; hypothesis runs with the grading profile
(derandomized, the kata's ``max_examples``). It is a debugging aid: ``kaizen check``,
sandboxed and with the standards, is the grade.

The learner's modules are imported under their own names, as usual. The legacy copy
defines the same names, so its modules live in a private table that is swapped into
``sys.modules`` only while it is imported or one of its functions runs: both coexist, and
each sees its own modules (and its own copy of the ``support`` helpers).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FunctionType, ModuleType

import pytest

from autograder.behaviour.profile import load_grading_profile
from autograder.errors import WorkspaceError
from autograder.workspace import Manifest, code_dir, read_manifest

__all__ = ["LocalCode", "learner", "legacy"]

_LEGACY = Path(".kaizen") / "legacy"


@dataclass(frozen=True, slots=True)
class _KataFolder:
    manifest: Manifest
    code: Path
    legacy: Path
    support: Path | None


_KEY = pytest.StashKey[_KataFolder]()


def pytest_configure(config: pytest.Config) -> None:
    """Find the kata folder, put its code and helpers on ``sys.path``, load the profile."""
    folder = config.rootpath
    try:
        manifest = read_manifest(folder)
    except WorkspaceError as error:
        msg = f"{error}; then run pytest in the kata's folder (workspace/<kata>/)"
        raise pytest.UsageError(msg) from None
    support = folder / "support"
    found = _KataFolder(
        manifest=manifest,
        code=code_dir(folder, manifest.entry),
        legacy=folder / _LEGACY,
        support=support if support.is_dir() else None,
    )
    config.stash[_KEY] = found
    for path in (found.support, found.code):  # the learner's code first, as in grading
        if path is not None:
            sys.path.insert(0, str(path))
    load_grading_profile(manifest.max_examples)


def pytest_report_header(config: pytest.Config) -> str:
    """Say, above the results, what this run is and what it is not."""
    kata = config.stash[_KEY].manifest.kata
    return f"kaizen: the visible tests of {kata}, in process (debugging); 'kaizen check' grades"


class _PrivateModules:
    """A table of modules swapped into ``sys.modules`` only while its code runs."""

    def __init__(self, paths: tuple[Path, ...]) -> None:
        self._paths = tuple(str(path) for path in paths)
        self._names = frozenset(name for path in paths for name in _top_level_names(path))
        self._modules: dict[str, ModuleType] = {}
        self._depth = 0

    def _owns(self, name: str) -> bool:
        return name.partition(".")[0] in self._names

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        """Make this table's modules the ones ``import`` finds, for the ``with`` block."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        saved = {name: sys.modules.pop(name) for name in list(sys.modules) if self._owns(name)}
        sys.modules.update(self._modules)
        sys.path[:0] = self._paths
        self._depth = 1
        try:
            yield
        finally:
            self._depth = 0
            for path in self._paths:
                sys.path.remove(path)
            for name in [name for name in sys.modules if self._owns(name)]:
                self._modules[name] = sys.modules.pop(name)
            sys.modules.update(saved)

    def bind(self, value: object) -> object:
        """Wrap a function so that it runs with this table active; wrap modules likewise."""
        if isinstance(value, ModuleType):
            return _BoundModule(value, self)
        if isinstance(value, FunctionType):
            return _bound_function(value, self)
        return value


def _bound_function(function: Callable[..., object], table: _PrivateModules) -> object:
    @functools.wraps(function)
    def call(*args: object, **kwargs: object) -> object:
        with table.active():
            return function(*args, **kwargs)

    return call


class _BoundModule:
    """A module of the private table, whose functions run with the table active."""

    def __init__(self, module: ModuleType, table: _PrivateModules) -> None:
        self._module = module
        self._table = table

    def __getattr__(self, name: str) -> object:
        return self._table.bind(getattr(self._module, name))

    def __repr__(self) -> str:
        return f"<module {self._module.__name__} of the legacy code>"


def _top_level_names(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return [
        child.stem if child.suffix == ".py" else child.name
        for child in folder.iterdir()
        if (child.suffix == ".py" and child.is_file())
        or (child.is_dir() and child.name != "__pycache__")
    ]


class LocalCode:
    """The module a kata's tests talk to, imported in the test process.

    It offers what the remote proxy of grading offers: the entry module's names as
    attributes, ``import_module`` and ``time_limit``. Calling a function directly raises
    the code's own exception (with its traceback), where grading raises ``LearnerError``;
    ``outcome`` gives the same ``Raised`` in both.
    """

    def __init__(self, label: str, entry: str, private: _PrivateModules | None) -> None:
        """Stand for ``entry``.

        Args:
            label: Who wrote the code, for messages (``your code``, ``the legacy code``).
            entry: The entry module's import name.
            private: The private module table the code lives in (``None``: ``sys.modules``).
        """
        self._label = label
        self._entry = entry
        self._private = private

    def import_module(self, name: str) -> object:
        """Import a module of the code (or of the kata's helpers).

        Args:
            name: The module's import name.

        Returns:
            The module.
        """
        if self._private is None:
            return importlib.import_module(name)
        with self._private.active():
            return self._private.bind(importlib.import_module(name))

    def __kaizen_reset__(self) -> None:
        """Run the entry module's code afresh, as a ``DifferentialMachine`` does per run."""
        with contextlib.ExitStack() as stack:
            if self._private is not None:
                stack.enter_context(self._private.active())
            importlib.reload(importlib.import_module(self._entry))

    def __getattr__(self, name: str) -> object:
        """Read a name of the entry module (a function, class or constant)."""
        if name.startswith("__"):
            raise AttributeError(name)
        module = self.import_module(self._entry)
        try:
            return getattr(module, name)
        except AttributeError:
            msg = (
                f"{self._label} has no {name!r} in module {self._entry}: define it with "
                "exactly that name, as the kata's README describes"
            )
            raise AttributeError(msg) from None

    def __repr__(self) -> str:
        """Name the code, e.g. ``<your code: module orders, in process>``."""
        return f"<{self._label}: module {self._entry}, in process>"

    def time_limit(self, seconds: float) -> contextlib.AbstractContextManager[None]:
        """Accept a time limit and apply none: limits are the grader's, in its sandbox.

        Args:
            seconds: The limit grading would apply to each call in the block.

        Returns:
            A context manager that does nothing.
        """
        del seconds
        return contextlib.nullcontext()


@pytest.fixture(scope="session")
def learner(request: pytest.FixtureRequest) -> LocalCode:
    """The learner's entry module (from ``src/``), imported in this process."""
    found = request.config.stash[_KEY]
    code = LocalCode("your code", found.manifest.entry, None)
    code.import_module(found.manifest.entry)  # an import error shows here, once
    return code


@pytest.fixture(scope="session")
def legacy(request: pytest.FixtureRequest) -> LocalCode:
    """The kata's legacy code (``.kaizen/legacy/``), the oracle, in a private module table."""
    found = request.config.stash[_KEY]
    paths = (found.legacy,) if found.support is None else (found.legacy, found.support)
    return LocalCode("the legacy code", found.manifest.entry, _PrivateModules(paths))
