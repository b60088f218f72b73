"""The pytest plugin loaded into the trusted test process: fixtures, profile, results.

It provides the ``learner`` and ``legacy`` fixtures, loads the reproducible hypothesis
grading profile, and records each test's outcome, which it writes as JSON to a pipe that
only the grading process reads.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

from autograder.behaviour.remote import CodeProxy, CodeSession
from autograder.behaviour.spec import Status, SuiteResult, SuiteSpec, TestOutcome
from autograder.sandbox.launcher import Mechanism
from autograder.sandbox.process import Isolation

__all__ = ["learner", "legacy"]

_PROFILE = "kaizen-grading"
_SPEC_KEY = pytest.StashKey[SuiteSpec]()
_MESSAGE_CHARS = 4000
_FIXTURE_LINE = re.compile(r"^\s+(?:learner|legacy)=<[^>]*>,\n", re.MULTILINE)
_FALSIFYING = re.compile(r"^(?:Falsifying (?:explicit )?example|Failing test case):", re.MULTILINE)


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
    result_fd = int(config.getoption("--kaizen-result-fd"))
    config.pluginmanager.register(_Recorder(result_fd), "kaizen-recorder")
    settings.register_profile(
        _PROFILE,
        derandomize=True,
        database=None,
        deadline=None,
        max_examples=spec.max_examples,
        print_blob=False,
        report_multiple_bugs=False,
        phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )
    settings.load_profile(_PROFILE)


def _session(request: pytest.FixtureRequest, label: str, code_dir: Path) -> Iterator[CodeProxy]:
    spec = request.config.stash[_SPEC_KEY]
    support = (Path(spec.support_dir),) if spec.support_dir else ()
    session = CodeSession(
        label=label,
        code_path=(code_dir, *support),
        work_root=Path(spec.work_root) / label.replace(" ", "-"),
        isolation=Isolation(spec.limits, Mechanism(spec.sandbox)),
        call_seconds=spec.call_seconds,
    )
    try:
        yield CodeProxy(session, spec.entry)
    finally:
        session.close()


@pytest.fixture(scope="session")
def learner(request: pytest.FixtureRequest) -> Iterator[CodeProxy]:
    """The learner's entry module, running in a sandboxed process."""
    yield from _session(request, "your code", Path(request.config.stash[_SPEC_KEY].learner_dir))


@pytest.fixture(scope="session")
def legacy(request: pytest.FixtureRequest) -> Iterator[CodeProxy]:
    """The kata's legacy code, running in its own process: the oracle."""
    yield from _session(
        request, "the legacy code", Path(request.config.stash[_SPEC_KEY].legacy_dir)
    )


def _learner_message(text: str) -> str:
    """Keep an assertion's own message, without pytest's introspection below it."""
    own, separator, _ = text.partition("\nassert ")
    return (own if separator and own.strip() else text)[:_MESSAGE_CHARS]


class _Recorder:
    """Collects each test's outcome and writes them all to the grader's pipe at the end."""

    def __init__(self, result_fd: int) -> None:
        self._result_fd = result_fd
        self._outcomes: dict[str, TestOutcome] = {}
        self._collection_errors: list[str] = []

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        """Record each test phase's outcome, with the failure's message and counterexample."""
        report = yield
        if report.when == "call" or report.outcome != "passed":
            self._outcomes.setdefault(item.nodeid, _outcome(item, report, call))
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
        result = SuiteResult(
            outcomes=tuple(ordered), collection_errors=tuple(self._collection_errors)
        )
        with os.fdopen(self._result_fd, "wb") as pipe:
            pipe.write(result.to_json().encode("utf-8"))


def _outcome(
    item: pytest.Item, report: pytest.TestReport, call: pytest.CallInfo[None]
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
        counterexample = "\n".join(note for note in notes if _FALSIFYING.search(note))
        counterexample = _FIXTURE_LINE.sub("", counterexample)
    return TestOutcome(
        name=item.name,
        title=doc[0] if doc else item.name.removeprefix("test_").replace("_", " "),
        status=status,
        message=message,
        counterexample=counterexample[:_MESSAGE_CHARS],
        seconds=report.duration,
    )
