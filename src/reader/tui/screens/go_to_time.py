"""A one-line dialog for `:`: go to a time (11:45, 11:45:30) or move by one (+10m, -5m)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class GoToTimeScreen(ModalScreen[str | None]):
    """Returns what was typed, or None when cancelled; the app reads and checks it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="time-dialog"):
            yield Static("Go to time", classes="dialog-title")
            yield Input(placeholder="11:45, 11:45:30, +10m, -5m, +1h", id="time-input")
            yield Static("Enter goes · Esc cancels", classes="panel-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
