"""The search panel: the query box, its switches, an inline error, and the list of hits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message as TextualMessage
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Transcript
from reader.safe_text import visible
from reader.search import Hit, snippet

# Listing more hits than a person can read only slows the panel; n/N still reach every hit.
MAX_LISTED = 5000


class SearchBox(Input):
    """The query box. Enter is a priority key here, taken as the app gets it (see
    ReaderApp.action_submit_search): the keys typed straight after it reach the chat."""

    BINDINGS = [
        Binding("enter", "app.submit_search", "Go to the first match", show=False, priority=True)
    ]


class SearchPanel(Vertical):
    """Posts Changed (what to look for), Submitted and HitChosen up to the app."""

    BINDINGS = [
        Binding("ctrl+r", "toggle('regex')", "Regex on/off"),
        Binding("ctrl+o", "toggle('whole_word')", "Whole words on/off"),
        Binding("ctrl+t", "toggle('in_filter')", "Only the filtered people on/off"),
    ]

    @dataclass
    class Changed(TextualMessage):
        text: str
        regex: bool
        whole_word: bool
        in_filter: bool

    class Submitted(TextualMessage):
        pass

    @dataclass
    class HitChosen(TextualMessage):
        index: int

    def __init__(self, transcript: Transcript, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.transcript = transcript
        self.regex = False
        self.whole_word = False
        self.in_filter = False
        self._listed = 0

    def compose(self) -> ComposeResult:
        yield SearchBox(placeholder="search (from:NAME to scope)", id="search-query")
        yield Static("", id="search-switches", classes="panel-hint")
        yield Static("", id="search-error", classes="panel-error")
        yield OptionList(id="search-results")
        yield Static("", id="search-summary", classes="panel-hint")

    def on_mount(self) -> None:
        self._show_switches()

    @property
    def query_input(self) -> Input:
        return self.query_one("#search-query", Input)

    def _show_switches(self) -> None:
        def state(on: bool) -> str:
            return "on" if on else "off"

        self.query_one("#search-switches", Static).update(
            f"^r regex {state(self.regex)} · ^o words {state(self.whole_word)}"
            f" · ^t in filter {state(self.in_filter)}"
        )

    def action_toggle(self, switch: str) -> None:
        setattr(self, switch, not getattr(self, switch))
        self._show_switches()
        self._post_changed()

    def _post_changed(self) -> None:
        self.post_message(
            self.Changed(self.query_input.value, self.regex, self.whole_word, self.in_filter)
        )

    @on(Input.Changed, "#search-query")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._post_changed()

    @on(Input.Submitted, "#search-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted())

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.HitChosen(event.option_index))

    # -- state pushed down by the app -------------------------------------------------------

    def show_error(self, error: str) -> None:
        self.query_one("#search-error", Static).update(Text(error))

    def show_hits(self, hits: Sequence[Hit], *, done: bool, fresh: bool) -> None:
        """List the hits; `fresh` starts a new list, else the new tail of `hits` is added."""
        self.show_error("")
        results = self.query_one("#search-results", OptionList)
        if fresh:
            results.clear_options()
            self._listed = 0
        end = min(len(hits), MAX_LISTED)
        if end > self._listed:
            results.add_options(self._option(hit) for hit in hits[self._listed : end])
            if self._listed == 0:
                results.highlighted = 0
            self._listed = end
        count = f"{len(hits)} match{'es' if len(hits) != 1 else ''}"
        if len(hits) > MAX_LISTED:
            count += f" (first {MAX_LISTED} listed)"
        self.query_one("#search-summary", Static).update(count if done else f"{count} so far…")

    def highlight_hit(self, index: int) -> None:
        if index < self._listed:
            self.query_one("#search-results", OptionList).highlighted = index

    def _option(self, hit: Hit) -> Option:
        message = self.transcript.message(hit.message_id)
        text = hit.text_of(message)
        width = max(self.query_one("#search-results").scrollable_content_region.width - 4, 20)
        before, match, after = snippet(text, hit.start, hit.end, width)
        prompt = Text(no_wrap=True, overflow="ellipsis")
        prompt.append(f"{message.time or ''} ", "dim")
        prompt.append(visible(hit.author_of(message)), "bold")
        if hit.insert is not None:
            prompt.append(" (later insert)", "italic")
        prompt.append("\n  " + before)
        prompt.append(match, "reverse")
        prompt.append(after)
        return Option(prompt)
