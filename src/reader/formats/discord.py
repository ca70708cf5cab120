"""DiscordChatExporter's JSON, plain-text and CSV exports of a channel.

Only the JSON keeps replies (`reference.messageId`) and who reacted; the text and CSV forms keep
reaction counts. Text and CSV dates follow the exporting machine's locale (`12/31/2020 9:05 PM`,
`31/12/2020 21:05`, `31.12.2020 21:05`, older `31-Dec-20 09:05 PM`), ordered from the whole file.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from reader.formats.base import Format, ParsedTranscript, split_lines
from reader.formats.chat_dates import AMPM, clock, decide_day_first, iso_date
from reader.formats.json_input import dict_of, has_keys, list_of, load_json, text_of
from reader.model import Message, MessageKind, ParseWarning, Reaction, ReplyReason

_CHAT_TYPES = {"Default", "Reply"}
_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_STAMP = re.compile(
    r"^(?:(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})[/.-](?P<y>\d{2,4})"
    r"|(?P<day>\d{1,2})-(?P<mon>[A-Za-z]{3})-(?P<y2>\d{2,4}))\.?,?[ \u00a0]+"
    rf"(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?::(?P<s>\d{{2}}))?(?:[ \u00a0\u202f]?{AMPM})?$"
)
_TXT_HEADER = re.compile(r"^\[(?P<stamp>[^\]\n]{6,40})\] (?P<author>.+?)(?P<pinned> \(pinned\))?$")
_RULE = "=" * 62
_SECTION = re.compile(r"^\{(Attachments|Embed|Stickers|Reactions)\}$")
_REACTION = re.compile(r"(\S+)(?: \((\d+)\))?")
CSV_HEADER = "AuthorID,Author,Date,Content,Attachments,Reactions"


# --- JSON -------------------------------------------------------------------------------------


def _person(user: Any) -> str:
    user = dict_of(user)
    return text_of(user.get("nickname")) or text_of(user.get("name")) or "Deleted User"


def _json_reactions(entry: dict[str, Any]) -> tuple[Reaction, ...]:
    reactions: list[Reaction] = []
    for reaction in list_of(entry.get("reactions")):
        reaction = dict_of(reaction)
        emoji = text_of(dict_of(reaction.get("emoji")).get("name")) or "?"
        users = [_person(u) for u in list_of(reaction.get("users"))]
        count = reaction.get("count")
        extra = count - len(users) if isinstance(count, int) and count > len(users) else 0
        reactions.extend(Reaction(emoji, name) for name in users)
        reactions.extend(Reaction(emoji) for _ in range(extra))
    return tuple(reactions)


def parse_json(text: str) -> ParsedTranscript:
    data = dict_of(load_json(text, "DiscordChatExporter JSON export"))
    guild, channel = dict_of(data.get("guild")), dict_of(data.get("channel"))
    title = " / ".join(
        p
        for p in (
            text_of(guild.get("name")),
            text_of(channel.get("name")) and f"#{channel['name']}",
        )
        if p
    )
    warnings: list[ParseWarning] = []
    kept: list[tuple[re.Match[str], dict[str, Any]]] = []
    for index, entry in enumerate(list_of(data.get("messages")), start=1):
        entry = dict_of(entry)
        when = _ISO.match(text_of(entry.get("timestamp")))
        if when:
            kept.append((when, entry))
        else:
            warnings.append(ParseWarning(0, str(entry)[:120], f"message {index}: no timestamp"))
    ids = {text_of(e.get("id")): n for n, (_, e) in enumerate(kept, start=1) if e.get("id")}
    messages: list[Message] = []
    for number, (when, entry) in enumerate(kept, start=1):
        chat = text_of(entry.get("type")) in _CHAT_TYPES or "type" not in entry
        reference = text_of(dict_of(entry.get("reference")).get("messageId"))
        reply = ids.get(reference) if chat and reference else None
        extras = [
            f"[attachment: {text_of(dict_of(a).get('fileName')) or text_of(dict_of(a).get('url'))}]"
            for a in list_of(entry.get("attachments"))
        ]
        extras += [
            f"[sticker: {text_of(dict_of(s).get('name'))}]" for s in list_of(entry.get("stickers"))
        ]
        messages.append(
            Message(
                id=number,
                time=when[2],
                author=_person(entry.get("author")),
                text="\n".join(p for p in (text_of(entry.get("content")), *extras) if p),
                reply_to=reply,
                reply_reason=ReplyReason.FORMAT if reply else None,
                mentions=tuple(dict.fromkeys(_person(u) for u in list_of(entry.get("mentions")))),
                reactions=_json_reactions(entry),
                date=when[1],
                kind=MessageKind.MESSAGE if chat else MessageKind.EVENT,
            )
        )
    return ParsedTranscript(
        messages=messages,
        title=title or None,
        date=messages[0].date if messages else None,
        warnings=warnings,
    )


def detect_json(head: str) -> float:
    start = head.lstrip("\ufeff \t\n")
    if start.startswith("{") and has_keys(head, "guild", "channel", "messages", "author"):
        return 0.95
    return 0.0


# --- dates of the text and CSV forms ----------------------------------------------------------


@dataclass(slots=True)
class _Stamp:
    a: int  # first number of a numeric date, or the day of a month-name date
    b: int  # second number, or the month
    year: int
    time: str | None
    named_month: bool


def _read_stamp(stamp: str) -> _Stamp | None:
    found = _STAMP.match(stamp.strip())
    if not found:
        return None
    time = clock(int(found["h"]), int(found["m"]), int(found["s"] or 0), found["ampm"])
    if found["mon"]:
        if found["mon"].lower() not in _MONTHS:
            return None
        month = _MONTHS.index(found["mon"].lower()) + 1
        return _Stamp(int(found["day"]), month, int(found["y2"]), time, True)
    return _Stamp(int(found["a"]), int(found["b"]), int(found["y"]), time, False)


def _us_hint(stamps: list[str]) -> bool:
    """A 12-hour clock with slashes and upper-case AM/PM is the en-US default: month first."""
    return any(re.search(r"/.* [AP]M$", s.strip()) for s in stamps)


def _dates(stamps: list[_Stamp], raw: list[str]) -> tuple[list[str | None], ParseWarning | None]:
    numeric = [(s.a, s.b) for s in stamps if not s.named_month]
    day_first, ambiguity = decide_day_first(numeric, month_first_hint=_us_hint(raw))
    dates = [iso_date(s.a, s.b, s.year, day_first=day_first or s.named_month) for s in stamps]
    return dates, ambiguity if numeric else None


# --- plain text -------------------------------------------------------------------------------


@dataclass(slots=True)
class _TextMessage:
    line: int
    stamp: _Stamp
    raw_stamp: str
    author: str
    lines: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    reactions: list[Reaction] = field(default_factory=list)


def _reactions_line(line: str) -> list[Reaction]:
    found = []
    for emoji, count in _REACTION.findall(line):
        found.extend(Reaction(emoji) for _ in range(int(count or 1)))
    return found


def parse_text(text: str) -> ParsedTranscript:
    lines = split_lines(text)
    warnings: list[ParseWarning] = []
    blocks: list[_TextMessage] = []
    preamble: list[str] = []
    section = ""
    done = False
    for number, line in enumerate(lines, start=1):
        header = _TXT_HEADER.match(line)
        stamp = _read_stamp(header["stamp"]) if header else None
        if header and stamp:
            blocks.append(_TextMessage(number, stamp, header["stamp"], header["author"].strip()))
            section = ""
            continue
        if line == _RULE:
            done = bool(blocks)
            continue
        if done or not blocks:
            if not done and line.strip():
                preamble.append(line)
            elif done and line.strip() and not line.startswith("Exported "):
                warnings.append(ParseWarning(number, line, "text after the export's closing line"))
            continue
        block = blocks[-1]
        if section_found := _SECTION.match(line):
            section = section_found[1]
        elif section == "Reactions" and line.strip():
            block.reactions.extend(_reactions_line(line))
        elif section == "Attachments" and line.strip():
            block.extras.append(f"[attachment: {line.strip()}]")
        elif section == "Stickers" and line.strip():
            block.extras.append(f"[sticker: {line.strip()}]")
        elif section == "Embed":
            block.extras.append(line)
        elif not section:
            block.lines.append(line)
    dates, ambiguity = _dates([b.stamp for b in blocks], [b.raw_stamp for b in blocks])
    if ambiguity:
        warnings.insert(0, ambiguity)
    messages = [
        Message(
            id=number,
            time=block.stamp.time,
            author=block.author,
            text="\n".join(
                p for p in ("\n".join(block.lines).strip("\n").rstrip(), *block.extras) if p
            ).rstrip(),
            reactions=tuple(block.reactions),
            date=date,
            line=block.line,
        )
        for number, (block, date) in enumerate(zip(blocks, dates, strict=True), start=1)
    ]
    title = " / ".join(
        line.split(": ", 1)[1] for line in preamble if line.startswith(("Guild: ", "Channel: "))
    )
    return ParsedTranscript(
        messages=messages,
        title=title or None,
        date=next((m.date for m in messages if m.date), None),
        warnings=warnings,
    )


def detect_text(head: str) -> float:
    lines = split_lines(head.lstrip("\ufeff"))[:400]
    if len(lines) > 2 and lines[0] == _RULE and lines[1].startswith("Guild: "):
        return 0.95
    headers = sum(1 for line in lines if (h := _TXT_HEADER.match(line)) and _read_stamp(h["stamp"]))
    return 0.6 if headers >= 2 and "#" in head else 0.0


# --- CSV --------------------------------------------------------------------------------------


def parse_csv(text: str) -> ParsedTranscript:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    warnings: list[ParseWarning] = []
    rows: list[tuple[int, list[str], _Stamp]] = []
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if line == 1 and ",".join(row) == CSV_HEADER:
                continue
            stamp = _read_stamp(row[2]) if len(row) >= 4 else None
            if stamp is None:
                warnings.append(ParseWarning(line, ",".join(row), "not a DiscordChatExporter row"))
                continue
            rows.append((line, row, stamp))
    except csv.Error as error:
        warnings.append(ParseWarning(start, "", f"broken CSV: {error}"))
    dates, ambiguity = _dates([s for _, _, s in rows], [r[2] for _, r, _ in rows])
    if ambiguity:
        warnings.insert(0, ambiguity)
    messages = []
    for number, ((line, row, stamp), date) in enumerate(zip(rows, dates, strict=True), start=1):
        attachments = [f"[attachment: {u}]" for u in row[4].split(",") if u] if len(row) > 4 else []
        reactions = _reactions_line(row[5].replace(",", " ")) if len(row) > 5 else []
        messages.append(
            Message(
                id=number,
                time=stamp.time,
                author=row[1],
                text="\n".join(p for p in (row[3], *attachments) if p),
                reactions=tuple(reactions),
                date=date,
                line=line,
            )
        )
    return ParsedTranscript(
        messages=messages,
        date=next((m.date for m in messages if m.date), None),
        warnings=warnings,
    )


def detect_csv(head: str) -> float:
    return 0.95 if head.lstrip("\ufeff").startswith(CSV_HEADER) else 0.0


FORMAT = Format(
    id="discord",
    name="DiscordChatExporter JSON",
    example='{"guild": {...}, "channel": {...}, "messages": [{"id": "...", "author": {...}}]}',
    detect=detect_json,
    parse=parse_json,
)
TEXT_FORMAT = Format(
    id="discord-txt",
    name="DiscordChatExporter plain text",
    example="[12/31/2020 9:05 PM] ronja#4521",
    detect=detect_text,
    parse=parse_text,
)
CSV_FORMAT = Format(
    id="discord-csv",
    name="DiscordChatExporter CSV",
    example=CSV_HEADER,
    detect=detect_csv,
    parse=parse_csv,
)
