"""Plain mode: ASCII marks and words instead of box drawing and colour-only meaning."""

from __future__ import annotations

from reader.settings import load_settings
from tests.tui.helpers import make_app, screen_text


async def test_plain_mode_labels_in_words_and_is_remembered():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.chat.go_to_message(7)
        await pilot.press("m", "f2")
        await pilot.pause()
        text = screen_text(app)
        assert "11:16:16  Mike Counts  [bookmarked]" in text
        assert "| Anne Speckhard · later insert" in text
        assert "| [later insert] There is a wonderful book" in text
        assert "│" not in text.split("\n", 1)[1].rsplit("\n", 3)[0]  # no box drawing in the chat
        assert ">*11:16:16" in text
    assert load_settings().plain
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.has_class("-plain")
