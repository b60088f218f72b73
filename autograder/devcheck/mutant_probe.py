"""The test command of the mutation run: a kata's behaviour suite, and nothing else.

cosmic-ray runs it once per mutant, on a folder holding the mutated code::

    python -m autograder.devcheck.mutant_probe --root ROOT --cache CACHE KATA FOLDER

Exit status: 0 every behaviour test passed (the mutant survived); 1 a test failed or the
suite ran out of time (the mutant is killed); 2 the suite could not judge at all (a
broken suite, an unknown kata), which the baseline run reports before any mutant runs.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path

from autograder.behaviour.runner import SuiteFailure, run_behaviour
from autograder.errors import KaizenError
from autograder.kata.catalog import Catalog
from autograder.sandbox.launcher import choose_mechanism

__all__ = ["ProbeExit", "main"]

_log = logging.getLogger(__name__)


class ProbeExit(IntEnum):
    """The probe's exit status."""

    PASSED = 0
    FAILED = 1
    BROKEN = 2


def main(argv: Sequence[str] | None = None) -> ProbeExit:
    """Run the kata's behaviour suite against the code in a folder.

    Args:
        argv: The arguments (default: the command line's).

    Returns:
        The exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--root", type=Path, required=True, help="the course repository")
    parser.add_argument("--cache", type=Path, required=True, help="tool caches")
    parser.add_argument("kata", help="the kata's id")
    parser.add_argument("folder", type=Path, help="the folder holding the code to test")
    arguments = parser.parse_args(argv)
    try:
        kata = Catalog(arguments.root.resolve()).get(arguments.kata)
    except KaizenError as error:
        _log.error("cannot load the kata: %s", error)
        return ProbeExit.BROKEN
    with tempfile.TemporaryDirectory(prefix="kaizen-probe-") as scratch:
        result = run_behaviour(
            kata, arguments.folder.resolve(), Path(scratch), arguments.cache, choose_mechanism()
        )
    if isinstance(result, SuiteFailure):
        _log.warning("the suite did not finish: %s", result.message)
        return ProbeExit.FAILED if result.learner_fault else ProbeExit.BROKEN
    if result.collection_errors or not result.outcomes:
        _log.error("the behaviour suite is broken: %s", "; ".join(result.collection_errors))
        return ProbeExit.BROKEN
    failed = [outcome.name for outcome in result.outcomes if outcome.status != "passed"]
    if failed:
        _log.warning("behaviour tests failed: %s", ", ".join(failed))
        return ProbeExit.FAILED
    return ProbeExit.PASSED


if __name__ == "__main__":
    # cosmic-ray keeps the test command's stdout (and drops its stderr): say why there
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stdout
    )
    sys.exit(main())
