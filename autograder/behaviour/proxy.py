"""The module a kata's tests talk to: ``learner.parse("x=1")`` runs in the learner's process.

``CodeProxy`` (the ``learner`` and ``legacy`` fixtures) stands for the entry module of one
code base, imported in its ``CodeSession``'s child process. Its attributes are the
module's names; everything else about it is reached through the functions here, so that
no name of the learner's module is shadowed.
"""

from __future__ import annotations

import contextlib
from typing import Any

from autograder.behaviour.errors import LearnerCrashed, LearnerError, ProtocolViolation
from autograder.behaviour.remote import Remote, is_tool_probe, renamed
from autograder.behaviour.session import CodeSession

__all__ = ["CodeProxy", "entry_of", "session_of"]

_MISSING_MODULE_TYPES = ("ModuleNotFoundError", "ImportError")


class CodeProxy:
    """The module a kata's tests talk to, e.g. ``learner.parse("x=1")``."""

    def __init__(self, session: CodeSession, entry: str) -> None:
        """Stand for ``entry`` as imported by ``session``.

        Args:
            session: The session whose process runs the code.
            entry: The module's import name.
        """
        self._session = session
        self._entry = entry
        self._modules: dict[tuple[str, int], Remote] = {}
        self._callables: dict[tuple[str, int], Remote] = {}

    def import_module(self, name: str) -> Remote:
        """Import another module of the code (e.g. a submodule of a package kata).

        Args:
            name: The module's import name.

        Returns:
            A handle on the module.

        Raises:
            LearnerCrashed: If importing it raised (the message says what it raised).
        """
        key = (name, self._session.generation)
        if key not in self._modules:
            try:
                module = self._session.request("import", f"importing {name}", args=[name])
            except LearnerError as error:
                raise LearnerCrashed(_import_message(self._session.label, name, error)) from None
            if not isinstance(module, Remote):
                raise ProtocolViolation(f"importing {name} did not give a module")
            module = renamed(module, name)
            self._modules = {k: v for k, v in self._modules.items() if k[1] == key[1]}
            self._modules[(name, self._session.generation)] = module
        return self._modules[(name, self._session.generation)]

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 - the learner's names, of any type
        """Read a name of the entry module (a function, class or constant).

        Typed ``Any``, as a mock is: what the name holds is only known when it is read, and
        a typed test suite must be able to call it and compare what it returns.
        """
        if is_tool_probe(name):
            raise AttributeError(name)
        key = (name, self._session.generation)
        if key in self._callables:
            return self._callables[key]
        try:
            value = getattr(self.import_module(self._entry), name)
        except AttributeError:
            msg = (
                f"{self._session.label} has no {name!r} in module {self._entry}: define it "
                "with exactly that name, as the kata's README describes"
            )
            raise AttributeError(msg) from None
        if isinstance(value, Remote):
            value = renamed(value, f"{self._entry}.{name}")
            if "function" in value.type_names or "type" in value.type_names:
                self._callables[key] = value  # functions and classes are looked up once
        return value

    def __repr__(self) -> str:
        """Name the code, e.g. ``<your code: module orders>``."""
        return f"<{self._session.label}: module {self._entry}>"

    def time_limit(self, seconds: float) -> contextlib.AbstractContextManager[None]:
        """Use a different per-call time limit inside a ``with`` block.

        Args:
            seconds: The limit for each call in the block.

        Returns:
            A context manager.
        """
        return self._session.time_limit(seconds)


def session_of(proxy: CodeProxy) -> CodeSession:
    """Return the session a proxy's code runs in (kept off the proxy's namespace).

    Args:
        proxy: The ``learner`` or ``legacy`` proxy.

    Returns:
        Its session.
    """
    session: CodeSession = object.__getattribute__(proxy, "_session")
    return session


def entry_of(proxy: CodeProxy) -> str:
    """Return the import name of the module a proxy stands for.

    Args:
        proxy: The ``learner`` or ``legacy`` proxy.

    Returns:
        The entry module's name.
    """
    entry: str = object.__getattribute__(proxy, "_entry")
    return entry


def _import_message(label: str, name: str, error: LearnerError) -> str:
    if error.type_name in _MISSING_MODULE_TYPES:
        advice = (
            "import only the standard library and modules of your own code, and check the "
            "spelling of every module name"
        )
    else:
        advice = (
            "code at module level should only define functions, classes and constants, "
            "never exit, skip or run the program"
        )
    return f"importing {name} from {label} raised {error}: {advice}"
