"""ReaderApp: owns the transcript and the app's state; widgets send messages up to it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, TabbedContent, TabPane

from reader.model import MessageKind, Transcript
from reader.safe_text import visible
from reader.tui.keys import describe, key_label
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.info import InfoScreen
from reader.tui.widgets.chat_pane import ChatPane
from reader.tui.widgets.participants import ParticipantList, ParticipantsPanel
from reader.tui.widgets.status import StatusLine


class ReaderApp(App[None]):
    CSS_PATH = "reader.tcss"
    TITLE = "reader"

    BINDINGS = [
        Binding("question_mark", "help", "Keys"),
        Binding("p", "show_panel('participants')", "Participants"),
        Binding("x", "clear_filter", "Clear filter", show=False),
        Binding("escape", "close_panel", "Back to chat", show=False),
        Binding("i", "info", "Event info"),
        Binding("q", "quit", "Quit"),
    ]
    PANEL_WIDTH_OVERLAY = 100  # below this many columns the side panel covers the chat

    def __init__(self, transcript: Transcript) -> None:
        super().__init__()
        self.transcript = transcript
        self.title = visible(transcript.title or Path(transcript.source).name or "reader")
        details = [transcript.date, Path(transcript.source).name if transcript.source else None]
        self.sub_title = visible(" · ".join(d for d in details if d))

        self.author_filter: frozenset[str] = frozenset()
        self.show_events = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ChatPane(self.transcript, id="chat")
            with TabbedContent(id="side"), TabPane("Participants", id="participants"):
                yield ParticipantsPanel(self.transcript.participants)
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
        self._apply_view()
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

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.PANEL_WIDTH_OVERLAY, "-narrow")

    # -- the view: which messages the chat shows ---------------------------------------------

    def _compute_view(self) -> range | list[int]:
        messages = self.transcript.messages
        names = self.author_filter
        hidden_events = not self.show_events and any(
            m.kind is not MessageKind.MESSAGE for m in messages
        )
        if not names and not hidden_events:
            return range(len(messages))
        return [
            index
            for index, m in enumerate(messages)
            if (not names or m.author in names)
            and (self.show_events or m.kind is MessageKind.MESSAGE)
        ]

    def _apply_view(self) -> None:
        self.chat.set_view(self._compute_view())
        status = self.query_one(StatusLine)
        if self.author_filter:
            who = ", ".join(sorted(visible(n) for n in self.author_filter))
            status.filter = f"filter: {who} (x clears)"
        else:
            status.filter = ""
        self.query_one(ParticipantsPanel).set_filtered(self.author_filter)
        self._update_position()

    def on_participants_panel_chosen(self, event: ParticipantsPanel.Chosen) -> None:
        self.author_filter = self.author_filter | {event.name}
        self._apply_view()

    def on_participants_panel_filter_cleared(self) -> None:
        self.action_clear_filter()

    def on_participants_panel_next_message(self, event: ParticipantsPanel.NextMessage) -> None:
        chat = self.chat
        current = chat.current_message
        start = current.id if current else 0
        messages = self.transcript.messages
        for index in (*range(start, len(messages)), *range(0, start)):
            if messages[index].author == event.name:
                if not chat.go_to_message(messages[index].id):
                    self.notify("That message is hidden by the filter.", severity="warning")
                return

    def action_clear_filter(self) -> None:
        if self.author_filter:
            self.author_filter = frozenset()
            self._apply_view()

    # -- panels ------------------------------------------------------------------------------

    def action_show_panel(self, tab: str) -> None:
        side = self.query_one("#side", TabbedContent)
        if self.has_class("-show-panel") and side.active == tab and self._panel_has_focus():
            self.action_close_panel()
            return
        self.add_class("-show-panel")
        side.active = tab
        self._focus_panel(tab)

    def _panel_has_focus(self) -> bool:
        focused = self.focused
        return focused is not None and self.query_one("#side") in focused.ancestors

    def _focus_panel(self, tab: str) -> None:
        if tab == "participants":
            self.query_one("#participant-query").focus()

    def action_close_panel(self) -> None:
        if self._panel_has_focus() or self.has_class("-narrow"):
            if self.has_class("-narrow"):
                self.remove_class("-show-panel")
            self.chat.focus()

    # -- actions -------------------------------------------------------------------------

    def action_help(self) -> None:
        sections = [
            ("Reading", describe(ChatPane.BINDINGS)),
            ("Participants panel", describe(ParticipantList.BINDINGS)),
            ("Everywhere", describe(self.BINDINGS)),
            ("Palette", describe([Binding("ctrl+p", "command_palette", "Command palette")])),
        ]
        self.push_screen(HelpScreen(sections))

    def action_info(self) -> None:
        self.push_screen(InfoScreen(self.transcript))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key's action, by name: the palette and the keys share one list."""
        yield from super().get_system_commands(screen)
        sources = [
            ("", self.chat, ChatPane.BINDINGS),
            ("Participants: ", self.query_one(ParticipantList), ParticipantList.BINDINGS),
            ("", self, self.BINDINGS),
        ]
        for prefix, namespace, bindings in sources:
            for binding in bindings:
                yield SystemCommand(
                    f"{prefix}{binding.description}",
                    f"key: {', '.join(key_label(k) for k in binding.key.split(','))}",
                    partial(self.run_action, binding.action, namespace),
                )
