"""The list of formats and detection by content."""

from __future__ import annotations

from reader.errors import ReaderError
from reader.formats import (
    discord,
    irc,
    panel,
    reader_json,
    slack,
    srt,
    telegram,
    webvtt,
    whatsapp,
    zoom,
    zoom_pasted,
    zoom_recording,
)
from reader.formats.base import Format

FORMATS: tuple[Format, ...] = (panel.FORMAT,)
FORMATS += (webvtt.FORMAT, webvtt.CUES_FORMAT)
FORMATS += (srt.FORMAT,)
FORMATS += (irc.FORMAT,)
FORMATS += (zoom.FORMAT, zoom_recording.FORMAT, zoom_pasted.FORMAT)
FORMATS += (whatsapp.FORMAT,)
FORMATS += (slack.FORMAT,)
FORMATS += (reader_json.FORMAT,)
FORMATS += (telegram.FORMAT,)
FORMATS += (discord.FORMAT, discord.TEXT_FORMAT, discord.CSV_FORMAT)

# A format must be at least this sure of a file before the file is parsed as a chat.
_MIN_CONFIDENCE = 0.3
# Detection looks at the start of the file only, so that it is instant on any size.
DETECT_CHARS = 256 * 1024


def get_format(format_id: str) -> Format:
    for fmt in FORMATS:
        if fmt.id == format_id:
            return fmt
    known = ", ".join(f.id for f in FORMATS)
    raise ReaderError(f"unknown format {format_id!r} (known: {known})")


def detect(text: str) -> Format | None:
    """The format the text is most likely in, or None when no format recognises it."""
    head = text[:DETECT_CHARS]
    best, best_score = None, 0.0
    for fmt in FORMATS:
        score = fmt.detect(head)
        if score > best_score:
            best, best_score = fmt, score
    return best if best_score >= _MIN_CONFIDENCE else None
