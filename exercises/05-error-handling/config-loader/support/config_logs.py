"""Loads a configuration in the tested process and hands back what was logged meanwhile.

The brief asks that ignored sections and keys be logged with ``logging``. The logger and
its records live in the tested process, so this helper captures them there, around one
call, and returns their messages as plain text; the trusted test reads them.
"""

from __future__ import annotations

import importlib
import logging

__all__ = ["load_config_logged"]


class _Collect(logging.Handler):
    """Keeps the formatted message of every record it is handed."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record's message, its arguments filled in."""
        self.messages.append(record.getMessage())


def load_config_logged(text: str) -> tuple[str, list[str]]:
    """Call ``load_config(text)`` with every log record of every logger captured.

    Args:
        text: The configuration text.

    Returns:
        How the call ended (``"returned"`` or the exception's class name) and the
        messages logged during it, in order.
    """
    load_config = importlib.import_module("config_loader").load_config
    collect = _Collect()
    root = logging.getLogger()
    level = root.level
    root.addHandler(collect)
    root.setLevel(logging.DEBUG)
    try:
        load_config(text)
    except Exception as error:  # noqa: BLE001 - how the call ended is reported, not judged
        return type(error).__name__, collect.messages
    finally:
        root.removeHandler(collect)
        root.setLevel(level)
    return "returned", collect.messages
