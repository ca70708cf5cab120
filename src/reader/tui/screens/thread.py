"""The thread of a message: its root, the root's inserts, and the replies nested in order."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.model import Message
from reader.safe_text import visible
from reader.threads.tree import Thread

INDENT = "   "


class ThreadScreen(ModalScreen[int | None]):
    """Returns the id of the message to go to, or None."""

    BINDINGS = [
        Binding("escape,q,t", "dismiss_none", "Close"),
        Binding("enter", "go", "Go to"),
    ]

    def __init__(self, thread: Thread, current_id: int) -> None:
        super().__init__()
        self.thread = thread
        self.current_id = current_id

    def compose(self) -> ComposeResult:
        size = self.thread.size
        with Vertical(id="thread-dialog"):
            yield Static(
                f"Thread: {size} message{'s' if size != 1 else ''} · Enter goes there · Esc closes",
                classes="dialog-title",
            )
            yield OptionList(*self._options(), id="thread-list")

    def _options(self) -> list[Option]:
        options = []
        for depth, message in self.thread.walk():
            options.append(Option(self._prompt(depth, message), id=str(message.id)))
        return options

    def _prompt(self, depth: int, message: Message) -> Text:
        pad = INDENT * depth
        prompt = Text()
        prompt.append(pad + ("↪ " if depth else ""))
        prompt.append(f"{message.time or ''} ", "dim")
        prompt.append(visible(message.author), "bold")
        if message.reply_reason is not None and depth:
            prompt.append(f"  ({message.reply_reason.value})", "dim italic")
        for line in visible(message.text).split("\n"):
            prompt.append(f"\n{pad}  {line}")
        for insert in message.inserts:
            prompt.append(f"\n{pad}  │ {visible(insert.author)} · later insert", "bold")
            for line in visible(insert.text).split("\n"):
                prompt.append(f"\n{pad}  │ {line}", "italic")
        return prompt

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        ids = [option.id for option in option_list.options]
        option_list.highlighted = (
            ids.index(str(self.current_id)) if str(self.current_id) in ids else 0
        )
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id) if event.option.id else None)

    def action_go(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        self.dismiss(int(option.id) if option and option.id else None)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
