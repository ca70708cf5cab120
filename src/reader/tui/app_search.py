"""The app's search: a debounced worker per query, streamed hits, n/N and highlights."""

from __future__ import annotations

from textual import work
from textual.widgets import Input
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.index import search_indexed
from reader.search import Hit, Query, hits_in, next_hit, parse_query, search
from reader.tui.blocks import Highlight
from reader.tui.messages import SearchProgress
from reader.tui.widgets.search_panel import SearchPanel
from reader.tui.widgets.status import StatusLine


class SearchMixin:
    """ReaderApp's search state and handlers (the app holds the state; workers only compute)."""

    SEARCH_DEBOUNCE = 0.15  # seconds of quiet typing before a search starts
    SEARCH_BATCH = 2000  # messages a search worker reads between checks for cancellation

    def _setup_search(self) -> None:
        self.search_query: Query | None = None
        self.hits: list[Hit] = []
        self.hit_index: int | None = None
        self._search_generation = 0
        self._search_authors: set[str] | None = None
        # A big file's search covers the messages indexed when it ran; the rest is searched
        # as the scan goes on (see _search_more).
        self._searched_upto = 0
        self._search_running = False
        self._search_request: SearchPanel.Changed | None = None
        self._searched_request: SearchPanel.Changed | None = None
        self._search_timer = None
        self._jump_when_found = False
        # n and N pressed after Enter, before the search found its first match: each is a
        # step forward (True) or back to take once it has.
        self._steps_when_found: list[bool] = []
        self._submitting = False  # Enter was taken; the search box has yet to submit

    def on_search_panel_changed(self, event: SearchPanel.Changed) -> None:
        self._search_request = event
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(self.SEARCH_DEBOUNCE, self._start_search)

    def _start_search(self, *, again: bool = False) -> None:
        request = self._search_request
        if self._search_timer is not None:
            self._search_timer.stop()
        panel = self._panel(SearchPanel)
        if panel is None:  # the app is closing: a debounced search fired after the panels went
            return
        if request is None or (request == self._searched_request and not again):
            return
        self._searched_request = request
        try:
            query = parse_query(request.text, regex=request.regex, whole_word=request.whole_word)
        except ReaderError as error:
            panel.show_error(str(error))  # the previous results stay
            return
        self._search_generation += 1
        self.search_query = query
        self.hits, self.hit_index = [], None
        authors = set(self.author_filter) if request.in_filter and self.author_filter else None
        self._search_authors = authors
        self._searched_upto = 0
        if query.is_empty:
            self.workers.cancel_group(self, "search")
            self._search_running = False
            panel.show_hits([], done=True, fresh=True)
            self._show_search_state()
            return
        self._search_running = True
        self._search_worker(self._search_generation, query, authors)

    def _search_more(self) -> None:
        """Search the messages that a big file's scan has indexed since the search ran: its
        hits come after those found so far."""
        query = self.search_query
        if self.indexed is None or query is None or query.is_empty or self._search_running:
            return
        if self._searched_upto >= self.indexed.indexed_messages:
            return
        self._search_running = True
        self._search_worker(
            self._search_generation, query, self._search_authors, start=self._searched_upto
        )

    @work(thread=True, exclusive=True, group="search", description="search")
    def _search_worker(
        self, generation: int, query: Query, authors: set[str] | None, start: int = 0
    ) -> None:
        worker = get_current_worker()
        found: list[Hit] = []
        if self.indexed is not None:
            searched = self.indexed.indexed_messages
            batches = search_indexed(
                self.indexed, query, authors=authors, start=start, stop=searched
            )
        else:
            searched = len(self.transcript.messages)
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
        self.post_message(SearchProgress(generation, found, done=True, searched=searched))

    def on_search_progress(self, event: SearchProgress) -> None:
        if event.generation != self._search_generation:
            return  # a newer query replaced this one
        fresh = not self.hits
        self.hits.extend(event.hits)
        self.query_one(SearchPanel).show_hits(self.hits, done=event.done, fresh=fresh)
        if self._jump_when_found and self.hits:
            self._jump_to_first_match()
        self._show_search_state()
        if event.done and self._steps_when_found:  # no match to step from
            self._steps_when_found = []
            self.notify("No matches.", severity="warning")
        if event.done:
            self._search_running = False
            self._searched_upto = event.searched
            self._search_more()  # the index may have grown meanwhile

    def action_submit_search(self) -> None:
        """Enter in the search box, taken as the app gets the key: the keys after it (`n`
        typed straight after Enter while the app was busy) go to the chat, where Enter sends
        the reader, not into the box. The box submits once it has the keys typed before Enter."""
        box = self.query_one("#search-query", Input)
        self._jump_when_found = True  # n and N wait for the first match from now
        self._steps_when_found = []
        self._submitting = True
        self._focus_now(self.chat)
        box.call_later(box.action_submit)

    def on_search_panel_submitted(self) -> None:
        """Enter in the search box: go to the first match from the cursor, back in the chat."""
        self._submitting = False
        self._start_search()
        self._jump_when_found = True
        if self.hits:
            self._jump_to_first_match()
        self.action_close_panel()

    def _jump_to_first_match(self) -> None:
        """The first match from the cursor, then the n and N pressed while it was sought."""
        self._jump_when_found = False
        self._jump_from_cursor(forward=True, inclusive=True)
        steps, self._steps_when_found = self._steps_when_found, []
        for forward in steps:
            self._step_match(forward=forward)

    def on_search_panel_hit_chosen(self, event: SearchPanel.HitChosen) -> None:
        self._go_to_hit(event.index)
        self.action_close_panel()

    def action_next_match(self) -> None:
        self._step_match(forward=True)

    def action_previous_match(self) -> None:
        self._step_match(forward=False)

    def _step_match(self, *, forward: bool) -> None:
        if self._submitting or (not self.hits and self._jump_when_found and self._search_running):
            self._steps_when_found.append(forward)  # taken once the first match is found
            return
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
        self._mark_hits_on_timeline()
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
