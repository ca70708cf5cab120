"""Bytes to text: encoding detection and line-ending normalisation, before any parser runs."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from reader.errors import ReaderError

# \r\r\n (a CRLF file saved again through a CRLF filter), then CRLF, then a lone CR.
_LINE_END = re.compile(r"\r\r\n|\r\n|\r")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str  # lines separated by "\n" only
    encoding: str
    fallback: bool  # True when the bytes were not valid UTF-8 and cp1252 was used


def decode(data: bytes) -> Decoded:
    """Decode a transcript's bytes. Raises ReaderError for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        text, encoding, fallback = data[3:].decode("utf-8", errors="replace"), "utf-8-sig", False
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding, fallback = data.decode("utf-16", errors="replace"), "utf-16", False
    else:
        if b"\x00" in data[:65536]:
            raise ReaderError("this is a binary file (it holds NUL bytes), not a transcript")
        try:
            text, encoding, fallback = data.decode("utf-8"), "utf-8", False
        except UnicodeDecodeError:
            # cp1252 leaves five bytes undefined; "replace" shows them as U+FFFD instead of failing.
            text, encoding, fallback = data.decode("cp1252", errors="replace"), "cp1252", True
    if "\x00" in text:
        raise ReaderError("this is a binary file (it holds NUL characters), not a transcript")
    return Decoded(_LINE_END.sub("\n", text), encoding, fallback)
