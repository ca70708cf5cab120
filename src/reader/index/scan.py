"""The index a scan builds: compact arrays of where messages start and who wrote them, without
decoding the text or building a Message per message. The scan itself is reader.index.scanner.
"""

from __future__ import annotations

import os
import threading
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import compress

from reader.model import ParseWarning, Participant

INDEXED_FORMATS = ("panel",)  # reader.formats ids
# Files smaller than this parse whole in a fraction of a second: not worth indexing.
DEFAULT_MIN_SIZE = 1024 * 1024
SPLIT_MIN_BYTES = 64 * 1024 * 1024  # bigger files are scanned in two parts at once
CHUNK_BYTES = 1024 * 1024  # small: the app's thread gets the GIL often, a helper stays small
# Seconds between a scan helper's reports: each sends the whole counts and costs the app a step
# to add, and the app shows progress only every half second.
REPORT_EVERY = 0.2
LINE_MARK_BYTES = 64 * 1024  # a line number is counted from at most this far back
NOT_A_HEADER = 0xFFFFFFFF  # an author id for a line that looked like a header but is not one
# The state's columns, sent as bytes by a scan's helper: what each report adds to them.
ARRAYS = ("offsets", "authors", "times", "mark_offsets", "mark_lines", "size_classes")
# Where a file's second part starts when the helper that scans the first one chooses it, as it
# forks the copy that scans the second (reader.index.scan_child).
SPLIT_WHEN_FORKED = -1
LINE_WINDOW = 64 * 1024


class IndexFallback(Exception):
    """The file cannot be indexed (e.g. it has CR line endings after its start): load it whole."""


@dataclass
class IndexState:
    """What the scan has found so far. Arrays grow at the end only; `published` messages are
    final (their end is known), so another thread may read them while the scan goes on."""

    offsets: array = field(default_factory=lambda: array("q"))  # where each header line starts
    authors: array = field(default_factory=lambda: array("I"))  # index into `names`
    times: array = field(default_factory=lambda: array("i"))  # seconds of the day, -1 unknown
    # Line numbers are worked out when asked for, from the newlines counted before each mark.
    mark_offsets: array = field(default_factory=lambda: array("q"))
    mark_lines: array = field(default_factory=lambda: array("q"))  # newlines before each mark
    # Each message's size class (reader.index.size_classes), once its end is known.
    size_classes: array = field(default_factory=lambda: array("B"))
    names: list[str] = field(default_factory=list)
    message_counts: list[int] = field(default_factory=list)  # per author id
    insert_counts: dict[str, int] = field(default_factory=dict)
    # Names first seen as an insert's author: (message authors before it, message, offset).
    insert_first: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    warnings: list[ParseWarning] = field(default_factory=list)
    published: int = 0
    chat_end: int = -1  # where the last message ends (the epilogue or the end of the file)
    epilogue_start: int = -1
    done: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def end_of(self, index: int) -> int:
        return self.offsets[index + 1] if index + 1 < len(self.offsets) else self.chat_end

    def participants(self) -> tuple[Participant, ...]:
        """In order of first appearance, as reader.model.count_participants gives them."""
        with self.lock:
            names = list(self.names)
            counts = list(self.message_counts)
            insert_counts = dict(self.insert_counts)
            insert_first = sorted(self.insert_first.items(), key=lambda item: item[1])
        order: list[str] = []
        pending = iter(insert_first)
        waiting = next(pending, None)
        for author_id, name in enumerate([*names, None]):
            while waiting is not None and waiting[1][0] <= author_id:
                order.append(waiting[0])
                waiting = next(pending, None)
            if name is not None and name not in self.insert_first:
                order.append(name)
        messages = dict(zip(names, counts, strict=True))
        return tuple(
            Participant(name, messages.get(name, 0), insert_counts.get(name, 0)) for name in order
        )


def author_indices(authors: array, wanted: set[int], count: int) -> list[int]:
    """Indices of the first `count` messages whose author id is in `wanted`."""
    if len(wanted) == 1:
        (only,) = wanted
        return list(compress(range(count), map(only.__eq__, authors[:count])))
    return list(compress(range(count), map(wanted.__contains__, authors[:count])))


def line_number(fd: int, state: IndexState, offset: int) -> int:
    """The 1-based line of the file that starts at `offset` (a line start the scan has passed)."""
    mark = bisect_right(state.mark_offsets, offset) - 1
    since = state.mark_offsets[mark]
    return state.mark_lines[mark] + os.pread(fd, offset - since, since).count(b"\n") + 1


def in_two_parts(length: int) -> bool:
    """Whether this many bytes are scanned in two parts at once."""
    return length >= SPLIT_MIN_BYTES and (os.cpu_count() or 1) > 1


def line_start(fd: int, at: int, size: int) -> int:
    """Where the first line that starts at or after `at` starts (`size` if none does)."""
    position = max(at - 1, 0)  # a line starts at `at` when a newline comes before it
    while position < size:
        window = os.pread(fd, min(LINE_WINDOW, size - position), position)
        if not window:
            break
        newline = window.find(b"\n")
        if newline >= 0:
            return position + newline + 1
        position += len(window)
    return size
