"""Threads as plain text: replies indented under what they answer, every character visible."""

from __future__ import annotations

from reader.export.thread_document import ThreadDocument, heading, reply_line
from reader.model import Message
from reader.safe_text import visible

_INDENT = "    "


def _indented(text: str, prefix: str) -> list[str]:
    return [f"{prefix}{line}".rstrip() for line in visible(text).split("\n")]


def _message(document: ThreadDocument, message: Message, depth: int) -> list[str]:
    prefix = _INDENT * depth
    when = f"[{message.time}] " if message.time else ""
    lines = [visible(f"{prefix}{when}{message.author} (message {message.id})")]
    replying = reply_line(document, message) if depth else None
    if replying:
        lines.append(visible(f"{prefix}  ↪ {replying}"))
    lines += _indented(message.text, f"{prefix}  ")
    for insert in message.inserts:
        lines.append(visible(f"{prefix}  -- later insert by {insert.author}:"))
        lines += _indented(insert.text, f"{prefix}     ")
    return lines


def render(document: ThreadDocument) -> str:
    citation = document.citation
    lines = [visible(f"Threads from: {citation.title}")]
    if citation.date:
        lines.append(visible(f"Date: {citation.date}"))
    if citation.file:
        lines.append(visible(f"File: {citation.file}"))
    lines.append(visible(f"SHA-256: {citation.sha256_short} ({citation.format} format)"))
    lines.append(f"Threads: {len(document.threads)}")
    for number, exported in enumerate(document.threads, start=1):
        lines += ["", visible(f"== {number}. {heading(exported.thread.root)} ==")]
        for note in exported.notes:
            lines += _indented(note, "Note: ")
        for depth, message in exported.thread.walk():
            lines.append("")
            lines += _message(document, message, depth)
    return "\n".join(lines) + "\n"
