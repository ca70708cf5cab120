"""The app's own messages, posted by workers."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.model import Transcript
from reader.search import Hit


@dataclass
class SearchProgress(Message):
    """More hits of search number `generation`; `done` when the messages it set out to search
    are searched: the first `searched` of the transcript."""

    generation: int
    hits: list[Hit]
    done: bool
    searched: int = 0


@dataclass
class ScanProgress(Message):
    """The background scan of a big file read `done` of `total` bytes."""

    done: int
    total: int
    finished: bool


@dataclass
class ScanFailed(Message):
    error: str


@dataclass
class TranscriptLoaded(Message):
    """A file that could not be indexed was read whole instead."""

    transcript: Transcript
