"""The participants panel: everyone with their counts, filterable by typing, sortable."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message as TextualMessage
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Participant
from reader.safe_text import visible


class ParticipantList(OptionList):
    BINDINGS = [
        Binding("enter", "choose", "Filter to", show=True),
        Binding("greater_than_sign", "next_message", "Next message by", show=True),
        Binding("s", "sort", "Sort", show=True),
        Binding("x", "clear", "Clear filter", show=True),
    ]

    def action_choose(self) -> None:
        self.screen.query_one(ParticipantsPanel).choose_highlighted()

    def action_next_message(self) -> None:
        self.screen.query_one(ParticipantsPanel).jump_to_next()

    def action_sort(self) -> None:
        self.screen.query_one(ParticipantsPanel).toggle_sort()

    def action_clear(self) -> None:
        self.screen.query_one(ParticipantsPanel).post_message(ParticipantsPanel.FilterCleared())


class ParticipantsPanel(Vertical):
    """Posts Chosen / NextMessage / FilterCleared up to the app; the app owns the filter."""

    @dataclass
    class Chosen(TextualMessage):
        name: str

    @dataclass
    class NextMessage(TextualMessage):
        name: str

    class FilterCleared(TextualMessage):
        pass

    def __init__(self, participants: tuple[Participant, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.participants = participants
        self.by_count = True
        self.filtered: frozenset[str] = frozenset()
        self._stale = False  # new counts came while the panel was hidden

    def compose(self) -> ComposeResult:
        yield Input(placeholder="type to find a name", id="participant-query")
        yield ParticipantList(id="participant-list")
        yield Static("", id="participant-summary", classes="panel-hint")

    def on_mount(self) -> None:
        self.refresh_list()

    def show_participants(self, participants: tuple[Participant, ...]) -> None:
        """New counts (a big file's scan found more): listed at once if the panel is on
        screen, else when it is next shown. Listing thousands of names takes a good part of a
        frame, and the scan reports several times a second."""
        self.participants = participants
        if self.is_on_screen:
            self.refresh_list()
        else:
            self._stale = True

    def on_show(self) -> None:
        if self._stale:
            self.refresh_list()

    @property
    def option_list(self) -> ParticipantList:
        return self.query_one(ParticipantList)

    def set_filtered(self, names: frozenset[str]) -> None:
        if names != self.filtered:
            self.filtered = names
            self.refresh_list()

    def toggle_sort(self) -> None:
        self.by_count = not self.by_count
        self.refresh_list()

    def _visible_participants(self) -> list[Participant]:
        needle = self.query_one("#participant-query", Input).value.casefold().strip()
        people = [p for p in self.participants if needle in p.name.casefold()]
        if self.by_count:
            people.sort(key=lambda p: (-(p.messages + p.inserts), p.name.casefold()))
        else:
            people.sort(key=lambda p: p.name.casefold())
        return people

    def refresh_list(self) -> None:
        self._stale = False
        option_list = self.option_list
        highlighted = option_list.highlighted_option
        keep = highlighted.id if highlighted else None
        options = []
        for person in self._visible_participants():
            prompt = Text()
            prompt.append("● " if person.name in self.filtered else "  ", "bold")
            prompt.append(visible(person.name))
            counts = f"  {person.messages}"
            if person.is_moderator:
                counts += f" + {person.inserts} inserts (moderator)"
            prompt.append(counts, "dim")
            options.append(Option(prompt, id=person.name))
        option_list.set_options(options)
        names = [o.id for o in options]
        if options:
            option_list.highlighted = names.index(keep) if keep in names else 0
        order = "by count" if self.by_count else "by name"
        self.query_one("#participant-summary", Static).update(
            f"{len(options)} of {len(self.participants)} · sorted {order}"
        )

    def highlighted_name(self) -> str | None:
        option = self.option_list.highlighted_option
        return option.id if option else None

    def choose_highlighted(self) -> None:
        name = self.highlighted_name()
        if name is not None:
            self.post_message(self.Chosen(name))

    def jump_to_next(self) -> None:
        name = self.highlighted_name()
        if name is not None:
            self.post_message(self.NextMessage(name))

    @on(Input.Changed, "#participant-query")
    def _query_changed(self) -> None:
        self.refresh_list()

    @on(Input.Submitted, "#participant-query")
    def _query_submitted(self) -> None:
        self.choose_highlighted()

    @on(OptionList.OptionSelected, "#participant-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose_highlighted()

    def on_key(self, event) -> None:
        # Up and down in the name box move through the list, so typing and choosing go together.
        if self.query_one("#participant-query", Input).has_focus and event.key in ("up", "down"):
            option_list = self.option_list
            if event.key == "down":
                option_list.action_cursor_down()
            else:
                option_list.action_cursor_up()
            event.stop()
