"""`reader FILE` runs the garbage collector for the app: off for the start, then on, with what
lives as long as the app frozen out of its walks. An app run any other way leaves it alone."""

from __future__ import annotations

import gc
import threading

from reader.index import open_indexed
from reader.loader import load
from reader.tui import app_scan
from reader.tui.app import ReaderApp
from tests.conftest import PANEL_SAMPLE
from tests.tui.helpers import make_app


async def after_first_screen(app, pilot) -> None:
    """Wait until the side panels are made: the app's work after the first screen is done."""
    for _ in range(200):
        if app._side_ready:
            break
        await pilot.pause(0.02)
    assert app._side_ready
    await pilot.pause()


async def test_the_app_turns_a_paused_collector_back_on_after_the_first_screen():
    gc.disable()
    try:
        app = ReaderApp(load(PANEL_SAMPLE), manage_collector=True)
        async with app.run_test(size=(120, 36)) as pilot:
            await after_first_screen(app, pilot)
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


async def test_an_app_told_nothing_leaves_the_collector_alone():
    gc.disable()
    try:
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("slash")  # the panels are made
            await pilot.pause()
            assert not gc.isenabled()
            assert gc.get_freeze_count() == 0
    finally:
        gc.enable()


async def test_a_big_files_scan_end_freezes_what_the_app_holds(generated_20k, monkeypatch):
    monkeypatch.setattr(app_scan.ScanMixin, "FULL_LOAD_AFTER_SCAN", 0)  # the index stays
    indexed = open_indexed(generated_20k, min_size=0)
    assert indexed is not None
    go = threading.Event()  # the scan waits until the start's freeze is counted
    real_scan = indexed.scan

    def held_scan(*args, **kwargs):
        go.wait(30)
        return real_scan(*args, **kwargs)

    indexed.scan = held_scan
    gc.disable()
    try:
        app = ReaderApp(indexed.head, indexed=indexed, manage_collector=True)
        async with app.run_test(size=(140, 40)) as pilot:
            await after_first_screen(app, pilot)
            after_start = gc.get_freeze_count()
            assert after_start > 0 and not indexed.done
            go.set()
            for _ in range(400):
                if indexed.done and not app.query_one("#scan-progress").display:
                    break
                await pilot.pause(0.05)
            assert indexed.done
            await pilot.pause()
            assert gc.get_freeze_count() > after_start
    finally:
        indexed.close()
        gc.unfreeze()
        gc.enable()


async def test_a_file_loaded_whole_after_its_scan_is_frozen_too(generated_20k):
    """A file small enough is parsed whole after its scan: its messages live as long as the
    app, and full collections no longer walk them."""
    indexed = open_indexed(generated_20k, min_size=0)
    assert indexed is not None
    gc.disable()
    try:
        app = ReaderApp(indexed.head, indexed=indexed, manage_collector=True)
        async with app.run_test(size=(140, 40)) as pilot:
            for _ in range(400):
                if app.indexed is None:  # the whole parse replaced the index
                    break
                await pilot.pause(0.05)
            assert app.indexed is None
            await pilot.pause()
            messages = app.transcript.messages
            assert len(messages) == 20_000
            # Frozen objects are out of the generations the collector walks.
            assert not any(tracked is messages for tracked in gc.get_objects())
    finally:
        indexed.close()
        gc.unfreeze()
        gc.enable()
