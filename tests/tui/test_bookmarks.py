"""Bookmarks as a person uses them: mark, note, list, jump, delete and undo, across runs."""

from __future__ import annotations

from reader.bookmarks import BookmarkStore
from reader.tui.widgets.bookmarks_panel import BookmarksPanel
from reader.tui.widgets.chat_pane import ChatPane
from tests.tui.helpers import make_app, screen_text


def gutter_marks(chat: ChatPane) -> int:
    return sum(chat.render_line(y).text[1:2] == "◆" for y in range(chat.size.height))


async def test_mark_shows_in_the_gutter_and_the_panel_and_persists():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("j", "m")
        await pilot.pause()
        assert [b.message_id for b in app.bookmarks] == [2]
        assert gutter_marks(app.chat) == 1
        await pilot.press("apostrophe")
        await pilot.pause()
        text = screen_text(app)
        assert "11:12:31 Mike Counts" in text
        assert "1 bookmark" in text
    # A second run of the app on the same file finds it.
    again = make_app()
    async with again.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert [b.message_id for b in again.bookmarks] == [2]
        assert gutter_marks(again.chat) == 1


async def test_m_again_removes_the_bookmark():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("m", "m")
        await pilot.pause()
        assert app.bookmarks == []
        assert gutter_marks(app.chat) == 0


async def test_note_dialog_adds_and_edits_a_note():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("j", "j", "j", "M")
        await pilot.pause()
        assert "Bookmark note" in screen_text(app)
        await pilot.press(*"asks about evaluation", "enter")
        await pilot.pause()
        assert [(b.message_id, b.note) for b in app.bookmarks] == [(4, "asks about evaluation")]
        await pilot.press("M", "ctrl+u", *"metrics", "enter")
        await pilot.pause()
        assert app.bookmarks[0].note == "metrics"
        await pilot.press("M", *"ignored", "escape")
        await pilot.pause()
        assert app.bookmarks[0].note == "metrics"
        await pilot.press("apostrophe")
        await pilot.pause()
        assert "✎ metrics" in screen_text(app)


async def test_brackets_walk_bookmarks_and_the_panel_jumps():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        for _ in range(3):
            await pilot.press("m", "j", "j", "j", "j", "j")
        assert [b.message_id for b in app.bookmarks] == [1, 6, 11]
        await pilot.press("g", "right_square_bracket")
        assert app.chat.current_message.id == 6
        await pilot.press("right_square_bracket")
        assert app.chat.current_message.id == 11
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert app.chat.current_message.id == 1
        await pilot.press("apostrophe", "down", "down", "enter")
        await pilot.pause()
        assert app.chat.current_message.id == 11
        assert app.chat.has_focus


async def test_delete_with_undo():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("m", "j", "m")
        await pilot.press("apostrophe", "d")
        await pilot.pause()
        assert [b.message_id for b in app.bookmarks] == [2]
        await pilot.press("u")
        await pilot.pause()
        assert [b.message_id for b in app.bookmarks] == [1, 2]


async def test_bookmarks_are_committed_at_once():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("j", "j", "m")
        await pilot.pause()
        # Another connection sees it while the app still runs: nothing waits for quit.
        other = BookmarkStore.open()
        try:
            assert [b.message_id for b in other.bookmarks(app.transcript)] == [3]
        finally:
            other.close()


async def test_the_app_updates_the_panels_that_are_being_made_once_they_are(monkeypatch):
    """A big file's scan reports when it likes: one came while the side panels were being
    made, with the bookmarks panel there but not its list, and the app stopped on the error."""
    app = make_app()
    compose = BookmarksPanel.compose

    def compose_during_a_report(panel):
        app._use_transcript(app.transcript)
        app._show_bookmarks()
        return compose(panel)

    monkeypatch.setattr(BookmarksPanel, "compose", compose_during_a_report)
    with BookmarkStore.open() as store:
        store.set(app.transcript, 3)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("apostrophe")
        await pilot.pause()
        assert "1 bookmark" in screen_text(app)
