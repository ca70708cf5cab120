"""The bookmark store: every change is its own short transaction, committed before it returns.

Nothing reads and rewrites a whole file: two apps (or the app and the CLI) adding bookmarks to the
same transcript at once each insert their own rows, and SQLite's locking orders them.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader import paths
from reader.bookmarks.exchange import EXPORT_VERSION, ImportedBookmark, parse_export
from reader.bookmarks.identity import excerpt
from reader.bookmarks.opening import open_database
from reader.bookmarks.placing import MessageIndex, StoredBookmark
from reader.errors import ReaderError
from reader.model import Transcript

DATABASE_NAME = "bookmarks.sqlite3"
_CACHED_TRANSCRIPTS = 4


@dataclass(frozen=True, slots=True)
class Bookmark:
    message_id: int
    note: str  # "" when there is none
    created: str  # ISO 8601, UTC
    key: str  # the message's stable key (see identity.py)


@dataclass(frozen=True, slots=True)
class OrphanedBookmark:
    """A bookmark kept for this transcript whose message is no longer in it."""

    key: str
    note: str
    created: str
    excerpt: str  # the first line of the message it was made on
    position: int  # the message id it was made on (0 when unknown)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_ROW_COLUMNS = "id, key, position, note, excerpt, created"


class BookmarkStore:
    """Bookmarks of every transcript, in one SQLite database (or in memory, see `notice`)."""

    def __init__(self, db: sqlite3.Connection, path: Path | None, notice: str | None) -> None:
        self._db = db
        self.path = path
        self.notice = notice  # one line for the user when something is not as it should be
        self._lock = threading.RLock()  # the app calls from workers as well as its own thread
        self._indexes: OrderedDict[int, MessageIndex] = OrderedDict()

    @classmethod
    def open(cls, path: Path | None = None) -> BookmarkStore:
        opened = open_database(Path(path) if path else paths.data_dir() / DATABASE_NAME)
        return cls(opened.db, opened.path, opened.notice)

    @property
    def persistent(self) -> bool:
        """False when bookmarks live in memory only and go when the store closes."""
        return self.path is not None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> BookmarkStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Reading

    def bookmarks(self, transcript: Transcript) -> list[Bookmark]:
        """This transcript's bookmarks, in transcript order."""
        index = self._index(transcript)
        placed, _ = index.place(self._rows(index.fingerprint))
        return [_bookmark(message_id, placed[message_id]) for message_id in sorted(placed)]

    def orphans(self, transcript: Transcript) -> list[OrphanedBookmark]:
        """Bookmarks kept for this transcript whose message is gone (kept, never deleted)."""
        index = self._index(transcript)
        _, orphans = index.place(self._rows(index.fingerprint))
        return [
            OrphanedBookmark(row.key, row.note, row.created, row.excerpt, row.position)
            for row in orphans
        ]

    def get(self, transcript: Transcript, message_id: int) -> Bookmark | None:
        index = self._index(transcript)
        _check_id(transcript, message_id)
        key = index.key(message_id)
        placed, _ = index.place(self._rows(index.fingerprint, key))
        row = placed.get(message_id)
        return _bookmark(message_id, row) if row else None

    # Changing: each call is one transaction, so a concurrent writer cannot slip in between
    # finding the row and changing it.

    def set(self, transcript: Transcript, message_id: int, note: str | None = None) -> Bookmark:
        """Bookmark the message, or change its note when `note` is given ("" clears it)."""
        index = self._index(transcript)
        _check_id(transcript, message_id)
        with self._write() as db:
            row = self._placed_row(db, index, message_id)
            now = _now()
            if row is None:
                key = index.key(message_id)
                db.execute(
                    "INSERT INTO bookmarks (fingerprint, key, position, note, excerpt, created,"
                    " updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        index.fingerprint,
                        key,
                        message_id,
                        note or "",
                        excerpt(transcript.message(message_id)),
                        now,
                        now,
                    ),
                )
                self._remember_transcript(db, transcript, index.fingerprint, now)
                return Bookmark(message_id, note or "", now, key)
            if note is not None and note != row.note:
                db.execute(
                    "UPDATE bookmarks SET note = ?, updated = ? WHERE id = ?",
                    (note, now, row.row_id),
                )
                return Bookmark(message_id, note, row.created, row.key)
            return _bookmark(message_id, row)

    def remove(self, transcript: Transcript, message_id: int) -> bool:
        """Remove the message's bookmark; False when it had none."""
        index = self._index(transcript)
        _check_id(transcript, message_id)
        with self._write() as db:
            row = self._placed_row(db, index, message_id)
            if row is None:
                return False
            db.execute("DELETE FROM bookmarks WHERE id = ?", (row.row_id,))
            return True

    def toggle(self, transcript: Transcript, message_id: int) -> bool:
        """Add or remove the message's bookmark; True when it is now bookmarked."""
        with self._lock, self._write():
            # Both calls join the one transaction opened here (the lock is re-entrant).
            if self.remove(transcript, message_id):
                return False
            self.set(transcript, message_id)
            return True

    # Backup and move

    def export_all(self) -> dict[str, Any]:
        """Every transcript's bookmarks, as JSON-able data (see exchange.py for the shape)."""
        with self._reading() as db:
            titles = {
                fingerprint: (title, source, messages)
                for fingerprint, title, source, messages in db.execute(
                    "SELECT fingerprint, title, source, messages FROM transcripts"
                )
            }
            rows = db.execute(
                "SELECT fingerprint, key, position, note, excerpt, created, updated"
                " FROM bookmarks ORDER BY fingerprint, position, id"
            ).fetchall()
        transcripts: dict[str, dict[str, Any]] = {}
        for fingerprint, key, position, note, text, created, updated in rows:
            if fingerprint not in transcripts:
                title, source, messages = titles.get(fingerprint, (None, "", 0))
                transcripts[fingerprint] = {
                    "fingerprint": fingerprint,
                    "title": title,
                    "source": source,
                    "messages": messages,
                    "bookmarks": [],
                }
            transcripts[fingerprint]["bookmarks"].append(
                {
                    "key": key,
                    "position": position,
                    "note": note,
                    "excerpt": text,
                    "created": created,
                    "updated": updated,
                }
            )
        return {
            "reader_bookmarks": EXPORT_VERSION,
            "exported": _now(),
            "transcripts": list(transcripts.values()),
        }

    def import_all(self, data: Any) -> int:
        """Merge an export in; returns how many bookmarks were added or got a newer note.

        The data is checked in full before anything is written, and written in one transaction.
        """
        transcripts, bookmarks = parse_export(data)
        changed = 0
        with self._write() as db:
            for meta in transcripts:
                db.execute(
                    "INSERT INTO transcripts (fingerprint, title, source, messages, seen)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING",
                    (meta.fingerprint, meta.title, meta.source, meta.messages, _now()),
                )
            for item in bookmarks:
                changed += _import_one(db, item)
        return changed

    # Internals

    def _index(self, transcript: Transcript) -> MessageIndex:
        with self._lock:
            index = self._indexes.get(id(transcript))
            if index is None or index.transcript is not transcript:
                index = MessageIndex(transcript)
                self._indexes[id(transcript)] = index
                while len(self._indexes) > _CACHED_TRANSCRIPTS:
                    self._indexes.popitem(last=False)
            self._indexes.move_to_end(id(transcript))
            return index

    def _rows(self, fingerprint: str, key: str | None = None) -> list[StoredBookmark]:
        with self._reading() as db:
            return _select_rows(db, fingerprint, key)

    def _placed_row(
        self, db: sqlite3.Connection, index: MessageIndex, message_id: int
    ) -> StoredBookmark | None:
        placed, _ = index.place(_select_rows(db, index.fingerprint, index.key(message_id)))
        return placed.get(message_id)

    def _remember_transcript(
        self, db: sqlite3.Connection, transcript: Transcript, fingerprint: str, now: str
    ) -> None:
        db.execute(
            "INSERT INTO transcripts (fingerprint, title, source, messages, seen)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET"
            " title = excluded.title, source = excluded.source,"
            " messages = excluded.messages, seen = excluded.seen",
            (fingerprint, transcript.title, transcript.source, len(transcript.messages), now),
        )

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._db
            except sqlite3.Error as error:
                raise ReaderError(f"cannot read bookmarks ({error})") from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One immediate transaction (joined, not nested, when one is already open)."""
        with self._lock:
            if self._db.in_transaction:
                yield self._db
                return
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except sqlite3.Error as error:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise ReaderError(f"cannot save bookmarks ({error})") from None


def _select_rows(
    db: sqlite3.Connection, fingerprint: str, key: str | None = None
) -> list[StoredBookmark]:
    if key is None:
        cursor = db.execute(
            f"SELECT {_ROW_COLUMNS} FROM bookmarks WHERE fingerprint = ?", (fingerprint,)
        )
    else:
        cursor = db.execute(
            f"SELECT {_ROW_COLUMNS} FROM bookmarks WHERE fingerprint = ? AND key = ?",
            (fingerprint, key),
        )
    return [StoredBookmark(*row) for row in cursor]


def _import_one(db: sqlite3.Connection, item: ImportedBookmark) -> int:
    cursor = db.execute(
        "INSERT INTO bookmarks (fingerprint, key, position, note, excerpt, created, updated)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint, key, position) DO UPDATE SET"
        " note = excluded.note, updated = excluded.updated"
        " WHERE excluded.updated > bookmarks.updated AND excluded.note != bookmarks.note",
        (
            item.fingerprint,
            item.key,
            item.position,
            item.note,
            item.excerpt,
            item.created,
            item.updated,
        ),
    )
    return cursor.rowcount


def _check_id(transcript: Transcript, message_id: int) -> None:
    count = len(transcript.messages)
    if isinstance(message_id, bool) or not isinstance(message_id, int):
        raise ReaderError(f"{message_id!r}: not a message id")
    if not 1 <= message_id <= count:
        raise ReaderError(
            f"message {message_id} does not exist (the transcript has {count} messages)"
        )


def _bookmark(message_id: int, row: StoredBookmark) -> Bookmark:
    return Bookmark(message_id, row.note, row.created, row.key)
