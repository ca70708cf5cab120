"""A file's SHA-256 (exports cite it), read a piece at a time: a big file is not held whole."""

from __future__ import annotations

import hashlib
import os

HASH_PIECE = 1024 * 1024


def sha256_of(fd: int, size: int) -> str:
    """The hex SHA-256 of bytes 0..size of an open file."""
    digest = hashlib.sha256()
    position = 0
    while position < size:
        piece = os.pread(fd, min(HASH_PIECE, size - position), position)
        if not piece:
            break
        digest.update(piece)
        position += len(piece)
    return digest.hexdigest()
