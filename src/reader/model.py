"""The transcript model: plain frozen dataclasses, shared by every parser, the CLI and the app."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class ReplyReason(StrEnum):
    """How a reply link was found, so the reader can judge it."""

    FORMAT = "format"  # the format's own reply data (Zoom quote, Slack thread, ...): always wins
    MARKER = "marker"  # an explicit marker: @name, RE: name, Q for name
    NAME = "name"  # a participant's name addressed in the text
    FOLLOW_UP = "follow-up"  # the writer's own quick follow-up to their previous message


class MessageKind(StrEnum):
    MESSAGE = "message"
    EVENT = "event"  # joins, parts, nick changes: shown only on request


@dataclass(frozen=True, slots=True)
class Insert:
    """Text added later under a message (a moderator's answer on a published chat log)."""

    author: str
    text: str


@dataclass(frozen=True, slots=True)
class Reaction:
    emoji: str
    by: str | None = None


@dataclass(frozen=True, slots=True)
class Message:
    id: int  # 1-based position in the transcript
    time: str | None  # "HH:MM:SS"
    author: str
    text: str  # paragraphs joined by "\n\n"
    inserts: tuple[Insert, ...] = ()
    reply_to: int | None = None
    reply_reason: ReplyReason | None = None
    mentions: tuple[str, ...] = ()
    reactions: tuple[Reaction, ...] = ()
    to: str | None = None  # recipient of a private message
    date: str | None = None  # "YYYY-MM-DD" where the format carries one
    line: int = 0  # 1-based line in the decoded source where the message starts
    kind: MessageKind = MessageKind.MESSAGE
    quote: str | None = None  # the format's own reply data, before it is resolved to reply_to


@dataclass(frozen=True, slots=True)
class Participant:
    name: str
    messages: int
    inserts: int

    @property
    def is_moderator(self) -> bool:
        """Whoever wrote later inserts answered for the panel."""
        return self.inserts > 0


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """A line the parser could not place: kept and reported, never silently dropped."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Transcript:
    source: str  # the path it was read from ("" for text parsed in memory)
    format: str  # format id from the registry
    title: str | None
    date: str | None  # "YYYY-MM-DD"
    preamble: str
    epilogue: str
    messages: Sequence[Message]
    participants: tuple[Participant, ...]
    sha256: str = ""
    encoding: str = "utf-8"
    warnings: tuple[ParseWarning, ...] = field(default_factory=tuple)

    def message(self, message_id: int) -> Message:
        """The message with this 1-based id."""
        return self.messages[message_id - 1]


def count_participants(messages: Iterable[Message]) -> tuple[Participant, ...]:
    """Participants in order of first appearance, with their message and insert counts."""
    counts: dict[str, list[int]] = {}
    for message in messages:
        if message.kind is not MessageKind.MESSAGE:
            continue
        counts.setdefault(message.author, [0, 0])[0] += 1
        for insert in message.inserts:
            counts.setdefault(insert.author, [0, 0])[1] += 1
    return tuple(Participant(name, m, i) for name, (m, i) in counts.items())
