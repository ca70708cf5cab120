"""The scan in a process of its own, so that it runs beside the app instead of sharing its
interpreter (and its lock) with the screen.

    scan = ScanProcess.start(path, start, size)   # at once, before the app is even built
    for report in scan.reports(cancelled):        # in a thread: each chunk's new findings
        report.apply(state)

The child (reader.index.scan_child, in a fresh interpreter) runs the same Scanner as an
in-thread scan and sends, after each chunk, what it found since the last report: pickled dicts
over its standard output. Only the parent reads that pipe, and only from its own child.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import pickle
import queue
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reader.errors import ReaderError
from reader.index.helper_process import python_command
from reader.index.scan import (
    ARRAYS,
    CHUNK_BYTES,
    DEFAULT_MIN_SIZE,
    REPORT_EVERY,
    SPLIT_WHEN_FORKED,
    IndexFallback,
    IndexState,
    in_two_parts,
)
from reader.model import ParseWarning

# Whether a helper forks the copy of itself that scans a second part. Only where fork() is the
# usual way to start a process: macOS's own libraries are not safe to use in a forked child.
FORKS = sys.platform == "linux"
COPY_SECONDS = 60  # the longest a helper that is done waits for its copy before it is ended


@dataclass
class Report:
    """One chunk's findings, as the child sends them."""

    fields: dict[str, Any]

    @property
    def position(self) -> int:
        return self.fields["position"]

    @property
    def done(self) -> bool:
        return self.fields["done"]

    def apply(
        self, state: IndexState, author_ids: dict[str, int], *, last_part: bool = True
    ) -> None:
        """Add the findings to the parent's state (and its name -> author id table). A report
        of a file's first part (`last_part` False) never ends the chat: the second part goes on
        where it stops."""
        fields = self.fields
        with state.lock:
            for name in ARRAYS:
                getattr(state, name).frombytes(fields[name])
            for name in fields["names"]:
                author_ids[name] = len(state.names)
                state.names.append(name)
            state.message_counts[:] = fields["message_counts"]
            state.insert_counts = fields["insert_counts"]
            state.insert_first = fields["insert_first"]
            state.warnings.extend(ParseWarning(*warning) for warning in fields["warnings"])
            state.epilogue_start = fields["epilogue_start"]
            if last_part or fields["epilogue_start"] >= 0:
                state.chat_end = fields["chat_end"]
                state.published = fields["published"]
                state.done = fields["done"]
            else:  # its last message may go on in the second part: its size is not known
                state.published = max(len(state.offsets) - 1, 0)
                del state.size_classes[state.published :]


class ScanProcess:
    """A child process scanning one file; its reports are read with `reports`.

    The reports are read in a thread of the ScanProcess's own from the moment it starts: a
    chunk's report is bigger than a pipe holds, so a helper whose reports were left unread
    while the app starts would wait there, its core idle.

    A helper started with `then` also scans a second part of the file, in a copy of itself
    forked when `start_then` is called: that copy's reports are read from `self.then`, a
    ScanProcess with no process of its own. The copy comes with the scan's code loaded, where
    a new helper would spend a third of a second loading it, on a core the app is using.
    """

    def __init__(
        self,
        stream: IO[bytes],
        start: int,
        end: int,
        process: subprocess.Popen[bytes] | None = None,
        errors: IO[bytes] | None = None,
    ) -> None:
        self._stream = stream
        self._process = process
        self._errors = errors
        self.start, self.end = start, end  # the bytes it scans
        self.finished = False  # its last report came
        self.epilogue = b""
        self.newlines = 0  # in the part scanned, once done
        self.then: ScanProcess | None = None
        self.asked: tuple = ()  # the arguments of `start`
        self._then_asked = False
        # `stop` is called from the thread reading the reports and from the one that started
        # it: the second waits for the first, and finds it stopped.
        self._stopping = threading.Lock()
        self._stopped = False
        self.done_bytes = 0  # how far the child has got
        self._queue: queue.SimpleQueue[Report | BaseException | None] = queue.SimpleQueue()
        self._cancelled = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    @classmethod
    def start(
        cls,
        path: Path,
        start: int,
        size: int,
        chunk_bytes: int,
        report_every: float,
        *,
        continuation: bool = False,
        then: tuple[int, int] | None = None,
    ) -> ScanProcess:
        """Start the child scanning bytes start..size, reporting every `report_every` seconds;
        OSError when no process can be started. A `continuation` scans a second part (see
        Scanner). `then`: the bytes (start, end) of a second part for a forked copy to scan,
        where FORKS."""
        errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed in `stop`)
        code = "import sys; from reader.index.scan_child import main; main(sys.argv[1:])"
        numbers = [start, size, chunk_bytes, int(continuation), report_every]
        then_pipe: tuple[int, int] | None = None
        if then is not None:
            then_pipe = os.pipe()
            numbers += [*then, then_pipe[1]]
        argv, env = python_command(code, str(path), *map(str, numbers))
        try:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL if then_pipe is None else subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                env=env,
                pass_fds=() if then_pipe is None else (then_pipe[1],),
            )
        except BaseException:
            errors.close()
            if then_pipe is not None:
                os.close(then_pipe[0])
            raise
        finally:
            if then_pipe is not None:
                os.close(then_pipe[1])  # the helper's now: the pipe ends when its copy does
        assert process.stdout is not None
        scan = cls(process.stdout, start, size, process, errors)
        scan.asked = (start, size, chunk_bytes, report_every, then)
        if then_pipe is not None:
            scan.then = cls(os.fdopen(then_pipe[0], "rb"), *then)
        return scan

    def start_then(self) -> None:
        """Let the helper fork the copy that scans the second part (`then`)."""
        go = self._process.stdin if self._process is not None else None
        if go is None or go.closed:
            return
        self._then_asked = True
        with contextlib.suppress(OSError):  # the helper has ended: so do the copy's reports
            go.write(b"\n")
            go.close()

    def reports(self, cancelled: Callable[[], bool]) -> Iterator[Report]:
        """The child's reports until the one that says done; stops early (and ends the child)
        when `cancelled()`. Raises what the scan raised: IndexFallback or ReaderError."""
        try:
            while not cancelled():
                try:
                    item = self._queue.get(timeout=0.1)
                except queue.Empty:
                    continue
                if item is None:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            if not self.finished:  # a finished child is let go of by the reading thread
                self.stop()

    def _read(self) -> None:
        """The reading thread: each report into the queue, then what ended them (None when
        the last report came, or the child stopped early)."""
        try:
            for report in self._received():
                self.done_bytes = report.position - self.start
                self._queue.put(report)
        except BaseException as error:  # handed on to the reader of the reports
            self._queue.put(error)
        finally:
            self._queue.put(None)

    def _received(self) -> Iterator[Report]:
        """The child's reports as they come (in the reading thread), until the last."""
        try:
            while not self._cancelled.is_set():
                try:
                    fields = pickle.load(self._stream)
                except EOFError:
                    raise IndexFallback(f"the scan stopped: {self._last_error()}") from None
                if "error" in fields:
                    kind = ReaderError if fields["error"] == "reader" else IndexFallback
                    raise kind(fields["message"])
                report = Report(fields)
                self.start = fields["start"]  # a forked copy's is known from its reports
                if report.done:
                    self.end = report.position
                    self.finished = True
                    self.epilogue = fields["epilogue"]
                    self.newlines = fields["newlines"]
                yield report
                if report.done:
                    return
        finally:
            self.stop()

    def stop(self) -> None:
        """End the child (if it still runs) and let go of its pipes. A child that has sent its
        last report is left to end on its own, once a copy it forked has. A forked copy ends at
        its next report, when it finds its pipe closed."""
        self._cancelled.set()
        with self._stopping:
            if not self._stopped:
                self._stop()
                self._stopped = True
        if threading.current_thread() is not self._reader:
            self._reader.join(timeout=5)

    def _stop(self) -> None:
        process = self._process
        if process is not None:
            if not self.finished:
                process.kill()
            try:
                process.wait(timeout=COPY_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdin is not None and not process.stdin.closed:
                with contextlib.suppress(OSError):  # a line to a helper that has ended
                    process.stdin.close()
        # A copy that never will be: its pipe ended with the helper, which held it.
        if self.then is not None and not self._then_asked:
            self.then.stop()
        self._stream.close()
        if self._errors is not None:
            self._errors.close()

    def _last_error(self) -> str:
        if self._process is None or self._errors is None:
            return "the helper scanning the second part ended"
        self._process.wait()
        self._errors.seek(0)
        lines = self._errors.read().decode(errors="replace").strip().splitlines()
        return lines[-1] if lines else f"exit status {self._process.returncode}"


def scan_early(path: str) -> ScanProcess | None:
    """Start scanning a file that may be big enough to index, first thing: before the app
    loads what it needs to read the file's start, a tenth of a second or more on the core
    the helper would otherwise wait beside. open_indexed(early=) takes it on, or stops it if
    the file is not indexed after all. Only where FORKS (elsewhere the helpers start with
    `begin`); None for a file too small to index, or one that cannot be read."""
    if not FORKS:
        return None
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size < DEFAULT_MIN_SIZE:
            return None  # nothing is read from a pipe here: its bytes are the full load's
        with open(path, "rb") as file:
            start = len(codecs.BOM_UTF8) if file.read(3) == codecs.BOM_UTF8 else 0
    except OSError:
        return None
    size = info.st_size
    then = (SPLIT_WHEN_FORKED, size) if in_two_parts(size - start) else None
    try:
        return ScanProcess.start(Path(path), start, size, CHUNK_BYTES, REPORT_EVERY, then=then)
    except OSError:
        return None
