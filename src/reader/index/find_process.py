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
from collections.abc import Callable, Iterable, Iterator, Sequence
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
    if not span:
        return
    first, end = offsets[span.start], end_of(span.stop - 1)
    if not uses_helpers(end - first):
        yield from _here(path, offsets, end_of, span, pattern)
        return
    parts = _shares(offsets, span, first, end, helper_count())
    started = (helpers or SearchHelpers()).take(len(parts))
    _send_jobs(started, path, pattern, offsets, end_of, parts)
    try:
        for part, process in zip(parts, started, strict=True):
            done = part.start
            if process is not None:
                for done, found in _results(process, part):  # noqa: B007 (read after the loop)
                    yield found
            # A helper that could not start or stopped early leaves the rest of its share here.
            yield from _here(path, offsets, end_of, range(done, part.stop), pattern)
    finally:
        _end(started)


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


def helper_count() -> int:
    """How many helpers a search of a big file gets: one per core, within MAX_HELPERS."""
    return min(os.cpu_count() or 1, MAX_HELPERS)


def uses_helpers(size: int) -> bool:
    """Whether a search of `size` bytes goes to helper processes."""
    return size >= PROCESS_MIN_BYTES and helper_count() > 1


class SearchHelpers:
    """Helpers started before they are needed (when the search box opens), so that a search
    does not wait the tenth of a second each takes to start. Each waits for one job."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ready: list[subprocess.Popen[bytes]] = []

    def warm(self, count: int) -> None:
        """Have `count` helpers waiting."""
        with self._lock:
            self._ready = [process for process in self._ready if process.poll() is None]
            missing = count - len(self._ready)
        started = [process for process in (_spawn() for _ in range(missing)) if process]
        with self._lock:
            self._ready.extend(started)

    def take(self, count: int) -> list[subprocess.Popen[bytes] | None]:
        """`count` helpers: the waiting ones first, then new ones (None for one that cannot
        start)."""
        with self._lock:
            taken, self._ready = self._ready[:count], self._ready[count:]
        return [*taken, *(_spawn() for _ in range(count - len(taken)))]

    def close(self) -> None:
        with self._lock:
            waiting, self._ready = self._ready, []
        _end(waiting)


def _spawn() -> subprocess.Popen[bytes] | None:
    argv, env = python_command("from reader.index.find_process import main; main()")
    try:
        return subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
        )
    except OSError:
        return None


def _send_jobs(
    started: list[subprocess.Popen[bytes] | None],
    path: Path,
    pattern: Pattern,
    offsets: Sequence[int],
    end_of: Callable[[int], int],
    parts: list[range],
) -> None:
    """Give each helper its share: the path, the pattern, its messages' starts and where the
    last one ends, then the starts as raw 8-byte numbers (one copy at a time, not pickled).
    One that died at once leaves its share to the thread."""
    for process, part in zip(started, parts, strict=True):
        if process is None or process.stdin is None:
            continue
        share = offsets[part.start : part.stop]  # a copy: the index may still grow
        if not isinstance(share, array):
            share = array("q", share)
        try:
            with process.stdin:
                job = (str(path), pattern, len(share), end_of(part.stop - 1))
                pickle.dump(job, process.stdin, pickle.HIGHEST_PROTOCOL)
                share.tofile(process.stdin)
        except OSError:
            process.kill()


def _end(processes: Iterable[subprocess.Popen[bytes] | None]) -> None:
    for process in filter(None, processes):
        if process.poll() is None:
            process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
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
    """A helper: read the job from standard input, write the results to standard output."""
    job = sys.stdin.buffer
    try:
        path, pattern, count, last_end = pickle.load(job)
    except EOFError:
        return  # no job came: the app is done with this helper
    offsets = array("q")  # its messages' starts, then where the last one ends
    offsets.fromfile(job, count)
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
