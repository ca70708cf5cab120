"""Threads as Markdown: replies nest as block quotes; transcript text can never become markup.

Every character that CommonMark or GitHub Flavored Markdown gives a meaning is escaped with a
backslash (which shows the character itself), and so is what would start a block at the head of
a line (`>`, `-`, `+`, `1.`, `#`, `=`). A bare URL stays text: the ":" after its scheme and the
"." after "www" are escaped, so no renderer turns it into a link.
"""

from __future__ import annotations

import re

from reader.export.thread_document import ThreadDocument, heading, reply_line
from reader.model import Message, Transcript
from reader.safe_text import visible
from reader.threads import Thread

_INLINE = re.compile(r"([\\`*_{}\[\]()<>#|!~&])")
_BLOCK_START = re.compile(r"^(\s*)([>+=-]|\d+(?=[.)]))")
_URL_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|file|www)(:|\.)")


def escape(text: str) -> str:
    """The text as Markdown that shows exactly it, line by line."""
    lines = []
    for line in visible(text).split("\n"):
        line = _INLINE.sub(r"\\\1", line)
        line = _URL_SCHEME.sub(r"\1\\\2", line)
        line = _BLOCK_START.sub(_escape_block_start, line)
        lines.append(line)
    return "\n".join(lines)


def _escape_block_start(found: re.Match[str]) -> str:
    indent, start = found.group(1), found.group(2)
    if start.isdigit():  # "1." or "1)" opens an ordered list: escape the dot or bracket
        return f"{indent}{start}\\"
    return f"{indent}\\{start}"


def _paragraphs(text: str) -> list[str]:
    """The text's lines, a hard line break (a trailing backslash) inside each paragraph."""
    lines: list[str] = []
    for paragraph in escape(text).split("\n\n"):
        if lines:
            lines.append("")
        parts = [p.strip() for p in paragraph.split("\n")]
        lines.extend(f"{p}\\" if i < len(parts) - 1 else p for i, p in enumerate(parts))
    return lines


def _quoted(lines: list[str], depth: int) -> list[str]:
    if depth == 0:
        return lines
    prefix = "> " * depth
    return [f"{prefix}{line}".rstrip() for line in lines]


def _message(document: ThreadDocument, message: Message, depth: int) -> list[str]:
    meta = [f"message {message.id}"]
    if message.time:
        meta.insert(0, escape(message.time))
    replying = reply_line(document, message) if depth else None
    if replying:
        meta.append(escape(replying))
    lines = [f"**{escape(message.author)}** · {' · '.join(meta)}", "", *_paragraphs(message.text)]
    for insert in message.inserts:
        lines += ["", f"> *Later insert by {escape(insert.author)}:*", ">"]
        lines += _quoted(_paragraphs(insert.text), 1)
    return _quoted(lines, depth)


def _thread(document: ThreadDocument, number: int, thread: Thread, notes: tuple[str, ...]) -> str:
    blocks = [f"## {number}. {escape(heading(thread.root))}"]
    for note in notes:
        first, *rest = _paragraphs(note)
        blocks.append("\n".join([f"**Note:** {first}", *rest]))
    blocks += ["\n".join(_message(document, m, depth)) for depth, m in thread.walk()]
    return "\n\n".join(blocks) + "\n"


def render(document: ThreadDocument) -> str:
    citation = document.citation
    lines = [f"# Threads from “{escape(citation.title)}”", ""]
    if citation.date:
        lines.append(f"- Date: {escape(citation.date)}")
    if citation.file:
        lines.append(f"- File: {escape(citation.file)}")
    lines.append(f"- SHA-256: {citation.sha256_short} ({escape(citation.format)} format)")
    lines.append(f"- Threads: {len(document.threads)}")
    parts = ["\n".join(lines) + "\n"]
    for number, exported in enumerate(document.threads, start=1):
        parts.append(_thread(document, number, exported.thread, exported.notes))
    return "\n".join(parts)


def quote_message(transcript: Transcript, message: Message) -> str:
    """One message (and its later inserts) as a Markdown quote that cites where it is from."""
    lines = [
        f"**{escape(message.author)}**" + (f" · {escape(message.time)}" if message.time else "")
    ]
    lines += ["", *_paragraphs(message.text)]
    for insert in message.inserts:
        lines += ["", f"*Later insert by {escape(insert.author)}:*", "", *_paragraphs(insert.text)]
    source = escape(transcript.title or transcript.source.rsplit("/", 1)[-1])
    cited = f"— *{source}*" + (f", {escape(transcript.date)}" if transcript.date else "")
    return "\n".join([*_quoted(lines, 1), ">", f"> {cited}, message {message.id}"]) + "\n"
