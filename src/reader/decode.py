"""Bytes to text: encoding detection and line-ending normalisation, before any parser runs."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from reader.errors import ReaderError

# \r\r\n (a CRLF file saved again through a CRLF filter), then CRLF, then a lone CR.
_LINE_END = re.compile(r"\r\r\n|\r\n|\r")
# Checked in this order: a UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NON_ASCII = re.compile(rb"[\x80-\xff]")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str  # lines separated by "\n" only
    encoding: str
    fallback: bool  # True when some bytes were not valid UTF-8 and cp1252 was used for them


def decode(data: bytes) -> Decoded:
    """Decode a transcript's bytes. Raises ReaderError for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text, fallback = data.decode(encoding, errors="replace").removeprefix("\ufeff"), False
            break
    else:
        if b"\x00" in data[:65536]:
            raise ReaderError("this is a binary file (it holds NUL bytes), not a transcript")
        text, encoding, fallback = _decode_unmarked(data)
    if "\x00" in text:
        raise ReaderError("this is a binary file (it holds NUL characters), not a transcript")
    return Decoded(_LINE_END.sub("\n", text), encoding, fallback)


def _decode_unmarked(data: bytes) -> tuple[str, str, bool]:
    """UTF-8 when the bytes are UTF-8; cp1252 for the lines that are not."""
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.end == len(data):
            # Cut off inside the last character: keep the UTF-8 text and mark the cut.
            return data[: error.start].decode("utf-8", errors="replace") + "\ufffd", "utf-8", False
    lines = data.split(b"\n")
    decoded = [_utf8(line) for line in lines]
    pairs = list(zip(lines, decoded, strict=True))
    if not any(text is not None and _NON_ASCII.search(line) for line, text in pairs):
        # No line holds UTF-8 beyond ASCII: the whole file is in the old Windows encoding.
        # cp1252 leaves five bytes undefined; "replace" shows them as U+FFFD instead of failing.
        return data.decode("cp1252", errors="replace"), "cp1252", True
    # A UTF-8 file with lines pasted in from a cp1252 one: each line in its own encoding.
    text = "\n".join(
        text if text is not None else line.decode("cp1252", errors="replace")
        for line, text in pairs
    )
    return text, "utf-8 (some lines cp1252)", True


def _utf8(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None
