"""The ``kaizen`` command-line interface."""

__all__: list[str] = []
