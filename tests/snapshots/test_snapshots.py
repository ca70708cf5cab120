"""What the screen shows, compared with approved SVG snapshots.

Regenerate after an intended change with `pytest tests/snapshots --snapshot-update`, and look at
the SVGs (tests/snapshots/__snapshots__/) before committing them.
"""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.helpers import make_app


async def steady(pilot) -> None:
    """No blinking cursors, no running workers, no toasts (they time out by the clock): the
    same picture every time."""
    for box in pilot.app.query(Input):
        box.cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    pilot.app.clear_notifications()
    await pilot.pause()


async def typed(pilot, *keys: str) -> None:
    for box in pilot.app.query(Input):
        box.cursor_blink = False
    await pilot.press(*keys)
    await pilot.pause(0.3)  # past the search debounce
    await steady(pilot)


def test_first_screen(snap_compare):
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=steady)


def test_inserts_and_cursor_at_80_columns(snap_compare):
    assert snap_compare(make_app(), press=["j"] * 6, terminal_size=(80, 24), run_before=steady)


def test_last_screen(snap_compare):
    assert snap_compare(make_app(), press=["G"], terminal_size=(120, 36), run_before=steady)


def test_help_screen(snap_compare):
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=(100, 40))


def test_search_panel_with_highlighted_matches(snap_compare):
    async def search(pilot):
        await typed(pilot, "slash", *"Trinidad")
        await typed(pilot, "enter", "n")

    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=search)


def test_participants_panel_with_a_filter(snap_compare):
    async def filter_to_rennie(pilot):
        await typed(pilot, "p", *"Rennie", "enter")

    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=filter_to_rennie)


def test_bookmarks_panel_with_a_note(snap_compare):
    async def bookmark(pilot):
        await typed(pilot, "j", "m", "j", "j", "M", *"a question to quote", "enter")
        await typed(pilot, "apostrophe")

    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=bookmark)


def test_search_panel_overlays_at_80x24(snap_compare):
    async def search(pilot):
        await typed(pilot, "slash", *"from:gem")

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=search)
