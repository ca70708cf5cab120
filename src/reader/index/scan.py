"""The scan: a file's bytes, chunk by chunk, into compact arrays of where messages start and
who wrote them, without decoding the text or building a Message per message."""

from __future__ import annotations

import operator
import os
import re
import sys
import threading
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from operator import add
from typing import Any

from reader.errors import ReaderError
from reader.index import panel_grammar as grammar
from reader.model import ParseWarning, Participant

CHUNK_BYTES = 1024 * 1024  # small: the app's thread gets the GIL often, a helper stays small
LINE_MARK_BYTES = 64 * 1024  # a line number is counted from at most this far back
NOT_A_HEADER = 0xFFFFFFFF  # an author id for a line that looked like a header but is not one


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


_QUICK_TIME = operator.itemgetter(1)
_QUICK_WHO = operator.itemgetter(2)
_START = re.Match.start


class _Authors(dict):
    """who bytes -> author id, computing new entries as the parser would."""

    def __init__(self, state: IndexState, joined: bool) -> None:
        super().__init__()
        self.state = state
        self.joined = joined
        self.ids: dict[str, int] = {}

    def __missing__(self, who: bytes) -> int:
        author = grammar.author_of_who(who.decode("utf-8", "replace"), self.joined)
        if author is None:
            author_id = NOT_A_HEADER
        elif author in self.ids:
            author_id = self.ids[author]
        else:
            author_id = self.ids[author] = len(self.state.names)
            self.state.names.append(author)
            self.state.message_counts.append(0)
        self[who] = author_id
        return author_id


def _pair_table(weight: int, pattern: bytes, values: int) -> dict[int, int]:
    """Two bytes read as one native 16-bit number -> `weight` times the number they hold
    (`pattern` % n for n below `values`)."""
    return {int.from_bytes(pattern % n, sys.byteorder): weight * n for n in range(values)}


# HH:MM:SS read as four 16-bit numbers (`HH`, `:M`, `M:`, `SS`), each worth its part of the
# seconds; a pair that is anything else (another script's digits, no colon) is not in them.
_TIME_PAIRS = (
    _pair_table(3600, b"%02d", 100),
    _pair_table(600, b":%d", 10),
    _pair_table(60, b"%d:", 10),
    _pair_table(1, b"%02d", 100),
)


class _Seconds(dict):
    """HH:MM:SS bytes -> seconds of the day. Times come mostly in order, so a few thousand
    recent ones are kept: all 86,400 of a day would take 10 MB."""

    KEEP = 4096

    def column(self, times: list[bytes]) -> array:
        """The seconds of a chunk's times. When all are HH:MM:SS in ASCII digits (nearly
        always), four table look-ups and three sums a time, all in C: a chat's times are
        nearly all different, and working each out in Python was a quarter of the scan."""
        joined = b"".join(times)
        if len(joined) == 8 * len(times):
            pairs = array("H", joined)
            try:
                hours, tens, minutes, seconds = (
                    map(table.__getitem__, pairs[part::4]) for part, table in enumerate(_TIME_PAIRS)
                )
                return array("i", map(add, map(add, hours, tens), map(add, minutes, seconds)))
            except KeyError:
                pass
        return array("i", map(self.__getitem__, times))

    def __missing__(self, time: bytes) -> int:
        if len(self) >= self.KEEP:
            self.clear()
        try:  # ASCII digits, nearly always
            value = int(time[:-6]) * 3600 + int(time[-5:-3]) * 60 + int(time[-2:])
        except ValueError:  # digits of another script
            hours, minutes, seconds = (int(part) for part in time.decode().split(":"))
            value = hours * 3600 + minutes * 60 + seconds
        self[time] = value
        return value


class _InsertAuthors(dict):
    """The text before `(later insert)` -> the insert's author, or None when not an insert."""

    def __missing__(self, prefix: bytes) -> str | None:
        self[prefix] = author = grammar.insert_author(prefix.decode("utf-8", "replace"))
        return author


class Scanner:
    """Reads a file once, chunk by chunk, into an IndexState.

    One buffer is read into again and again, and the patterns run on a read-only view of it:
    fresh memory for each chunk costs more than the scan itself (page faults).
    """

    def __init__(
        self, fd: int, start: int, size: int, state: IndexState, *, continuation: bool = False
    ) -> None:
        self.fd = fd
        self.start = start  # after a byte order mark, or where a continuation starts
        self.size = size
        self.state = state
        # A continuation scans the second part of a file whose first part (holding its first
        # header) another scanner reads: its lines before its own first header still belong
        # to the chat (inserts of the message the first part ends with), and it hashes nothing.
        self.continuation = continuation
        self.newlines = 0  # how many newlines the scanned part holds, once run
        # hashlib loads OpenSSL (3 MB): a continuation's helper, which hashes nothing, skips it.
        self.sha = None if continuation else _sha256()
        self.lines = grammar.line_pattern()
        self.marker = grammar.insert_marker()
        self.authors = _Authors(state, joined=False)
        self.joined_authors = _Authors(state, joined=True)
        self.joined_authors.ids = self.authors.ids
        self.seconds = _Seconds()
        self.insert_authors = _InsertAuthors()
        self.epilogue = bytearray()
        self.first_header = 0 if continuation else -1

    def run(
        self,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool],
        chunk_bytes: int = CHUNK_BYTES,
    ) -> bool:
        """Scan to the end; False when cancelled. Safe to call once."""
        if self.start and not self.continuation:
            self.sha.update(os.pread(self.fd, self.start, 0))
        position = self.start
        buffer = bytearray(chunk_bytes + 1)
        buffer[0:1] = b"\n"  # each buffer starts with the newline before its first line
        filled = 1
        lines_before = -1  # newlines before the buffer (the first one is not in the file)
        while position < self.size:
            if cancelled():
                return False
            if len(buffer) < filled + chunk_bytes:  # a line longer than a chunk
                buffer = buffer[:filled] + bytearray(chunk_bytes)
            with memoryview(buffer) as free:
                wanted = min(chunk_bytes, self.size - position)  # a first part stops at its end
                read = os.preadv(self.fd, [free[filled : filled + wanted]], position)
                if not self.continuation:
                    self.sha.update(free[filled : filled + read])
            if read == 0:
                break
            position += read
            filled += read
            at_end = position >= self.size
            cut = filled if at_end else buffer.rfind(b"\n", 0, filled) + 1
            if cut <= 1:
                continue
            base = position - filled
            with memoryview(buffer) as whole, whole.toreadonly()[:cut] as view:
                self._chunk(view, buffer, cut, base, lines_before)
            lines_before += buffer.count(b"\n", 0, cut - 1)
            buffer[0 : filled - cut + 1] = buffer[cut - 1 : filled]
            filled -= cut - 1
            if progress is not None:
                progress(position, self.size)
        self.newlines = lines_before + buffer.count(b"\n", 0, filled)
        self._finish()
        return True

    def hash_rest(self, until: int) -> None:
        """Hash the file on from the scanned part's end (that another scanner scans)."""
        position = self.size
        while position < until:
            data = os.pread(self.fd, min(CHUNK_BYTES, until - position), position)
            if not data:
                break
            self.sha.update(data)
            position += len(data)

    def _chunk(
        self, view: memoryview, buffer: bytearray, end: int, base: int, lines_before: int
    ) -> None:
        """Lines buffer[0:end] (a view of them: `view`), starting with a newline; `base` is
        the buffer's offset in the file."""
        if buffer.find(b"\r", 0, end) >= 0:
            raise IndexFallback("CR line endings")
        if buffer.find(b"\x00", 0, end) >= 0:
            raise ReaderError("this is a binary file (it holds NUL characters), not a transcript")
        state = self.state
        if state.epilogue_start >= 0:
            self.epilogue += view[1:]
            return
        matches = list(self.lines.finditer(view))
        starts = list(map(_START, matches))
        whos = list(map(_QUICK_WHO, matches))
        times = list(map(_QUICK_TIME, matches))
        rare: list[int] = []
        joined: dict[int, int] = {}
        if None in whos:
            self._sort_out(matches, starts, whos, times, rare, joined)
        ids = list(map(self.authors.__getitem__, whos))
        for index, author_id in joined.items():
            ids[index] = author_id
        while NOT_A_HEADER in ids:
            index = ids.index(NOT_A_HEADER)
            del starts[index], ids[index], times[index]
        del matches, whos
        if starts and self.first_header < 0:
            self.first_header = base + starts[0] + 1
        chat_end = end
        if self.first_header >= 0:
            epilogue = self._rare_lines(view, buffer, base, lines_before, rare)
            if epilogue is not None:
                keep = bisect_right(starts, epilogue)
                del starts[keep:], ids[keep:], times[keep:]
                chat_end = epilogue
        offsets = array("q", map((base + 1).__add__, starts))
        seconds = self.seconds.column(times)
        first_part = len(state.offsets) == 0 and not self.continuation
        inserts_from = starts[0] if starts and first_part else 0
        with state.lock:
            self._mark_lines(buffer, end, base, lines_before)
            state.offsets.extend(offsets)
            state.authors.extend(array("I", ids))
            state.times.extend(seconds)
            for author_id, count in Counter(ids).items():
                state.message_counts[author_id] += count
            if len(state.offsets) or self.continuation:
                self._count_inserts(view, buffer, base, inserts_from, chat_end, set(starts))
            # The last header's message may go on in the next buffer.
            state.published = max(len(state.offsets) - 1, 0)
        if chat_end < end:
            state.epilogue_start = base + chat_end + 1
            self.epilogue += view[chat_end + 1 :]

    def _mark_lines(self, buffer: bytearray, end: int, base: int, lines_before: int) -> None:
        """Note how many newlines come before every LINE_MARK_BYTES of the buffer's lines."""
        marks = range(1, end, LINE_MARK_BYTES)
        counts = map(buffer.count, repeat(b"\n"), marks, marks[1:])
        self.state.mark_offsets.extend(map(base.__add__, marks))
        self.state.mark_lines.extend(accumulate(counts, initial=lines_before + 1))

    def _sort_out(
        self,
        matches: list[re.Match[bytes]],
        starts: list[int],
        whos: list,
        times: list,
        rare: list[int],
        joined: dict[int, int],
    ) -> None:
        """Lines that are not in the quick header form: the usual and joined header forms (their
        who and time go in place), and possible epilogue headings or boilerplate (moved out)."""
        removed: list[int] = []
        index = -1
        while True:
            try:
                index = whos.index(None, index + 1)
            except ValueError:
                break
            found = matches[index]
            if found[7] is not None:
                removed.append(index)
            elif found[4] is not None:
                whos[index], times[index] = found[4], found[3]
            else:
                whos[index], times[index] = b"", found[5]
                joined[index] = self.joined_authors[found[6]]
        for index in reversed(removed):
            rare.append(starts[index])
            del starts[index], whos[index], times[index]
        rare.reverse()
        if joined and removed:  # indices after a removed line moved down
            shifted = {i - bisect_right(removed, i): author for i, author in joined.items()}
            joined.clear()
            joined.update(shifted)

    def _rare_lines(
        self, view: memoryview, buffer: bytearray, base: int, lines_before: int, rare: list[int]
    ) -> int | None:
        """Record boilerplate warnings; the position of the epilogue's heading, if here."""
        position, lines = 0, lines_before
        for start in rare:
            if base + start + 1 <= self.first_header:
                continue
            lines += buffer.count(b"\n", position, start + 1)
            position = start + 1
            end = buffer.find(b"\n", start + 1, len(view))
            raw = view[start + 1 : end if end >= 0 else len(view)]
            line = raw.tobytes().decode(errors="replace")
            if grammar.is_epilogue_heading(line):
                return start
            if not grammar.is_insert(line) and grammar.is_boilerplate(line):
                self.state.warnings.append(
                    ParseWarning(lines + 1, line, grammar.BOILERPLATE_WARNING)
                )
        return None

    def _count_inserts(
        self,
        view: memoryview,
        buffer: bytearray,
        base: int,
        start: int,
        end: int,
        header_starts: set[int],
    ) -> None:
        """Count the inserts' authors: lines whose first `(` opens `(later insert)`."""
        found = list(map(_START, self.marker.finditer(view, start, end)))
        line_starts = list(map(buffer.rfind, repeat(b"\n"), repeat(0), found))
        prefixes = [
            view[line + 1 : at].tobytes()
            for line, at in zip(line_starts, found, strict=True)
            if line not in header_starts
        ]
        for prefix, count in Counter(prefixes).items():
            author = self.insert_authors[prefix]
            if author is None:
                continue
            if author not in self.state.insert_counts and author not in self.state.insert_first:
                at = next(
                    line
                    for line, marker in zip(line_starts, found, strict=True)
                    if line not in header_starts
                    and self.insert_authors[view[line + 1 : marker].tobytes()] == author
                )
                self._add_insert(author, base + at + 1, 0)
            self.state.insert_counts[author] = self.state.insert_counts.get(author, 0) + count

    def _add_insert(self, author: str, offset: int, count: int) -> None:
        """Note where an insert author first appears (for the participants' order)."""
        state = self.state
        if author not in state.insert_counts and author not in state.insert_first:
            message = bisect_right(state.offsets, offset) - 1
            authors_before = max(state.authors[: message + 1], default=-1) + 1
            known = self.authors.ids.get(author)
            if known is None or known >= authors_before:
                state.insert_first[author] = (authors_before, message, offset)
        state.insert_counts[author] = state.insert_counts.get(author, 0) + count

    def _finish(self) -> None:
        state = self.state
        with state.lock:
            if state.epilogue_start < 0:
                state.chat_end = self.size
            else:
                state.chat_end = state.epilogue_start
            state.published = len(state.offsets)
            state.done = True

    @property
    def sha256(self) -> str:
        return "" if self.sha is None else self.sha.hexdigest()


def _sha256() -> Any:
    import hashlib

    return hashlib.sha256()


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
