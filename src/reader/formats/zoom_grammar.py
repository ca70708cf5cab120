"""The line grammar of Zoom's in-meeting chat, shared by every format that embeds it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.formats.base import FIELD_SPACE as S

# `HH:MM:SS<spaces>From NAME : TEXT`, optionally with a date before the time.
_HEADER = re.compile(
    rf"^{S}*(?:(?P<date>\d{{4}}-\d{{2}}-\d{{2}}){S}+)?(?P<time>\d{{1,2}}:\d{{2}}:\d{{2}}){S}+"
    rf"From{S}+(?P<name>.+?){S}+:(?:{S}(?P<text>.*)|{S}*)$"
)


@dataclass(frozen=True, slots=True)
class Header:
    time: str
    author: str
    text: str
    date: str | None = None


def match_header(line: str) -> Header | None:
    """The message header on this line, or None."""
    found = _HEADER.match(line)
    if not found:
        return None
    time = found["time"]
    if len(time) == 7:  # 9:05:01 -> 09:05:01
        time = "0" + time
    return Header(time, found["name"].strip(), (found["text"] or "").strip(), found["date"])
