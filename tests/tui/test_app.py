"""The app as a person uses it: open, move, jump, help, info, resize."""

from __future__ import annotations

import pytest

from reader.tui.widgets.chat_pane import ChatPane
from tests.tui.helpers import dialog_rows, make_app, screen_text


async def test_opens_with_title_first_message_and_status():
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Can an ISIS Terrorist be Rehabilitated" in text
        assert "2020-06-10" in text
        assert "11:11:21  felix opondo" in text
        assert "Hello Everyone…. Felix Opondo from Kenya" in text
        assert "message 1 of 120  11:11:21" in text


async def test_inserts_show_inline_under_their_message():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        mike = next(i for i, line in enumerate(lines) if "11:16:16  Mike Counts" in line)
        label = next(i for i, line in enumerate(lines) if "Anne Speckhard · later insert" in line)
        gem = next(i for i, line in enumerate(lines) if "11:16:34  Gem" in line)
        assert mike < label < gem
        assert "│ There is a wonderful book" in lines[label + 1]


async def test_cursor_moves_with_j_k_and_jumps_with_g_G():
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("j", "j", "down")
        assert app.chat.current_message.id == 4
        await pilot.press("k")
        assert app.chat.current_message.id == 3
        await pilot.press("G")
        await pilot.pause()
        assert app.chat.current_message.id == 120
        text = screen_text(app)
        assert "12:33:54  Dan Dias" in text
        assert "message 120 of 120  12:33:54" in text
        await pilot.press("g")
        await pilot.pause()
        assert app.chat.current_message.id == 1
        assert "felix opondo" in screen_text(app)
        await pilot.press("end", "home")
        assert app.chat.current_message.id == 1


async def test_page_down_moves_past_the_screen():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        first_screen = screen_text(app)
        await pilot.press("pagedown")
        await pilot.pause()
        message = app.chat.current_message
        assert message.id > 5
        header = f"{message.time}  {message.author}"
        assert header not in first_screen.splitlines()[1]
        # The message the page starts with is now at the top of the chat.
        assert header in screen_text(app).splitlines()[1]
        await pilot.press("pageup")
        assert app.chat.current_message.id < message.id


async def test_click_selects_a_message():
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        row = next(i for i, line in enumerate(lines) if "11:13:48  Rennie" in line)
        await pilot.click("ChatPane", offset=(10, row - 1))
        assert app.chat.current_message.author == "Rennie"


@pytest.mark.parametrize("big", [False, True], ids=["re-estimated", "estimates-kept"])
async def test_resize_keeps_the_cursor_message_on_screen(big, monkeypatch):
    if big:  # a view too long to guess again: only the drawn blocks are laid out anew
        monkeypatch.setattr(ChatPane, "REESTIMATE_LIMIT", 10)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("G", "k", "k")
        await pilot.pause()
        assert app.chat.current_message.id == 118
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert app.chat.current_message.id == 118
        assert "12:33:51  EH" in screen_text(app)
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        await pilot.pause()
        assert "12:33:51  EH" in screen_text(app)
        # Every block drawn at the new width has its height for that width.
        chat = app.chat
        drawn = [i for i, flag in enumerate(chat._measured) if flag]
        assert drawn
        assert all(chat._heights.height(i) == len(chat._block(i)) for i in drawn)


@pytest.mark.parametrize("shrink", ["terminal", "timeline"])
async def test_the_cursor_message_stays_whole_when_the_pane_gets_shorter(shrink):
    """At the end, the last message fills the bottom of the pane. When the pane loses rows
    (a shorter terminal, or the timeline appearing under it once a big file is counted), its
    last lines must not slip below the screen."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        if shrink == "timeline":
            await pilot.press("T")  # off, to show it again once at the end
        await pilot.press("G")
        await pilot.pause()
        chat = app.chat
        last_line = chat._block(chat.cursor)[-2].text.strip()  # its last line before the gap
        assert last_line in screen_text(app)
        if shrink == "terminal":
            await pilot.resize_terminal(120, 33)
        else:
            await pilot.press("T")
        await pilot.pause()
        await pilot.pause()
        assert chat.scrollable_content_region.height < 36
        assert last_line in screen_text(app)


async def test_the_end_stays_on_screen_when_blocks_above_turn_out_shorter():
    """After a jump to the end, blocks above the screen may be measured shorter than their
    estimates (a relayout, a scan's report): the content then ends above where the pane was
    scrolled to. The pane scrolls back to show the end instead of drawing a blank screen."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("G")
        await pilot.pause()
        chat = app.chat
        assert chat.current_message.id == 120
        top = chat._heights.start(chat.cursor)
        shrunk = [i for i in range(chat.cursor - 10) if chat._heights.height(i) > 1]
        for i in shrunk:  # well above the screen: 1 line each, as if measured so
            chat._heights.set(i, 1)
            chat._measured[i] = 1
        chat._update_virtual_size()
        assert chat._heights.start(chat.cursor) < top - 40  # the end moved above the screen
        chat.refresh()
        await pilot.pause()
        await pilot.pause()
        screen = screen_text(app)
        last = chat.current_message
        assert f"{last.time}  {last.author}" in screen


async def test_help_lists_every_key_and_closes():
    app = make_app()
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        shown = " | ".join(dialog_rows(app))
        for row in ("j, ↓ Next", "k, ↑ Previous", "g, Home First", "G, End Last", "q Quit"):
            assert row in shown, row
        for row in ("PgDn, Space Page down", "i Event info", "m Mark", "/ Search", "t Thread"):
            assert row in shown, row
        await pilot.press("escape")
        await pilot.pause()
        assert "Keys" not in screen_text(app).splitlines()[2]
        assert app.screen is app.screen_stack[0]


async def test_info_shows_event_details():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        text = screen_text(app)
        assert "Date: 2020-06-10" in text
        assert "Messages: 120 from 47 participants" in text
        assert "This panel discussion was held on June 10, 2020" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]


async def test_markup_and_escapes_in_messages_show_as_text(tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "Page\n\n"
        "10:00:01 From [bold]Eve[/bold] : [@click=app.quit]click me[/] and [red]x\n\n"
        "10:00:02 From Mallory : \x1b[31mred\x1b]0;title\x07 done\n",
        encoding="utf-8",
    )
    app = make_app(hostile)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]Eve[/bold]" in text
        assert "[@click=app.quit]click me[/] and [red]x" in text
        assert "␛[31mred␛]0;title␇ done" in text
        await pilot.click("ChatPane", offset=(12, 1))
        await pilot.pause()
        assert app.is_running


async def test_palette_offers_the_actions():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Keys", "Event info", "Quit", "Next", "Previous", "First", "Last"} <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"event info")
        await pilot.press("enter")
        await pilot.pause()
        assert "Date: 2020-06-10" in screen_text(app)


async def test_the_first_frame_lays_blocks_out_at_the_panes_width(monkeypatch):
    """The first frame comes before the pane hears its size: blocks laid out then at width 0
    (a word a line) were thrown away at once, and cost a tenth of a second of the start."""
    from reader.tui.widgets import chat_pane

    widths: list[int] = []
    real = chat_pane.render_block

    def recording(message, width, *args, **kwargs):
        widths.append(width)
        return real(message, width, *args, **kwargs)

    monkeypatch.setattr(chat_pane, "render_block", recording)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pane_width = app.chat.scrollable_content_region.width
        assert "Hello Everyone…. Felix Opondo from Kenya" in screen_text(app)
    assert widths
    assert set(widths) == {pane_width}
