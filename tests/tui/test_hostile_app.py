"""Hostile transcripts in the app: markup, escapes and bidi controls show as text, do nothing."""

from __future__ import annotations

from tests.conftest import DATA
from tests.tui.helpers import make_app, screen_text

HOSTILE = DATA / "hostile"


async def test_markup_shows_literally_and_clicks_do_nothing():
    app = make_app(HOSTILE / "markup.txt")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Markup [bold]in the[/bold] title" in text
        for shown in (
            "[bold red]x[/]",
            "[/] closes nothing",
            "[link=https://evil.example]click me[/link]",
            "[@click=app.quit]x[/]",
            "[b]Trudy[/b]",
            "unbalanced [ bracket and [bold",
            "[italic]answer[/italic] :smile: \\[escaped] [red",
        ):
            assert shown in text, shown
        lines = text.splitlines()
        for row, line in enumerate(lines):
            if "[@click=app.quit]x[/]" in line or "[link=" in line:
                await pilot.click("ChatPane", offset=(line.index("["), row - 1))
                await pilot.pause()
        assert app.is_running


async def test_escape_sequences_show_as_visible_symbols():
    app = make_app(HOSTILE / "ansi.txt")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
        for shown in (
            "␛[31mred␛[0m text",
            "cursor ␛[2J␛[H␛[10;10Hmoved",
            "␛]0;window title␇ title",
            "␛]8;;https://evil.example␛\\link␛]8;;␛\\ here",
            "clip ␛]52;c;ZWNobyBwd25lZA==␇ board",
            "lone ␛ escape",
            "bell ␇, back␈space, del ␡ end",
            "␛[5mblink␛[0m answer",
        ):
            assert shown in text, shown


async def test_bidi_controls_are_shown_and_scripts_still_read():
    app = make_app(HOSTILE / "bidi.txt")
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for control in ("\u202e", "\u2066", "\u2069", "\u200b"):
            assert control not in text
        assert "⟨RLO⟩" in text
        assert "مرحبا" in text or "السلام" in text  # Arabic stays Arabic


async def test_a_file_that_changes_or_disappears_while_open_gets_a_notice(tmp_path):
    from tests.conftest import PANEL_SAMPLE

    copy = tmp_path / "panel.txt"
    copy.write_bytes(PANEL_SAMPLE.read_bytes())
    app = make_app(copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        with copy.open("a", encoding="utf-8") as more:
            more.write("\n12:40:00  From Late Comer : hello?\n")
        app._check_source()
        await pilot.pause()
        copy.unlink()
        app._check_source()
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert any("panel.txt changed on disk" in s for s in said)
        assert any("panel.txt was moved or removed" in s for s in said)
        # The app keeps running and still shows what it read.
        await pilot.press("G")
        assert app.chat.current_message.id == 120
