"""The installed app in tmux at 80x24 and 160x50: open, search, bookmark, filter, quit."""

from __future__ import annotations

import pytest

from tests.conftest import PANEL_SAMPLE
from tests.e2e.tmux import READER, Terminal, user_env


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_read_search_bookmark_and_quit(tmp_path, size):
    width, height = size
    env = user_env(tmp_path)
    term = Terminal([str(READER), str(PANEL_SAMPLE)], width, height, env, cwd=tmp_path)
    try:
        screen = term.wait_for(lambda s: "message 1 of 120" in s and "felix opondo" in s)
        assert "Hello Everyone…. Felix Opondo from Kenya" in screen

        term.keys("/")
        term.wait_for("search (from:NAME to scope)")
        term.text("Trinidad")
        term.wait_for("4 matches")
        term.keys("Enter")
        term.wait_for(lambda s: "match 1/4" in s and "12:07:10  Rennie" in s)

        term.keys("m")
        term.keys("'")
        term.wait_for(lambda s: "1 bookmark" in s and "Yep we in Trinidad" in s)
        term.keys("Escape")

        term.keys("e")
        term.wait_for("Export threads")
        term.keys("C-s")
        term.wait_for("Exported to")

        term.keys("p")
        term.wait_for("type to find a name")
        term.text("Gem")
        term.keys("Enter")
        screen = term.wait_for("filter: Gem (x clears)")
        term.keys("Escape", "x")
        term.wait_for(lambda s: "filter:" not in s)

        term.keys("q")
        term.wait_for(lambda s: "message" not in s and "Trinidad" not in s)
    finally:
        term.close()

    # The export holds the bookmarked thread, ready to quote.
    (exported,) = tmp_path.glob("*-threads.md")
    assert "Yep we in Trinidad need greater education" in exported.read_text(encoding="utf-8")

    # The bookmark was kept for the next run.
    term = Terminal(
        [str(READER), "bookmarks", str(PANEL_SAMPLE)], width, height, user_env(tmp_path)
    )
    try:
        screen = term.wait_for("Rennie")
        assert "12:07:10" in screen
    finally:
        term.close()
