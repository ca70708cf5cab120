"""The JSON shape of a bookmark export, and a strict check of one before it is imported.

    {"reader_bookmarks": 1, "exported": "2024-05-01T10:00:00+00:00",
     "transcripts": [{"fingerprint": "<64 hex>", "title": "...", "source": "/path/of/file",
                      "messages": 120,
                      "bookmarks": [{"key": "11:12:31|Mike Counts|<16 hex>", "position": 2,
                                     "note": "...", "excerpt": "I can think of ...",
                                     "created": "...", "updated": "..."}]}]}

Import checks everything first and names the first thing wrong, so a bad file changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reader.errors import ReaderError

EXPORT_VERSION = 1

_FINGERPRINT = re.compile(r"[0-9a-f]{64}")
_KEY = re.compile(r"[^|]*\|.*\|[0-9a-f]{16}", re.DOTALL)


@dataclass(frozen=True, slots=True)
class ImportedTranscript:
    fingerprint: str
    title: str | None
    source: str
    messages: int


@dataclass(frozen=True, slots=True)
class ImportedBookmark:
    fingerprint: str
    key: str
    position: int
    note: str
    excerpt: str
    created: str
    updated: str


def _bad(where: str, what: str) -> ReaderError:
    return ReaderError(f"not a bookmark export: {where} {what}")


def _field(item: dict[str, Any], name: str, kind: type, where: str, default: Any = None) -> Any:
    value = item.get(name, default)
    if kind is int and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise _bad(f"{where}.{name}", "must be a whole number >= 0")
    if kind is str and not isinstance(value, str):
        raise _bad(f"{where}.{name}", "must be text")
    return value


def parse_export(
    data: Any,
) -> tuple[list[ImportedTranscript], list[ImportedBookmark]]:
    if not isinstance(data, dict) or data.get("reader_bookmarks") is None:
        raise ReaderError("not a bookmark export (no reader_bookmarks field)")
    if data["reader_bookmarks"] != EXPORT_VERSION:
        raise ReaderError(
            f"bookmark export version {data['reader_bookmarks']!r} is not one this reader knows"
        )
    items = data.get("transcripts")
    if not isinstance(items, list):
        raise _bad("transcripts", "must be a list")
    transcripts: list[ImportedTranscript] = []
    bookmarks: list[ImportedBookmark] = []
    for t_number, item in enumerate(items):
        where = f"transcripts[{t_number}]"
        if not isinstance(item, dict):
            raise _bad(where, "must be an object")
        fingerprint = _field(item, "fingerprint", str, where)
        if not _FINGERPRINT.fullmatch(fingerprint):
            raise _bad(f"{where}.fingerprint", "must be 64 hex digits")
        title = item.get("title")
        if title is not None and not isinstance(title, str):
            raise _bad(f"{where}.title", "must be text or null")
        transcripts.append(
            ImportedTranscript(
                fingerprint,
                title,
                _field(item, "source", str, where, ""),
                _field(item, "messages", int, where, 0),
            )
        )
        marks = item.get("bookmarks")
        if not isinstance(marks, list):
            raise _bad(f"{where}.bookmarks", "must be a list")
        for b_number, mark in enumerate(marks):
            at = f"{where}.bookmarks[{b_number}]"
            if not isinstance(mark, dict):
                raise _bad(at, "must be an object")
            key = _field(mark, "key", str, at)
            if not _KEY.fullmatch(key):
                raise _bad(f"{at}.key", "is not a message key")
            created = _field(mark, "created", str, at)
            bookmarks.append(
                ImportedBookmark(
                    fingerprint=fingerprint,
                    key=key,
                    position=_field(mark, "position", int, at, 0),
                    note=_field(mark, "note", str, at, ""),
                    excerpt=_field(mark, "excerpt", str, at, ""),
                    created=created,
                    updated=_field(mark, "updated", str, at, created),
                )
            )
    return transcripts, bookmarks
