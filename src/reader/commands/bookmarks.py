"""Bookmarks from the command line, the headless twins of the app's bookmark keys.

reader bookmarks FILE [--json]          list FILE's bookmarks
reader bookmark FILE ID [--note TEXT]   add one, or change its note
reader unbookmark FILE ID               remove one (exit 1 when there was none)
reader bookmarks --export OUT.json      back up every transcript's bookmarks
reader bookmarks --import IN.json       merge a backup in
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from reader.atomic import write_atomic
from reader.bookmarks import BookmarkStore
from reader.errors import ReaderError
from reader.loader import load, read_bytes
from reader.model import Message, Transcript
from reader.safe_text import visible


def register(subparsers: argparse._SubParsersAction) -> None:
    listing = subparsers.add_parser(
        "bookmarks",
        help="list a transcript's bookmarks, or export/import all of them",
        description="List FILE's bookmarks, or back up (--export) or restore (--import) the "
        "bookmarks of every transcript.",
    )
    listing.add_argument("file", nargs="?", help="the transcript")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument("--export", metavar="OUT", help="write all bookmarks to OUT (JSON)")
    listing.add_argument("--import", dest="import_from", metavar="IN", help="merge IN into yours")
    listing.add_argument("--force", action="store_true", help="let --export overwrite OUT")
    listing.add_argument("--input-format", dest="input_format", metavar="ID")
    listing.set_defaults(run=run_list)

    adding = subparsers.add_parser("bookmark", help="bookmark a message, or change its note")
    adding.add_argument("file", help="the transcript")
    adding.add_argument("id", help="the message id (as `reader bookmarks` and the app show it)")
    adding.add_argument("--note", metavar="TEXT", help="the note ('' removes it)")
    adding.add_argument("--input-format", dest="input_format", metavar="ID")
    adding.set_defaults(run=run_add)

    removing = subparsers.add_parser("unbookmark", help="remove a message's bookmark")
    removing.add_argument("file", help="the transcript")
    removing.add_argument("id", help="the message id")
    removing.add_argument("--input-format", dest="input_format", metavar="ID")
    removing.set_defaults(run=run_remove)


def _open_store(*, for_writing: bool) -> BookmarkStore:
    store = BookmarkStore.open()
    if store.notice:
        notice = visible(store.notice)  # it holds a path, and paths can hold anything
        if for_writing and not store.persistent:
            store.close()
            raise ReaderError(notice)
        print(f"reader: {notice}", file=sys.stderr)
    return store


def _message_id(text: str, transcript: Transcript) -> int:
    count = len(transcript.messages)
    try:
        message_id = int(text)
    except ValueError:
        raise ReaderError(f"{text!r}: not a message id (1 to {count})") from None
    if not 1 <= message_id <= count:
        raise ReaderError(
            f"message {message_id} does not exist (the transcript has {count} messages)"
        )
    return message_id


def _first_line(message: Message) -> str:
    return visible(message.text.split("\n", 1)[0].strip())


def run_list(args: argparse.Namespace) -> int:
    if args.export and args.import_from:
        raise ReaderError("use --export or --import, not both")
    if args.export or args.import_from:
        if args.file or args.json:
            raise ReaderError("--export and --import cover every transcript: give no FILE")
        return _export(args.export, args.force) if args.export else _import(args.import_from)
    if not args.file:
        raise ReaderError("give a FILE to list its bookmarks, or --export / --import")
    transcript = load(args.file, format_id=args.input_format)
    with _open_store(for_writing=False) as store:
        bookmarks = store.bookmarks(transcript)
        orphans = store.orphans(transcript)
    if args.json:
        data = {
            "source": transcript.source,
            "bookmarks": [
                {
                    "id": bookmark.message_id,
                    "time": transcript.message(bookmark.message_id).time,
                    "author": transcript.message(bookmark.message_id).author,
                    "text": transcript.message(bookmark.message_id).text.split("\n", 1)[0],
                    "note": bookmark.note,
                    "created": bookmark.created,
                    "key": bookmark.key,
                }
                for bookmark in bookmarks
            ],
            "orphaned": [
                {
                    "key": orphan.key,
                    "text": orphan.excerpt,
                    "note": orphan.note,
                    "created": orphan.created,
                }
                for orphan in orphans
            ],
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    for bookmark in bookmarks:
        message = transcript.message(bookmark.message_id)
        time = message.time or "--:--:--"
        print(
            f"{bookmark.message_id:>5}  {time}  {visible(message.author)}  {_first_line(message)}"
        )
        if bookmark.note:
            print(f"{'':>5}  note: {visible(bookmark.note)}")
    if not bookmarks:
        print("reader: no bookmarks in this transcript", file=sys.stderr)
    if orphans:
        print(
            f"reader: {len(orphans)} kept bookmark(s) point at messages no longer in this "
            "transcript (see --json)",
            file=sys.stderr,
        )
    return 0


def run_add(args: argparse.Namespace) -> int:
    transcript = load(args.file, format_id=args.input_format)
    message_id = _message_id(args.id, transcript)
    with _open_store(for_writing=True) as store:
        bookmark = store.set(transcript, message_id, note=args.note)
    message = transcript.message(message_id)
    line = f"bookmarked {message_id}: {message.time or '--:--:--'} {visible(message.author)}"
    print(line + (f" (note: {visible(bookmark.note)})" if bookmark.note else ""))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    transcript = load(args.file, format_id=args.input_format)
    message_id = _message_id(args.id, transcript)
    with _open_store(for_writing=True) as store:
        removed = store.remove(transcript, message_id)
    if not removed:
        print(f"reader: message {message_id} has no bookmark", file=sys.stderr)
        return 1
    print(f"removed the bookmark on {message_id}")
    return 0


def _export(out: str, force: bool) -> int:
    with _open_store(for_writing=False) as store:
        data = store.export_all()
    write_atomic(out, json.dumps(data, ensure_ascii=False, indent=2) + "\n", force=force)
    count = sum(len(t["bookmarks"]) for t in data["transcripts"])
    print(f"exported {count} bookmark(s) of {len(data['transcripts'])} transcript(s) to {out}")
    return 0


def _read_json(path: str) -> Any:
    try:
        return json.loads(read_bytes(path).decode("utf-8"))
    except UnicodeDecodeError:
        raise ReaderError(f"{path}: not a bookmark export (not UTF-8 text)") from None
    except json.JSONDecodeError as error:
        raise ReaderError(
            f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None


def _import(path: str) -> int:
    data = _read_json(path)
    with _open_store(for_writing=True) as store:
        try:
            changed = store.import_all(data)
        except ReaderError as error:
            raise ReaderError(f"{path}: {error}") from None
    print(f"imported {changed} new or changed bookmark(s) from {path}")
    return 0
