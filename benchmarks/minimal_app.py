"""The floor for any Textual first screen: an app that only shows a file's first 64 KiB.

    python benchmarks/minimal_app.py FILE

The runner starts it in tmux like `reader FILE` and times how soon the first message shows: no
app built on Textual can put its first screen up faster than this on the same machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

HEAD_BYTES = 64 * 1024


def read_head(path: Path) -> str:
    with path.open("rb") as file:
        head = file.read(HEAD_BYTES)
    # The cut may split a UTF-8 sequence at the end: drop that partial character only.
    return head.decode("utf-8", errors="ignore")


class HeadApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.head = read_head(path)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.head, markup=False)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: minimal_app.py FILE", file=sys.stderr)
        return 2
    HeadApp(Path(argv[0])).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
