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
    """The rows inside the bordered dialog on top, with runs of spaces folded to one.

    The dialog's corners give its columns, so text of the screen behind it never mixes in.
    """
    lines = screen_text(app).splitlines()
    top = next(i for i, line in enumerate(lines) if "╭" in line and "╮" in line)
    left, right = lines[top].index("╭"), lines[top].rindex("╮")
    rows = set()
    for line in lines[top + 1 :]:
        if line[left : left + 1] == "╰":
            break
        rows.add(" ".join(line[left + 1 : right].split()))
    return rows
