"""Serve the built book on the loopback interface, quietly."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

__all__ = ["book_server"]


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to the learner's terminal."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        """Drop the per-request log line."""
        del format, args


def book_server(folder: Path, port: int) -> ThreadingHTTPServer:
    """Make (but do not start) a server for the HTML in ``folder`` on 127.0.0.1.

    Args:
        folder: The built HTML.
        port: The port; 0 picks a free one.

    Returns:
        The server; call ``serve_forever`` on it.

    Raises:
        OSError: If the port is taken.
    """
    handler = functools.partial(_QuietHandler, directory=str(folder))
    return ThreadingHTTPServer(("127.0.0.1", port), handler)
