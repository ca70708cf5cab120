"""A table of short byte strings (names, the text before `(later insert)`) that the scan looks
up many at a time in NumPy: a step of Python for each of a million names would cost more than
the rest of the scan. Only strings the table has not seen yet are handed back, to be worked
out one by one and remembered.

A string of up to KEY_BYTES bytes is known by its bytes, read as KEY_BYTES // 8 words, and its
length; a 64-bit hash of them finds it. Longer strings, and a string whose hash another one
took first, are never remembered: they come back each time.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided

KEY_BYTES = 32
# At most this many strings are remembered: each new one costs a merge into the sorted table,
# and a file where nearly every name is new (ids for names) would take that cost per message.
# Beyond it, new strings are looked up one by one, as the table's caller does for new ones.
MOST_STRINGS = 1 << 16
SLOT_BITS = 17
SLOTS = 1 << SLOT_BITS  # places a string may be kept in (half a megabyte of entries)
PADDING = 64  # zero bytes after a chunk: a window of this many bytes can be read at any byte
MISSING = -1
# A word with its first n bytes kept (in memory order, whatever the machine's byte order).
_KEEP = np.frombuffer(b"".join(b"\xff" * n + b"\x00" * (8 - n) for n in range(9)), np.uint64)
# Row n: the masks that keep a string's first n bytes in each of its words.
_MASKS = _KEEP[np.clip(np.arange(KEY_BYTES + 1)[:, None] - np.arange(0, KEY_BYTES, 8), 0, 8)]
# Odd multipliers that spread a string's words over a 64-bit hash. The hash only finds an
# entry: that the string equals it is then checked on the words themselves.
_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93],
    dtype=np.uint64,
)


def padded(text: bytes | memoryview) -> np.ndarray:
    """The bytes of `text` followed by PADDING zero bytes (one copy of them)."""
    data = np.zeros(len(text) + PADDING, dtype=np.uint8)
    data[: len(text)] = np.frombuffer(text, dtype=np.uint8)
    return data


def windows(data: np.ndarray, width: int) -> np.ndarray:
    """Row i is data[i:i + width], for every i before the padding (no copy)."""
    return as_strided(data, shape=(len(data) - PADDING, width), strides=(1, 1))


class Keys:
    """The keys of some strings: those that fit (`short`), their words, lengths and hashes."""

    def __init__(self, heads: np.ndarray, lengths: np.ndarray) -> None:
        """`heads`: each string's first KEY_BYTES bytes (rows of uint8), as windows reads them."""
        self.short = lengths <= KEY_BYTES
        self.lengths = lengths.astype(np.uint64)
        words = np.ascontiguousarray(heads).view(np.uint64) & _MASKS[np.minimum(lengths, KEY_BYTES)]
        self.words = words
        hashes = self.lengths.copy()
        for column, mix in enumerate(_MIX):  # a column at a time: sum(axis=1) is slower
            hashes ^= words[:, column] * mix
        self.hashes = hashes


class SliceTable:
    """Strings -> int values (ids), growing as the scan meets new strings.

    A string's hash picks one of SLOTS places, which names its entry: a look-up is then a
    few gathers, where a search of a sorted table took a good part of the scan. A string
    whose place another one took first is not remembered (it comes back each time): with
    thousands of names, a few in a hundred."""

    def __init__(self) -> None:
        self._entries = np.full(SLOTS, MISSING, dtype=np.int32)  # by place: an entry or none
        self._hashes = np.empty(0, dtype=np.uint64)  # by entry
        self._words = np.empty((0, KEY_BYTES // 8), dtype=np.uint64)
        self._lengths = np.empty(0, dtype=np.uint64)
        self._values = np.empty(0, dtype=np.int64)

    def find(self, keys: Keys) -> np.ndarray:
        """Each string's value, or MISSING where the table does not know it."""
        if not len(self._hashes):
            return np.full(len(keys.hashes), MISSING, dtype=np.int64)
        entries = self._entries[_places(keys.hashes)]
        known = entries != MISSING
        at = np.maximum(entries, 0)
        known &= self._hashes[at] == keys.hashes
        known &= keys.short
        known &= self._lengths[at] == keys.lengths
        words = self._words[at]
        for column in range(KEY_BYTES // 8):  # a column at a time: all(axis=1) is slower
            known &= words[:, column] == keys.words[:, column]
        return np.where(known, self._values[at], MISSING)

    def remember(self, keys: Keys, which: np.ndarray, values: np.ndarray) -> None:
        """Remember the strings `which` (indices into `keys`) with their values, where they fit
        and their place is free."""
        fits = keys.short[which]
        which, values = which[fits], values[fits]
        if not len(which) or len(self._hashes) >= MOST_STRINGS:
            return
        places = _places(keys.hashes[which])
        free = self._entries[places] == MISSING
        places, first = np.unique(places[free], return_index=True)  # one string a place
        which, values = which[free][first], values[free][first]
        self._entries[places] = np.arange(len(self._hashes), len(self._hashes) + len(which))
        self._hashes = np.concatenate((self._hashes, keys.hashes[which]))
        self._words = np.concatenate((self._words, keys.words[which]))
        self._lengths = np.concatenate((self._lengths, keys.lengths[which]))
        self._values = np.concatenate((self._values, values))


def _places(hashes: np.ndarray) -> np.ndarray:
    return (hashes >> np.uint64(64 - SLOT_BITS)).astype(np.intp)  # the best-mixed bits
