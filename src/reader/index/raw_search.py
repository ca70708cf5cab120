"""Search an indexed transcript: the raw bytes say which messages may match, then the usual
search (reader.search) runs on just those messages, so the hits are exactly the usual ones.

A message's text is its raw lines without the header's time and name, trailing spaces and extra
blank lines; so a plain query found in the text is found in the raw bytes of the message too.
Chunks are cut at message starts and a plain query holds no newline, so no match is lost at a
chunk's edge. Regular expressions can depend on what surrounds a match (anchors, lookarounds,
line breaks), so for them every message is a candidate.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from reader.index.indexed import IndexedTranscript
from reader.index.utf8 import IGNORECASE_EXTRAS, ignoring_case
from reader.search import Hit, Query, search

CHUNK_BYTES = 4 * 1024 * 1024
BATCH_MESSAGES = 1000  # candidates of all-message searches come in batches this size


@dataclass(frozen=True, slots=True)
class LoweredWord:
    """A plain ASCII query that ignores case, found with bytes.lower() and find (both in C),
    many times faster than a regex of character classes. `exact` is that regex, used for a
    chunk holding one of the non-ASCII letters str matching folds to i, s or k."""

    word: bytes  # lower case
    exact: re.Pattern[bytes]
    folding: tuple[bytes, ...]  # the non-ASCII letters that fold to one of the word's letters

    @property
    def pattern(self) -> bytes:
        return self.exact.pattern


def raw_pattern(query: Query) -> LoweredWord | re.Pattern[bytes] | re.Pattern[str] | None:
    """The pattern to look for in raw bytes (or, for a non-ASCII query that ignores case, in the
    decoded chunk), or None when every message must be looked at."""
    if query.regex or query.compiled is None or "\n" in query.pattern:
        return None
    pattern = query.pattern
    if query.case_sensitive:
        return re.compile(re.escape(pattern.encode()))
    if pattern.isascii():
        exact = re.compile(
            b"".join(ignoring_case(c) if c.isalpha() else re.escape(c.encode()) for c in pattern)
        )
        if query.whole_word:
            return exact  # a candidate test: the exact search on the message decides anyway
        word = pattern.lower()
        folding = tuple(
            extra.encode()
            for letter, extras in IGNORECASE_EXTRAS.items()
            if letter in word
            for extra in extras
        )
        return LoweredWord(word.encode(), exact, folding)
    return re.compile(re.escape(pattern), re.IGNORECASE)


def candidates(
    indexed: IndexedTranscript, query: Query, start: int = 0, *, authors: set[str] | None = None
) -> Iterator[list[int]]:
    """0-based indices of the indexed messages (from `start` on) that may hold a hit, in
    batches (one per chunk of the file, [] included) so that a worker can stop between them."""
    if query.is_empty:
        return
    count = indexed.state.published
    wanted = None if authors is None else set(indexed.view_for_authors(authors))
    pattern = raw_pattern(query)
    if pattern is None:
        for low in range(max(start, 0), count, BATCH_MESSAGES):
            batch = range(low, min(low + BATCH_MESSAGES, count))
            yield [i for i in batch if wanted is None or i in wanted]
        return
    offsets = indexed.state.offsets
    low = max(start, 0)
    while low < count:
        high = max(bisect_left(offsets, offsets[low] + CHUNK_BYTES, low, count), low + 1)
        base = offsets[low]
        data = indexed.raw(base, indexed.state.end_of(high - 1) - base)
        found = _messages_in(data, base, offsets, low, high, pattern)
        yield [i for i in found if wanted is None or i in wanted]
        low = high


def _messages_in(
    data: bytes,
    base: int,
    offsets,
    low: int,
    high: int,
    pattern: LoweredWord | re.Pattern[bytes] | re.Pattern[str],
) -> list[int]:
    """Messages low..high-1 (their bytes are `data`, from file offset `base`) with a match."""
    found: list[int] = []
    if isinstance(pattern, LoweredWord):
        if any(folding in data for folding in pattern.folding):
            return _messages_in(data, base, offsets, low, high, pattern.exact)
        lowered, position = data.lower(), 0
        while (at := lowered.find(pattern.word, position)) >= 0:
            index = bisect_right(offsets, base + at, low, high) - 1
            found.append(index)
            if index + 1 >= high:
                break
            position = offsets[index + 1] - base
        return found
    if isinstance(pattern.pattern, bytes):
        position = 0
        while (match := pattern.search(data, position)) is not None:
            index = bisect_right(offsets, base + match.start(), low, high) - 1
            found.append(index)
            if index + 1 >= high:
                break
            position = offsets[index + 1] - base
        return found
    text = data.decode("utf-8", "replace")
    byte_at, char_at = 0, 0
    for match in pattern.finditer(text):
        byte_at += len(text[char_at : match.start()].encode())
        char_at = match.start()
        index = bisect_right(offsets, base + byte_at, low, high) - 1
        if not found or found[-1] != index:
            found.append(index)
    return found


def search_indexed(
    indexed: IndexedTranscript,
    query: Query,
    *,
    authors: set[str] | None = None,
    start: int = 0,
) -> Iterator[list[Hit]]:
    """The hits `reader.search.search` gives over all the indexed messages, in transcript
    order, in batches ([] included) so that a worker can stop between them."""
    messages = indexed.messages
    for batch in candidates(indexed, query, start, authors=authors):
        if not batch:
            yield []
            continue
        chosen = [messages[i] for i in batch]
        yield [
            hit
            for found in search(chosen, query, authors=authors, batch=len(chosen))
            for hit in found
        ]
