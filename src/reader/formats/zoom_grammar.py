"""The line grammar of Zoom's in-meeting chat, shared by every format that embeds it.

Zoom has written its chat header in several shapes over the years:

    10:02:33\t From  Ana Ruiz : text                      (2019: tab, one or two spaces)
    10:02:33\t From Ana Ruiz to Everyone : text           (2020-2021)
    10:02:33\t From Ana Ruiz to Bo Li(Direct Message) : text   (and "(Privately)")
    10:02:33 From Ana Ruiz to Everyone:                   (2022 on: the text on the next lines)
    2023-05-04 10:02:33 From ...                          (a date before the time)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.formats.base import FIELD_SPACE as S

_START = rf"^{S}*(?:(?P<date>\d{{4}}-\d{{2}}-\d{{2}}){S}+)?(?P<time>\d{{1,2}}:\d{{2}}:\d{{2}}){S}+"

# `From WHO : TEXT` (the colon has a space before it) or `From WHO:` ending the line.
_HEADER = re.compile(rf"{_START}From{S}+(?P<who>.+?)(?:{S}+:(?:{S}(?P<text>.*)|{S}*)$|:{S}*$)")
# `From WHO to Everyone: TEXT` on one line, as when the newer form is pasted without line breaks.
# Accepted only when WHO names a recipient, so "From Ana: note" stays unread.
_HEADER_JOINED = re.compile(rf"{_START}From{S}+(?P<who>.+?):{S}+(?P<text>.*)$")

_TO = re.compile(rf"{S}+[Tt][Oo]{S}+")
_EVERYONE = re.compile(rf"^everyone(?:{S}*\(.*\))?$", re.IGNORECASE)
_WAITING_ROOM = re.compile(r"^waiting room participants$", re.IGNORECASE)
_PRIVATE = re.compile(rf"^(?P<name>.+?){S}*\((?:direct{S}+message|privately)\)$", re.IGNORECASE)

# Separators Zoom and editors leave around fields: spaces of every width and direction marks
# (the characters of FIELD_SPACE, for str.strip), found in one pass over the code points below
# U+3001 rather than one match per character: this runs at every start.
_SEPARATORS = "".join(re.findall(S, "".join(map(chr, range(0x3001)))))


@dataclass(frozen=True, slots=True)
class Header:
    time: str
    author: str
    text: str
    date: str | None = None
    to: str | None = None  # the recipient of a private message
    has_recipient: bool = False  # the header named a recipient ("to Everyone" included)


def clean_field(value: str) -> str:
    """A name or field without the spaces and direction marks around it (never inside)."""
    return value.strip(_SEPARATORS)


def normal_time(time: str) -> str:
    """9:05:01 -> 09:05:01."""
    return "0" + time if len(time) == 7 else time


def header_from(found: re.Match[str] | None) -> Header | None:
    """The header a line pattern with `time`, `name`, `text` (and maybe `date`) groups found;
    None when there is no match or the name is only spaces."""
    if not found:
        return None
    author = clean_field(found["name"])
    if not author:
        return None
    text = clean_field(found["text"] or "")
    return Header(normal_time(found["time"]), author, text, found.groupdict().get("date"))


def split_recipient(who: str) -> tuple[str, str | None, bool]:
    """(author, private recipient or None, whether a recipient was named) from `WHO`.

    Only a recipient Zoom writes is split off ("Everyone", "NAME(Direct Message)",
    "NAME(Privately)"), trying each " to " from the left, so "Back to Basics to Everyone" is
    written by "Back to Basics" and a name that holds " to " otherwise stays whole.
    """
    for separator in _TO.finditer(who):
        author, to = clean_field(who[: separator.start()]), clean_field(who[separator.end() :])
        if not author:
            continue
        if _EVERYONE.match(to) or _WAITING_ROOM.match(to):
            return author, None, True
        private = _PRIVATE.match(to)
        if private:
            return author, clean_field(private["name"]), True
    return clean_field(who), None, False


def match_header(line: str) -> Header | None:
    """The message header on this line, or None."""
    found = _HEADER.match(line)
    text = ""
    if found:
        text = found["text"] or ""
    else:
        found = _HEADER_JOINED.match(line)
        if not found or not split_recipient(found["who"])[2]:
            return None
        text = found["text"]
    author, to, named = split_recipient(found["who"])
    if not author:
        return None
    return Header(normal_time(found["time"]), author, clean_field(text), found["date"], to, named)
