"""WhatsApp "Export chat" text, as Android and iOS write it in any locale.

Android: `12/31/20, 9:05 PM - Name: text`; iOS: `[31/12/2020, 21:05:33] Name: text`. The date
order follows the phone's locale, so it is decided from the whole file (see chat_dates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.formats.base import Format, ParsedTranscript, split_lines
from reader.formats.chat_dates import AMPM, clock, decide_day_first, iso_date
from reader.model import Message, MessageKind, ParseWarning

_SP = r"[ \u00a0\u202f]"
_MARKS = "\u200e\u200f\u202a\u202c\u061c\ufeff"
_DATE = r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})[/.-](?P<y>\d{2,4})\.?"
_TIME = rf"(?P<h>\d{{1,2}})[:.](?P<m>\d{{2}})(?:[:.](?P<s>\d{{2}}))?(?:{_SP}?{AMPM})?"
_ANDROID = re.compile(rf"^[{_MARKS}]*{_DATE},?{_SP}{_TIME}{_SP}[-\u2013]{_SP}(?P<rest>.*)$")
_IOS = re.compile(rf"^[{_MARKS}]*\[{_DATE},{_SP}{_TIME}\]{_SP}(?P<rest>.*)$")
_NAME = re.compile(r"^(?P<name>[^:\n]{1,120}?):(?:[ \u00a0](?P<text>.*)|$)")
# What WhatsApp itself writes into a chat (not the people in it).
_SYSTEM = re.compile(
    r"(Messages and calls are end-to-end encrypted|Messages to this group are now secured"
    r"|\bcreated (?:group|this group)\b|\badded\b|\bremoved\b|\bleft$|\bjoined using this group"
    r"|\bchanged the subject\b|\bchanged this group's icon\b|\bchanged the group description\b"
    r"|\bdeleted this group's icon\b|\bchanged their phone number\b|\bsecurity code\b"
    r"|\bis now an admin\b|\bnow an admin\b|\bchanged the group settings\b"
    r"|\bturned (?:on|off) disappearing messages\b|\bchanged to\b)"
)


@dataclass(slots=True)
class _Entry:
    line: int
    a: int
    b: int
    year: int
    time: str | None
    rest: str
    more: list[str] = field(default_factory=list)


def _header(line: str) -> tuple[re.Match[str], bool] | None:
    found = _ANDROID.match(line)
    if found:
        return found, False
    found = _IOS.match(line)
    return (found, True) if found else None


def _message(entry: _Entry, message_id: int, date: str | None, ios: bool) -> Message:
    rest = entry.rest.lstrip(_MARKS)
    named = _NAME.match(rest)
    kind, author, first = MessageKind.MESSAGE, "", rest
    if not named or _SYSTEM.search(named["name"]) or rest.startswith("Messages and calls"):
        kind = MessageKind.EVENT  # a line from WhatsApp itself, without "Name: "
    else:
        author, first = named["name"].strip(), named["text"] or ""
        # iOS writes system lines under the chat's name with a direction mark before the text.
        if ios and first.startswith("\u200e") and _SYSTEM.search(first):
            kind, author = MessageKind.EVENT, ""
    lines = [first.lstrip(_MARKS), *entry.more]
    return Message(
        id=message_id,
        time=entry.time,
        author=author,
        text="\n".join(lines).rstrip(),
        date=date,
        line=entry.line,
        kind=kind,
    )


def parse(text: str) -> ParsedTranscript:
    entries: list[_Entry] = []
    warnings: list[ParseWarning] = []
    twelve_hour_us = False
    platforms: list[bool] = []
    for number, line in enumerate(split_lines(text), start=1):
        header = _header(line)
        if header:
            found, ios = header
            h, m, s = int(found["h"]), int(found["m"]), int(found["s"] or 0)
            time = clock(h, m, s, found["ampm"])
            if time is None:
                warnings.append(
                    ParseWarning(number, line, "not a time of day: kept without a time")
                )
            # Upper-case AM/PM with slashes is the US habit (month first); en-GB writes "pm".
            twelve_hour_us |= (
                bool(found["ampm"]) and found["sep"] == "/" and found["ampm"].isupper()
            )
            entries.append(
                _Entry(
                    number, int(found["a"]), int(found["b"]), int(found["y"]), time, found["rest"]
                )
            )
            platforms.append(ios)
        elif entries:
            entries[-1].more.append(line)
        elif line.strip():
            warnings.append(ParseWarning(number, line, "text before the first message"))
    day_first, ambiguity = decide_day_first(
        ((e.a, e.b) for e in entries), month_first_hint=twelve_hour_us
    )
    if ambiguity and entries:
        warnings.insert(0, ambiguity)
    messages: list[Message] = []
    for entry, ios in zip(entries, platforms, strict=True):
        date = iso_date(entry.a, entry.b, entry.year, day_first=day_first)
        if date is None:
            warnings.append(
                ParseWarning(entry.line, entry.rest, "not a calendar date: kept without a date")
            )
        messages.append(_message(entry, len(messages) + 1, date, ios))
    return ParsedTranscript(
        messages=messages,
        date=next((m.date for m in messages if m.date), None),
        warnings=warnings,
    )


def detect(head: str) -> float:
    lines = [line for line in split_lines(head)[:500] if line.strip()]
    headers = sum(1 for line in lines if _header(line))
    if headers < 2:
        return 0.0
    return 0.9 if _header(lines[0]) else 0.6


FORMAT = Format(
    id="whatsapp",
    name="WhatsApp chat export (Android and iOS)",
    example="12/31/20, 9:05\u202fPM - Inês Carvalho: Happy new year! 🎉",
    detect=detect,
    parse=parse,
)
