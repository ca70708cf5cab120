"""Small transcripts for the bookmark tests, written in the panel chat-log format."""

from __future__ import annotations

from collections.abc import Iterable

from reader.loader import parse_bytes
from reader.model import Transcript


def chat_line(number: int, text: str | None = None, author: str | None = None) -> str:
    seconds = 36_000 + number
    time = f"{seconds // 3600:02}:{seconds // 60 % 60:02}:{seconds % 60:02}"
    return f"{time}  From {author or f'Person {number % 7}'} : {text or f'message number {number}'}"


def chat_text(lines: Iterable[str], title: str = "Test chat") -> str:
    return "\n\n".join([title, "Chat Log:", *lines]) + "\n"


def chat(count: int, title: str = "Test chat") -> str:
    """`count` messages, numbered from 1, each with its own time."""
    return chat_text((chat_line(n) for n in range(1, count + 1)), title)


def parse(text: str, source: str = "") -> Transcript:
    return parse_bytes(text.encode("utf-8"), source=source)
