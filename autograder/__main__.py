"""Allow ``python -m autograder``, the same as the ``kaizen`` command."""

from autograder.cli.app import main

main()
