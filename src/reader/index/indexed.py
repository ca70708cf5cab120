"""A big transcript opened at once from its start, then indexed in the background.

    indexed = open_indexed(path)          # None: load the file the usual way
    first = indexed.head                  # a Transcript of the file's first part, at once
    indexed.scan(progress, cancelled)     # in a worker: the whole file into compact arrays
    transcript = indexed.transcript()     # messages decoded on demand, behind a cache

Reply links (reader.threads) are not made on this path: reply_to and mentions stay empty.
"""

from __future__ import annotations

import codecs
import os
import threading
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import overload

from reader.activity import index_at_or_after
from reader.decode import decode
from reader.errors import ReaderError
from reader.formats import detect, get_format
from reader.formats.registry import DETECT_CHARS
from reader.index import panel_grammar
from reader.index.file_hash import sha256_of
from reader.index.find_process import SearchHelpers
from reader.index.scan import (
    CHUNK_BYTES,
    DEFAULT_MIN_SIZE,
    INDEXED_FORMATS,
    REPORT_EVERY,
    SPLIT_WHEN_FORKED,
    IndexFallback,
    IndexState,
    author_indices,
    in_two_parts,
    line_number,
    line_start,
)
from reader.index.scan_merge import SecondPart
from reader.index.scan_process import FORKS, ScanProcess
from reader.model import Message, Participant, Transcript, count_participants

HEAD_PARSE_BYTES = 64 * 1024  # the first screen's messages come from this much of the file
HEAD_READ_BYTES = 4 * DETECT_CHARS + 4  # enough for detection to see what it sees in a full load
CACHE_MESSAGES = 4096
# The first part is the smaller, so that it ends first: the second part's reports wait for it,
# and are then added while the second part is still being scanned, not all at the end.
FIRST_PART_SHARE = 0.45

__all__ = ["DEFAULT_MIN_SIZE", "IndexFallback", "IndexedTranscript", "LazyMessages", "open_indexed"]


class LazyMessages(Sequence[Message]):
    """The indexed messages: each is read from the file and parsed when first asked for."""

    def __init__(self, indexed: IndexedTranscript) -> None:
        self._indexed = indexed
        self._cache: OrderedDict[int, Message] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._indexed.state.published

    @overload
    def __getitem__(self, index: int) -> Message: ...
    @overload
    def __getitem__(self, index: slice) -> list[Message]: ...
    def __getitem__(self, index: int | slice) -> Message | list[Message]:
        count = len(self)
        if isinstance(index, slice):
            return [self._message(i) for i in range(*index.indices(count))]
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("message index out of range")
        return self._message(index)

    def __iter__(self) -> Iterator[Message]:
        for index in range(len(self)):
            yield self._message(index)

    def _message(self, index: int) -> Message:
        with self._lock:
            cached = self._cache.get(index)
            if cached is not None:
                self._cache.move_to_end(index)
                return cached
        message = self._indexed.read_message(index)
        with self._lock:
            self._cache[index] = message
            if len(self._cache) > CACHE_MESSAGES:
                self._cache.popitem(last=False)
        return message


class IndexedTranscript:
    """A transcript file with an index of its messages; build it with `open_indexed`."""

    def __init__(
        self,
        path: Path,
        fd: int,
        size: int,
        start: int,
        encoding: str,
        head: Transcript,
        early: ScanProcess | None = None,
    ) -> None:
        self.path = path
        self.size = size
        self.encoding = encoding
        self.head = head  # the first part of the file, parsed the usual way
        self.state = IndexState()
        self.messages = LazyMessages(self)
        self._fd = fd
        self._start = start
        self._author_ids: dict[str, int] = {}
        self._processes: list[ScanProcess] = []
        self._early = early  # a helper started before the file was opened here (scan_early)
        # Where the second part starts, its chunk size and how often its helper reports.
        self._second_part: tuple[int, int, float] | None = None
        self._epilogue = ""
        self._sha256 = ""
        self._scan_lock = threading.Lock()
        self.search_helpers = SearchHelpers()

    # The scan ---------------------------------------------------------------------------------

    def scan(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        *,
        chunk_bytes: int = CHUNK_BYTES,
        report_every: float = REPORT_EVERY,
    ) -> bool:
        """Index the whole file (call it in a worker thread). `progress(done, total)` gets bytes
        as the scan reports them (a helper process reports every `report_every` seconds, an
        in-thread scan after each chunk); `cancelled()` is asked between reports. True when
        finished, False when cancelled (an IndexedTranscript scans at most once: open the file
        again to retry). The file's SHA-256 is worked out when asked for: see `file_hash`.

        Raises IndexFallback when the file turns out not to fit the index (load it whole
        instead), ReaderError when it is not a transcript at all (NUL bytes).
        """
        with self._scan_lock:
            if self.state.done:
                return True
            if not self._processes:
                self.begin(chunk_bytes, report_every)
            self._start_second_part()
            processes, self._processes = self._processes, []  # their reports can be read once
            if processes:
                finished, epilogue = self._scan_in_processes(processes, progress, cancelled)
            else:
                finished, epilogue = self._scan_here(progress, cancelled, chunk_bytes)
            if not finished:
                return False
            if epilogue:
                self._epilogue = panel_grammar.parse_epilogue(self._decode(epilogue))
            return True

    def file_hash(self) -> str:
        """The file's SHA-256, which exports cite ("" until the scan has finished); worked out
        when first asked for, and `transcript()` carries it from then on. At a million messages
        it takes a quarter of a second of a core, which the scan and the first search need."""
        if not self._sha256 and self.state.done and self._fd >= 0:
            self._sha256 = sha256_of(self._fd, self.size)
        return self._sha256

    def _scan_here(
        self,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool],
        chunk_bytes: int,
    ) -> tuple[bool, bytes]:
        """The scan in this thread, where no helper process could be started."""
        # Loaded only here: its patterns take a tenth of a second to build, and NumPy as
        # long to load, which the app's start would wait for.
        from reader.index.scanner import Scanner

        scanner = Scanner(self._fd, self._start, self.size, self.state)
        finished = scanner.run(progress, cancelled, chunk_bytes)
        self._author_ids = scanner.authors.ids
        return finished, bytes(scanner.epilogue)

    def begin(self, chunk_bytes: int = CHUNK_BYTES, report_every: float = REPORT_EVERY) -> None:
        """Start the scan in a helper process, to run on another core while the app starts
        (`scan` then collects its reports). A big file is scanned in two parts where there are
        two cores: the second part's scan starts with `scan`, once the app is up, so that it
        does not take the core the app starts on. Where FORKS, the first helper forks it then,
        and chooses where it starts; elsewhere a helper is started for it. Without a process,
        `scan` scans in its thread."""
        if self._processes or self.state.done:
            return
        middle = self._split_line()
        end = self.size if middle in (None, SPLIT_WHEN_FORKED) else middle
        then = (middle, self.size) if middle is not None and FORKS else None
        early, self._early = self._early, None
        if early is not None and early.asked == (self._start, end, chunk_bytes, report_every, then):
            first = early
        else:
            if early is not None:
                early.stop()
            try:
                first = ScanProcess.start(
                    self.path, self._start, end, chunk_bytes, report_every, then=then
                )
            except OSError:
                return
        self._processes = [first] if first.then is None else [first, first.then]
        if middle is not None and first.then is None:
            self._second_part = (middle, chunk_bytes, report_every)

    def _start_second_part(self) -> None:
        if self._processes:
            self._processes[0].start_then()  # if it holds the second part (FORKS)
        if self._second_part is None or not self._processes:
            return
        middle, chunk_bytes, report_every = self._second_part
        self._second_part = None
        try:
            second = ScanProcess.start(
                self.path, middle, self.size, chunk_bytes, report_every, continuation=True
            )
        except OSError:  # the first part alone is no index: scan the file whole, here
            for process in self._processes:
                process.stop()
            self._processes = []
            return
        self._processes.append(second)

    def _split_line(self) -> int | None:
        """Where the second part of a big file starts, or None: scan it whole. Where FORKS,
        SPLIT_WHEN_FORKED: the first helper decides when it forks the copy that scans it.
        Elsewhere, the line nearest FIRST_PART_SHARE of the file."""
        if not in_two_parts(self.size - self._start):
            return None
        if FORKS:
            return SPLIT_WHEN_FORKED
        near = self._start + int((self.size - self._start) * FIRST_PART_SHARE)
        middle = line_start(self._fd, near, self.size)
        return middle if middle < self.size else None

    def _scan_in_processes(
        self,
        processes: list[ScanProcess],
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool],
    ) -> tuple[bool, bytes]:
        first, second = processes[0], processes[1] if len(processes) > 1 else None
        try:
            for report in first.reports(cancelled):
                report.apply(self.state, self._author_ids, last_part=second is None)
                if report.done:
                    break  # the queue's end waits for the helper, which waits for its copy
                if progress is not None:
                    progress(report.position + (second.done_bytes if second else 0), self.size)
            if second is None:
                return self.state.done, first.epilogue
            if not first.finished:
                return False, b""
            if self.state.done:  # the epilogue began in the first part: the rest is in it
                rest = os.pread(self._fd, self.size - first.end, first.end)
                return True, first.epilogue + rest
            second_part = SecondPart(self.state, self._author_ids, first.newlines)
            for report in second.reports(cancelled):
                second_part.apply(report)
                if progress is not None and not report.done:
                    progress(first.end + second.done_bytes, self.size)
            return self.state.done, second.epilogue
        finally:
            # The helpers have ended when the scan says it is done: the search's helpers,
            # started then, are never counted beside them.
            for process in (second, first):
                if process is not None:
                    process.stop()

    @property
    def done(self) -> bool:
        """Whether the scan has finished: counts and the transcript are then final."""
        return self.state.done

    @property
    def indexed_messages(self) -> int:
        return self.state.published

    # What the app asks for ----------------------------------------------------------------------

    @property
    def participants(self) -> tuple[Participant, ...]:
        """Participants found so far (final once `done`), as count_participants gives them."""
        if self.state.published == 0:
            return self.head.participants
        return self.state.participants()

    def author_of(self, index: int) -> str:
        """Who wrote message `index` (0-based), without reading the message."""
        return self.state.names[self.state.authors[index]]

    def view_for_authors(self, names: Iterable[str]) -> list[int]:
        """0-based indices of the indexed messages written by any of these people."""
        ids = {self._author_id(name) for name in names} - {None}
        if not ids:
            return []
        return author_indices(self.state.authors, ids, self.state.published)  # type: ignore[arg-type]

    def size_classes(self, indices: Sequence[int]) -> bytes:
        """The size class (reader.index.size_classes) of each of these messages (sorted
        indices), 0 for one whose end is not known yet: for layout guesses, at C speed for a
        run of messages."""
        classes = self.state.size_classes
        if isinstance(indices, range) and indices.step == 1:
            known = classes[indices.start : indices.stop].tobytes()
            return known + bytes(len(indices) - len(known))
        cut = bisect_left(indices, len(classes))
        return bytes(map(classes.__getitem__, indices[:cut])) + bytes(len(indices) - cut)

    def index_at_time(self, seconds: int) -> int | None:
        """The first message (0-based) at or after `seconds` into the day, or None (a chat that
        runs past midnight is followed onto the next day: see reader.activity)."""
        return index_at_or_after(self.state.times[: self.state.published], seconds)

    def transcript(self) -> Transcript:
        """The whole transcript as far as it is indexed (final once `done`)."""
        head = self.head
        return Transcript(
            source=head.source,
            format=head.format,
            title=head.title,
            date=head.date,
            preamble=head.preamble,
            epilogue=self._epilogue,
            messages=self.messages,
            participants=self.participants,
            sha256=self._sha256,
            encoding=head.encoding,
            warnings=tuple(self.state.warnings),
        )

    def read_message(self, index: int) -> Message:
        """Message `index` (0-based) read from the file and parsed (no cache: see `messages`)."""
        start = self.state.offsets[index]
        data = os.pread(self._fd, self.state.end_of(index) - start, start)
        text = self._decode(data)
        line = line_number(self._fd, self.state, start)
        return panel_grammar.parse_block(text, index + 1, line)

    def raw(self, start: int, length: int) -> bytes:
        """Bytes of the file (for the raw search)."""
        return os.pread(self._fd, length, start)

    def prepare_search(self) -> None:
        """Start the search's helper processes ahead of a search (when the search box opens),
        if a search of this file uses them."""
        state = self.state
        self.search_helpers.warm(self.path, state.offsets, state.end_of, range(state.published))

    def close(self) -> None:
        self.search_helpers.close()
        if self._early is not None:
            self._early.stop()
        for process in self._processes:
            process.stop()
        self._processes = []
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> IndexedTranscript:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _author_id(self, name: str) -> int | None:
        return self._author_ids.get(name)

    def _decode(self, data: bytes) -> str:
        if self.encoding == "utf-8-sig":
            return decode(codecs.BOM_UTF8 + data).text
        return decode(data).text


def open_indexed(
    path: str | Path,
    format_id: str | None = None,
    *,
    min_size: int = DEFAULT_MIN_SIZE,
    early: ScanProcess | None = None,
) -> IndexedTranscript | None:
    """Open a big transcript for indexing, or None when the usual full parse should be used:
    a file under `min_size` bytes, one not in UTF-8 (a BOM is fine), not in a format that can
    be indexed, with CR line endings, or with no message near its start. `early`: a helper
    already scanning the file (scan_early), for `begin` to take on; stopped if not needed.
    """
    indexed = None
    try:
        indexed = _open_file(Path(path), format_id, min_size, early)
    finally:
        if indexed is None and early is not None:
            early.stop()
    return indexed


def _open_file(
    path: Path, format_id: str | None, min_size: int, early: ScanProcess | None
) -> IndexedTranscript | None:
    try:
        if path.is_dir():
            return None
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None  # the full load reports it
    indexed = None
    try:
        indexed = _open(path, fd, format_id, min_size, early)
    except OSError:
        pass  # as above
    finally:
        if indexed is None:
            os.close(fd)
    return indexed


def _open(
    path: Path, fd: int, format_id: str | None, min_size: int, early: ScanProcess | None
) -> IndexedTranscript | None:
    size = os.fstat(fd).st_size
    if size < min_size:
        return None
    head = os.pread(fd, HEAD_READ_BYTES, 0)
    start = 0
    encoding = "utf-8"
    if head.startswith(codecs.BOM_UTF8):
        start, encoding = len(codecs.BOM_UTF8), "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # UTF-16 and UTF-32: decoded whole
    if b"\r" in head or b"\x00" in head:
        return None
    whole = len(head) >= size
    if not whole:
        head = head[: head.rfind(b"\n") + 1]
    try:
        text = head[start:].decode("utf-8", "replace" if start else "strict")
    except UnicodeDecodeError:
        return None
    try:
        fmt = get_format(format_id) if format_id else detect(text)
    except ReaderError:
        return None
    if fmt is None or fmt.id not in INDEXED_FORMATS:
        return None
    head_transcript = _parse_head(path, text, fmt.id, encoding, whole)
    if head_transcript is None:
        return None
    return IndexedTranscript(path, fd, size, start, encoding, head_transcript, early)


def _parse_head(
    path: Path, text: str, format_id: str, encoding: str, whole: bool
) -> Transcript | None:
    """The first part of the file parsed the usual way; its last message may be cut, so it is
    dropped unless the part reaches the end of the chat."""
    parse = get_format(format_id).parse
    for limit in (HEAD_PARSE_BYTES, len(text)):  # more when the first message is that long
        part = text if whole else text[: text.find("\n", limit) + 1 or len(text)]
        parsed = parse(part)
        messages = parsed.messages
        if not (whole or parsed.epilogue):
            messages = messages[:-1]
        if messages or whole:
            break
    if not messages:
        return None
    return Transcript(
        source=str(path),
        format=format_id,
        title=parsed.title,
        date=parsed.date,
        preamble=parsed.preamble,
        epilogue=parsed.epilogue if whole else "",
        messages=tuple(messages),
        participants=count_participants(messages),
        encoding=encoding,
        warnings=tuple(parsed.warnings),
    )
