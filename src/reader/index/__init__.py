"""Big transcripts: the first screen at once, an index of byte offsets built in a worker,
messages decoded when shown, search over the raw bytes. See indexed.py for the API."""

from reader.index.indexed import (
    DEFAULT_MIN_SIZE,
    IndexedTranscript,
    IndexFallback,
    LazyMessages,
    open_indexed,
)
from reader.index.raw_search import candidates, search_indexed

__all__ = [
    "DEFAULT_MIN_SIZE",
    "IndexFallback",
    "IndexedTranscript",
    "LazyMessages",
    "candidates",
    "open_indexed",
    "search_indexed",
]
