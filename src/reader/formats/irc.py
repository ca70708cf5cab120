"""IRC logs (irssi, ZNC, mIRC, HexChat and bouncer styles): chat lines, /me actions, and joins,
parts, quits and nick changes as events the app hides by default."""

from __future__ import annotations

import re

from reader.formats.base import Format, ParsedTranscript, split_lines
from reader.model import Message, MessageKind, ParseWarning

# `09:05`, `[09:05]`, `[09:05:33]`, `[2023-03-14 09:05:33]`, `2023-03-14T09:05:33`.
_STAMP = re.compile(
    r"^\[?(?:(?P<date>\d{4}-\d{2}-\d{2})[ T])?(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\]?[ \t]+"
    r"(?P<rest>.*)$"
)
# `<nick> text`, `<@op> text`, `<+voice> text`, `< nick> text` (irssi's empty mode column).
_SAY = re.compile(r"^<(?P<mode>[~&@%+ ]?)(?P<nick>[^\s<>]+)>(?:[ \t](?P<text>.*))?$")
_ACTION = re.compile(r"^\*[ \t]+(?P<nick>[^\s*]+)[ \t]+(?P<text>.*)$")
# `-NickServ(NickServ@services.)- text`: a notice.
_NOTICE = re.compile(r"^-(?P<nick>[^\s!()-][^\s()-]*)(?:\([^)]*\))?-[ \t]+(?P<text>.*)$")
# irssi `-!-`, ZNC and others `***`, weechat `-->` `<--` `--`: status lines.
_EVENT = re.compile(r"^(?:-!-|\*\*\*|-->|<--|--)[ \t]+(?P<text>.*)$")
# mIRC writes events like actions: `* nick has joined #chan`.
_STAR_EVENT = re.compile(
    r"^\*[ \t]+(?P<text>\S+ (?:has (?:joined|left|quit)|is now known as|sets mode|"
    r"changes topic|was kicked)\b.*)$"
)
_EVENT_NICK = re.compile(
    r"^(?:(?:Joins|Parts|Quits):[ \t]+(?P<listed>[^\s(]+)|(?P<nick>[^\s\[(]+)[ \t]+"
    r"(?:\[[^\]]*\][ \t]+|\([^)]*\)[ \t]+)?(?:has|is now known as|was kicked|sets mode))"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# irssi's `--- Log opened Tue Mar 14 09:00:21 2023` and `--- Day changed Wed Mar 15 2023`.
_LOG_DATE = re.compile(
    r"^---[ \t]+(?:Log opened|Log closed|Day changed)[ \t]+\w+[ \t]+(?P<month>\w{3})\w*[ \t]+"
    r"(?P<day>\d{1,2})(?:[ \t]+[\d:]+)?[ \t]+(?P<year>\d{4})\b"
)


def _clock(time: str) -> str:
    """`9:05` -> `09:05:00`: every format gives HH:MM:SS; logs without seconds get :00."""
    parts = [*time.split(":"), "00"]
    return f"{int(parts[0]):02d}:{parts[1]}:{parts[2]}"


def _log_date(line: str) -> str | None:
    found = _LOG_DATE.match(line)
    if not found or found["month"].lower() not in _MONTHS:
        return None
    month = _MONTHS.index(found["month"].lower()) + 1
    return f"{found['year']}-{month:02d}-{int(found['day']):02d}"


def _event_nick(text: str) -> str:
    found = _EVENT_NICK.match(text)
    return (found["listed"] or found["nick"]) if found else ""


def _read_line(rest: str) -> tuple[MessageKind, str, str] | None:
    """(kind, author, text) for what follows the timestamp, or None when it is not IRC."""
    if said := _SAY.match(rest):
        return MessageKind.MESSAGE, said["nick"], (said["text"] or "").rstrip()
    if event := _EVENT.match(rest) or _STAR_EVENT.match(rest):
        text = event["text"].rstrip()
        return MessageKind.EVENT, _event_nick(text), text
    if action := _ACTION.match(rest):
        return MessageKind.MESSAGE, action["nick"], "/me " + action["text"].rstrip()
    if notice := _NOTICE.match(rest):
        return MessageKind.MESSAGE, notice["nick"], notice["text"].rstrip()
    return None


def parse(text: str) -> ParsedTranscript:
    messages: list[Message] = []
    warnings: list[ParseWarning] = []
    first_date: str | None = None
    day: str | None = None
    for number, line in enumerate(split_lines(text), start=1):
        if not line.strip():
            continue
        if line.startswith("---") and (logged := _log_date(line)):
            day = logged
            first_date = first_date or day
            continue
        stamped = _STAMP.match(line.lstrip("\ufeff"))
        read = _read_line(stamped["rest"].lstrip()) if stamped else None
        if not stamped or not read:
            warnings.append(ParseWarning(number, line, "not an IRC log line"))
            continue
        if stamped["date"]:
            day = stamped["date"]
            first_date = first_date or day
        kind, author, said = read
        messages.append(
            Message(
                id=len(messages) + 1,
                time=_clock(stamped["time"]),
                author=author,
                text=said,
                date=day,
                line=number,
                kind=kind,
            )
        )
    return ParsedTranscript(messages=messages, date=first_date, warnings=warnings)


def detect(head: str) -> float:
    lines = [line for line in split_lines(head)[:500] if line.strip()]
    if not lines:
        return 0.0
    said = 0
    for line in lines:
        stamped = _STAMP.match(line.lstrip("\ufeff"))
        if stamped and _SAY.match(stamped["rest"].lstrip()):
            said += 1
    if said < 2:
        return 0.0
    return 0.9 if said * 3 >= len(lines) else 0.5


FORMAT = Format(
    id="irc",
    name="IRC log (irssi, ZNC, mIRC, HexChat)",
    example="[09:05:33] <@alice> has anyone tried the new release?",
    detect=detect,
    parse=parse,
)
