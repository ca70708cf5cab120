"""Threads as JSON: the export contract's message objects, nested as the thread is, with notes.

{"reader_format": 1, "kind": "threads", "source": {...}, "title", "date",
 "threads": [{"selected": [ids], "notes": [...], "root": MESSAGE,
              "replies": [{"message": MESSAGE, "replies": [...]}, ...]}]}
"""

from __future__ import annotations

import json
from typing import Any

from reader.export.json_contract import READER_FORMAT, message_to_dict
from reader.export.thread_document import ThreadDocument
from reader.safe_text import escape_json_text
from reader.threads import ThreadNode


def _replies(nodes: tuple[ThreadNode, ...]) -> list[dict[str, Any]]:
    """Nested reply objects, built without recursion (a chain of replies can be long)."""
    top: list[dict[str, Any]] = []
    stack: list[tuple[tuple[ThreadNode, ...], list[dict[str, Any]]]] = [(nodes, top)]
    while stack:
        level, into = stack.pop()
        for node in level:
            children: list[dict[str, Any]] = []
            into.append({"message": message_to_dict(node.message), "replies": children})
            if node.replies:
                stack.append((node.replies, children))
    return top


def document_to_dict(document: ThreadDocument) -> dict[str, Any]:
    citation = document.citation
    return {
        "reader_format": READER_FORMAT,
        "kind": "threads",
        "source": {
            "file": citation.file,
            "format": citation.format,
            "sha256": citation.sha256,
        },
        "title": citation.title,
        "date": citation.date,
        "threads": [
            {
                "selected": list(exported.selected),
                "notes": list(exported.notes),
                "root": message_to_dict(exported.thread.root),
                "replies": _replies(exported.thread.replies),
            }
            for exported in document.threads
        ],
    }


def render(document: ThreadDocument) -> str:
    text = json.dumps(document_to_dict(document), ensure_ascii=False, indent=2) + "\n"
    return escape_json_text(text)  # the data stays exact; the bytes are safe to print
