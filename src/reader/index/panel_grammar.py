"""The published chat log (panel format) as byte patterns, for scanning without decoding.

Each pattern mirrors the str pattern the parser uses (reader.formats.panel and the Zoom line
grammar it reads headers with), so that the scan finds exactly the lines the parser would. Lines
that are rare (an epilogue heading, page boilerplate) are only found as candidates here and then
decided by the parser's own patterns on the decoded line.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from reader.formats import panel
from reader.formats.base import join_paragraphs, split_lines
from reader.formats.zoom_grammar import match_header, split_recipient
from reader.index.utf8 import digit, digit_chars, ignoring_case, one_of, space_chars, spaces
from reader.model import Message

# A header's groups: time and who of the quick form, of the usual form, then of the joined
# form (`From WHO to Everyone: TEXT`) that the parser tries when the usual one fails.
LINE_GROUPS = 7
# What a line that may be an epilogue heading or page boilerplate starts with, in any case.
RARE_WORDS = ("about", "skip", "back", "menu", "search", "share", "print")


def _header(*, joined: bool, capture: bool) -> bytes:
    """zoom_grammar's _HEADER (or _HEADER_JOINED) for one line, after its newline."""
    s = spaces("\u200e\u200f\u061c")  # FIELD_SPACE within a line
    d = digit()
    group = b"(" if capture else b"(?:"
    start = (
        s + b"*(?:" + d + b"{4}-" + d + b"{2}-" + d + b"{2}" + s + b"+)?"
        + group + d + b"{1,2}:" + d + b"{2}:" + d + b"{2})" + s + b"+From" + s + b"+"
    )  # fmt: skip
    if joined:
        return start + group + rb"[^\n]+?):" + s + rb"+[^\n]*$"
    return (
        start + group + rb"[^\n]+?)(?:" + s + b"+:(?:" + s + rb"[^\n]*|" + s + b"*)$|:" + s + b"*$)"
    )


# The header as the generated and published logs write it (`HH:MM:SS\u00a0 From NAME : TEXT`),
# a quick first try. It only takes a NAME the full pattern would read the same way: one that
# starts and ends with a character that is not a space and holds no colon, so that the
# parser's shortest NAME before `SPACES : ` ends exactly where this one does.
_QUICK_HEADER = (
    rb"(\d{1,2}:\d\d:\d\d)(?:\xc2\xa0|[ \t])+From "
    rb"([^\n:\x09-\x0d\x1c-\x20\x80-\xbf\xc2\xd8\xe1\xe2\xe3](?:[^\n:]*[^\n:\x09-\x0d\x1c-\x20])?)"
)


@cache
def line_pattern() -> re.Pattern[bytes]:
    """Matches the newline before each header line and before each line that may be an
    epilogue heading or page boilerplate (LINE_GROUPS groups).

    Groups: time and who of the quick form, of the usual form, of the joined form (the first
    that applies), then an empty group for a possible epilogue heading or boilerplate.
    """
    usual = _header(joined=False, capture=True)
    joined = _header(joined=True, capture=True)
    quick = _QUICK_HEADER + _not_ending_in_space() + b" : "
    rare = spaces() + b"*(?:" + b"|".join(ignoring_case(word) for word in RARE_WORDS) + b")"
    return re.compile(
        rb"\n(?:(?=" + quick + rb")|(?=" + _first_bytes() + rb")(?:(?=" + usual + rb")|(?="
        + joined + rb"))|(?=" + rare + rb")())",
        re.MULTILINE,
    )  # fmt: skip


def wide_spaces() -> list[str]:
    """The spaces (in a header's sense) of more than one byte in UTF-8: a quick NAME may
    not end in one."""
    return sorted(
        char for char in space_chars() | set("\u200e\u200f\u061c") if len(char.encode()) > 1
    )


@cache
def _not_ending_in_space() -> bytes:
    """Lookbehinds: the text so far does not end in a space of more than one byte."""
    by_length: dict[int, list[str]] = {}
    for char in wide_spaces():
        by_length.setdefault(len(char.encode()), []).append(char)
    return b"".join(b"(?<!" + one_of(chars) + b")" for chars in by_length.values())


@cache
def _first_bytes() -> bytes:
    """A byte class of every byte a header line can start with: a cheap first test."""
    starts = {char.encode()[0] for char in (*space_chars(), *digit_chars())}
    return b"[" + b"".join(b"\\x%02x" % value for value in sorted(starts)) + b"]"


@cache
def insert_marker() -> re.Pattern[bytes]:
    """`(later insert)` in any case: an insert line holds it right after its first `(`."""
    s = spaces("\u200e\u200f\u061c")
    return re.compile(rb"\(" + ignoring_case("later") + s + b"+" + ignoring_case("insert") + rb"\)")


def author_of_who(who: str, joined: bool) -> str | None:
    """The author a header names, or None when the parser would not take the line as a header."""
    author, _, named = split_recipient(who)
    if not author or (joined and not named):
        return None
    return author


def insert_author(prefix: str) -> str | None:
    """The insert's author, from the line's text before `(later insert)`; None: not an insert."""
    found = panel._INSERT.match(prefix + "(later insert)")
    if found is None:
        return None
    return found["author"].strip() or "later insert"


def is_insert(line: str) -> bool:
    return panel._INSERT.match(line) is not None


def is_header(line: str) -> bool:
    return match_header(line) is not None


def is_epilogue_heading(line: str) -> bool:
    return panel._EPILOGUE_HEADING.match(line.strip()) is not None


def is_boilerplate(line: str) -> bool:
    return panel._BOILERPLATE.match(line.strip()) is not None


BOILERPLATE_WARNING = "page boilerplate inside the chat"


def parse_block(text: str, message_id: int, line: int) -> Message:
    """One message from its lines (its header line first), as the full parse reads it.

    The block goes through the format's own parser, so that inserts, paragraphs and spaces
    come out exactly as they do when the whole file is parsed.
    """
    parsed = panel.parse(text)
    return replace(parsed.messages[0], id=message_id, line=line)


def parse_epilogue(text: str) -> str:
    """The epilogue from its heading line on, as the parser keeps it (boilerplate dropped)."""
    lines = split_lines(text)
    return join_paragraphs(lines[:1] + [line for line in lines[1:] if not is_boilerplate(line)])
