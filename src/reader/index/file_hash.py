"""A file's SHA-256 (exports cite it), worked out in a thread once the file is scanned.

hashlib and os.pread let go of the interpreter's lock for each piece, so the thread does not
hold up the app's screen.
"""

from __future__ import annotations

import hashlib
import os
import threading

HASH_PIECE = 1024 * 1024


class FileHash:
    """Hashes bytes 0..size of an open file, from the moment it is made."""

    def __init__(self, fd: int, size: int) -> None:
        self._fd = fd
        self._size = size
        self._stop = threading.Event()
        self._hexdigest = ""
        self._thread = threading.Thread(target=self._run, name="file hash", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        digest = hashlib.sha256()
        position = 0
        while position < self._size and not self._stop.is_set():
            try:
                piece = os.pread(self._fd, min(HASH_PIECE, self._size - position), position)
            except OSError:  # the file went away: no digest
                return
            if not piece:
                break
            digest.update(piece)
            position += len(piece)
        if not self._stop.is_set():
            self._hexdigest = digest.hexdigest()

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self) -> str:
        """The hex digest, once the thread is done."""
        self._thread.join()
        return self._hexdigest

    def cancel(self) -> None:
        """Stop hashing (before the file is closed)."""
        self._stop.set()
        self._thread.join()
