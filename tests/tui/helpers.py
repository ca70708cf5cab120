"""Build the app the way the CLI does, and read what the screen shows."""

from __future__ import annotations

from pathlib import Path

from reader.loader import load
from reader.tui.app import ReaderApp
from tests.conftest import PANEL_SAMPLE


def make_app(path: Path = PANEL_SAMPLE) -> ReaderApp:
    return ReaderApp(load(path))


def screen_text(app: ReaderApp) -> str:
    """What the screen shows, as plain text lines (the top screen, modal dialogs included)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


def dialog_rows(app: ReaderApp) -> set[str]:
    """The rows inside a bordered dialog, with runs of spaces folded to one."""
    rows = set()
    for line in screen_text(app).splitlines():
        if line.count("│") >= 2:
            inner = line[line.index("│") + 1 : line.rindex("│")]
            rows.add(" ".join(inner.split()))
    return rows
