"""Export the threads of selected messages (bookmarks, or ids): the one entry point for the CLI
and the app.

    render_threads(transcript, [(message_id, note_or_None), ...], "md") -> str
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from reader.errors import ReaderError
from reader.export import thread_html, thread_json, thread_markdown, thread_text
from reader.export.thread_document import ThreadDocument, build_document
from reader.model import Transcript

RENDERERS: dict[str, Callable[[ThreadDocument], str]] = {
    "md": thread_markdown.render,
    "html": thread_html.render,
    "json": thread_json.render,
    "txt": thread_text.render,
}
THREAD_FORMATS = tuple(RENDERERS)  # also the file name extensions


def check_format(fmt: str) -> str:
    if fmt not in RENDERERS:
        raise ReaderError(f"unknown export format {fmt!r} (use {', '.join(THREAD_FORMATS)})")
    return fmt


def render_threads(
    transcript: Transcript, selections: Sequence[tuple[int, str | None]], fmt: str
) -> str:
    """The threads of the selected messages, in format `fmt` ("md", "html", "json" or "txt").

    Raises ReaderError for an unknown format, a message id the transcript does not have, or
    no selection at all.
    """
    renderer = RENDERERS[check_format(fmt)]
    return renderer(build_document(transcript, selections))


# Characters no file system takes, or that shells and URLs make awkward.
_UNSAFE = re.compile(r"[^\w\-.]+")
_RESERVED = re.compile(r"(?i)^(con|prn|aux|nul|com\d|lpt\d)$")  # Windows device names
_MAX_NAME = 80


def safe_filename(title: str, *, fallback: str = "threads") -> str:
    """A file name (without extension) made from a title: letters, digits, "-", "_" and ".",
    no leading dot, at most 80 characters, never a Windows device name, never empty."""
    name = unicodedata.normalize("NFKC", title)
    name = _UNSAFE.sub("-", name).strip("-._")
    name = re.sub(r"-{2,}", "-", name)[:_MAX_NAME].rstrip("-._")
    if not name or _RESERVED.match(name):
        name = f"{name}-{fallback}" if name else fallback
    return name


def default_filename(transcript: Transcript, fmt: str) -> str:
    """e.g. "Can-an-ISIS-Terrorist-be-Rehabilitated-...-threads.md"."""
    title = transcript.title or (transcript.source.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    return f"{safe_filename(title)}-threads.{check_format(fmt)}"
