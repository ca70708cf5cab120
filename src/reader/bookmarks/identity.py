"""Who a bookmark belongs to: a transcript fingerprint and a stable key for each message.

Message key: ``"<when>|<author>|<text hash>"``, where *when* is the message's date and time as the
format gives them ("2020-06-10 11:12:31", "11:12:31" or ""), and the hash is the first 16 hex digits
of SHA-256 over the text with Unicode normalised (NFC) and runs of whitespace collapsed, so a file
re-saved with other line wrapping or trailing spaces keeps its keys. Later inserts under a message
are left out on purpose: a re-published log that gained a moderator's answer is the same message.
The key is not unique when the same person wrote the same text at the same time twice; the store
tells such messages apart by the position each bookmark was made at (see store.py).

Transcript fingerprint: SHA-256 over the title, the date and the key of the first message. It is
not the hash of the file, so it survives:
- renaming or moving the file (no path in it);
- a re-saved transcript that gained messages at the end or inserts anywhere (only the start counts);
- another encoding or line-ending style of the same text (keys hash decoded, normalised text).
Two different transcripts share a fingerprint only if title, date and first message (time, author,
text) all match; even then a bookmark is shown only on a message with the same key, so the worst
case is a bookmark appearing on an identical message in a near-identical transcript.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata

from reader.model import Message, Transcript

FINGERPRINT_VERSION = "reader-transcript-1"


def message_when(message: Message) -> str:
    """The message's date and time as one string, "" when the format carries neither."""
    date, time = message.date, message.time
    if date and time:
        return f"{date} {time}"
    return date or time or ""


def text_hash(text: str) -> str:
    normalised = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def message_key(message: Message) -> str:
    return f"{message_when(message)}|{message.author}|{text_hash(message.text)}"


def split_key(key: str) -> tuple[str, str]:
    """(when, author) of a key: authors may hold "|", the when part and the hash never do."""
    when, rest = key.split("|", 1)
    return when, rest.rsplit("|", 1)[0]


def fingerprint(transcript: Transcript) -> str:
    first = message_key(transcript.messages[0]) if len(transcript.messages) else ""
    payload = json.dumps([FINGERPRINT_VERSION, transcript.title, transcript.date, first])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def excerpt(message: Message, width: int = 80) -> str:
    """The first line of the text, cut to `width` characters: enough to recognise an orphan."""
    first_line = message.text.split("\n", 1)[0].strip()
    return first_line if len(first_line) <= width else first_line[: width - 1] + "…"
