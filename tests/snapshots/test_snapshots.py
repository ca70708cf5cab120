"""What the screen shows, compared with approved SVG snapshots.

Regenerate after an intended change with `pytest tests/snapshots --snapshot-update`, and look at
the SVGs (tests/snapshots/__snapshots__/) before committing them.
"""

from __future__ import annotations

from tests.tui.helpers import make_app


def test_first_screen(snap_compare):
    assert snap_compare(make_app(), terminal_size=(120, 36))


def test_inserts_and_cursor_at_80_columns(snap_compare):
    assert snap_compare(make_app(), press=["j"] * 6, terminal_size=(80, 24))


def test_last_screen(snap_compare):
    assert snap_compare(make_app(), press=["G"], terminal_size=(120, 36))


def test_help_screen(snap_compare):
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=(100, 36))
