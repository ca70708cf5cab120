"""The help screen: every key, generated from the same bindings the footer and palette use."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.keys import KeyHelp


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def __init__(self, sections: list[tuple[str, list[KeyHelp]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static("Keys", classes="dialog-title")
            with Grid(id="help-grid"):
                for title, keys in self.sections:
                    width = max((len(k.keys) for k in keys), default=0)
                    rows = "\n".join(f"  {k.keys.ljust(width)}   {k.description}" for k in keys)
                    section = Text(title, style="bold")
                    section.append("\n" + rows, style="")
                    yield Static(section, classes="help-keys")
            yield Static(
                "Every action is also in the command palette (ctrl+p).", classes="info-text"
            )

    def action_dismiss(self) -> None:
        self.dismiss()
