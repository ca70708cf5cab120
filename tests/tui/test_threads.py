"""Replies in the app: the reply line, jump to the parent and back, the thread view."""

from __future__ import annotations

from tests.tui.helpers import dialog_rows, make_app, screen_text


def message_at(app, time: str, author: str) -> int:
    return next(m.id for m in app.transcript.messages if m.time == time and m.author == author)


async def test_a_reply_shows_what_it_answers_and_r_goes_there_and_back():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        reply = message_at(app, "11:32:35", "Jocelyn Belanger")
        app.chat.go_to_message(reply)
        await pilot.pause()
        assert "↪ re Gem 11:26:06: how long do longitudinal studies" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert app.chat.current_message.time == "11:26:06"
        assert app.chat.current_message.author == "Gem"
        await pilot.press("backspace")
        assert app.chat.current_message.id == reply


async def test_an_answered_message_counts_its_replies():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        gem = message_at(app, "11:26:06", "Gem")
        count = len(app.replies[gem])
        app.chat.go_to_message(gem)
        await pilot.pause()
        label = f"↩ {count} repl{'y' if count == 1 else 'ies'}"
        assert any(
            "11:26:06  Gem" in line and label in line for line in screen_text(app).splitlines()
        )


async def test_r_on_a_message_that_answers_nothing_says_so():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert app.chat.current_message.id == 1
        assert "not linked as a reply" in " ".join(str(n.message) for n in app._notifications)


async def test_thread_view_shows_root_inserts_and_replies_and_jumps():
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        reply = message_at(app, "11:32:35", "Jocelyn Belanger")
        app.chat.go_to_message(reply)
        await pilot.press("t")
        await pilot.pause()
        rows = dialog_rows(app)
        assert any(row.startswith("Thread:") for row in rows)
        assert "11:26:06 Gem" in rows
        assert "│ Anne Speckhard · later insert" in rows
        assert "↪ 11:32:35 Jocelyn Belanger (marker)" in rows
        # The cursor's message is the one highlighted; up goes to the root, Enter goes there.
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.chat.current_message.author == "Gem"
        await pilot.press("backspace")
        assert app.chat.current_message.id == reply
