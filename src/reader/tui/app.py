"""ReaderApp: owns the transcript and the app's state; widgets send messages up to it."""

from __future__ import annotations

import asyncio
import gc
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar

from textual.actions import SkipAction
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Input, ProgressBar, TabbedContent, TabPane

from reader.bookmarks import BookmarkStore
from reader.index import IndexedTranscript
from reader.model import MessageKind, Transcript
from reader.safe_text import visible
from reader.threads.tree import replies_index, thread_of
from reader.tui.app_bookmarks import BookmarksMixin
from reader.tui.app_scan import ScanMixin
from reader.tui.app_search import SearchMixin
from reader.tui.app_settings import SettingsMixin
from reader.tui.app_timeline import TimelineMixin
from reader.tui.keys import describe, key_label
from reader.tui.themes import THEMES
from reader.tui.widgets.bookmarks_panel import BookmarkList, BookmarksPanel
from reader.tui.widgets.chat_pane import ChatPane
from reader.tui.widgets.key_bar import KeyBar
from reader.tui.widgets.participants import ParticipantList, ParticipantsPanel
from reader.tui.widgets.search_panel import SearchPanel
from reader.tui.widgets.status import StatusLine
from reader.tui.widgets.timeline import Timeline

PanelT = TypeVar("PanelT", bound=Widget)


class ReaderApp(SearchMixin, BookmarksMixin, ScanMixin, TimelineMixin, SettingsMixin, App[None]):
    CSS_PATH = "reader.tcss"
    TITLE = "reader"

    BINDINGS = [
        Binding("question_mark", "help", "Keys"),
        # Priority: the app takes these keys as they come, before it hands the keys after them
        # to the focused widget (see action_show_panel).
        Binding("slash", "show_panel('search')", "Search", priority=True),
        Binding("n", "next_match", "Next match", show=False),
        Binding("N", "previous_match", "Previous match", show=False),
        Binding("p", "show_panel('participants')", "Participants", priority=True),
        Binding("apostrophe", "show_panel('bookmarks')", "Bookmarks", priority=True),
        Binding("m", "toggle_bookmark", "Mark", show=False),
        Binding("M", "edit_note", "Note", show=False),
        Binding("left_square_bracket", "previous_bookmark", "Previous bookmark", show=False),
        Binding("right_square_bracket", "next_bookmark", "Next bookmark", show=False),
        Binding("x", "clear_filter", "Clear filter", show=False),
        Binding("r", "go_to_parent", "Go to what it answers", show=False),
        Binding("t", "thread", "Thread"),
        Binding("e", "export", "Export"),
        Binding("y", "copy_message", "Copy message", show=False),
        Binding("colon", "go_to_time", "Go to time", show=False),
        Binding("T", "toggle_timeline", "Timeline on/off", show=False),
        Binding("f2", "toggle_plain", "Plain mode on/off", show=False),
        Binding("L", "toggle_panel_layout", "Panels beside/under the chat", show=False),
        Binding("Y", "copy_thread", "Copy thread", show=False),
        Binding("backspace", "go_back", "Back from a reply jump", show=False),
        Binding("E", "toggle_events", "Show joins/parts", show=False),
        Binding("P", "toggle_private", "Hide private messages", show=False),
        Binding("escape", "close_panel", "Back to chat", show=False),
        Binding("i", "info", "Event info"),
        Binding("q", "quit", "Quit"),
    ]
    PANEL_WIDTH_OVERLAY = 100  # below this many columns the side panel covers the chat
    FILE_CHECK_EVERY = 2.0  # seconds between looks at the file on disk

    def __init__(
        self,
        transcript: Transcript,
        store: BookmarkStore | None = None,
        *,
        indexed: IndexedTranscript | None = None,
        manage_collector: bool = False,
    ) -> None:
        """`indexed`: a big file being indexed in the background; `transcript` is its head.
        `manage_collector`: the app runs the process (`reader FILE`), which turned Python's
        garbage collector off for the start. The app turns it back on once the first screen
        is up, and keeps what lives as long as it does out of the collector's way."""
        super().__init__()
        self._manage_collector = manage_collector
        self.transcript = transcript
        self._setup_scan(indexed)
        self._setup_bookmarks(store)
        self._setup_search()
        self._setup_timeline()
        self._setup_settings()
        self.show_timeline = True
        self._note_kinds(transcript)
        self.title = visible(transcript.title or Path(transcript.source).name or "reader")
        details = [transcript.date, Path(transcript.source).name if transcript.source else None]
        self.sub_title = visible(" · ".join(d for d in details if d))
        self.author_filter: frozenset[str] = frozenset()
        self.show_events = False
        self.hide_private = False
        self._back: list[int] = []  # message ids to return to after reply jumps
        self._side_ready = False
        self._side_lock = asyncio.Lock()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ChatPane(self.transcript, estimate=self._estimator(), id="chat")
        yield Timeline(id="timeline")
        with Horizontal(id="statusbar"):
            yield StatusLine(id="status")
            yield ProgressBar(id="scan-progress", show_eta=False, show_percentage=True)
        yield KeyBar(id="keys")

    @property
    def chat(self) -> ChatPane:
        return self.query_one(ChatPane)

    # -- the side panels, made after the first screen ----------------------------------------

    async def _after_first_screen(self) -> None:
        await self._make_side_panels()
        self._freeze_long_lived()
        if self._manage_collector:
            gc.enable()

    def _freeze_long_lived(self) -> None:
        """What exists now (the start's widgets and styles; at a scan's end, the panels' rows)
        lives as long as the app: full collections stop walking it. Each walk of a Textual
        app's objects took 0.05-0.1 s, now and then in the middle of a search or a jump."""
        if self._manage_collector:
            gc.freeze()

    async def _make_side_panels(self) -> None:
        """Mount the side panels, once: just after the first screen, or at once when a panel
        is asked for before that. They start hidden, and building them (a dozen widgets and
        their styles) took a tenth of a second that the first screen waited for."""
        async with self._side_lock:
            if self._side_ready:
                return
            side = TabbedContent(id="side")
            side.compose_add_child(TabPane("Search", SearchPanel(self.transcript), id="search"))
            participants = ParticipantsPanel(self.transcript.participants)
            side.compose_add_child(TabPane("Participants", participants, id="participants"))
            bookmarks = BookmarksPanel(self.transcript)
            side.compose_add_child(TabPane("Bookmarks", bookmarks, id="bookmarks"))
            await self.query_one("#main", Horizontal).mount(side)
            self._side_ready = True
        # A big file's scan may have grown the transcript while they were made.
        self._give_panels(self.transcript, participants=True)
        participants.set_filtered(self.author_filter)
        self._show_bookmarks()

    def _panel(self, kind: type[PanelT]) -> PanelT | None:
        """A side panel, or None until the panels are made (while they are, a scan's report
        may come: a panel's own widgets are not there yet) and after they are gone."""
        if not self._side_ready:
            return None
        return next(iter(self.query(kind)), None)

    def on_mount(self) -> None:
        chat = self.chat
        # Reply links are not computed for an indexed (very big) transcript.
        self.replies = {} if self.indexed else replies_index(self.transcript.messages)
        chat.reply_counts = {parent: len(ids) for parent, ids in self.replies.items()}
        if self.store is None:
            self.store = BookmarkStore.open()
        if self.store.notice:
            self.notify(self.store.notice, severity="warning", timeout=10)
        for theme in THEMES:
            self.register_theme(theme)
        self._apply_settings()
        self._show_bookmarks()
        self._apply_view()
        self._measure_activity()
        chat.focus()
        self._update_position()
        if self.indexed is not None:
            self._show_scanning(True)
            # After the first screen: the scan's second helper must not slow it down.
            self.call_after_refresh(self._scan_worker)
        self.call_after_refresh(self._after_first_screen)
        self._file_state = self._stat_source()
        self.set_interval(self.FILE_CHECK_EVERY, self._check_source)
        if self.transcript.warnings:
            count = len(self.transcript.warnings)
            self.notify(
                f"{count} line{'s' if count > 1 else ''} not understood: press i to see them",
                severity="warning",
            )

    def on_chat_pane_cursor_moved(self, event: ChatPane.CursorMoved) -> None:
        self._update_position()
        self._show_timeline()

    def _update_position(self) -> None:
        chat, status = self.chat, self.query_one(StatusLine)
        message = chat.current_message
        total = len(self.transcript.messages)
        if message is None:
            status.position = f"no messages of {total}"
            return
        where = f"message {message.id} of {total}"
        if self.author_filter or self._hiding_events() or self._hiding_private():
            where = f"{chat.cursor + 1} of {len(chat.view)} shown ({where})"
        status.position = f"{where}  {message.time or ''}".rstrip()

    def _stat_source(self) -> tuple[int, int] | None:
        try:
            stat = Path(self.transcript.source).stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size)

    def _check_source(self) -> None:
        """Say once when the file changes or goes away: the screen shows what was read."""
        if not self.transcript.source:
            return
        state = self._stat_source()
        if state == self._file_state:
            return
        self._file_state = state
        name = visible(Path(self.transcript.source).name)
        if state is None:
            self.notify(f"{name} was moved or removed: this is what was read.", severity="warning")
        else:
            self.notify(
                f"{name} changed on disk: open it again to see the changes.", severity="warning"
            )

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.PANEL_WIDTH_OVERLAY, "-narrow")

    # -- the view: which messages the chat shows ---------------------------------------------

    def _indices_by(self, names: Iterable[str]) -> Sequence[int]:
        """Indices of the messages these people wrote, without reading an indexed file."""
        if self.indexed is not None:
            return self.indexed.view_for_authors(names)
        wanted = set(names)
        return [i for i, m in enumerate(self.transcript.messages) if m.author in wanted]

    def _compute_view(self) -> Sequence[int]:
        messages = self.transcript.messages
        names = self.author_filter
        hide_events, hide_private = self._hiding_events(), self._hiding_private()
        if not hide_events and not hide_private:
            return self._indices_by(names) if names else range(len(messages))
        return [
            index
            for index, m in enumerate(messages)
            if (not names or m.author in names)
            and not (hide_events and m.kind is not MessageKind.MESSAGE)
            and not (hide_private and m.to)
        ]

    def _note_kinds(self, transcript: Transcript) -> None:
        """Whether the transcript has events or private messages, found once: asking again
        would read every message of a lazily read file (whose format has neither)."""
        self._has_events = self._has_private = False
        if self.indexed is not None:
            return
        for message in transcript.messages:
            self._has_events |= message.kind is not MessageKind.MESSAGE
            self._has_private |= message.to is not None

    def _hiding_events(self) -> bool:
        return self._has_events and not self.show_events

    def _hiding_private(self) -> bool:
        return self._has_private and self.hide_private

    def action_toggle_events(self) -> None:
        self.show_events = not self.show_events
        self._apply_view()
        self.notify(
            "Joins, parts and other events shown."
            if self.show_events
            else "Joins, parts and other events hidden.",
            timeout=3,
        )

    def action_toggle_private(self) -> None:
        self.hide_private = not self.hide_private
        self._apply_view()
        self.notify(
            "Private messages hidden." if self.hide_private else "Private messages shown.",
            timeout=3,
        )

    # -- replies -----------------------------------------------------------------------------

    def action_go_to_parent(self) -> None:
        message = self.chat.current_message
        if message is None or message.reply_to is None:
            self.notify("This message is not linked as a reply.", timeout=3)
            return
        if self.chat.go_to_message(message.reply_to):
            self._back.append(message.id)
        else:
            self.notify("The message it answers is hidden by the filter.", severity="warning")

    def action_thread(self) -> None:
        message = self.chat.current_message
        if message is None:
            return
        thread = thread_of(self.transcript.messages, message.id, self.replies)

        def go(message_id: int | None) -> None:
            if message_id is not None and message_id != message.id:
                if self.chat.go_to_message(message_id):
                    self._back.append(message.id)
                else:
                    self.notify("That message is hidden by the filter.", severity="warning")

        from reader.tui.screens.thread import ThreadScreen  # dialogs load when first opened

        self.push_screen(ThreadScreen(thread, message.id), go)

    def action_export(self) -> None:
        message = self.chat.current_message
        selections = [(b.message_id, b.note or None) for b in self.bookmarks]

        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Exported to {visible(str(path))}", timeout=6)

        from reader.tui.screens.export import ExportScreen  # dialogs load when first opened

        folder = Path.cwd()
        cursor = message.id if message else None
        self.push_screen(ExportScreen(self._citable(), selections, cursor, folder), written)

    def action_copy_message(self) -> None:
        message = self.chat.current_message
        if message is not None:
            from reader.export.thread_markdown import quote_message  # loaded when first used

            self._copy(quote_message(self.transcript, message), "the message")

    def action_copy_thread(self) -> None:
        message = self.chat.current_message
        if message is not None:
            note = next((b.note for b in self.bookmarks if b.message_id == message.id), None)
            from reader.export.threads_export import render_threads

            self._copy(render_threads(self._citable(), [(message.id, note)], "md"), "its thread")

    def _copy(self, text: str, what: str) -> None:
        # OSC 52: the terminal's own clipboard, which also works over SSH.
        self.copy_to_clipboard(text)
        self.notify(f"Copied {what} as Markdown.", timeout=3)

    def action_go_back(self) -> None:
        while self._back:
            if self.chat.go_to_message(self._back.pop()):
                return
        self.notify("Nothing to go back to.", timeout=3)

    def _apply_view(self) -> None:
        if self._search_request and self._search_request.in_filter:
            self._start_search(again=True)
        self.chat.set_view(self._compute_view())
        status = self.query_one(StatusLine)
        if self.author_filter:
            who = ", ".join(sorted(visible(n) for n in self.author_filter))
            status.filter = f"filter: {who} (x clears)"
        else:
            status.filter = ""
        if participants := self._panel(ParticipantsPanel):
            participants.set_filtered(self.author_filter)
        self._update_position()

    def on_participants_panel_chosen(self, event: ParticipantsPanel.Chosen) -> None:
        self.author_filter = self.author_filter | {event.name}
        self._apply_view()

    def on_participants_panel_filter_cleared(self) -> None:
        self.action_clear_filter()

    def on_participants_panel_next_message(self, event: ParticipantsPanel.NextMessage) -> None:
        chat = self.chat
        current = chat.current_message
        theirs = self._indices_by([event.name])
        if not theirs:
            return
        # Indices are 0-based, ids 1-based: the next of theirs after the cursor, wrapping.
        after = bisect_left(theirs, current.id if current else 0)
        index = theirs[after] if after < len(theirs) else theirs[0]
        if not chat.go_to_message(index + 1):
            self.notify("That message is hidden by the filter.", severity="warning")

    def action_clear_filter(self) -> None:
        if self.author_filter:
            self.author_filter = frozenset()
            self._apply_view()

    # -- panels ------------------------------------------------------------------------------

    async def action_show_panel(self, tab: str) -> None:
        """Open a panel and focus its box or list. Keys that reached the app together with this
        one (typed while it was busy, or pasted: `/word`) go to that box: the binding is a
        priority one, run before the app hands on the next key, and the focus moves at once."""
        if isinstance(self.focused, Input):
            raise SkipAction()  # the key is text for the box being typed in
        await self._make_side_panels()  # keys typed next wait for it: they are for the panel
        side = self.query_one("#side", TabbedContent)
        if self.has_class("-show-panel") and side.active == tab and self._panel_has_focus():
            self.action_close_panel()
            return
        self.add_class("-show-panel")
        side.active = tab
        self._focus_panel(tab)

    def _panel_has_focus(self) -> bool:
        focused = self.focused
        if focused is None or not self._side_ready:
            return False
        return self.query_one("#side") in focused.ancestors

    def _focus_panel(self, tab: str) -> None:
        if tab == "participants":
            self._focus_now(self.query_one("#participant-query"))
        elif tab == "search":
            if self.indexed is not None:
                self.indexed.prepare_search()  # its helpers start while the query is typed
            self._focus_now(self.query_one("#search-query"))
        elif tab == "bookmarks":
            self._focus_now(self.query_one(BookmarkList))

    def _focus_now(self, widget: Widget) -> None:
        """Focus `widget` before the next key is handled. `Widget.focus` waits its turn in the
        queue, behind keys that came with the one that asked for it (typed while the app was
        busy, or pasted): `/word` then went to the chat's keys, and the search box got none."""
        self.screen.set_focus(widget)

    def action_close_panel(self) -> None:
        if self._panel_has_focus() or self.has_class("-narrow"):
            if self.has_class("-narrow"):
                self.remove_class("-show-panel")
            self._focus_now(self.chat)

    # -- actions -------------------------------------------------------------------------

    def action_help(self) -> None:
        sections = [
            ("Reading", describe(ChatPane.BINDINGS)),
            ("Participants panel", describe(ParticipantList.BINDINGS)),
            ("Search panel", describe(SearchPanel.BINDINGS)),
            ("Bookmarks panel", describe(BookmarkList.BINDINGS)),
            ("Everywhere", describe(self.BINDINGS)),
            ("Palette", describe([Binding("ctrl+p", "command_palette", "Command palette")])),
        ]
        from reader.tui.screens.help import HelpScreen  # dialogs load when first opened

        self.push_screen(HelpScreen(sections))

    def action_info(self) -> None:
        from reader.tui.screens.info import InfoScreen  # dialogs load when first opened

        self.push_screen(InfoScreen(self.transcript))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key's action, by name: the palette and the keys share one list."""
        yield from super().get_system_commands(screen)
        sources = [
            ("", ChatPane, ChatPane.BINDINGS),
            ("Participants: ", ParticipantList, ParticipantList.BINDINGS),
            ("Search: ", SearchPanel, SearchPanel.BINDINGS),
            ("Bookmarks: ", BookmarkList, BookmarkList.BINDINGS),
            ("", None, self.BINDINGS),
        ]
        for prefix, kind, bindings in sources:
            for binding in bindings:
                yield SystemCommand(
                    f"{prefix}{binding.description}",
                    f"key: {', '.join(key_label(k) for k in binding.key.split(','))}",
                    partial(self._run_action_of, kind, binding.action),
                )

    async def _run_action_of(self, kind: type[Widget] | None, action: str) -> None:
        """Run a widget's action (the app's when `kind` is None); a panel's, chosen before
        the panels are made, makes them first."""
        if kind is None:
            await self.run_action(action)
            return
        if self._panel(kind) is None:
            await self._make_side_panels()
        await self.run_action(action, self.query_one(kind))
