"""Themes: chosen from the palette, remembered in the settings file for the next run."""

from __future__ import annotations

from reader.settings import load_settings
from tests.tui.helpers import make_app


async def test_a_chosen_theme_is_remembered_for_the_next_run():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert "reader-high-contrast" in app.available_themes
        app.theme = "reader-high-contrast"
        await pilot.pause()
    assert load_settings().theme == "reader-high-contrast"
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.theme == "reader-high-contrast"


async def test_the_panel_layout_choice_is_remembered():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("L", "p")
        await pilot.pause()
        side = app.query_one("#side")
        assert side.region.y > app.chat.region.y  # under the chat
        assert side.region.width == 120
    assert load_settings().panel == "bottom"
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert again.query_one("#side").region.y > again.chat.region.y


async def test_no_color_is_respected(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.no_color  # Textual then draws in monochrome
