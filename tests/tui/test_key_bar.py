"""The key bar at the bottom: the focused widget's keys, clickable, cut whole at narrow widths."""

from __future__ import annotations

from reader.tui.widgets.key_bar import KeyBar
from reader.tui.widgets.participants import ParticipantsPanel
from tests.tui.helpers import make_app, screen_text


def bottom_line(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_bar_shows_the_chats_keys_then_the_search_boxs():
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        line = bottom_line(app)
        assert line.startswith(" ? Keys  / Search  p Participants  ' Bookmarks  t Thread")
        assert line.endswith("▏^p palette")
        await pilot.press("slash")
        await pilot.pause()
        line = bottom_line(app)
        assert "^r Regex on/off" in line
        assert "p Participants" not in line  # typed into the box, not a key here
        await pilot.press("escape")
        await pilot.pause()
        assert "p Participants" in bottom_line(app)


async def test_a_click_on_a_key_runs_it():
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        column = bottom_line(app).index("Participants")
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert app.has_class("-show-panel")
        assert app.query_one(ParticipantsPanel).region.width > 0


async def test_a_click_between_keys_does_nothing():
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        line = bottom_line(app)
        gap = line.index("Quit") + len("Quit ") + 5  # the space before the palette's key
        assert line[gap] == " "
        await pilot.click(KeyBar, offset=(gap, 0))
        await pilot.pause()
        assert not app.has_class("-show-panel")
        assert len(app.screen_stack) == 1


async def test_keys_that_do_not_fit_are_left_out_whole():
    app = make_app()
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        # " t Thread " would end at column 58, where the palette's key starts at 48.
        assert bottom_line(app) == " ? Keys  / Search  p Participants  ' Bookmarks  ▏^p palette"
