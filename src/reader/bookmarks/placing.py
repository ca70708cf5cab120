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
            authors = {author for _, author in wanted}
            found: dict[str, list[int]] = {key: [] for key in missing}
            for message_id, message in enumerate(self.transcript.messages, 1):
                # Cheapest test first: most messages are by someone else.
                if message.author in authors and (message_when(message), message.author) in wanted:
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
        groups: dict[str, list[StoredBookmark]] = {}
        for row in rows:
            groups.setdefault(row.key, []).append(row)
        placed: dict[int, StoredBookmark] = {}
        moved: dict[str, list[StoredBookmark]] = {}
        for key, group in groups.items():
            positions = {row.position for row in group}
            if len(positions) == len(group) and all(
                1 <= p <= count and self.key(p) == key for p in positions
            ):
                placed.update((row.position, row) for row in group)
            else:
                moved[key] = sorted(group, key=lambda row: row.position)
        orphans: list[StoredBookmark] = []
        if moved:
            candidates = self.ids_with_keys(set(moved))
            for key, group in moved.items():
                targets = _align([row.position for row in group], list(candidates[key]))
                for row, target in zip(group, targets, strict=True):
                    if target is None:
                        orphans.append(row)
                    else:
                        placed[target] = row
        return placed, orphans


def _align(positions: list[int], candidates: list[int]) -> list[int | None]:
    """Match bookmarks (by old position) to messages with their key, keeping their order.

    Identical messages (same time, author and text) are told apart only by order, so the first
    of two bookmarked copies stays on the first copy. Places as many as possible, then moves
    them as little as possible; the rest (None) are orphans. Both lists are sorted and short.
    """
    rows, columns = len(positions), len(candidates)
    # best[i][j]: (orphans, total shift) placing the first i bookmarks on the first j messages
    best = [[(0, 0)] * (columns + 1)]
    choice: list[list[str]] = [["skip"] * (columns + 1)]
    for i in range(1, rows + 1):
        best.append([(i, 0)] + [(0, 0)] * columns)
        choice.append(["orphan"] + [""] * columns)
        for j in range(1, columns + 1):
            orphans, shift = best[i - 1][j - 1]
            options = [
                ((orphans, shift + abs(positions[i - 1] - candidates[j - 1])), "match"),
                (best[i][j - 1], "skip"),
                ((best[i - 1][j][0] + 1, best[i - 1][j][1]), "orphan"),
            ]
            best[i][j], choice[i][j] = min(options)
    targets: list[int | None] = [None] * rows
    i, j = rows, columns
    while i > 0:
        step = choice[i][j]
        if step == "match":
            targets[i - 1] = candidates[j - 1]
            i, j = i - 1, j - 1
        elif step == "skip":
            j -= 1
        else:
            i -= 1
    return targets
