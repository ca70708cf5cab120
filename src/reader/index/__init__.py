"""Big transcripts: the first screen at once, an index of byte offsets built in a worker,
messages decoded when shown, search over the raw bytes. See indexed.py for the API.

The names below are loaded when first used, so that the helper processes, which import only
the modules they run, start quickly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.lazy import lazy_names

if TYPE_CHECKING:
    from reader.index.indexed import (
        DEFAULT_MIN_SIZE,
        IndexedTranscript,
        IndexFallback,
        LazyMessages,
        open_indexed,
    )
    from reader.index.raw_search import candidates, search_indexed

_HOMES = {
    "DEFAULT_MIN_SIZE": "reader.index.indexed",
    "IndexFallback": "reader.index.indexed",
    "IndexedTranscript": "reader.index.indexed",
    "LazyMessages": "reader.index.indexed",
    "open_indexed": "reader.index.indexed",
    "candidates": "reader.index.raw_search",
    "search_indexed": "reader.index.raw_search",
}

__all__ = [
    "DEFAULT_MIN_SIZE",
    "IndexFallback",
    "IndexedTranscript",
    "LazyMessages",
    "candidates",
    "open_indexed",
    "search_indexed",
]

__getattr__ = lazy_names(__name__, _HOMES)
