"""A small dialog to add or edit a bookmark's note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class NoteScreen(ModalScreen[str | None]):
    """Returns the note (possibly empty), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, about: str, note: str) -> None:
        super().__init__()
        self.about = about
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            yield Static("Bookmark note", classes="dialog-title")
            yield Static(self.about, markup=False, classes="panel-hint")
            yield Input(self.note, placeholder="a note for this bookmark", id="note-input")
            yield Static("Enter saves · Esc cancels", classes="panel-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
