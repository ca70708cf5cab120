"""The app's own messages, posted by workers."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.search import Hit


@dataclass
class SearchProgress(Message):
    """More hits of search number `generation`; `done` when the whole transcript is searched."""

    generation: int
    hits: list[Hit]
    done: bool
