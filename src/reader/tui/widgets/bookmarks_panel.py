"""The bookmarks panel: bookmarked messages in transcript order, with their notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message as TextualMessage
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.bookmarks import Bookmark
from reader.model import Transcript
from reader.safe_text import visible


class BookmarkList(OptionList):
    BINDINGS = [
        Binding("enter", "jump", "Go to", show=True),
        Binding("d,delete", "delete", "Delete", show=True),
        Binding("u", "undo", "Undo delete", show=True),
        Binding("M", "note", "Edit note", show=True),
    ]

    def _chosen(self) -> int | None:
        option = self.highlighted_option
        return int(option.id) if option and option.id else None

    def action_jump(self) -> None:
        if (message_id := self._chosen()) is not None:
            self.post_message(BookmarksPanel.Jump(message_id))

    def action_delete(self) -> None:
        if (message_id := self._chosen()) is not None:
            self.post_message(BookmarksPanel.Delete(message_id))

    def action_undo(self) -> None:
        self.post_message(BookmarksPanel.Undo())

    def action_note(self) -> None:
        if (message_id := self._chosen()) is not None:
            self.post_message(BookmarksPanel.EditNote(message_id))


class BookmarksPanel(Vertical):
    """Shows what the app pushes down; posts Jump / Delete / Undo / EditNote up."""

    @dataclass
    class Jump(TextualMessage):
        message_id: int

    @dataclass
    class Delete(TextualMessage):
        message_id: int

    class Undo(TextualMessage):
        pass

    @dataclass
    class EditNote(TextualMessage):
        message_id: int

    def __init__(self, transcript: Transcript, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.transcript = transcript
        self._shown: tuple[Sequence[Bookmark], str | None] = ((), None)

    def compose(self) -> ComposeResult:
        yield BookmarkList(id="bookmark-list")
        yield Static("", id="bookmark-summary", classes="panel-hint")

    @property
    def option_list(self) -> BookmarkList:
        return self.query_one(BookmarkList)

    def on_resize(self) -> None:
        self.show(*self._shown)  # the rows are cut to the panel's width

    def show(self, bookmarks: Sequence[Bookmark], notice: str | None = None) -> None:
        self._shown = (bookmarks, notice)
        option_list = self.option_list
        keep = option_list.highlighted
        option_list.set_options(self._option(b) for b in bookmarks)
        if bookmarks:
            option_list.highlighted = min(keep or 0, len(bookmarks) - 1)
        summary = f"{len(bookmarks)} bookmark{'s' if len(bookmarks) != 1 else ''}"
        if not bookmarks:
            summary += " · m in the chat marks a message"
        if notice:
            summary += f" · {notice}"
        self.query_one("#bookmark-summary", Static).update(Text(summary))

    def _option(self, bookmark: Bookmark) -> Option:
        message = self.transcript.message(bookmark.message_id)
        width = max(self.option_list.scrollable_content_region.width - 1, 20)

        def line(text: str, style: str = "") -> Text:
            row = Text(text, style)
            row.truncate(width, overflow="ellipsis")
            return row

        header = line(f"{message.time or ''} ", "dim")
        header.append(visible(message.author), "bold")
        header.truncate(width, overflow="ellipsis")
        rows = [header, line("  " + visible(message.text.split("\n", 1)[0]))]
        if bookmark.note:
            rows.append(line("  ✎ " + visible(bookmark.note.replace("\n", " ")), "italic"))
        return Option(Text("\n").join(rows), id=str(bookmark.message_id))

    def highlight_message(self, message_id: int) -> None:
        option_list = self.option_list
        for index in range(option_list.option_count):
            if option_list.get_option_at_index(index).id == str(message_id):
                option_list.highlighted = index
                return

    @on(OptionList.OptionSelected, "#bookmark-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Jump(int(event.option.id)))
