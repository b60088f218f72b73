"""The pytest plugin loaded into the trusted test process: fixtures, profile, results.

It provides the ``learner`` and ``legacy`` fixtures, loads the reproducible hypothesis
grading profile, and imports both entry modules once before any test runs: an import that
fails (raises, exits, never ends) is reported once, as ``import_error`` (or
``legacy_import_error``), and no test runs, since each would fail the same way. It records
each test's outcome under a name unique in the suite, and writes them as JSON to a pipe
that only the grading process reads.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Generator, Sequence
from pathlib import Path

import pytest

from autograder.behaviour.errors import LearnerProcessFailure
from autograder.behaviour.profile import load_grading_profile
from autograder.behaviour.proxy import CodeProxy, session_of
from autograder.behaviour.session import CodeSession
from autograder.behaviour.sides import at_once
from autograder.behaviour.spec import Status, SuiteResult, SuiteSpec, TestOutcome
from autograder.sandbox.launcher import Mechanism
from autograder.sandbox.process import Isolation

__all__ = ["learner", "legacy", "unique_names"]

_SPEC_KEY = pytest.StashKey[SuiteSpec]()
_CODE_KEY = pytest.StashKey["_Code"]()
_MESSAGE_CHARS = 4000
_FIXTURE_LINE = re.compile(r"^\s+(?:learner|legacy)=<[^>]*>,\n", re.MULTILINE)
_FALSIFYING = re.compile(r"^(?:Falsifying (?:explicit )?example|Failing test case):", re.MULTILINE)
_STEP_PREFIXES = ("state", "    ", ")")  # a state machine's steps, and their wrapped arguments


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--kaizen-spec``, the JSON file describing what to grade."""
    parser.addoption("--kaizen-spec", required=True, help="JSON suite spec written by the grader")
    parser.addoption("--kaizen-result-fd", required=True, type=int, help="pipe for the outcomes")


def pytest_configure(config: pytest.Config) -> None:
    """Read the spec and load the reproducible hypothesis profile."""
    spec = SuiteSpec.from_json(Path(config.getoption("--kaizen-spec")).read_text())
    config.stash[_SPEC_KEY] = spec
    if spec.support_dir:  # the kata's helpers serve its tests too (e.g. to build inputs)
        sys.path.insert(0, spec.support_dir)
    code = _Code(spec)
    config.stash[_CODE_KEY] = code
    result_fd = int(config.getoption("--kaizen-result-fd"))
    config.pluginmanager.register(_Recorder(result_fd, code, spec), "kaizen-recorder")
    load_grading_profile(spec.max_examples)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop both code processes."""
    if _CODE_KEY in config.stash:
        config.stash[_CODE_KEY].close()


class _Code:
    """The learner's and the legacy's code, each in its own session, for the whole run."""

    def __init__(self, spec: SuiteSpec) -> None:
        self.entry = spec.entry
        self.learner = CodeProxy(self._session(spec, "your code", spec.learner_dir), spec.entry)
        self.legacy = CodeProxy(self._session(spec, "the legacy code", spec.legacy_dir), spec.entry)

    @staticmethod
    def _session(spec: SuiteSpec, label: str, code_dir: str) -> CodeSession:
        support = (Path(spec.support_dir),) if spec.support_dir else ()
        return CodeSession(
            label=label,
            code_path=(Path(code_dir), *support),
            work_root=Path(spec.work_root) / label.replace(" ", "-"),
            isolation=Isolation(spec.limits, Mechanism(spec.sandbox)),
            call_seconds=spec.call_seconds,
        )

    def import_entries(self) -> tuple[str | None, str | None]:
        """Import the entry module on both sides at once, within one call's time limit.

        Returns:
            What went wrong on the learner's side and on the legacy's, or ``None`` each.
        """
        return at_once(
            lambda: _import_problem(self.learner, self.entry),
            lambda: _import_problem(self.legacy, self.entry),
        )

    def close(self) -> None:
        for proxy in (self.learner, self.legacy):
            session_of(proxy).close()


def _import_problem(proxy: CodeProxy, entry: str) -> str | None:
    try:
        proxy.import_module(entry)
    except LearnerProcessFailure as failure:  # it raised, exited, or ran past its limit
        return str(failure)
    return None


@pytest.fixture(scope="session")
def learner(request: pytest.FixtureRequest) -> CodeProxy:
    """The learner's entry module, running in a sandboxed process."""
    return request.config.stash[_CODE_KEY].learner


@pytest.fixture(scope="session")
def legacy(request: pytest.FixtureRequest) -> CodeProxy:
    """The kata's legacy code, running in its own process: the oracle."""
    return request.config.stash[_CODE_KEY].legacy


def _learner_message(text: str) -> str:
    """Keep an assertion's own message, without pytest's introspection below it."""
    own, separator, _ = text.partition("\nassert ")
    return (own if separator and own.strip() else text)[:_MESSAGE_CHARS]


class _Recorder:
    """Collects each test's outcome and writes them all to the grader's pipe at the end."""

    def __init__(self, result_fd: int, code: _Code, spec: SuiteSpec) -> None:
        self._result_fd = result_fd
        self._code = code
        self._tests_dir = Path(spec.tests_dir)
        self._outcomes: dict[str, TestOutcome] = {}
        self._names: dict[str, str] = {}
        self._collection_errors: list[str] = []
        self._import_errors: tuple[str | None, str | None] = (None, None)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        """Give every test its outcome name, unique in the suite."""
        self._names = unique_names(session.items, self._tests_dir)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: pytest.Session) -> bool | None:
        """Import both entry modules once; if either fails, report that and run no test."""
        if session.testsfailed or not session.items:
            return None  # collection failed or found nothing: pytest's own loop reports it
        learner, legacy = self._code.import_entries()
        if learner is None and legacy is None:
            return None
        entry = self._code.entry
        self._import_errors = (
            None
            if learner is None
            else f"{entry} could not be imported, so no behaviour test could run: {learner}",
            None
            if legacy is None
            else "the kata's legacy code could not be imported (not "
            f"your fault; tell the course author): {legacy}",
        )
        return True  # the tests are not run: each one would fail the same way

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        """Record each test phase's outcome, with the failure's message and counterexample."""
        report = yield
        if report.when == "call" or report.outcome != "passed":
            name = self._names.get(item.nodeid, item.name)
            self._outcomes.setdefault(item.nodeid, _outcome(item, report, call, name))
        return report

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        """Record a test module that cannot be collected: the kata's suite is broken."""
        if report.failed:
            self._collection_errors.append(
                f"{report.nodeid}: {str(report.longrepr)[-_MESSAGE_CHARS:]}"
            )

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Write every outcome, in collection order, to the grader's pipe."""
        ordered = [self._outcomes[i.nodeid] for i in session.items if i.nodeid in self._outcomes]
        learner_error, legacy_error = self._import_errors
        result = SuiteResult(
            outcomes=tuple(ordered),
            collection_errors=tuple(self._collection_errors),
            import_error=learner_error,
            legacy_import_error=legacy_error,
        )
        with os.fdopen(self._result_fd, "wb") as pipe:
            pipe.write(result.to_json().encode("utf-8"))


def unique_names(items: Sequence[pytest.Item], tests_dir: Path) -> dict[str, str]:
    """Name each test by its own name, qualified only as far as needed to be unique.

    A test whose name no other test in the suite shares keeps it (``test_total``); else it
    is prefixed by its class and module, then its folders, as far as needed
    (``test_orders.test_total``). The names are stable: they depend only on where the
    tests are.

    Args:
        items: The collected tests.
        tests_dir: The suite's folder.

    Returns:
        Each test's node id mapped to its name.
    """
    places = {item.nodeid: _place(item, tests_dir) for item in items}
    names: dict[str, str] = {}
    for nodeid, parts in places.items():
        depth = 1
        while depth < len(parts) and any(
            other[-depth:] == parts[-depth:] for key, other in places.items() if key != nodeid
        ):
            depth += 1
        names[nodeid] = ".".join(parts[-depth:])
    return names


def _place(item: pytest.Item, tests_dir: Path) -> tuple[str, ...]:
    """Where a test is: its module's path in the suite, its classes, its own name."""
    try:
        module = item.path.resolve().relative_to(tests_dir.resolve()).with_suffix("")
    except ValueError:
        module = Path(item.path.stem)
    classes = [node.name for node in item.listchain() if isinstance(node, pytest.Class)]
    return (*module.parts, *classes, item.name)


def _outcome(
    item: pytest.Item, report: pytest.TestReport, call: pytest.CallInfo[None], name: str
) -> TestOutcome:
    function = getattr(item, "function", None)
    doc = (getattr(function, "__doc__", None) or "").strip().splitlines()
    status: Status = "failed"
    if report.outcome in {"passed", "skipped"}:
        status = "passed" if report.outcome == "passed" else "skipped"
    elif report.when != "call":
        status = "error"  # a broken fixture, not the learner's code under test
    message, counterexample = "", ""
    if call.excinfo is not None and report.outcome != "passed":
        error = call.excinfo.value
        message = _learner_message(str(error) or type(error).__name__)
        notes = [str(note) for note in getattr(error, "__notes__", [])]
        notes.append(str(getattr(item, "hypothesis_report_information", "")))
        counterexample = _FIXTURE_LINE.sub("", _falsifying(notes))
    return TestOutcome(
        name=name,
        title=doc[0] if doc else item.name.removeprefix("test_").replace("_", " "),
        status=status,
        message=message,
        counterexample=counterexample[:_MESSAGE_CHARS],
        seconds=report.duration,
    )


def _falsifying(notes: list[str]) -> str:
    """Keep hypothesis's failing example, with a state machine's steps after its heading.

    The steps are notes of their own; the next section (an explanation) ends them.
    """
    kept: list[str] = []
    for note in notes:
        if _FALSIFYING.search(note) or (kept and note.startswith(_STEP_PREFIXES)):
            kept.append(note)
        elif kept:
            break
    return "\n".join(kept)
