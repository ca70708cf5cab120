"""The bookmark database's tables, its version number and the migrations between versions.

Version history:
1. `bookmarks(fingerprint, key, note, created)`, one bookmark per message key.
2. Adds the position each bookmark was made at (tells apart identical messages and finds a
   bookmark in O(1) when the transcript has not changed there), the message's first line (to
   describe an orphaned bookmark), an `updated` time (import keeps the newer note), and a
   `transcripts` table (title and last path, for exports a person can read).
Fingerprints and keys are the same in both versions, so a migration only adds data.
"""

from __future__ import annotations

import sqlite3

CURRENT_VERSION = 2

# The marker that tells our database from another program's.
VERSION_TABLE = "reader_schema"

_BOOKMARKS_V2 = """
CREATE TABLE bookmarks (
    id INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    key TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    excerpt TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    UNIQUE (fingerprint, key, position)
)
"""

_TRANSCRIPTS_V2 = """
CREATE TABLE transcripts (
    fingerprint TEXT PRIMARY KEY,
    title TEXT,
    source TEXT NOT NULL DEFAULT '',
    messages INTEGER NOT NULL DEFAULT 0,
    seen TEXT NOT NULL
)
"""


class ForeignDatabaseError(Exception):
    """The file is an SQLite database, but another program's."""


class NewerSchemaError(Exception):
    """Written by a newer reader: left untouched rather than guessed at."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def _create_current(db: sqlite3.Connection) -> None:
    db.execute(f"CREATE TABLE {VERSION_TABLE} (version INTEGER NOT NULL)")
    db.execute(f"INSERT INTO {VERSION_TABLE} (version) VALUES (?)", (CURRENT_VERSION,))
    db.execute(_BOOKMARKS_V2)
    db.execute(_TRANSCRIPTS_V2)


def _migrate_1_to_2(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE bookmarks RENAME TO bookmarks_v1")
    db.execute(_BOOKMARKS_V2)
    # Position 0 means "unknown": the store finds such a bookmark by its key.
    db.execute(
        "INSERT INTO bookmarks (fingerprint, key, position, note, created, updated) "
        "SELECT fingerprint, key, 0, note, created, created FROM bookmarks_v1"
    )
    db.execute("DROP TABLE bookmarks_v1")
    db.execute(_TRANSCRIPTS_V2)


MIGRATIONS = {1: _migrate_1_to_2}


def ensure_schema(db: sqlite3.Connection) -> None:
    """Create the tables in an empty database or bring an older one up to date, atomically.

    Always ends with a write, so that a database that cannot be written fails here, at open,
    and not at the user's first bookmark.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            _create_current(db)
        elif VERSION_TABLE not in tables:
            raise ForeignDatabaseError
        (version,) = db.execute(f"SELECT max(version) FROM {VERSION_TABLE}").fetchone()
        if not isinstance(version, int) or version not in (*MIGRATIONS, CURRENT_VERSION):
            if isinstance(version, int) and version > CURRENT_VERSION:
                raise NewerSchemaError(version)
            raise ForeignDatabaseError
        while version < CURRENT_VERSION:
            MIGRATIONS[version](db)
            version += 1
        db.execute(f"UPDATE {VERSION_TABLE} SET version = ?", (version,))
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
