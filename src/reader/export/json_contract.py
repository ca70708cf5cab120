"""The JSON contract (`"reader_format": 1`): the whole transcript as plain data."""

from __future__ import annotations

import json
from typing import Any

from reader.model import Message, Transcript
from reader.safe_text import escape_json_text

READER_FORMAT = 1


def message_to_dict(message: Message) -> dict[str, Any]:
    return {
        "id": message.id,
        "time": message.time,
        "author": message.author,
        "to": message.to,
        "text": message.text,
        "inserts": [{"author": i.author, "text": i.text} for i in message.inserts],
        "reply_to": message.reply_to,
        "mentions": list(message.mentions),
        "reactions": [{"emoji": r.emoji, "by": r.by} for r in message.reactions],
        # Beyond the first contract: how a reply was found, the day, and events (joins, parts),
        # so that an export opens again exactly as it was.
        "reply_reason": message.reply_reason.value if message.reply_reason else None,
        "date": message.date,
        "kind": message.kind.value,
    }


def transcript_to_dict(transcript: Transcript) -> dict[str, Any]:
    return {
        "reader_format": READER_FORMAT,
        "source": {
            "path": transcript.source,
            "format": transcript.format,
            "sha256": transcript.sha256,
        },
        "title": transcript.title,
        "date": transcript.date,
        "preamble": transcript.preamble,
        "epilogue": transcript.epilogue,
        "participants": [
            {"name": p.name, "messages": p.messages, "inserts": p.inserts}
            for p in transcript.participants
        ],
        "messages": [message_to_dict(m) for m in transcript.messages],
    }


def transcript_to_json(transcript: Transcript) -> str:
    # Controls and bidi marks become \u escapes: the same data, and safe to print.
    text = json.dumps(transcript_to_dict(transcript), ensure_ascii=False, indent=2)
    return escape_json_text(text) + "\n"
