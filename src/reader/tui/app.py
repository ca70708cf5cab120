"""ReaderApp: owns the transcript and the app's state; widgets send messages up to it."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from time import monotonic

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, TabbedContent, TabPane
from textual.worker import get_current_worker

from reader.bookmarks import Bookmark, BookmarkStore
from reader.errors import ReaderError
from reader.index import IndexedTranscript, IndexFallback, search_indexed
from reader.loader import load
from reader.model import MessageKind, Transcript
from reader.safe_text import visible
from reader.search import Hit, Query, hits_in, next_hit, parse_query, search
from reader.threads.tree import replies_index, thread_of
from reader.tui.blocks import Highlight
from reader.tui.keys import describe, key_label
from reader.tui.messages import ScanFailed, ScanProgress, SearchProgress, TranscriptLoaded
from reader.tui.screens.export import ExportScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.info import InfoScreen
from reader.tui.screens.note import NoteScreen
from reader.tui.screens.thread import ThreadScreen
from reader.tui.widgets.bookmarks_panel import BookmarkList, BookmarksPanel
from reader.tui.widgets.chat_pane import ChatPane
from reader.tui.widgets.participants import ParticipantList, ParticipantsPanel
from reader.tui.widgets.search_panel import SearchPanel
from reader.tui.widgets.status import StatusLine


class ReaderApp(App[None]):
    CSS_PATH = "reader.tcss"
    TITLE = "reader"

    BINDINGS = [
        Binding("question_mark", "help", "Keys"),
        Binding("slash", "show_panel('search')", "Search"),
        Binding("n", "next_match", "Next match", show=False),
        Binding("N", "previous_match", "Previous match", show=False),
        Binding("p", "show_panel('participants')", "Participants"),
        Binding("apostrophe", "show_panel('bookmarks')", "Bookmarks"),
        Binding("m", "toggle_bookmark", "Mark", show=False),
        Binding("M", "edit_note", "Note", show=False),
        Binding("left_square_bracket", "previous_bookmark", "Previous bookmark", show=False),
        Binding("right_square_bracket", "next_bookmark", "Next bookmark", show=False),
        Binding("x", "clear_filter", "Clear filter", show=False),
        Binding("r", "go_to_parent", "Go to what it answers", show=False),
        Binding("t", "thread", "Thread"),
        Binding("e", "export", "Export"),
        Binding("backspace", "go_back", "Back from a reply jump", show=False),
        Binding("E", "toggle_events", "Show joins/parts", show=False),
        Binding("P", "toggle_private", "Hide private messages", show=False),
        Binding("escape", "close_panel", "Back to chat", show=False),
        Binding("i", "info", "Event info"),
        Binding("q", "quit", "Quit"),
    ]
    PANEL_WIDTH_OVERLAY = 100  # below this many columns the side panel covers the chat
    SEARCH_DEBOUNCE = 0.15  # seconds of quiet typing before a search starts
    SEARCH_BATCH = 2000  # messages a search worker reads between checks for cancellation
    FILE_CHECK_EVERY = 2.0  # seconds between looks at the file on disk
    SCAN_REPORT_EVERY = 0.2  # seconds between progress reports of a background scan

    def __init__(
        self,
        transcript: Transcript,
        store: BookmarkStore | None = None,
        *,
        indexed: IndexedTranscript | None = None,
    ) -> None:
        """`indexed`: a big file being indexed in the background; `transcript` is its head."""
        super().__init__()
        self.transcript = transcript
        self.indexed = indexed
        self.store = store
        # Computed once: asking a lazily read transcript would read every message.
        self._has_events = indexed is None and any(
            m.kind is not MessageKind.MESSAGE for m in transcript.messages
        )
        self.bookmarks: list[Bookmark] = []
        self._deleted: list[Bookmark] = []  # for undo, newest last
        self.title = visible(transcript.title or Path(transcript.source).name or "reader")
        details = [transcript.date, Path(transcript.source).name if transcript.source else None]
        self.sub_title = visible(" · ".join(d for d in details if d))

        self.author_filter: frozenset[str] = frozenset()
        self.show_events = False
        self.hide_private = False
        self._back: list[int] = []  # message ids to return to after reply jumps
        self.search_query: Query | None = None
        self.hits: list[Hit] = []
        self.hit_index: int | None = None
        self._search_generation = 0
        self._search_request: SearchPanel.Changed | None = None
        self._searched_request: SearchPanel.Changed | None = None
        self._search_timer = None
        self._jump_when_found = False
        self._listed_at = 0.0  # when the participants panel was last refilled during a scan

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ChatPane(self.transcript, estimate=self._estimator(), id="chat")
            with TabbedContent(id="side"):
                with TabPane("Search", id="search"):
                    yield SearchPanel(self.transcript)
                with TabPane("Participants", id="participants"):
                    yield ParticipantsPanel(self.transcript.participants)
                with TabPane("Bookmarks", id="bookmarks"):
                    yield BookmarksPanel(self.transcript)
        with Horizontal(id="statusbar"):
            yield StatusLine(id="status")
            yield ProgressBar(id="scan-progress", show_eta=False, show_percentage=True)
        yield Footer()

    @property
    def chat(self) -> ChatPane:
        return self.query_one(ChatPane)

    def on_mount(self) -> None:
        chat = self.chat
        # Reply links are not computed for an indexed (very big) transcript.
        self.replies = {} if self.indexed else replies_index(self.transcript.messages)
        chat.reply_counts = {parent: len(ids) for parent, ids in self.replies.items()}
        if self.store is None:
            self.store = BookmarkStore.open()
        if self.store.notice:
            self.notify(self.store.notice, severity="warning", timeout=10)
        self._show_bookmarks()
        self._apply_view()
        chat.focus()
        self._update_position()
        if self.indexed is not None:
            self.add_class("-scanning")
            self._scan_worker()
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

    def _update_position(self) -> None:
        chat, status = self.chat, self.query_one(StatusLine)
        message = chat.current_message
        total = len(self.transcript.messages)
        if message is None:
            status.position = f"no messages of {total}"
            return
        where = f"message {message.id} of {total}"
        filtered = (
            self.author_filter or self.hide_private or (self._has_events and not self.show_events)
        )
        if filtered:
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

    def _estimator(self) -> Callable[[int, int], int] | None:
        """For an indexed transcript, block heights are guessed from byte lengths."""
        if self.indexed is None:
            return None
        state = self.indexed.state

        def estimate(index: int, width: int) -> int:
            if index >= state.published:  # still from the head, before the scan reached it
                return 4
            return 3 + (state.end_of(index) - state.offsets[index]) // max(width - 8, 10)

        return estimate

    def _indices_by(self, names: Iterable[str]) -> Sequence[int]:
        """Indices of the messages these people wrote, without reading an indexed file."""
        if self.indexed is not None:
            return self.indexed.view_for_authors(names)
        wanted = set(names)
        return [i for i, m in enumerate(self.transcript.messages) if m.author in wanted]

    def _compute_view(self) -> Sequence[int]:
        messages = self.transcript.messages
        names = self.author_filter
        hide_events = self._has_events and not self.show_events
        if not hide_events and not self.hide_private:
            return self._indices_by(names) if names else range(len(messages))
        return [
            index
            for index, m in enumerate(messages)
            if (not names or m.author in names)
            and (self.show_events or m.kind is MessageKind.MESSAGE)
            and not (self.hide_private and m.to)
        ]

    # -- the background scan of a big file --------------------------------------------------

    @work(thread=True, exclusive=True, group="scan")
    def _scan_worker(self) -> None:
        indexed = self.indexed
        assert indexed is not None
        worker = get_current_worker()

        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            now = monotonic()
            if now - last >= self.SCAN_REPORT_EVERY:  # the screen needs a few updates, not all
                last = now
                self.post_message(ScanProgress(done, total, finished=False))

        try:
            finished = indexed.scan(progress, lambda: worker.is_cancelled)
        except IndexFallback:
            # The file is not what its start promised: read it whole, the usual way.
            self.post_message(TranscriptLoaded(load(indexed.path, format_id=indexed.head.format)))
            return
        except ReaderError as error:
            self.post_message(ScanFailed(str(error)))
            return
        if finished:
            self.post_message(ScanProgress(indexed.size, indexed.size, finished=True))

    def on_scan_progress(self, event: ScanProgress) -> None:
        assert self.indexed is not None
        self._use_transcript(self.indexed.transcript())
        bar = self.query_one("#scan-progress", ProgressBar)
        bar.update(total=max(event.total, 1), progress=event.done)
        count = len(self.transcript.messages)
        if event.finished:
            self.remove_class("-scanning")
            self.query_one(StatusLine).progress = ""
            self._show_bookmarks()
        else:
            percent = 100 * event.done // max(event.total, 1)
            self.query_one(StatusLine).progress = f"indexing {percent}% · {count:,} messages"

    def on_transcript_loaded(self, event: TranscriptLoaded) -> None:
        self.indexed = None
        self.remove_class("-scanning")
        self.query_one(StatusLine).progress = ""
        self._has_events = any(m.kind is not MessageKind.MESSAGE for m in event.transcript.messages)
        self.replies = replies_index(event.transcript.messages)
        self.chat.reply_counts = {parent: len(ids) for parent, ids in self.replies.items()}
        self._use_transcript(event.transcript)
        self._show_bookmarks()

    def on_scan_failed(self, event: ScanFailed) -> None:
        self.remove_class("-scanning")
        self.query_one(StatusLine).progress = "indexing stopped"
        self.notify(f"Could not read the rest of the file: {event.error}", severity="error")

    def _use_transcript(self, transcript: Transcript) -> None:
        """Show a transcript that extends the one on screen (more of the same file)."""
        self.transcript = transcript
        for holder in (self.chat, self.query_one(SearchPanel), self.query_one(BookmarksPanel)):
            holder.transcript = transcript
        participants = self.query_one(ParticipantsPanel)
        now = monotonic()
        # Thousands of names: relisting them on every report of the scan would slow it down.
        if self.indexed is None or self.indexed.done or now - self._listed_at > 2:
            self._listed_at = now
            participants.participants = transcript.participants
            participants.refresh_list()
        self.chat.grow(self._compute_view())
        self._update_position()

    def action_toggle_events(self) -> None:
        self.show_events = not self.show_events
        self._apply_view()
        self.notify(
            "Joins, parts and other events shown."
            if self.show_events
            else "Joins, parts and other events hidden.",
            timeout=2,
        )

    def action_toggle_private(self) -> None:
        self.hide_private = not self.hide_private
        self._apply_view()
        self.notify(
            "Private messages hidden." if self.hide_private else "Private messages shown.",
            timeout=2,
        )

    # -- replies -----------------------------------------------------------------------------

    def action_go_to_parent(self) -> None:
        message = self.chat.current_message
        if message is None or message.reply_to is None:
            self.notify("This message is not linked as a reply.", timeout=2)
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

        self.push_screen(ThreadScreen(thread, message.id), go)

    def action_export(self) -> None:
        message = self.chat.current_message
        selections = [(b.message_id, b.note or None) for b in self.bookmarks]

        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Exported to {visible(str(path))}", timeout=6)

        folder = Path.cwd()
        cursor = message.id if message else None
        self.push_screen(ExportScreen(self.transcript, selections, cursor, folder), written)

    def action_go_back(self) -> None:
        while self._back:
            if self.chat.go_to_message(self._back.pop()):
                return
        self.notify("Nothing to go back to.", timeout=2)

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

    # -- search ------------------------------------------------------------------------------

    def on_search_panel_changed(self, event: SearchPanel.Changed) -> None:
        self._search_request = event
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(self.SEARCH_DEBOUNCE, self._start_search)

    def _start_search(self, *, again: bool = False) -> None:
        request = self._search_request
        if self._search_timer is not None:
            self._search_timer.stop()
        if request is None or (request == self._searched_request and not again):
            return
        self._searched_request = request
        panel = self.query_one(SearchPanel)
        try:
            query = parse_query(request.text, regex=request.regex, whole_word=request.whole_word)
        except ReaderError as error:
            panel.show_error(str(error))  # the previous results stay
            return
        self._search_generation += 1
        self.search_query = query
        self.hits, self.hit_index = [], None
        authors = set(self.author_filter) if request.in_filter and self.author_filter else None
        if query.is_empty:
            self.workers.cancel_group(self, "search")
            panel.show_hits([], done=True, fresh=True)
            self._show_search_state()
            return
        self._search_worker(self._search_generation, query, authors)

    @work(thread=True, exclusive=True, group="search")
    def _search_worker(self, generation: int, query: Query, authors: set[str] | None) -> None:
        worker = get_current_worker()
        found: list[Hit] = []
        if self.indexed is not None:
            batches = search_indexed(self.indexed, query, authors=authors)
        else:
            batches = search(
                self.transcript.messages, query, authors=authors, batch=self.SEARCH_BATCH
            )
        for batch in batches:
            if worker.is_cancelled:
                return
            found.extend(batch)
            if len(found) >= 200:  # stream: the list grows while the rest is searched
                self.post_message(SearchProgress(generation, found, done=False))
                found = []
        self.post_message(SearchProgress(generation, found, done=True))

    def on_search_progress(self, event: SearchProgress) -> None:
        if event.generation != self._search_generation:
            return  # a newer query replaced this one
        fresh = not self.hits
        self.hits.extend(event.hits)
        self.query_one(SearchPanel).show_hits(self.hits, done=event.done, fresh=fresh)
        if self._jump_when_found and self.hits:
            self._jump_when_found = False
            self._jump_from_cursor(forward=True, inclusive=True)
        self._show_search_state()

    def on_search_panel_submitted(self) -> None:
        """Enter in the search box: go to the first match from the cursor, back in the chat."""
        self._start_search()
        self._jump_when_found = True
        if self.hits:
            self._jump_when_found = False
            self._jump_from_cursor(forward=True, inclusive=True)
        self.action_close_panel()

    def on_search_panel_hit_chosen(self, event: SearchPanel.HitChosen) -> None:
        self._go_to_hit(event.index)
        self.action_close_panel()

    def action_next_match(self) -> None:
        self._step_match(forward=True)

    def action_previous_match(self) -> None:
        self._step_match(forward=False)

    def _step_match(self, *, forward: bool) -> None:
        if not self.hits:
            self.notify("No matches: press / to search.", severity="warning")
            return
        current = self.chat.current_message
        index = self.hit_index
        if index is not None and current and self.hits[index].message_id == current.id:
            step = index + (1 if forward else -1)
            if 0 <= step < len(self.hits):
                self._go_to_hit(step)
                return
            self._go_to_hit(step % len(self.hits), wrapped=True)
            return
        self._jump_from_cursor(forward=forward, inclusive=False)

    def _jump_from_cursor(self, *, forward: bool, inclusive: bool) -> None:
        current = self.chat.current_message
        message_id = current.id if current else 0
        if inclusive:
            message_id += -1 if forward else 1
        found = next_hit(self.hits, message_id, forward)
        if found is not None:
            self._go_to_hit(*found)

    def _go_to_hit(self, index: int, wrapped: bool = False) -> None:
        hit = self.hits[index]
        self.hit_index = index
        if not self.chat.go_to_message(hit.message_id):
            self.notify("That match is in a message hidden by the filter.", severity="warning")
        if wrapped:
            self.notify(
                "Search wrapped around the end."
                if index == 0
                else "Search wrapped around the start."
            )
        self.query_one(SearchPanel).highlight_hit(index)
        self._show_search_state()

    def _show_search_state(self) -> None:
        """Push the matches down to the chat and the status line."""
        query, status = self.search_query, self.query_one(StatusLine)
        if query is None or query.is_empty:
            self.chat.set_highlight(None)
            status.search = ""
            return
        count = len(self.hits)
        if self.hit_index is not None:
            status.search = f"match {self.hit_index + 1}/{count}"
        else:
            status.search = f"{count} match{'es' if count != 1 else ''}" if count else "no matches"
        self.chat.set_highlight(self._highlight_of)

    def _highlight_of(self, message_id: int) -> Highlight:
        """The hits in one message, as the chat pane marks them."""

        def span(hit: Hit) -> tuple[int, int, int]:
            return (-1 if hit.insert is None else hit.insert, hit.start, hit.end)

        spans = tuple(span(hit) for hit in hits_in(self.hits, message_id))
        current = None
        if self.hit_index is not None and self.hits[self.hit_index].message_id == message_id:
            current = span(self.hits[self.hit_index])
        return Highlight(spans, current)

    # -- bookmarks ---------------------------------------------------------------------------

    def _show_bookmarks(self) -> None:
        """Read the bookmarks back from the store and push them down to the chat and panel."""
        assert self.store is not None
        self.bookmarks = self.store.bookmarks(self.transcript)
        self.chat.set_bookmarked(frozenset(b.message_id for b in self.bookmarks))
        notes = [self.store.notice] if self.store.notice else []
        if orphans := len(self.store.orphans(self.transcript)):
            notes.append(f"{orphans} kept whose message is no longer in the file")
        self.query_one(BookmarksPanel).show(self.bookmarks, notice=" · ".join(notes) or None)

    def _saving(self, change: Callable[[BookmarkStore], object]) -> bool:
        """Run a change to the bookmarks; a failed save is said, never swallowed."""
        if self.store is None:
            return False
        try:
            change(self.store)
        except ReaderError as error:
            self.notify(f"Bookmark not saved: {error}", severity="error", timeout=10)
            return False
        finally:
            self._show_bookmarks()
        return True

    def action_toggle_bookmark(self) -> None:
        message = self.chat.current_message
        if message is None or self.store is None:
            return
        was = message.id in {b.message_id for b in self.bookmarks}
        if self._saving(lambda store: store.toggle(self.transcript, message.id)):
            self.notify("Bookmark removed." if was else "Bookmarked.", timeout=2)

    def action_edit_note(self, message_id: int | None = None) -> None:
        message = self.chat.current_message
        if message_id is None:
            if message is None:
                return
            message_id = message.id
        target = self.transcript.message(message_id)
        existing = next((b for b in self.bookmarks if b.message_id == message_id), None)
        about = visible(f"{target.time or ''} {target.author}: {target.text[:80]}")

        def save(note: str | None) -> None:
            if note is not None and self._saving(
                lambda store: store.set(self.transcript, message_id, note=note)
            ):
                self.notify("Note saved.", timeout=2)

        self.push_screen(NoteScreen(about, existing.note if existing else ""), save)

    def _step_bookmark(self, *, forward: bool) -> None:
        if not self.bookmarks:
            self.notify("No bookmarks yet: m marks the message under the cursor.")
            return
        current = self.chat.current_message
        here = current.id if current else 0
        ids = [b.message_id for b in self.bookmarks]
        later = [i for i in ids if i > here] if forward else [i for i in ids if i < here]
        wrapped = not later
        target = (later[0] if forward else later[-1]) if later else (ids[0] if forward else ids[-1])
        if not self.chat.go_to_message(target):
            self.notify("That bookmark is hidden by the filter.", severity="warning")
        elif wrapped:
            self.notify("Bookmarks wrapped around.", timeout=2)

    def action_next_bookmark(self) -> None:
        self._step_bookmark(forward=True)

    def action_previous_bookmark(self) -> None:
        self._step_bookmark(forward=False)

    def on_bookmarks_panel_jump(self, event: BookmarksPanel.Jump) -> None:
        if not self.chat.go_to_message(event.message_id):
            self.notify("That bookmark is hidden by the filter.", severity="warning")
        self.action_close_panel()

    def on_bookmarks_panel_delete(self, event: BookmarksPanel.Delete) -> None:
        gone = next((b for b in self.bookmarks if b.message_id == event.message_id), None)
        if gone is not None and self._saving(
            lambda store: store.remove(self.transcript, event.message_id)
        ):
            self._deleted.append(gone)
            self.notify("Bookmark deleted: u undoes.", timeout=4)

    def on_bookmarks_panel_undo(self) -> None:
        if not self._deleted or self.store is None:
            self.notify("Nothing to undo.")
            return
        restored = self._deleted.pop()
        if self._saving(
            lambda store: store.set(self.transcript, restored.message_id, note=restored.note)
        ):
            self.query_one(BookmarksPanel).highlight_message(restored.message_id)
            self.notify("Bookmark restored.", timeout=2)

    def on_bookmarks_panel_edit_note(self, event: BookmarksPanel.EditNote) -> None:
        self.action_edit_note(event.message_id)

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
        elif tab == "search":
            self.query_one("#search-query").focus()
        elif tab == "bookmarks":
            self.query_one(BookmarkList).focus()

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
            ("Search panel", describe(SearchPanel.BINDINGS)),
            ("Bookmarks panel", describe(BookmarkList.BINDINGS)),
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
            ("Search: ", self.query_one(SearchPanel), SearchPanel.BINDINGS),
            ("Bookmarks: ", self.query_one(BookmarkList), BookmarkList.BINDINGS),
            ("", self, self.BINDINGS),
        ]
        for prefix, namespace, bindings in sources:
            for binding in bindings:
                yield SystemCommand(
                    f"{prefix}{binding.description}",
                    f"key: {', '.join(key_label(k) for k in binding.key.split(','))}",
                    partial(self.run_action, binding.action, namespace),
                )
