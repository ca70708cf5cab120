"""Write user files so that a crash leaves either the old file or the new one, never half."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

from reader.errors import ReaderError


def write_atomic(path: str | Path, data: str | bytes, *, force: bool = False) -> Path:
    """Write to a temporary file beside `path`, fsync it, then rename it into place.

    An existing file is kept unless `force` is set.
    """
    path = Path(path)
    if path.exists() and not force:
        raise ReaderError(f"{path}: already exists (use --force to overwrite)")
    if path.is_dir():
        raise ReaderError(f"{path}: is a directory")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    except FileNotFoundError:
        raise ReaderError(f"{path.parent}: no such folder") from None
    except PermissionError:
        raise ReaderError(f"{path.parent}: permission denied") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise ReaderError(f"{path}: cannot write ({error.strerror or error})") from None
    return path


def aside_name(path: Path, reason: str = "corrupt") -> Path:
    """A free name beside `path` to keep a damaged file under: `NAME.corrupt-STAMP[-N]`."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.{reason}-{stamp}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}.{reason}-{stamp}-{number}")
    return candidate
