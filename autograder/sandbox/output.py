"""Keep the tail of what a child process prints, at a bounded cost."""

from __future__ import annotations

import os
import threading
from collections import deque

__all__ = ["OUTPUT_KEPT_BYTES", "OutputTail"]

OUTPUT_KEPT_BYTES = 64 * 1024


class OutputTail:
    """Drains a pipe in a thread, keeping only the last bytes so huge output costs nothing.

    The thread and ``text()`` share the kept chunks, so both touch them only under a lock.
    """

    def __init__(self, stream: int) -> None:
        """Start draining.

        Args:
            stream: The read end of the pipe; the tail owns and closes it.
        """
        self._chunks: deque[bytes] = deque()
        self._size = 0
        self._dropped = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._drain, args=(stream,), daemon=True)
        self._thread.start()

    def _drain(self, stream: int) -> None:
        with os.fdopen(stream, "rb", buffering=0) as pipe:
            while chunk := pipe.read(65536):
                with self._lock:
                    self._chunks.append(chunk)
                    self._size += len(chunk)
                    while self._size - len(self._chunks[0]) >= OUTPUT_KEPT_BYTES:
                        self._size -= len(self._chunks[0])
                        self._dropped += len(self._chunks.popleft())

    def text(self) -> str:
        """Return the kept output, saying how much came before it.

        Returns:
            The decoded tail, after a note of the dropped bytes if any were.
        """
        self._thread.join(timeout=1.0)
        with self._lock:
            data = b"".join(self._chunks)
            dropped = self._dropped
        cut = max(0, len(data) - OUTPUT_KEPT_BYTES)
        dropped += cut
        prefix = f"[{dropped} earlier bytes of output dropped]\n" if dropped else ""
        return prefix + data[cut:].decode("utf-8", errors="replace")
