"""Place stored bookmarks on the messages of the transcript at hand, computing keys lazily.

A million-message transcript must not be hashed on every call: a key is computed only for a
message that is bookmarked or asked about, and cached. A stored bookmark remembers the position
it was made at; when the message there still has its key (the usual case, also when messages
were appended) it is placed in O(1). Only a bookmark that moved (messages inserted before it) or
whose message is gone costs one pass over the transcript, comparing cheap time and author strings
and hashing only the texts that match; the result is cached for this transcript.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.bookmarks.identity import fingerprint, message_key, message_when, split_key
from reader.model import Transcript


@dataclass(frozen=True, slots=True)
class StoredBookmark:
    """One row of the bookmarks table."""

    row_id: int
    key: str
    position: int
    note: str
    excerpt: str
    created: str


class MessageIndex:
    """Keys and key lookups for one transcript, filled on demand."""

    def __init__(self, transcript: Transcript) -> None:
        self.transcript = transcript
        self.fingerprint = fingerprint(transcript)
        self._keys: dict[int, str] = {}
        self._ids_by_key: dict[str, tuple[int, ...]] = {}

    def key(self, message_id: int) -> str:
        key = self._keys.get(message_id)
        if key is None:
            key = self._keys[message_id] = message_key(self.transcript.message(message_id))
        return key

    def ids_with_keys(self, keys: set[str]) -> dict[str, tuple[int, ...]]:
        """Every message id that has each key, by one pass for all keys not yet looked up."""
        missing = keys - self._ids_by_key.keys()
        if missing:
            wanted = {split_key(key) for key in missing}
            found: dict[str, list[int]] = {key: [] for key in missing}
            for message_id, message in enumerate(self.transcript.messages, 1):
                if (message_when(message), message.author) in wanted:
                    key = self.key(message_id)
                    if key in found:
                        found[key].append(message_id)
            self._ids_by_key.update((key, tuple(ids)) for key, ids in found.items())
        return {key: self._ids_by_key[key] for key in keys}

    def place(
        self, rows: list[StoredBookmark]
    ) -> tuple[dict[int, StoredBookmark], list[StoredBookmark]]:
        """(message id -> bookmark, orphaned bookmarks) for these rows."""
        count = len(self.transcript.messages)
        placed: dict[int, StoredBookmark] = {}
        unplaced: list[StoredBookmark] = []
        for row in rows:
            at_its_place = 1 <= row.position <= count and row.position not in placed
            if at_its_place and self.key(row.position) == row.key:
                placed[row.position] = row
            else:
                unplaced.append(row)
        orphans: list[StoredBookmark] = []
        if unplaced:
            candidates = self.ids_with_keys({row.key for row in unplaced})
            # Nearest free message with the same key: keeps identical messages apart.
            for row in sorted(unplaced, key=lambda r: r.position):
                free = [i for i in candidates[row.key] if i not in placed]
                if free:
                    placed[min(free, key=lambda i: (abs(i - row.position), i))] = row
                else:
                    orphans.append(row)
        return placed, orphans
