"""y and Y copy the cursor's message or thread as quotable Markdown, through the terminal."""

from __future__ import annotations

from tests.tui.helpers import make_app


async def test_y_copies_the_message_as_a_markdown_quote():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.chat.go_to_message(7)
        await pilot.press("y")
        await pilot.pause()
        copied = app.clipboard
        assert copied.startswith("> **Mike Counts** · 11:16:16\n")
        assert "> *Later insert by Anne Speckhard:*" in copied
        assert copied.rstrip().endswith("2020-06-10, message 7")
        assert "Copied the message as Markdown." in [str(n.message) for n in app._notifications]


async def test_Y_copies_the_thread():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        reply = next(m.id for m in app.transcript.messages if m.time == "11:32:35")
        app.chat.go_to_message(reply)
        await pilot.press("Y")
        await pilot.pause()
        copied = app.clipboard
        assert copied.startswith("# Threads from")
        assert "how long do longitudinal studies" in copied  # the root, by Gem
        assert "RE: GEM in this paper" in copied  # the reply under it
