"""The format registry: every transcript format, detected from content, never from a file name."""

from __future__ import annotations

from reader.formats.base import Format, ParsedTranscript
from reader.formats.registry import FORMATS, detect, get_format

__all__ = ["FORMATS", "Format", "ParsedTranscript", "detect", "get_format"]
