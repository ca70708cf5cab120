"""The raw search of a big file, split between helper processes, one per core.

Finding a word in a quarter of a gigabyte takes bytes.lower() and find about half a second,
and both hold the interpreter's lock: in processes of their own, the halves of the file are
searched at the same time, and the app's screen keeps its lock. Each helper gets the file's
path, the pattern and its share of the message offsets, and sends back, a chunk at a time,
which of its messages hold a match.
"""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
import threading
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from reader.index.helper_process import python_command
from reader.index.raw_match import LoweredWord, messages_with_matches

Pattern = LoweredWord | re.Pattern[bytes] | re.Pattern[str]
# Below this many bytes a search is quicker in the thread than a process is to start.
PROCESS_MIN_BYTES = 16 * 1024 * 1024
MAX_HELPERS = 4


def find_in_processes(
    path: Path,
    offsets: Sequence[int],
    end_of: Callable[[int], int],
    span: range,
    pattern: Pattern,
    helpers: SearchHelpers | None = None,
) -> Iterator[list[int]]:
    """Messages of `span` with a match, in order, in batches; in helper processes (`helpers`'
    waiting ones first) when the span is big and there is more than one core, else here."""
    parts = _plan(offsets, end_of, span)
    if parts is None:
        yield from _here(path, offsets, end_of, span, pattern)
        return
    started = (helpers or SearchHelpers()).take(path, offsets, end_of, parts)
    for helper in started:
        if helper is not None and not helper.give_pattern(pattern):
            helper.end()  # it died: its share is searched here
    try:
        for part, helper in zip(parts, started, strict=True):
            done = part.start
            if helper is not None:
                for done, found in _results(helper.process, part):  # noqa: B007 (read after)
                    yield found
            # A helper that could not start or stopped early leaves the rest of its share here.
            yield from _here(path, offsets, end_of, range(done, part.stop), pattern)
    finally:
        for helper in filter(None, started):
            helper.end()


def _plan(offsets: Sequence[int], end_of: Callable[[int], int], span: range) -> list[range] | None:
    """The helpers' shares of `span`, or None when it is searched here (too small, one core)."""
    if not span:
        return None
    helpers = min(os.cpu_count() or 1, MAX_HELPERS)
    first, end = offsets[span.start], end_of(span.stop - 1)
    if end - first < PROCESS_MIN_BYTES or helpers < 2:
        return None
    return _shares(offsets, span, first, end, helpers)


def _here(
    path: Path, offsets: Sequence[int], end_of: Callable[[int], int], span: range, pattern: Pattern
) -> Iterator[list[int]]:
    if not span:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        for _, found in messages_with_matches(
            lambda start, length: os.pread(fd, length, start), offsets, end_of, span, pattern
        ):
            yield found
    finally:
        os.close(fd)


def _shares(offsets: Sequence[int], span: range, first: int, end: int, count: int) -> list[range]:
    """The span cut into `count` runs of messages of about the same number of bytes."""
    cuts = [span.start]
    for part in range(1, count):
        at = bisect_left(offsets, first + (end - first) * part // count, cuts[-1], span.stop)
        cuts.append(max(at, cuts[-1]))
    cuts.append(span.stop)
    return [range(low, high) for low, high in pairwise(cuts) if high > low]


class SearchHelpers:
    """Helpers started before they are needed (when the search box opens) and given their
    shares of the messages then, so that a search only sends them the pattern: each takes a
    tenth of a second to start and more to read its share. Each serves one search."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ready: list[_Helper | None] = []
        self._parts: list[range] = []  # the shares the waiting helpers hold
        self._sending: threading.Thread | None = None

    def warm(
        self, path: Path, offsets: Sequence[int], end_of: Callable[[int], int], span: range
    ) -> None:
        """Have a helper waiting for each share of a search of `span`, its share being sent
        in a thread (each reads it once it has started)."""
        parts = _plan(offsets, end_of, span) or []
        with self._lock:
            if parts == self._parts and all(h and h.process.poll() is None for h in self._ready):
                return
            stale, self._ready, self._parts = self._ready, [], []
        for helper in filter(None, stale):
            helper.end()
        if not parts:
            return
        helpers = [_Helper.spawn() for _ in parts]
        jobs = _jobs(offsets, end_of, parts)
        sending = threading.Thread(target=_give_shares, args=(helpers, path, jobs), daemon=True)
        sending.start()
        with self._lock:
            self._ready, self._parts, self._sending = helpers, parts, sending

    def take(
        self, path: Path, offsets: Sequence[int], end_of: Callable[[int], int], parts: list[range]
    ) -> list[_Helper | None]:
        """A helper holding each share (None for one that cannot start): the waiting ones when
        they hold these shares, else new ones, given their shares here."""
        with self._lock:
            ready, ready_parts, sending = self._ready, self._parts, self._sending
            self._ready, self._parts, self._sending = [], [], None
        if ready and ready_parts == parts:
            if sending is not None:
                sending.join()
            return [h if h is not None and h.process.poll() is None else None for h in ready]
        for helper in filter(None, ready):
            helper.end()
        fresh = [_Helper.spawn() for _ in parts]
        _give_shares(fresh, path, _jobs(offsets, end_of, parts))
        return fresh

    def close(self) -> None:
        with self._lock:
            waiting, self._ready, self._parts = self._ready, [], []
        for helper in filter(None, waiting):
            helper.end()


def _jobs(
    offsets: Sequence[int], end_of: Callable[[int], int], parts: list[range]
) -> Iterator[tuple[Sequence[int], int]]:
    """Each share's message starts and where its last message ends, one copy at a time. The
    index only grows at its end, so the shares read the same whenever they are taken."""
    for part in parts:
        yield offsets[part.start : part.stop], end_of(part.stop - 1)


def _give_shares(
    helpers: list[_Helper | None], path: Path, jobs: Iterator[tuple[Sequence[int], int]]
) -> None:
    """Send each helper its share; one that is gone is ended, and its share searched here."""
    for helper, (share, last_end) in zip(helpers, jobs, strict=True):
        if helper is not None and not helper.give_share(path, share, last_end):
            helper.end()


@dataclass
class _Helper:
    """One search helper: given its share of the messages, then the pattern."""

    process: subprocess.Popen[bytes]

    @classmethod
    def spawn(cls) -> _Helper | None:
        argv, env = python_command("from reader.index.find_process import main; main()")
        try:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError:
            return None
        return cls(process)

    def give_share(self, path: Path, share: Sequence[int], last_end: int) -> bool:
        """Send the path, how many messages, where the last one ends, then their starts as raw
        8-byte numbers (not pickled: no second copy). False if the helper is gone."""
        if not isinstance(share, array):
            share = array("q", share)
        try:
            pickle.dump((str(path), len(share), last_end), self.process.stdin)
            share.tofile(self.process.stdin)
            self.process.stdin.flush()  # type: ignore[union-attr]
        except (OSError, ValueError):  # a broken pipe, or closed by `end`
            return False
        return True

    def give_pattern(self, pattern: Pattern) -> bool:
        try:
            with self.process.stdin:  # type: ignore[union-attr]
                pickle.dump(pattern, self.process.stdin, pickle.HIGHEST_PROTOCOL)
        except (OSError, ValueError):
            return False
        return True

    def end(self) -> None:
        process = self.process
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with suppress(OSError):  # unsent bytes of a share: the helper is gone
                    stream.close()


def _results(process: subprocess.Popen[bytes], part: range) -> Iterator[tuple[int, list[int]]]:
    """What a helper found, as indices into the whole transcript, with how far it has got; it
    ends early if the helper stops before the end of its share."""
    stream = process.stdout
    assert stream is not None
    while True:
        try:
            report = pickle.load(stream)
        except (EOFError, pickle.UnpicklingError):
            return
        if report is None:
            return
        high, found = report
        yield part.start + high, [part.start + index for index in array("q", found)]


def main() -> None:
    """A helper: read its share, then the pattern, from standard input; write the results to
    standard output."""
    job = sys.stdin.buffer
    try:
        path, count, last_end = pickle.load(job)
        offsets = array("q")  # its messages' starts, then where the last one ends
        offsets.fromfile(job, count)
        pattern = pickle.load(job)
    except EOFError:
        return  # no search came: the app is done with this helper
    offsets.append(last_end)
    out = sys.stdout.buffer
    fd = os.open(path, os.O_RDONLY)

    def read(start: int, length: int) -> bytes:
        return os.pread(fd, length, start)

    def end_of(index: int) -> int:
        return offsets[index + 1]

    span = range(len(offsets) - 1)
    for high, found in messages_with_matches(read, offsets, end_of, span, pattern):
        pickle.dump((high, array("q", found).tobytes()), out, pickle.HIGHEST_PROTOCOL)
        out.flush()
    pickle.dump(None, out)
    out.flush()
