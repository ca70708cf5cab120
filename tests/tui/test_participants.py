"""The participants panel: counts, filter to people and back, jump to someone's next message."""

from __future__ import annotations

from reader.tui.widgets.participants import ParticipantsPanel
from tests.tui.helpers import make_app, screen_text


async def test_panel_lists_everyone_with_counts_and_the_moderator():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        text = screen_text(app)
        assert "Anne Speckhard  6 + 53 inserts (moderator)" in text
        assert "Mike Counts  12" in text
        assert "47 of 47 · sorted by count" in text
        await pilot.press("tab", "s")  # from the name box to the list, then sort
        await pilot.pause()
        text = screen_text(app)
        assert "sorted by name" in text
        assert text.index("Ahmad Helmi") < text.index("angela ewing") < text.index("Anne Speckhard")


async def test_filter_to_a_person_add_another_and_clear():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("p")
        await pilot.press(*"rennie", "enter")
        await pilot.pause()
        assert {app.transcript.messages[i].author for i in app.chat.view} == {"Rennie"}
        assert len(app.chat.view) == 6
        assert "filter: Rennie (x clears)" in screen_text(app)
        await pilot.press(*(["backspace"] * 6), *"gem", "enter")
        await pilot.pause()
        assert {app.transcript.messages[i].author for i in app.chat.view} == {"Rennie", "Gem"}
        assert len(app.chat.view) == 14
        # Inserts under filtered messages are still shown.
        assert "Rennie we’d be very happy to help" in "".join(
            i.text for idx in app.chat.view for i in app.transcript.messages[idx].inserts
        )
        await pilot.press("escape", "x")
        await pilot.pause()
        assert len(app.chat.view) == 120
        assert "filter:" not in screen_text(app)


async def test_filter_keeps_the_cursor_on_its_message_when_it_stays():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("j", "j", "j")  # 11:13:48 Rennie
        assert app.chat.current_message.author == "Rennie"
        await pilot.press("p", *"Rennie", "enter")
        await pilot.pause()
        assert app.chat.current_message.time == "11:13:48"
        assert "1 of 6 shown (message 4 of 120)" in screen_text(app)


async def test_jump_to_next_message_by_a_person_without_filtering():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("p", *"mike", "tab")
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.chat.current_message.author == "Mike Counts"
        assert app.chat.current_message.id == 2
        await pilot.press("greater_than_sign")
        assert app.chat.current_message.id == 6
        assert len(app.chat.view) == 120


async def test_panel_overlays_the_chat_at_80_columns_and_escape_closes_it():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert app.query_one(ParticipantsPanel).region.width > 0
        assert app.chat.region.width == 80 - 0  # the chat keeps its width under the panel
        await pilot.press("escape")
        await pilot.pause()
        assert not app.has_class("-show-panel")
        assert app.chat.has_focus
