"""The scan itself: a file's bytes, chunk by chunk, into an IndexState (see reader.index.scan).

It runs in the scan's helper processes (reader.index.scan_child), or in the app's thread when
no process can be started. It uses NumPy, which the app itself never has to load.
"""

from __future__ import annotations

import operator
import os
import re
import sys
from array import array
from bisect import bisect_right
from collections.abc import Callable
from itertools import repeat
from operator import add

import numpy as np

from reader.errors import ReaderError
from reader.index import panel_grammar as grammar
from reader.index.quick_lines import QuickLines, insert_markers, members, quick_lines
from reader.index.scan import (
    CHUNK_BYTES,
    LINE_MARK_BYTES,
    NOT_A_HEADER,
    IndexFallback,
    IndexState,
)
from reader.index.size_classes import size_class, size_classes
from reader.index.slice_table import KEY_BYTES, MISSING, Keys, SliceTable, windows
from reader.model import ParseWarning

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
    """The text before `(later insert)` -> a number for the insert's author: an index into
    `names`, where None stands for a line that is not an insert."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str | None] = []
        self.numbers: dict[str | None, int] = {}

    def __missing__(self, prefix: bytes) -> int:
        author = grammar.insert_author(prefix.decode("utf-8", "replace"))
        number = self.numbers.get(author)
        if number is None:
            number = self.numbers[author] = len(self.names)
            self.names.append(author)
        self[prefix] = number
        return number


class Scanner:
    """Reads a file once, chunk by chunk, into an IndexState.

    One buffer is read into again and again: fresh memory for each chunk costs more than the
    scan itself (page faults). Each chunk's lines go through a NumPy pass first
    (reader.index.quick_lines), which reads the usual header lines whole; the line pattern
    decides the few lines it leaves.
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
        # to the chat (inserts of the message the first part ends with).
        self.continuation = continuation
        self.newlines = 0  # how many newlines the scanned part holds, once run
        self.lines = grammar.line_pattern()
        self.marker = grammar.insert_marker()
        self.authors = _Authors(state, joined=False)
        self.joined_authors = _Authors(state, joined=True)
        self.joined_authors.ids = self.authors.ids
        self.seconds = _Seconds()
        self.insert_authors = _InsertAuthors()
        self.name_ids = SliceTable()  # who bytes -> author ids, as `authors` gives them
        self.insert_numbers = SliceTable()  # as `insert_authors` gives them
        self.epilogue = bytearray()
        self.first_header = 0 if continuation else -1
        self.found = 0  # messages found so far
        # Messages whose entries a helper has sent and let go of (see `forget`), and the
        # highest author id among them.
        self.forgotten = 0
        self.forgotten_authors = -1

    def take_names(self, other: Scanner) -> None:
        """Start from the names, and the look-ups, of the scanner of the part before (in a copy
        forked from its process): those names keep their author ids here, so that the second
        part's ids need no renumbering unless it meets names the first part has not met yet
        (reader.index.scan_merge). Their message counts start at 0."""
        state = self.state
        state.names[:] = other.state.names
        state.message_counts[:] = [0] * len(state.names)
        self.authors, self.joined_authors = other.authors, other.joined_authors
        self.authors.state = self.joined_authors.state = state
        self.name_ids = other.name_ids
        self.seconds = other.seconds
        self.insert_authors, self.insert_numbers = other.insert_authors, other.insert_numbers

    def run(
        self,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool],
        chunk_bytes: int = CHUNK_BYTES,
    ) -> bool:
        """Scan to the end; False when cancelled. Safe to call once."""
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
                lines_before += self._chunk(view, buffer, cut, base, lines_before)
            buffer[0 : filled - cut + 1] = buffer[cut - 1 : filled]
            filled -= cut - 1
            if progress is not None:
                progress(position, self.size)
        self.newlines = lines_before + buffer.count(b"\n", 0, filled)
        self._finish()
        return True

    def _chunk(
        self, view: memoryview, buffer: bytearray, end: int, base: int, lines_before: int
    ) -> int:
        """Lines buffer[0:end] (a view of them: `view`), starting with a newline; `base` is
        the buffer's offset in the file. Returns how many newlines buffer[0:end - 1] holds."""
        if buffer.find(b"\r", 0, end) >= 0:
            raise IndexFallback("CR line endings")
        if buffer.find(b"\x00", 0, end) >= 0:
            raise ReaderError("this is a binary file (it holds NUL characters), not a transcript")
        state = self.state
        if state.epilogue_start >= 0:
            self.epilogue += view[1:]
            return buffer.count(b"\n", 0, end - 1)
        lines = quick_lines(view)
        starts, ids, seconds, rare = self._headers(view, lines)
        if len(starts) and self.first_header < 0:
            self.first_header = base + int(starts[0]) + 1
        chat_end = end
        if self.first_header >= 0:
            epilogue = self._rare_lines(view, lines.newlines, base, lines_before, rare)
            if epilogue is not None:
                keep = int(np.searchsorted(starts, epilogue, side="right"))
                starts, ids, seconds = starts[:keep], ids[:keep], seconds[:keep]
                chat_end = epilogue
        first_part = self.found == 0 and not self.continuation
        inserts_from = int(starts[0]) if len(starts) and first_part else 0
        with state.lock:
            self._mark_lines(lines.newlines, end, base, lines_before)
            offsets = starts + (base + 1)
            # Sizes of the messages that end here: the last one found before, and the new ones
            # but the last.
            ended = np.diff(np.concatenate((state.offsets[-1:], offsets)))
            _extend(state.size_classes, size_classes(ended))
            _extend(state.offsets, offsets)
            _extend(state.authors, ids)
            _extend(state.times, seconds)
            self.found += len(starts)
            counts = np.bincount(ids, minlength=len(state.message_counts)).tolist()
            state.message_counts[:] = map(add, state.message_counts, counts)
            if self.found or self.continuation:
                self._count_inserts(lines, base, inserts_from, chat_end, starts)
            # The last header's message may go on in the next buffer.
            state.published = max(self.found - 1, 0)
        if chat_end < end:
            state.epilogue_start = base + chat_end + 1
            self.epilogue += view[chat_end + 1 :]
        return int(np.searchsorted(lines.newlines, end - 1))

    def _headers(
        self, view: memoryview, lines: QuickLines
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[int]]:
        """The chunk's header lines in order: (their newlines, author ids, seconds), and the
        lines that may be an epilogue heading or boilerplate. The quick headers come read; the
        candidates are decided by the line pattern."""
        matches = [
            found
            for found in map(self.lines.match, repeat(view), lines.candidates.tolist())
            if found is not None
        ]
        starts = list(map(_START, matches))
        whos = list(map(_QUICK_WHO, matches))
        times = list(map(_QUICK_TIME, matches))
        rare: list[int] = []
        joined: dict[int, bytes] = {}
        if None in whos:
            self._sort_out(matches, starts, whos, times, rare, joined)
        quick_ids, other_ids = self._author_ids(lines, starts, whos, joined)
        positions = np.concatenate((lines.headers, np.array(starts, dtype=np.int64)))
        ids = np.concatenate((quick_ids, np.array(other_ids, dtype=np.int64)))
        other_seconds = np.array(self.seconds.column(times), dtype=np.int32)
        seconds = np.concatenate((lines.seconds, other_seconds))
        if starts:
            order = np.argsort(positions, kind="stable")
            positions, ids, seconds = positions[order], ids[order], seconds[order]
        if NOT_A_HEADER in ids:
            keep = ids != NOT_A_HEADER
            positions, ids, seconds = positions[keep], ids[keep], seconds[keep]
        return positions, ids, seconds, rare

    def _author_ids(
        self, lines: QuickLines, starts: list[int], whos: list, joined: dict[int, bytes]
    ) -> tuple[np.ndarray, list[int]]:
        """Author ids of the quick headers and of the other headers (`starts`, `whos`).

        Names met before are found in NumPy. The others are looked up in the order their
        messages come, so that a new name's id follows the order people first write in."""
        quick = self.name_ids.find(lines.name_keys)
        unknown = np.flatnonzero(quick == MISSING)
        looked = sorted(
            [
                (line, 0, index)
                for index, line in zip(
                    unknown.tolist(), lines.headers[unknown].tolist(), strict=True
                )
            ]
            + [(line, 1, index) for index, line in enumerate(starts)]
        )
        chunk, name_starts, name_ends = lines.chunk, lines.name_starts, lines.name_ends
        others = [0] * len(starts)
        for _, other, index in looked:
            if not other:
                quick[index] = self.authors[chunk[name_starts[index] : name_ends[index]].tobytes()]
            elif index in joined:
                others[index] = self.joined_authors[joined[index]]
            else:
                others[index] = self.authors[whos[index]]
        self.name_ids.remember(lines.name_keys, unknown, quick[unknown])
        return quick, others

    def _mark_lines(self, newlines: np.ndarray, end: int, base: int, lines_before: int) -> None:
        """Note how many newlines come before every LINE_MARK_BYTES of the buffer's lines."""
        marks = np.arange(1, end, LINE_MARK_BYTES)
        _extend(self.state.mark_offsets, marks + base)
        # The buffer's first newline (at 0) is not in the file.
        _extend(self.state.mark_lines, np.searchsorted(newlines, marks) + lines_before)

    def _sort_out(
        self,
        matches: list[re.Match[bytes]],
        starts: list[int],
        whos: list,
        times: list,
        rare: list[int],
        joined: dict[int, bytes],
    ) -> None:
        """Lines that are not in the quick header form: the usual and joined header forms (their
        who and time go in place; a joined form's who goes in `joined`), and possible epilogue
        headings or boilerplate (moved out)."""
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
                joined[index] = found[6]
        for index in reversed(removed):
            rare.append(starts[index])
            del starts[index], whos[index], times[index]
        rare.reverse()
        if joined and removed:  # indices after a removed line moved down
            shifted = {i - bisect_right(removed, i): who for i, who in joined.items()}
            joined.clear()
            joined.update(shifted)

    def _rare_lines(
        self,
        view: memoryview,
        newlines: np.ndarray,
        base: int,
        lines_before: int,
        rare: list[int],
    ) -> int | None:
        """Record boilerplate warnings; the position of the epilogue's heading, if here."""
        for start in rare:
            if base + start + 1 <= self.first_header:
                continue
            after = int(np.searchsorted(newlines, start, side="right"))  # newlines up to it
            lines = lines_before + after
            end = int(newlines[after]) if after < len(newlines) else len(view)
            line = view[start + 1 : end].tobytes().decode(errors="replace")
            if grammar.is_epilogue_heading(line):
                return start
            if not grammar.is_insert(line) and grammar.is_boilerplate(line):
                self.state.warnings.append(
                    ParseWarning(lines + 1, line, grammar.BOILERPLATE_WARNING)
                )
        return None

    def _count_inserts(
        self, lines: QuickLines, base: int, start: int, end: int, header_lines: np.ndarray
    ) -> None:
        """Count the inserts' authors: lines whose first `(` opens `(later insert)`."""
        found, unsure = insert_markers(lines, start, end)
        if len(unsure):
            decided = [at for at in unsure.tolist() if self.marker.match(lines.chunk, at, end)]
            found = np.union1d(found, np.array(decided, dtype=np.int64))
        newlines = lines.newlines
        line_of = newlines[np.searchsorted(newlines, found) - 1]
        on_header = members(line_of, header_lines)
        found, line_of = found[~on_header], line_of[~on_header]
        if not len(found):
            return
        prefixes = line_of + 1  # an insert's author is in the text before its marker
        keys = Keys(windows(lines.data, KEY_BYTES)[prefixes], found - prefixes)
        numbers = self.insert_numbers.find(keys)
        unknown = np.flatnonzero(numbers == MISSING)
        for index in unknown.tolist():
            prefix = lines.chunk[prefixes[index] : found[index]].tobytes()
            numbers[index] = self.insert_authors[prefix]
        self.insert_numbers.remember(keys, unknown, numbers[unknown])
        counts = np.bincount(numbers).tolist()
        firsts = np.unique(numbers, return_index=True)[1]
        state = self.state
        for first in np.sort(firsts).tolist():  # in the order the inserts come
            number = int(numbers[first])
            author = self.insert_authors.names[number]
            if author is None:
                continue
            if author not in state.insert_counts and author not in state.insert_first:
                self._add_insert(author, base + int(line_of[first]) + 1, 0)
            state.insert_counts[author] = state.insert_counts.get(author, 0) + counts[number]

    def _add_insert(self, author: str, offset: int, count: int) -> None:
        """Note where an insert author first appears (for the participants' order)."""
        state = self.state
        if author not in state.insert_counts and author not in state.insert_first:
            local = bisect_right(state.offsets, offset) - 1
            message = self.forgotten + local
            authors_before = max(self.forgotten_authors, *state.authors[: local + 1], -1) + 1
            known = self.authors.ids.get(author)
            if known is None or known >= authors_before:
                state.insert_first[author] = (authors_before, message, offset)
        state.insert_counts[author] = state.insert_counts.get(author, 0) + count

    def forget(self) -> None:
        """Let go of the columns' entries, once a helper has sent them: all but the last
        message's, which the next lines may still add an insert to."""
        state = self.state
        drop = max(len(state.offsets) - 1, 0)
        if drop:
            self.forgotten_authors = max(self.forgotten_authors, max(state.authors[:drop]))
            self.forgotten += drop
            for column in (state.offsets, state.authors, state.times):
                del column[:drop]
        del state.mark_offsets[:], state.mark_lines[:], state.size_classes[:]

    def _finish(self) -> None:
        state = self.state
        with state.lock:
            if state.epilogue_start < 0:
                state.chat_end = self.size
            else:
                state.chat_end = state.epilogue_start
            if state.offsets:
                state.size_classes.append(size_class(state.chat_end - state.offsets[-1]))
            state.published = self.found
            state.done = True


def _extend(column: array, values: np.ndarray) -> None:
    """Add NumPy values to an array column (array and NumPy share their type codes)."""
    column.frombytes(values.astype(column.typecode).tobytes())
