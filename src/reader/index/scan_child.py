"""The scan helper's side (see reader.index.scan_process): it scans its part of the file and
sends, after each chunk, what it found since the last report. It imports only what the scan
needs: each helper's memory counts beside the app's.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import time
from array import array
from typing import IO, Any

from reader.errors import ReaderError
from reader.index.scan import ARRAYS, IndexFallback, IndexState
from reader.index.scanner import Scanner


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
        fields: dict[str, Any] = {"position": position, "done": done}
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


def main(argv: list[str]) -> int:
    path, (start, size, chunk_bytes, continuation) = argv[0], map(int, argv[1:5])
    report_every = float(argv[5])
    gc.disable()  # the scan makes no cycles; collections only cost time here
    out = os.fdopen(os.dup(1), "wb")
    sys.stdout = sys.stderr  # nothing else may write into the reports
    fd = os.open(path, os.O_RDONLY)
    scanner = Scanner(fd, start, size, IndexState(), continuation=bool(continuation))
    relay = _Relay(scanner, out, report_every)
    try:
        scanner.run(lambda done, _total: relay.report(done), lambda: False, chunk_bytes)
    except IndexFallback as error:
        relay.send({"error": "fallback", "message": str(error)})
        return 0
    except ReaderError as error:
        relay.send({"error": "reader", "message": str(error)})
        return 0
    except BrokenPipeError:
        return 0  # the app went away or stopped listening
    relay.report(size, done=True)
    return 0
