"""Open the bookmark database, whatever state the file is in, without losing what it holds.

- A usable file: WAL mode (readers never block the writer, two apps can write), a busy timeout
  (a second writer waits instead of failing), synchronous=FULL (a commit is on disk before the
  call returns, so what the user saw as saved survives a crash of the process or the machine).
- A corrupt file or another program's database: renamed aside with a timestamp (never deleted)
  and a new database started, with a one-line notice.
- A file or folder that cannot be written, or a database from a newer reader: the bookmarks it
  holds are copied into memory where possible and the notice says they will not be kept.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from reader.atomic import aside_name
from reader.bookmarks.schema import ForeignDatabaseError, NewerSchemaError, ensure_schema

BUSY_TIMEOUT_MS = 15_000

# Primary SQLite result codes (the low byte of an extended code).
_SQLITE_BUSY = 5
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26

_NOT_KEPT = "bookmarks will not be kept after you quit"


@dataclass(frozen=True, slots=True)
class Opened:
    db: sqlite3.Connection
    path: Path | None  # None when the bookmarks live in memory only
    notice: str | None


class DamagedDatabaseError(Exception):
    """SQLite opened the file, but its integrity check found damage."""


def _primary_code(error: sqlite3.Error) -> int:
    return (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


def _is_damaged(error: sqlite3.Error) -> bool:
    return _primary_code(error) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _configure(db: sqlite3.Connection) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Switching to WAL needs a moment alone with the file; another process opening it at the
    # same instant can make it report busy without waiting, so try again for a while.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL").fetchone()
            break
        except sqlite3.OperationalError as error:
            if _primary_code(error) != _SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
    db.execute("PRAGMA synchronous = FULL")


def _connect_file(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        _configure(db)
        (check,) = db.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise DamagedDatabaseError(f"integrity check: {check}")
        ensure_schema(db)
    except BaseException:
        db.close()
        raise
    return db


def _connect_memory(copy_from: Path | None = None) -> sqlite3.Connection:
    """A database in memory, holding a copy of `copy_from`'s bookmarks when it can be read."""
    if copy_from is not None and copy_from.is_file():
        # A WAL database in a read-only folder opens read-only only while its -shm file
        # exists; "immutable" reads the main file alone, which after a clean close is all of it.
        for mode in ("mode=ro", "immutable=1"):
            db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            try:
                source = sqlite3.connect(f"{copy_from.resolve().as_uri()}?{mode}", uri=True)
                try:
                    source.backup(db)
                finally:
                    source.close()
                ensure_schema(db)
                return db
            except (sqlite3.Error, ForeignDatabaseError, NewerSchemaError, OSError):
                db.close()
    # Nothing readable: start empty rather than show half of it.
    db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    ensure_schema(db)
    return db


def _move_aside(path: Path) -> Path:
    """Rename the database and its WAL files out of the way; returns the new name."""
    aside = aside_name(path)
    path.rename(aside)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(aside.with_name(aside.name + suffix))
    return aside


def _reason(error: BaseException) -> str:
    """The error in one line: a notice is one line, and checks can report many."""
    text = (error.strerror or str(error)) if isinstance(error, OSError) else str(error)
    lines = text.strip().splitlines() or [type(error).__name__]
    return lines[0] + (" ..." if len(lines) > 1 else "")


def open_database(path: Path) -> Opened:
    """A connection to the bookmark database at `path`, or in memory with a notice saying why."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = "it is a file" if path.parent.is_file() else _reason(error)
        notice = f"cannot use the folder {path.parent} ({reason}): {_NOT_KEPT}"
        return Opened(_connect_memory(), None, notice)
    try:
        return Opened(_connect_file(path), path, None)
    except ForeignDatabaseError:
        problem = "belongs to another program"
    except DamagedDatabaseError as error:
        problem = f"is damaged ({_reason(error)})"
    except NewerSchemaError as error:
        notice = f"{path} was written by a newer reader (schema {error.version}): {_NOT_KEPT}"
        return Opened(_connect_memory(path), None, notice)
    except sqlite3.Error as error:
        if not _is_damaged(error):
            notice = f"cannot write {path} ({_reason(error)}): {_NOT_KEPT}"
            return Opened(_connect_memory(path), None, notice)
        problem = f"is damaged ({_reason(error)})"
    except OSError as error:
        notice = f"cannot open {path} ({_reason(error)}): {_NOT_KEPT}"
        return Opened(_connect_memory(path), None, notice)
    try:
        aside = _move_aside(path)
        db = _connect_file(path)
    except (
        OSError,
        sqlite3.Error,
        DamagedDatabaseError,
        ForeignDatabaseError,
        NewerSchemaError,
    ) as error:
        notice = f"the bookmark file {path} {problem} and cannot be replaced ({_reason(error)})"
        return Opened(_connect_memory(), None, f"{notice}: {_NOT_KEPT}")
    notice = (
        f"the bookmark file {path} {problem}; it was kept as {aside.name} and a new one started"
    )
    return Opened(db, path, notice)
