"""Bookmarks survive: killed writers, two writers at once, damaged files, unwritable folders."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.bookmarks import BookmarkStore
from reader.loader import load
from tests.unit.bookmarks_helpers import chat

# Bookmarks messages first..last (every step-th) with a note, printing each id once committed.
WORKER = """
import sys, time
from pathlib import Path
from reader.bookmarks import BookmarkStore
from reader.loader import load

transcript = load(sys.argv[1])
first, last, step = map(int, sys.argv[2:5])
go = Path(sys.argv[5]) if len(sys.argv) > 5 else None
store = BookmarkStore.open()
if store.notice:
    sys.exit(f"notice: {store.notice}")
while go is not None and not go.exists():
    time.sleep(0.001)
for message_id in range(first, last + 1, step):
    store.set(transcript, message_id, note=f"note {message_id}")
    print(message_id, flush=True)
"""


def start_worker(transcript: Path, first: int, last: int, step: int = 1, go: Path | None = None):
    args = [sys.executable, "-c", WORKER, str(transcript), str(first), str(last), str(step)]
    return subprocess.Popen(
        [*args, str(go)] if go else args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def reported_ids(stdout: str) -> list[int]:
    # A line is complete only with its newline: a kill can come mid-print.
    return [int(line) for line in stdout.splitlines(keepends=True) if line.endswith("\n")]


def test_two_processes_bookmarking_the_same_transcript_lose_nothing(tmp_path: Path):
    transcript = tmp_path / "chat.txt"
    transcript.write_text(chat(600))
    go = tmp_path / "go"
    odd = start_worker(transcript, 1, 600, 2, go)
    even = start_worker(transcript, 2, 600, 2, go)
    time.sleep(0.5)  # both have opened the store and wait at the start line
    go.touch()
    outputs = [worker.communicate(timeout=120) for worker in (odd, even)]
    assert [worker.returncode for worker in (odd, even)] == [0, 0], outputs
    assert [len(reported_ids(out)) for out, _ in outputs] == [300, 300]
    with BookmarkStore.open() as store:
        bookmarks = store.bookmarks(load(transcript))
    assert [b.message_id for b in bookmarks] == list(range(1, 601))
    assert all(b.note == f"note {b.message_id}" for b in bookmarks)


def test_a_writer_killed_at_random_moments_loses_nothing_it_reported(tmp_path: Path):
    transcript = tmp_path / "chat.txt"
    transcript.write_text(chat(10_000))
    chance = random.Random(7)
    reported: list[int] = []
    killed_while_writing = 0
    for round_number in range(10):
        first = round_number * 1000 + 1
        worker = start_worker(transcript, first, first + 999)
        if round_number < 8:
            # Wait for its first commit, then kill it somewhere in the loop.
            first_line = worker.stdout.readline()
            assert first_line == f"{first}\n", worker.stderr.read()
            time.sleep(chance.uniform(0, 0.3))
        else:
            time.sleep(chance.uniform(0, 0.5))  # maybe while it starts or opens the store
        worker.send_signal(signal.SIGKILL)
        rest, _ = worker.communicate(timeout=60)
        killed_while_writing += worker.returncode == -signal.SIGKILL and round_number < 8
        ids = reported_ids(rest) if round_number >= 8 else [first, *reported_ids(rest)]
        reported.extend(ids)
    assert killed_while_writing == 8
    with BookmarkStore.open() as store:
        assert store.notice is None  # it opens, nothing was moved aside
        kept = {b.message_id: b.note for b in store.bookmarks(load(transcript))}
    missing = [i for i in reported if kept.get(i) != f"note {i}"]
    assert missing == []
    assert len(reported) >= 8


def test_random_bytes_are_moved_aside_and_a_new_database_started(tmp_path: Path, panel):
    path = tmp_path / "bookmarks.sqlite3"
    garbage = random.Random(1).randbytes(8192)
    path.write_bytes(garbage)
    with BookmarkStore.open(path) as store:
        assert store.persistent
        assert "is damaged" in store.notice and "new one started" in store.notice
        assert "\n" not in store.notice
        store.set(panel, 4)
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("bookmarks.sqlite3.corrupt-")]
    assert len(aside) == 1 and aside[0].name in store.notice
    assert aside[0].read_bytes() == garbage
    with BookmarkStore.open(path) as store:
        assert store.notice is None
        assert [b.message_id for b in store.bookmarks(panel)] == [4]


def test_a_truncated_database_is_moved_aside(tmp_path: Path, panel):
    path = tmp_path / "bookmarks.sqlite3"
    with BookmarkStore.open(path) as store:
        for message_id in range(1, 121):
            store.set(panel, message_id, note="x" * 500)
    damaged = path.read_bytes()[:-3000]
    path.write_bytes(damaged)
    with BookmarkStore.open(path) as store:
        assert store.notice and "is damaged" in store.notice
        assert store.bookmarks(panel) == []
    assert [p.read_bytes() for p in tmp_path.glob("bookmarks.sqlite3.corrupt-*")] == [damaged]


def test_another_programs_database_is_moved_aside_untouched(tmp_path: Path, panel):
    path = tmp_path / "bookmarks.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE users (name TEXT)")
        db.execute("INSERT INTO users VALUES ('alice')")
    db.close()
    with BookmarkStore.open(path) as store:
        assert "belongs to another program" in store.notice
        store.set(panel, 1)
    (aside,) = tmp_path.glob("bookmarks.sqlite3.corrupt-*")
    with sqlite3.connect(aside) as db:
        assert db.execute("SELECT name FROM users").fetchall() == [("alice",)]
    db.close()


def test_a_data_folder_that_cannot_be_made_keeps_bookmarks_in_memory(tmp_path: Path, panel):
    # Works as root too: no permission bit stops root, but a file where the folder should be does.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    with BookmarkStore.open(blocker / "bookmarks.sqlite3") as store:
        assert not store.persistent
        assert "will not be kept" in store.notice and str(blocker) in store.notice
        store.set(panel, 8, note="in memory")
        assert [(b.message_id, b.note) for b in store.bookmarks(panel)] == [(8, "in memory")]
    assert blocker.read_text() == "a file"


def test_a_database_path_that_is_a_folder_keeps_bookmarks_in_memory(tmp_path: Path, panel):
    folder = tmp_path / "bookmarks.sqlite3"
    folder.mkdir()
    with BookmarkStore.open(folder) as store:
        assert not store.persistent and "will not be kept" in store.notice
        assert store.toggle(panel, 3) is True
    assert folder.is_dir() and list(folder.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permission bits")
def test_a_read_only_folder_shows_the_bookmarks_it_has_but_keeps_no_new_ones(tmp_path: Path, panel):
    folder = tmp_path / "data"
    path = folder / "bookmarks.sqlite3"
    with BookmarkStore.open(path) as store:
        store.set(panel, 5, note="saved before")
    before = path.read_bytes()
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        with BookmarkStore.open(path) as store:
            assert not store.persistent and "will not be kept" in store.notice
            assert [(b.message_id, b.note) for b in store.bookmarks(panel)] == [(5, "saved before")]
            store.set(panel, 6)
        assert path.read_bytes() == before
    finally:
        folder.chmod(0o755)
