"""Which messages of a stretch of raw bytes hold a match: the part of the raw search that runs
in the helper processes (reader.index.find_process), so it imports nothing heavy."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

CHUNK_BYTES = 1024 * 1024  # what a search helper holds at a time, three times over


# The longest UTF-8 form of a letter that str matching folds to an ASCII one (the Kelvin sign).
FOLDED_BYTES = 3
MIN_PIECE = 3  # shorter fold-free pieces find too many places to check
CASELESS_MIN_PIECE = 4  # a run of digits or signs this long is searched without lowering


@dataclass(frozen=True, slots=True)
class LoweredWord:
    """A plain ASCII query that ignores case, found with bytes.lower() and find (both in C),
    many times faster than a regex of character classes. `exact` is that regex.

    str matching also folds a few non-ASCII letters to i, s or k (see reader.index.utf8); a
    word holding those letters is found by its longest `piece` free of them, which any match
    holds as it is, and each place is then checked with `exact`.

    A word with a long enough run that case cannot change (digits, signs: `caseless`) is found
    by that run in the raw bytes, each place checked with `exact`: no lowered copy is made."""

    word: bytes  # lower case
    exact: re.Pattern[bytes]
    folding: tuple[bytes, ...]  # the non-ASCII letters that fold to one of the word's letters
    piece: bytes = b""  # the longest run of `word` without a letter that others fold to
    piece_at: int = 0  # where `piece` starts in `word`
    caseless: bool = False  # `piece` has no letters: it is looked for in the raw bytes

    @property
    def pattern(self) -> bytes:
        return self.exact.pattern


def _one_per_message(
    find: Callable[[int], int], base: int, offsets: Sequence[int], low: int, high: int
) -> list[int]:
    """Messages low..high-1 with a match: `find(position)` gives where the next match at or
    after `position` starts (-1: none), and after a match the search goes on at the next
    message, as one hit is enough to make a message a candidate."""
    found: list[int] = []
    position = 0
    while (at := find(position)) >= 0:
        index = bisect_right(offsets, base + at, low, high) - 1
        found.append(index)
        if index + 1 >= high:
            break
        position = offsets[index + 1] - base
    return found


def _lowered_word_finder(data: bytes, pattern: LoweredWord) -> Callable[[int], int]:
    if pattern.caseless:
        haystack = data  # the piece reads the same in any case: no lowered copy is needed
    else:
        haystack = data.lower()
        if not pattern.folding:
            return lambda position: haystack.find(pattern.word, position)
    piece, reach = pattern.piece, len(pattern.word) * FOLDED_BYTES

    def find(position: int) -> int:
        while (at := haystack.find(piece, position)) >= 0:
            start = max(at - pattern.piece_at * FOLDED_BYTES, position)
            match = pattern.exact.search(data, start, at + reach)
            if match is not None:
                return match.start()
            position = at + 1
        return -1

    return find


def _regex_finder(data: bytes, pattern: re.Pattern[bytes]) -> Callable[[int], int]:
    def find(position: int) -> int:
        match = pattern.search(data, position)
        return -1 if match is None else match.start()

    return find


def messages_in(
    data: bytes,
    base: int,
    offsets: Sequence[int],
    low: int,
    high: int,
    pattern: LoweredWord | re.Pattern[bytes] | re.Pattern[str],
) -> list[int]:
    """Messages low..high-1 (their bytes are `data`, from file offset `base`) with a match."""
    if isinstance(pattern, LoweredWord):
        short_piece = pattern.folding and len(pattern.piece) < MIN_PIECE
        if short_piece and any(folding in data for folding in pattern.folding):
            return messages_in(data, base, offsets, low, high, pattern.exact)
        if short_piece:
            pattern = replace(pattern, folding=())  # none of those letters here
        return _one_per_message(_lowered_word_finder(data, pattern), base, offsets, low, high)
    if isinstance(pattern.pattern, bytes):
        return _one_per_message(_regex_finder(data, pattern), base, offsets, low, high)
    found: list[int] = []
    text = data.decode("utf-8", "replace")
    byte_at, char_at = 0, 0
    for match in pattern.finditer(text):
        byte_at += len(text[char_at : match.start()].encode())
        char_at = match.start()
        index = bisect_right(offsets, base + byte_at, low, high) - 1
        if not found or found[-1] != index:
            found.append(index)
    return found


def messages_with_matches(
    read: Callable[[int, int], bytes],
    offsets: Sequence[int],
    end_of: Callable[[int], int],
    span: range,
    pattern: LoweredWord | re.Pattern[bytes] | re.Pattern[str],
) -> Iterator[tuple[int, list[int]]]:
    """Messages of `span` (indices into `offsets`) with a match, a chunk of the file at a time
    (read(start, length) gives its bytes), cut at message starts: (where the chunk's messages
    end, those of them with a match)."""
    low, count = span.start, span.stop
    while low < count:
        high = max(bisect_left(offsets, offsets[low] + CHUNK_BYTES, low, count), low + 1)
        base = offsets[low]
        data = read(base, end_of(high - 1) - base)
        yield high, messages_in(data, base, offsets, low, high, pattern)
        low = high
