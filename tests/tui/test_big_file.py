"""A big file opens from its start while the rest is indexed, then acts as if parsed whole."""

from __future__ import annotations

import hashlib
import json
import threading

import pytest

from reader.index import find_process, open_indexed
from reader.loader import load
from reader.search import parse_query, search_all
from reader.tui import app_scan
from reader.tui.app import ReaderApp
from reader.tui.messages import ScanProgress
from tests.tui.helpers import screen_text


async def _until_indexed(app, indexed, pilot) -> None:
    """Wait for the scan to end and for the app to have taken its last report."""
    for _ in range(400):
        if indexed.done:
            break
        await pilot.pause(0.05)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_first_screen_before_the_index_then_the_same_as_a_full_parse(generated_20k):
    indexed = open_indexed(generated_20k, min_size=0)
    assert indexed is not None
    full = load(generated_20k)
    manifest = json.loads(generated_20k.with_suffix(".json").read_text())
    # Hold the scan until the first screen has been checked.
    go = threading.Event()
    real_scan = indexed.scan

    def held_scan(*args, **kwargs):
        go.wait(30)
        return real_scan(*args, **kwargs)

    indexed.scan = held_scan
    app = ReaderApp(indexed.head, indexed=indexed)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert manifest["first_text"] in text
            assert not indexed.done
            # Keys work while the file is being indexed.
            await pilot.press("j")
            assert app.chat.current_message.id == 2

            go.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert indexed.done
            assert len(app.transcript.messages) == len(full.messages) == 20_000
            assert app.transcript.participants == full.participants
            text = screen_text(app)
            assert "message 2 of 20000" in text and "indexing" not in text

            await pilot.press("G")
            await pilot.pause()
            last = app.chat.current_message
            assert last == full.messages[-1]

            # Search finds what a search over the fully parsed file finds.
            word = manifest["last_word"]
            await pilot.press("slash", *word, "enter")
            await pilot.pause(app.SEARCH_DEBOUNCE + 0.1)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.hits == search_all(full.messages, parse_query(word))
            assert app.chat.current_message.id == 20_000

            # A participant filter shows what filtering the full parse shows.
            name = full.participants[0].name
            app.author_filter = frozenset({name})
            app._apply_view()
            expected = [i for i, m in enumerate(full.messages) if m.author == name]
            assert list(app.chat.view) == expected
    finally:
        go.set()
        indexed.close()


@pytest.mark.parametrize("loaded_whole_after", [False, True])
async def test_a_search_while_the_file_is_indexed_grows_with_the_index(
    generated_20k, monkeypatch, loaded_whole_after
):
    """Hits come from the part indexed so far, then from the rest as the index grows (or once
    the file is loaded whole); the timeline, counted before them, leaves them off meanwhile."""
    if not loaded_whole_after:
        monkeypatch.setattr(app_scan.ScanMixin, "FULL_LOAD_AFTER_SCAN", 0)  # the index stays
    indexed = open_indexed(generated_20k, min_size=0)
    assert indexed is not None
    full = load(generated_20k)
    go = threading.Event()
    real_scan = indexed.scan

    def scan_held_after_its_first_report(progress, cancelled, **options):
        def held(done: int, total: int) -> None:
            progress(done, total)
            go.wait(30)

        return real_scan(held, cancelled, chunk_bytes=256 * 1024, report_every=0)

    indexed.scan = scan_held_after_its_first_report
    app = ReaderApp(indexed.head, indexed=indexed)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            try:
                for _ in range(200):
                    if len(app.transcript.messages) > len(indexed.head.messages):
                        break
                    await pilot.pause(0.05)
                indexed_so_far = len(app.transcript.messages)
                assert len(indexed.head.messages) < indexed_so_far < 20_000
                await pilot.press("slash", *"the", "enter")
                expected = search_all(full.messages[:indexed_so_far], parse_query("the"))
                for _ in range(200):
                    await pilot.pause(0.05)
                    if len(app.hits) >= len(expected):
                        break
                assert app.hits == expected and any(hit.message_id > 400 for hit in expected)
                assert app.chat.current_message.id == expected[0].message_id
            finally:
                go.set()  # the app cannot close while its scan is held
            every_hit = search_all(full.messages, parse_query("the"))
            for _ in range(200):  # the rest is searched once the scan has reported it
                await app.workers.wait_for_complete()
                await pilot.pause(0.05)
                if len(app.hits) >= len(every_hit):
                    break
            assert app.hits == every_hit
    finally:
        indexed.close()


async def test_a_mid_sized_file_is_indexed_then_loaded_whole_with_its_reply_links(
    generated_20k, monkeypatch
):
    """A file of a few MB opens from its start like a big one; once indexed it is parsed
    whole in the background, and its replies show the `↪ re` line a full load gives them,
    the blocks already drawn from the index included."""
    indexed = open_indexed(generated_20k)  # the default threshold: this file is indexed
    assert indexed is not None
    full = load(generated_20k)
    first_reply = next(m for m in full.messages if m.reply_to)
    # The full load waits until the block has been drawn from the index.
    drawn = threading.Event()

    def load_once_drawn(*args, **kwargs):
        drawn.wait(timeout=30)
        return load(*args, **kwargs)

    monkeypatch.setattr(app_scan, "load", load_once_drawn)
    app = ReaderApp(indexed.head, indexed=indexed)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            for _ in range(200):  # until the scan has reached it (the full load waits)
                if app.chat.go_to_message(first_reply.id):
                    break
                await pilot.pause(0.05)
            await pilot.pause()
            assert app.indexed is not None  # still the index, not the whole transcript
            assert first_reply.text[:30] in screen_text(app)
            assert "↪ re " not in screen_text(app)  # the index links no replies
            drawn.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.indexed is None  # the whole transcript took the index's place
            assert app.transcript.messages == full.messages
            assert app.chat.reply_counts
            assert app.chat.current_message == first_reply  # the reader stays where they were
            assert "↪ re " in screen_text(app)  # the same block, drawn again with its link
    finally:
        indexed.close()


async def test_search_helpers_wait_ready_once_a_big_file_is_indexed(generated_20k, monkeypatch):
    """When the scan ends, the search's helper processes start and take their shares of the
    file, so that the first search only sends them the word."""
    monkeypatch.setattr(find_process, "PROCESS_MIN_BYTES", 0)  # even this file uses two
    monkeypatch.setattr(find_process.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(app_scan.ScanMixin, "FULL_LOAD_AFTER_SCAN", 0)  # the index stays
    indexed = open_indexed(generated_20k, min_size=0)
    assert indexed is not None
    full = load(generated_20k)
    word = json.loads(generated_20k.with_suffix(".json").read_text())["last_word"]
    app = ReaderApp(indexed.head, indexed=indexed)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            for _ in range(400):  # the scan starts after the first screen
                if indexed.done and not app.query_one("#scan-progress").display:
                    break
                await pilot.pause(0.05)
            assert indexed.done
            await pilot.pause(0.2)  # they start once the final count is drawn
            waiting = [helper.process for helper in indexed.search_helpers._ready]
            assert len(waiting) == 2 and all(process.poll() is None for process in waiting)

            await pilot.press("slash", *word, "enter")
            await pilot.pause(app.SEARCH_DEBOUNCE + 0.1)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.hits == search_all(full.messages, parse_query(word))
            assert indexed.search_helpers._ready == []  # the waiting ones served it
    finally:
        indexed.close()


async def test_a_thread_copied_from_a_big_file_cites_its_sha256(generated_20k, monkeypatch):
    """The file is hashed when first needed (beside the scan or the first search, the hash
    slowed them down): what the app exports cites it."""
    monkeypatch.setattr(app_scan.ScanMixin, "FULL_LOAD_AFTER_SCAN", 0)  # the index stays
    indexed = open_indexed(generated_20k, min_size=0)
    assert indexed is not None
    digest = hashlib.sha256(generated_20k.read_bytes()).hexdigest()
    app = ReaderApp(indexed.head, indexed=indexed)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            await _until_indexed(app, indexed, pilot)
            await pilot.press("G", "Y")
            await pilot.pause()
            assert copied and digest[:12] in copied[-1]
    finally:
        indexed.close()


async def test_the_participants_panel_opened_after_the_scan_shows_the_final_counts(
    generated_20k, monkeypatch
):
    """While its panel is closed, the scan's counts are not listed (thousands of names, several
    times a second): the panel lists them when it is shown."""
    monkeypatch.setattr(app_scan.ScanMixin, "FULL_LOAD_AFTER_SCAN", 0)  # the index stays
    indexed = open_indexed(generated_20k, min_size=0)
    assert indexed is not None
    full = load(generated_20k)
    app = ReaderApp(indexed.head, indexed=indexed)
    try:
        async with app.run_test(size=(160, 50)) as pilot:
            await _until_indexed(app, indexed, pilot)
            await pilot.press("p")
            await pilot.pause()
            text = screen_text(app)
            count = len(full.participants)
            assert f"{count} of {count} · sorted by count" in text
            top = max(full.participants, key=lambda p: p.messages + p.inserts)
            assert f"{top.name}  {top.messages}" in text
    finally:
        indexed.close()


async def test_the_timeline_counts_every_message_a_moment_after_the_scan(
    generated_20k, monkeypatch
):
    """Counting is left until the keys pressed as the scan ends have been served, and until
    a search that is running has finished."""
    monkeypatch.setattr(app_scan.ScanMixin, "FULL_LOAD_AFTER_SCAN", 0)  # the index stays
    monkeypatch.setattr(app_scan.ScanMixin, "ACTIVITY_AFTER_SCAN", 0.3)
    indexed = open_indexed(generated_20k, min_size=0)
    assert indexed is not None
    app = ReaderApp(indexed.head, indexed=indexed)
    try:
        async with app.run_test(size=(160, 50)) as pilot:
            app._search_running = True  # as if a search were running as the scan ends
            await _until_indexed(app, indexed, pilot)
            await pilot.pause(0.6)
            await app.workers.wait_for_complete()
            # The first screen's messages only, so far.
            assert app.activity is not None and app.activity.total < 20_000
            app._search_running = False
            await pilot.pause(0.5)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.activity is not None and app.activity.total == 20_000
    finally:
        indexed.close()


async def test_the_progress_shown_is_as_far_as_the_scan_has_got(generated_20k):
    """Reports come faster than the screen shows them (the helpers' first ones wait for the
    first screen): the bar and the percentage are as far as the scan has got when drawn,
    with the count, not as far as it had got when the update was asked for."""
    indexed = open_indexed(generated_20k, min_size=0)
    assert indexed is not None
    go = threading.Event()
    real_scan = indexed.scan
    app = ReaderApp(indexed.head, indexed=indexed)
    real_post, asked = app.post_message, []

    def post(message):
        if isinstance(message, ScanProgress) and not asked:
            asked.append(message)  # the update reaches the app once the scan is further on
            return True
        return real_post(message)

    def scan(progress, cancelled):
        progress(1, 100)  # an update is asked for...
        progress(60, 100)  # ...and the scan is further on by the time it is drawn
        real_post(asked[0])
        go.wait(30)
        return real_scan(progress, cancelled)

    indexed.scan = scan
    app.post_message = post
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            for _ in range(100):
                await pilot.pause(0.02)
                if "indexing" in screen_text(app):
                    break
            assert "indexing 60%" in screen_text(app)
            go.set()
            await _until_indexed(app, indexed, pilot)
            assert "indexing" not in screen_text(app)
    finally:
        go.set()
        indexed.close()
