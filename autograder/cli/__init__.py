"""The ``kaizen`` command-line interface."""
