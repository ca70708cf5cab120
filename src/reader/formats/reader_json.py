"""reader's own JSON export (`"reader_format": 1`, see export/json_contract.py), read back."""

from __future__ import annotations

import re
from typing import Any

from reader.errors import ReaderError
from reader.export.json_contract import READER_FORMAT
from reader.formats.base import Format, ParsedTranscript
from reader.formats.json_input import dict_of, list_of, load_json, text_of
from reader.model import Insert, Message, MessageKind, ParseWarning, Reaction, ReplyReason

_MARK = re.compile(r'^\s*\{\s*"reader_format"\s*:\s*(\d+)')


def _optional_text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _reply_reason(entry: dict[str, Any], reply_to: int | None) -> ReplyReason | None:
    if reply_to is None:
        return None
    try:
        return ReplyReason(entry.get("reply_reason"))
    except ValueError:
        return ReplyReason.FORMAT  # the file's own reply data


def _message(entry: dict[str, Any], number: int) -> Message:
    reply_to = entry.get("reply_to")
    reply_to = reply_to if isinstance(reply_to, int) and not isinstance(reply_to, bool) else None
    kind = (
        MessageKind.EVENT if entry.get("kind") == MessageKind.EVENT.value else MessageKind.MESSAGE
    )
    return Message(
        id=number,
        time=_optional_text(entry.get("time")),
        author=text_of(entry.get("author")),
        text=text_of(entry.get("text")),
        inserts=tuple(
            Insert(text_of(dict_of(i).get("author")), text_of(dict_of(i).get("text")))
            for i in list_of(entry.get("inserts"))
        ),
        reply_to=reply_to,
        reply_reason=_reply_reason(entry, reply_to),
        mentions=tuple(m for m in list_of(entry.get("mentions")) if isinstance(m, str)),
        reactions=tuple(
            Reaction(text_of(dict_of(r).get("emoji")), _optional_text(dict_of(r).get("by")))
            for r in list_of(entry.get("reactions"))
        ),
        to=_optional_text(entry.get("to")),
        date=_optional_text(entry.get("date")),
        kind=kind,
    )


def parse(text: str) -> ParsedTranscript:
    data = dict_of(load_json(text, "reader JSON export"))
    version = data.get("reader_format")
    if version != READER_FORMAT:
        raise ReaderError(
            f"reader JSON format {version!r} is not supported (this reader reads {READER_FORMAT})"
        )
    messages: list[Message] = []
    warnings: list[ParseWarning] = []
    for index, entry in enumerate(list_of(data.get("messages")), start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str):
            warnings.append(ParseWarning(0, str(entry)[:120], f"message {index}: no text"))
            continue
        messages.append(_message(entry, len(messages) + 1))
    return ParsedTranscript(
        messages=messages,
        title=_optional_text(data.get("title")),
        date=_optional_text(data.get("date")),
        preamble=text_of(data.get("preamble")),
        epilogue=text_of(data.get("epilogue")),
        warnings=warnings,
    )


def detect(head: str) -> float:
    return 1.0 if _MARK.match(head.lstrip("\ufeff")) else 0.0


FORMAT = Format(
    id="reader-json",
    name="reader's own JSON export",
    example='{"reader_format": 1, "title": "...", "messages": [{"id": 1, "author": "..."}]}',
    detect=detect,
    parse=parse,
)
