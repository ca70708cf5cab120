"""Threads: a root message and every message whose chain of `reply_to` leads to it.

Inserts need no links: an insert sits under the message it answers and goes with it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from reader.errors import ReaderError
from reader.model import Message


@dataclass(frozen=True, slots=True)
class ThreadNode:
    """A reply in a thread, with the replies to it."""

    message: Message
    replies: tuple[ThreadNode, ...] = ()


@dataclass(frozen=True, slots=True)
class Thread:
    root: Message
    replies: tuple[ThreadNode, ...] = ()

    def walk(self) -> Iterator[tuple[int, Message]]:
        """(depth, message) for the root (depth 0) and every reply, depth first, in order."""
        yield 0, self.root
        stack = [(1, node) for node in reversed(self.replies)]
        while stack:
            depth, node = stack.pop()
            yield depth, node.message
            stack.extend((depth + 1, child) for child in reversed(node.replies))

    @property
    def size(self) -> int:
        """How many messages the thread holds, the root included."""
        return sum(1 for _ in self.walk())


def replies_index(messages: Sequence[Message]) -> dict[int, list[int]]:
    """Parent message id -> ids of the messages that reply to it, in transcript order."""
    index: dict[int, list[int]] = {}
    for message in messages:
        if message.reply_to is not None:
            index.setdefault(message.reply_to, []).append(message.id)
    return index


def root_of(messages: Sequence[Message], message_id: int) -> Message:
    """The message at the top of the reply chain that `message_id` is on."""
    message = _message(messages, message_id)
    seen = {message.id}
    while message.reply_to is not None and 0 < message.reply_to <= len(messages):
        parent = messages[message.reply_to - 1]
        if parent.id in seen:  # a format's own reply data could loop: stop where it closes
            break
        seen.add(parent.id)
        message = parent
    return message


def thread_of(
    messages: Sequence[Message],
    message_id: int,
    index: Mapping[int, Sequence[int]] | None = None,
) -> Thread:
    """The whole thread `message_id` belongs to, from its root down.

    Pass `index` (from `replies_index`) when asking for many threads of one transcript.
    """
    root = root_of(messages, message_id)
    if index is None:
        index = replies_index(messages)
    # Built bottom-up without recursion: a long chain of replies must not hit the stack limit.
    order: list[int] = []
    stack, seen = [root.id], {root.id}
    while stack:
        current = stack.pop()
        order.append(current)
        for child in index.get(current, ()):
            if child not in seen and 0 < child <= len(messages):
                seen.add(child)
                stack.append(child)
    nodes: dict[int, ThreadNode] = {}
    for current in reversed(order):
        children = tuple(nodes[c] for c in index.get(current, ()) if c in nodes and c != root.id)
        nodes[current] = ThreadNode(messages[current - 1], children)
    return Thread(root, nodes[root.id].replies)


def _message(messages: Sequence[Message], message_id: int) -> Message:
    if not 0 < message_id <= len(messages):
        raise ReaderError(f"no message {message_id} (the transcript has 1 to {len(messages)})")
    return messages[message_id - 1]
