"""Telegram Desktop's "Export chat history" in JSON (`result.json`)."""

from __future__ import annotations

import re
from typing import Any

from reader.errors import ReaderError
from reader.formats.base import Format, ParsedTranscript
from reader.formats.json_input import dict_of, list_of, load_json, text_of
from reader.model import Message, MessageKind, ParseWarning, Reaction, ReplyReason

_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})")
_MENTIONS = {"mention", "mention_name"}
_CHAT_TYPE = re.compile(
    r'"type"\s*:\s*"(?:personal_chat|private_group|private_supergroup|public_supergroup'
    r'|public_channel|private_channel|saved_messages|bot_chat)"'
)


def _text(value: Any) -> tuple[str, tuple[str, ...]]:
    """`text` is a string, or a list of strings and entities ({"type": ..., "text": ...})."""
    if isinstance(value, str):
        return value, ()
    parts: list[str] = []
    mentions: list[str] = []
    for part in list_of(value):
        if isinstance(part, str):
            parts.append(part)
            continue
        entity = dict_of(part)
        shown = text_of(entity.get("text"))
        parts.append(shown)
        if entity.get("type") in _MENTIONS and shown.lstrip("@") not in mentions:
            mentions.append(shown.lstrip("@"))
    return "".join(parts), tuple(mentions)


def _media(entry: dict[str, Any]) -> str:
    if "photo" in entry:
        return "[photo]"
    if sticker := text_of(entry.get("sticker_emoji")):
        return f"[sticker {sticker}]"
    media = text_of(entry.get("media_type")).replace("_", " ")
    name = text_of(entry.get("file_name"))
    if media or name or "file" in entry:
        return f"[{media or 'file'}{': ' + name if name else ''}]"
    if poll := dict_of(entry.get("poll")):
        return f"[poll: {text_of(poll.get('question'))}]"
    return ""


def _reactions(entry: dict[str, Any]) -> tuple[Reaction, ...]:
    reactions: list[Reaction] = []
    for reaction in list_of(entry.get("reactions")):
        reaction = dict_of(reaction)
        emoji = text_of(reaction.get("emoji")) or text_of(reaction.get("document_id")) or "?"
        who = [text_of(dict_of(r).get("from")) or None for r in list_of(reaction.get("recent"))]
        count = reaction.get("count")
        extra = count - len(who) if isinstance(count, int) and count > len(who) else 0
        reactions.extend(Reaction(emoji, by) for by in who)
        reactions.extend(Reaction(emoji) for _ in range(extra))
    return tuple(reactions)


def _service_text(entry: dict[str, Any]) -> str:
    action = text_of(entry.get("action")).replace("_", " ") or "service message"
    members = ", ".join(m for m in list_of(entry.get("members")) if isinstance(m, str))
    title = text_of(entry.get("title"))
    return " ".join(p for p in (action, members, f"\u201c{title}\u201d" if title else "") if p)


def parse(text: str) -> ParsedTranscript:
    data = dict_of(load_json(text, "Telegram export"))
    if "messages" not in data:
        if "chats" in data:
            raise ReaderError("a whole-account Telegram export: export one chat's history instead")
        raise ReaderError('not a Telegram chat export (no "messages")')
    warnings: list[ParseWarning] = []
    dated: list[tuple[re.Match[str], dict[str, Any]]] = []
    for index, entry in enumerate(list_of(data.get("messages")), start=1):
        entry = dict_of(entry)
        when = _DATE.match(text_of(entry.get("date")))
        if when:
            dated.append((when, entry))
        else:
            warnings.append(ParseWarning(0, str(entry)[:120], f"entry {index}: no date"))
    ids = {e.get("id"): n for n, (_, e) in enumerate(dated, start=1) if "id" in e}
    messages: list[Message] = []
    for number, (when, entry) in enumerate(dated, start=1):
        service = entry.get("type") == "service"
        body, mentions = _text(entry.get("text"))
        if service:
            body = _service_text(entry)
        reply = ids.get(entry.get("reply_to_message_id"))
        author = entry.get("actor") if service else entry.get("from")
        messages.append(
            Message(
                id=number,
                time=when[2],
                author=text_of(author) or "Deleted Account",
                text="\n".join(p for p in (_media(entry), body) if p),
                reply_to=reply,
                reply_reason=ReplyReason.FORMAT if reply else None,
                mentions=mentions,
                reactions=_reactions(entry),
                date=when[1],
                kind=MessageKind.EVENT if service else MessageKind.MESSAGE,
            )
        )
    return ParsedTranscript(
        messages=messages,
        title=text_of(data.get("name")) or None,
        date=messages[0].date if messages else None,
        warnings=warnings,
    )


def detect(head: str) -> float:
    start = head.lstrip("\ufeff \t\n")
    if not start.startswith("{") or '"messages"' not in head:
        return 0.0
    if _CHAT_TYPE.search(head) or '"date_unixtime"' in head:
        return 0.95
    return 0.0


FORMAT = Format(
    id="telegram",
    name="Telegram chat export (result.json)",
    example='{"id": 2, "type": "message", "date": "2021-03-04T10:01:12", "from": "Olena"}',
    detect=detect,
    parse=parse,
)
