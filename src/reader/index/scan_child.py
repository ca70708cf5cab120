"""The scan helper's side (see reader.index.scan_process): it scans its part of the file and
sends, after each chunk, what it found since the last report. It imports only what the scan
needs: each helper's memory counts beside the app's.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import sys
import time
import traceback
from array import array
from dataclasses import dataclass, replace
from typing import IO, Any, NoReturn

from reader.errors import ReaderError
from reader.index.scan import ARRAYS, SPLIT_WHEN_FORKED, IndexFallback, IndexState, line_start
from reader.index.scanner import Scanner

# Where the copy that scans the second part starts, when it is left to the helper (see _Then):
# at this share of what the helper has left when it forks the copy.
REST_SHARE = 0.5


class _Relay:
    """The child's side: after the first chunk, then every `every` seconds and at the end,
    send what the state gained since the last report."""

    def __init__(self, scanner: Scanner, out: IO[bytes], every: float) -> None:
        self.scanner = scanner
        self.state = scanner.state
        self.out = out
        self.every = every
        self.sent = dict.fromkeys((*ARRAYS, "names", "warnings"), 0)
        self.sent_at = -every  # the first chunk is reported at once

    def report(self, position: int, done: bool = False) -> None:
        now = time.monotonic()
        if not done and now - self.sent_at < self.every:
            return
        self.sent_at = now
        state = self.state
        fields: dict[str, Any] = {"start": self.scanner.start, "position": position, "done": done}
        for name in ARRAYS:
            column: array = getattr(state, name)
            fields[name] = column[self.sent[name] :].tobytes()
        fields["names"] = state.names[self.sent["names"] :]
        self.sent["names"] = len(state.names)
        fields["warnings"] = [
            (warning.line, warning.text, warning.reason)
            for warning in state.warnings[self.sent["warnings"] :]
        ]
        self.sent["warnings"] = len(state.warnings)
        fields["message_counts"] = state.message_counts
        fields["insert_counts"] = state.insert_counts
        fields["insert_first"] = state.insert_first
        fields["chat_end"] = state.chat_end
        fields["epilogue_start"] = state.epilogue_start
        fields["published"] = state.published
        if done:
            fields["epilogue"] = bytes(self.scanner.epilogue)
            fields["newlines"] = self.scanner.newlines
        self.send(fields)
        # What was sent is the app's now: a helper's memory counts beside the app's.
        self.scanner.forget()
        for name in ARRAYS:
            self.sent[name] = len(getattr(state, name))

    def send(self, fields: dict[str, Any]) -> None:
        pickle.dump(fields, self.out, protocol=pickle.HIGHEST_PROTOCOL)
        self.out.flush()


@dataclass(frozen=True)
class _Part:
    """A part of the file to scan, and how."""

    path: str
    start: int
    size: int
    chunk_bytes: int
    report_every: float
    continuation: bool


class _Then:
    """The second part of the file, for a copy of this helper to scan: forked once the app
    writes a line to the helper's standard input (it does once its first screen is up, so
    that the copy does not take the core the app starts on).

    A part with no start (SPLIT_WHEN_FORKED) starts where the copy is forked: at the line
    nearest REST_SHARE of what this helper has left to scan then, so that both end together
    however far this one got while the app started."""

    def __init__(self, part: _Part, fd: int, first_out: IO[bytes]) -> None:
        self.part = part
        self.scanner: Scanner | None = None  # the first part's, whose names the copy takes on
        self.fd = fd  # the copy's report pipe
        self.first_out = first_out
        self.forked = False
        self.copy = 0  # its process id, once forked

    def poll(self, scan_fd: int, position: int, *, wait: bool = False) -> int | None:
        """Fork the copy if the app has asked for it (or, with `wait`, once it does), with
        this helper `position` bytes in; returns where this helper's part now ends."""
        if self.forked or not (wait or select.select([0], [], [], 0)[0]):
            return None
        self.forked = True
        asked = os.read(0, 1)  # nothing: the app went away
        if not asked:
            os.close(self.fd)
            return None
        if self.part.start == SPLIT_WHEN_FORKED:
            rest = self.part.size - position
            start = line_start(scan_fd, position + int(rest * REST_SHARE), self.part.size)
            self.part = replace(self.part, start=start)
        self.copy = os.fork()
        if self.copy == 0:
            self._scan_in_copy()
        os.close(self.fd)  # the copy holds it: the app sees the pipe end when the copy does
        return self.part.start

    def wait(self) -> None:
        """Wait for the copy to end: until then it is counted among the app's processes."""
        if self.copy:
            os.waitpid(self.copy, 0)

    def _scan_in_copy(self) -> NoReturn:
        status = 1
        try:
            # The first part's pipe is the helper's alone: the app must see it end with it.
            os.close(self.first_out.fileno())
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            with os.fdopen(self.fd, "wb") as out:
                status = _scan(self.part, out, names_from=self.scanner)
        except BaseException:  # a copy must never go back into the first part's scan
            traceback.print_exc()
        finally:
            os._exit(status)


def _scan(
    part: _Part, out: IO[bytes], then: _Then | None = None, names_from: Scanner | None = None
) -> int:
    fd = os.open(part.path, os.O_RDONLY)
    scanner = Scanner(fd, part.start, part.size, IndexState(), continuation=part.continuation)
    if names_from is not None:
        scanner.take_names(names_from)
    if then is not None:
        then.scanner = scanner
    relay = _Relay(scanner, out, part.report_every)

    def fork_if_asked(position: int, *, wait: bool = False) -> None:
        end = then.poll(fd, position, wait=wait) if then is not None else None
        if end is not None:
            scanner.size = end  # this helper's part now ends where the copy's starts

    def progress(done: int, _total: int) -> None:
        relay.report(done)
        fork_if_asked(done)

    try:
        scanner.run(progress, lambda: False, part.chunk_bytes)
    except IndexFallback as error:
        relay.send({"error": "fallback", "message": str(error)})
        return 0
    except ReaderError as error:
        relay.send({"error": "reader", "message": str(error)})
        return 0
    except BrokenPipeError:
        return 0  # the app went away or stopped listening
    # The app asks for the copy before it reads a report, and ends the helper once it has the
    # last: the copy must be forked by then.
    fork_if_asked(scanner.size, wait=True)
    relay.report(scanner.size, done=True)
    return 0


def main(argv: list[str]) -> int:
    """argv: the file, where to start and stop, the chunk size, whether this part continues
    another, seconds between reports; then, optionally, the start, end and report pipe of a
    second part for a forked copy (see _Then)."""
    path, (start, size, chunk_bytes, continuation) = argv[0], map(int, argv[1:5])
    report_every = float(argv[5])
    gc.disable()  # the scan makes no cycles; collections only cost time here
    out = os.fdopen(os.dup(1), "wb")
    sys.stdout = sys.stderr  # nothing else may write into the reports
    part = _Part(path, start, size, chunk_bytes, report_every, bool(continuation))
    then = None
    if len(argv) > 6:
        then_start, then_size, then_fd = map(int, argv[6:9])
        second = _Part(path, then_start, then_size, chunk_bytes, report_every, True)
        then = _Then(second, then_fd, out)
    status = _scan(part, out, then)
    if then is not None:
        then.wait()
    return status
