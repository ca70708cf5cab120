"""The event information: title, date, file, preamble and epilogue."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.model import Transcript
from reader.safe_text import visible


class InfoScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,i", "dismiss", "Close")]

    def __init__(self, transcript: Transcript) -> None:
        super().__init__()
        self.transcript = transcript

    def compose(self) -> ComposeResult:
        t = self.transcript
        facts = [
            ("Title", t.title or "(none)"),
            ("Date", t.date or "(none)"),
            ("File", t.source),
            ("Format", f"{t.format} ({t.encoding})"),
            ("Messages", f"{len(t.messages)} from {len(t.participants)} participants"),
            ("Later inserts", str(sum(p.inserts for p in t.participants))),
        ]
        with VerticalScroll(id="info-body"):
            yield Static("Event information", classes="dialog-title")
            for label, value in facts:
                yield Static(f"{label}: {visible(value)}", markup=False, classes="info-fact")
            if t.preamble:
                yield Static("Before the chat", classes="info-heading")
                yield Static(visible(t.preamble), markup=False, classes="info-text")
            if t.epilogue:
                yield Static("After the chat", classes="info-heading")
                yield Static(visible(t.epilogue), markup=False, classes="info-text")
            if t.warnings:
                yield Static("Lines not understood", classes="info-heading")
                lines = "\n".join(f"{w.line}: {w.reason}: {w.text}" for w in t.warnings)
                yield Static(visible(lines), markup=False, classes="info-text")

    def action_dismiss(self) -> None:
        self.dismiss()
