"""The export dialog: format, which threads, preview, write, and no silent overwrite."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from textual.widgets import Input, Select

from tests.tui.helpers import make_app, screen_text


async def open_with_two_bookmarks(app, pilot):
    await pilot.press("j", "m", "j", "j", "M", *"worth quoting", "enter")
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()


async def test_markdown_export_of_the_bookmarks(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(130, 45)) as pilot:
        await open_with_two_bookmarks(app, pilot)
        text = screen_text(app)
        assert "Export threads" in text
        assert "All bookmarks (2)" in text
        assert "# Threads from “Can an ISIS Terrorist" in text  # the preview
        await pilot.click("#export-go")
        await pilot.pause()
        written = list(tmp_path.glob("*.md"))
        assert [p.name for p in written] == [
            "Can-an-ISIS-Terrorist-be-Rehabilitated-and-Reintegrated-into-Society-threads.md"
        ]
        body = written[0].read_text(encoding="utf-8")
        assert "Mike Counts" in body and "Rennie" in body and "worth quoting" in body
        assert "Exported to" in " ".join(str(n.message) for n in app._notifications)


async def test_html_export_of_the_cursor_thread(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(130, 45)) as pilot:
        await open_with_two_bookmarks(app, pilot)
        app.screen.query_one(Select).value = "html"
        await pilot.pause()
        assert app.screen.query_one("#export-path", Input).value.endswith("-threads.html")
        await pilot.click("#which-thread")
        await pilot.click("#export-go")
        await pilot.pause()
        (page,) = tmp_path.glob("*.html")
        html = page.read_text(encoding="utf-8")
        HTMLParser().feed(html)  # parses
        assert "How do you know if rehabilitation" in html
        assert "I can think of one other thing" not in html  # only the cursor's thread


async def test_an_existing_file_needs_a_second_export(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(130, 45)) as pilot:
        await open_with_two_bookmarks(app, pilot)
        app.screen.query_one(Select).value = "json"
        await pilot.pause()
        target = tmp_path / "mine.json"
        target.write_text("keep")
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.pause()
        await pilot.click("#export-go")
        await pilot.pause()
        assert target.read_text() == "keep"
        assert "exists: Export again to overwrite it." in screen_text(app)
        await pilot.pause(0.5)  # a button ignores presses while it shows the last one
        await pilot.click("#export-go")
        await pilot.pause()
        assert len(json.loads(target.read_text(encoding="utf-8"))["threads"]) == 2


async def test_escape_cancels_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(130, 45)) as pilot:
        await open_with_two_bookmarks(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not list(tmp_path.glob("*-threads.*"))
        assert "Export threads" not in screen_text(app)


async def test_the_dialog_also_copies_instead_of_writing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(130, 45)) as pilot:
        await open_with_two_bookmarks(app, pilot)
        await pilot.click("#export-copy")
        await pilot.pause()
        assert app.clipboard.startswith("# Threads from “Can an ISIS Terrorist")
        assert "worth quoting" in app.clipboard
        assert not list(tmp_path.glob("*-threads.*"))
