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
from collections.abc import Iterator

from reader.index.find_process import find_in_processes
from reader.index.indexed import IndexedTranscript
from reader.index.raw_match import CASELESS_MIN_PIECE, LoweredWord
from reader.index.utf8 import IGNORECASE_EXTRAS, ignoring_case
from reader.search import Hit, Query, search

BATCH_MESSAGES = 1000  # candidates of all-message searches come in batches this size


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
        caseless = max(re.findall("[^a-z]+", word), key=len, default="")
        if len(caseless) >= CASELESS_MIN_PIECE:
            at = word.index(caseless)
            return LoweredWord(word.encode(), exact, folding, caseless.encode(), at, caseless=True)
        pieces = re.split(f"[{''.join(IGNORECASE_EXTRAS)}]", word)
        piece = max(pieces, key=len)
        at = sum(len(part) + 1 for part in pieces[: pieces.index(piece)])
        return LoweredWord(word.encode(), exact, folding, piece.encode(), at)
    return re.compile(re.escape(pattern), re.IGNORECASE)


def candidates(
    indexed: IndexedTranscript,
    query: Query,
    start: int = 0,
    *,
    authors: set[str] | None = None,
    stop: int | None = None,
) -> Iterator[list[int]]:
    """0-based indices of the indexed messages (from `start` on, before `stop`) that may hold
    a hit, in batches (one per chunk of the file, [] included) so that a worker can stop
    between them."""
    if query.is_empty:
        return
    count = indexed.state.published if stop is None else min(stop, indexed.state.published)
    wanted = None if authors is None else set(indexed.view_for_authors(authors))
    pattern = raw_pattern(query)
    if pattern is None:
        for low in range(max(start, 0), count, BATCH_MESSAGES):
            batch = range(low, min(low + BATCH_MESSAGES, count))
            yield [i for i in batch if wanted is None or i in wanted]
        return
    span = range(max(start, 0), count)
    state = indexed.state
    found_in = find_in_processes(
        indexed.path, state.offsets, state.end_of, span, pattern, indexed.search_helpers
    )
    for found in found_in:
        yield [i for i in found if wanted is None or i in wanted]


def search_indexed(
    indexed: IndexedTranscript,
    query: Query,
    *,
    authors: set[str] | None = None,
    start: int = 0,
    stop: int | None = None,
) -> Iterator[list[Hit]]:
    """The hits `reader.search.search` gives over the indexed messages (from `start` on,
    before `stop`), in transcript order, in batches ([] included) so that a worker can stop
    between them."""
    messages = indexed.messages
    for batch in candidates(indexed, query, start, authors=authors, stop=stop):
        if not batch:
            yield []
            continue
        chosen = [messages[i] for i in batch]
        yield [
            hit
            for found in search(chosen, query, authors=authors, batch=len(chosen))
            for hit in found
        ]
