"""The list of formats and detection by content.

A format's parser is imported when detection gets to it, and only when the format could still
win: the registry knows the highest score each format's detect gives (a test holds it to the
code), and one that cannot beat the best score so far is skipped (a tie goes to the format
listed first). A chat log with inserts is told apart without compiling the Zoom, WhatsApp or
Discord parsers' patterns, a twentieth of a second of the app's start.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING

from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.formats.base import Format

    FORMATS: tuple[Format, ...]


@dataclass(frozen=True)
class FormatHome:
    """Where a format is defined, and the highest score its detect gives."""

    module: str
    name: str
    ceiling: float

    def load(self) -> Format:
        return getattr(import_module(self.module), self.name)


# In order of preference: on equal scores the earlier format is chosen.
HOMES: tuple[FormatHome, ...] = (
    FormatHome("reader.formats.panel", "FORMAT", 0.95),
    FormatHome("reader.formats.webvtt", "FORMAT", 0.95),
    FormatHome("reader.formats.webvtt", "CUES_FORMAT", 0.0),
    FormatHome("reader.formats.srt", "FORMAT", 0.9),
    FormatHome("reader.formats.irc", "FORMAT", 0.9),
    FormatHome("reader.formats.zoom", "FORMAT", 0.9),
    FormatHome("reader.formats.zoom_recording", "FORMAT", 0.85),
    FormatHome("reader.formats.zoom_pasted", "FORMAT", 0.8),
    FormatHome("reader.formats.whatsapp", "FORMAT", 0.9),
    FormatHome("reader.formats.slack", "FORMAT", 1.0),
    FormatHome("reader.formats.reader_json", "FORMAT", 1.0),
    FormatHome("reader.formats.telegram", "FORMAT", 0.95),
    FormatHome("reader.formats.discord", "FORMAT", 0.95),
    FormatHome("reader.formats.discord", "TEXT_FORMAT", 0.95),
    FormatHome("reader.formats.discord", "CSV_FORMAT", 0.95),
)

# A format must be at least this sure of a file before the file is parsed as a chat.
_MIN_CONFIDENCE = 0.3
# Detection looks at the start of the file only, so that it is instant on any size.
DETECT_CHARS = 256 * 1024


@cache
def all_formats() -> tuple[Format, ...]:
    return tuple(home.load() for home in HOMES)


def __getattr__(name: str) -> tuple[Format, ...]:
    if name == "FORMATS":  # every parser, loaded when first asked for
        return all_formats()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def get_format(format_id: str) -> Format:
    for home in HOMES:
        fmt = home.load()
        if fmt.id == format_id:
            return fmt
    known = ", ".join(f.id for f in all_formats())
    raise ReaderError(f"unknown format {format_id!r} (known: {known})")


def detect(text: str) -> Format | None:
    """The format the text is most likely in, or None when no format recognises it."""
    head = text[:DETECT_CHARS]
    best, best_score = None, 0.0
    for home in HOMES:
        if home.ceiling <= best_score:
            continue  # it cannot score higher than the best so far
        fmt = home.load()
        score = fmt.detect(head)
        if score > best_score:
            best, best_score = fmt, score
    return best if best_score >= _MIN_CONFIDENCE else None
