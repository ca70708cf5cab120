"""The status line under the chat: where the cursor is, what filters and searches are on."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static


class StatusLine(Static):
    position: reactive[str] = reactive("")
    filter: reactive[str] = reactive("")
    search: reactive[str] = reactive("")
    progress: reactive[str] = reactive("")

    def render(self) -> str:
        parts = [p for p in (self.position, self.filter, self.search, self.progress) if p]
        return "  ·  ".join(parts)
