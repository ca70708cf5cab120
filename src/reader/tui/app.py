"""ReaderApp: owns the transcript and the app's state; widgets send messages up to it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header

from reader.model import Transcript
from reader.safe_text import visible
from reader.tui.keys import describe
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.info import InfoScreen
from reader.tui.widgets.chat_pane import ChatPane
from reader.tui.widgets.status import StatusLine


class ReaderApp(App[None]):
    CSS_PATH = "reader.tcss"
    TITLE = "reader"

    BINDINGS = [
        Binding("question_mark", "help", "Keys"),
        Binding("i", "info", "Event info"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, transcript: Transcript) -> None:
        super().__init__()
        self.transcript = transcript
        self.title = visible(transcript.title or Path(transcript.source).name or "reader")
        details = [transcript.date, Path(transcript.source).name if transcript.source else None]
        self.sub_title = visible(" · ".join(d for d in details if d))

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ChatPane(self.transcript, id="chat")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def chat(self) -> ChatPane:
        return self.query_one(ChatPane)

    def on_mount(self) -> None:
        chat = self.chat
        chat.reply_counts = Counter(
            m.reply_to for m in self.transcript.messages if m.reply_to is not None
        )
        chat.focus()
        self._update_position()
        if self.transcript.warnings:
            count = len(self.transcript.warnings)
            self.notify(
                f"{count} line{'s' if count > 1 else ''} not understood: press i to see them",
                severity="warning",
            )

    def on_chat_pane_cursor_moved(self, event: ChatPane.CursorMoved) -> None:
        self._update_position()

    def _update_position(self) -> None:
        chat, status = self.chat, self.query_one(StatusLine)
        message = chat.current_message
        total = len(self.transcript.messages)
        if message is None:
            status.position = f"no messages of {total}"
            return
        where = f"message {message.id} of {total}"
        if len(chat.view) != total:
            where = f"{chat.cursor + 1} of {len(chat.view)} shown ({where})"
        status.position = f"{where}  {message.time or ''}".rstrip()

    # -- actions -------------------------------------------------------------------------

    def action_help(self) -> None:
        sections = [
            ("Reading", describe(ChatPane.BINDINGS)),
            ("Everywhere", describe(self.BINDINGS)),
            ("Palette", describe([Binding("ctrl+p", "command_palette", "Command palette")])),
        ]
        self.push_screen(HelpScreen(sections))

    def action_info(self) -> None:
        self.push_screen(InfoScreen(self.transcript))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        chat = self.chat
        for binding in ChatPane.BINDINGS:
            yield SystemCommand(
                binding.description, f"key {binding.key}", getattr(chat, f"action_{binding.action}")
            )
        for binding in self.BINDINGS:
            yield SystemCommand(
                binding.description, f"key {binding.key}", getattr(self, f"action_{binding.action}")
            )
