"""What a thread export holds, whatever its format: a citation of the transcript, then threads.

Each selection (a bookmark, or a message id asked for on the command line) exports the whole
thread its message is on. Selections on the same thread make one thread, with all their notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from reader.errors import ReaderError
from reader.model import Message, ReplyReason, Transcript
from reader.threads import Thread, replies_index, thread_of

SHA256_SHORT = 12  # hex digits: enough to tell two versions of a file apart in a citation

# How a reply link was found, as the export says it.
REASON_WORDS = {
    ReplyReason.FORMAT: "the transcript's reply data",
    ReplyReason.MARKER: "found by @ / RE: / Q for",
    ReplyReason.NAME: "found by name",
    ReplyReason.FOLLOW_UP: "the writer's follow-up",
}


@dataclass(frozen=True, slots=True)
class Citation:
    """What a reader of the export needs to find the quoted transcript again."""

    title: str
    date: str | None
    file: str  # the source file's name, without its folders
    format: str
    sha256: str

    @property
    def sha256_short(self) -> str:
        return self.sha256[:SHA256_SHORT]


@dataclass(frozen=True, slots=True)
class ExportedThread:
    thread: Thread
    selected: tuple[int, ...]  # the ids of the selected messages on this thread, in order
    notes: tuple[str, ...]  # their notes, blank ones left out


@dataclass(frozen=True, slots=True)
class ThreadDocument:
    citation: Citation
    threads: tuple[ExportedThread, ...]
    messages: Sequence[Message]  # the whole transcript, to name the message a reply answers

    def parent_of(self, message: Message) -> Message | None:
        if message.reply_to is None or not 0 < message.reply_to <= len(self.messages):
            return None
        return self.messages[message.reply_to - 1]


def cite(transcript: Transcript) -> Citation:
    name = PurePath(transcript.source).name if transcript.source else ""
    return Citation(
        title=transcript.title or name or "Untitled transcript",
        date=transcript.date,
        file=name,
        format=transcript.format,
        sha256=transcript.sha256,
    )


def build_document(
    transcript: Transcript, selections: Sequence[tuple[int, str | None]]
) -> ThreadDocument:
    """The threads of the selected messages, in the order first selected."""
    if not selections:
        raise ReaderError("no threads to export (no message was selected)")
    count = len(transcript.messages)
    index = replies_index(transcript.messages)
    by_root: dict[int, tuple[Thread, list[int], list[str]]] = {}
    for message_id, note in selections:
        if not 0 < message_id <= count:
            raise ReaderError(
                f"message {message_id} does not exist (the transcript has {count} messages)"
            )
        thread = thread_of(transcript.messages, message_id, index)
        _, selected, notes = by_root.setdefault(thread.root.id, (thread, [], []))
        if message_id not in selected:
            selected.append(message_id)
        if note and note.strip():
            notes.append(note.strip())
    threads = tuple(
        ExportedThread(thread, tuple(selected), tuple(notes))
        for thread, selected, notes in by_root.values()
    )
    return ThreadDocument(cite(transcript), threads, transcript.messages)


def reply_line(document: ThreadDocument, message: Message) -> str | None:
    """ "reply to NAME HH:MM:SS (message 22; found by name)", or None if it answers none."""
    parent = document.parent_of(message)
    if parent is None:
        return None
    when = f" {parent.time}" if parent.time else ""
    how = f"; {REASON_WORDS[message.reply_reason]}" if message.reply_reason else ""
    return f"reply to {parent.author}{when} (message {parent.id}{how})"


def heading(message: Message) -> str:
    """ "Gem, 11:26:06": who wrote the thread's root, and when."""
    return f"{message.author}, {message.time}" if message.time else message.author
