"""The format registry: every transcript format, detected from content, never from a file name.

The registry (which imports every parser) is loaded when first used: a process that needs one
parser only, such as the index's scan, imports just that one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.lazy import lazy_names

if TYPE_CHECKING:
    from reader.formats.base import Format, ParsedTranscript
    from reader.formats.registry import FORMATS, detect, get_format

_HOMES = {
    "Format": "reader.formats.base",
    "ParsedTranscript": "reader.formats.base",
    "FORMATS": "reader.formats.registry",
    "detect": "reader.formats.registry",
    "get_format": "reader.formats.registry",
}

__all__ = ["FORMATS", "Format", "ParsedTranscript", "detect", "get_format"]

__getattr__ = lazy_names(__name__, _HOMES)
