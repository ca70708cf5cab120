"""`reader export FILE`: the transcript as JSON, or the threads of chosen messages.

    reader export FILE [--format json] [-o OUT]                     the whole transcript (JSON)
    reader export FILE --bookmarked --format md|html|json|txt [-o OUT] [--force]
    reader export FILE --thread ID [--thread ID ...] --format ...   threads by message id

OUT may be a folder: the file inside it is named after the transcript's title. Nothing is
written unless the whole export is ready, and an existing file is kept without --force.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.atomic import write_atomic
from reader.errors import ReaderError
from reader.export.json_contract import transcript_to_json
from reader.export.threads_export import (
    THREAD_FORMATS,
    check_format,
    default_filename,
    render_threads,
)
from reader.loader import load
from reader.model import Transcript
from reader.safe_text import visible


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export the transcript (JSON) or the threads of bookmarks or messages",
        description="Export the whole transcript as JSON, or the threads of bookmarked "
        "messages (--bookmarked) or of messages by id (--thread) as Markdown, HTML, JSON or "
        "plain text.",
    )
    parser.add_argument("file")
    parser.add_argument(
        "--format",
        dest="export_format",
        metavar="FORMAT",
        default=None,
        help=f"json for the transcript; {', '.join(THREAD_FORMATS)} for threads (default json)",
    )
    parser.add_argument(
        "--bookmarked", action="store_true", help="export the thread of every bookmark"
    )
    parser.add_argument(
        "--thread",
        dest="threads",
        action="append",
        default=[],
        metavar="ID",
        help="export the thread of message ID (repeatable)",
    )
    parser.add_argument("--input-format", dest="input_format", metavar="ID")
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write here (a file or a folder) instead of stdout"
    )
    parser.add_argument("--force", action="store_true", help="overwrite an existing OUT")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    fmt = args.export_format or "json"
    wants_threads = args.bookmarked or args.threads
    if wants_threads:
        check_format(fmt)
    elif fmt != "json":
        raise ReaderError(
            f"--format {fmt} exports threads: add --bookmarked or --thread ID"
            if fmt in THREAD_FORMATS
            else f"unknown export format {fmt!r} (use {', '.join(THREAD_FORMATS)})"
        )
    thread_ids = [_message_id(text) for text in args.threads]
    transcript = load(args.file, format_id=args.input_format)
    if wants_threads:
        selections = _bookmarked(transcript) if args.bookmarked else []
        selections += [(message_id, None) for message_id in thread_ids]
        text = render_threads(transcript, selections, fmt)
    else:
        text = transcript_to_json(transcript)
    if args.output:
        output = Path(args.output)
        if output.is_dir():
            output = output / default_filename(transcript, fmt if wants_threads else "json")
        write_atomic(output, text, force=args.force)
    else:
        sys.stdout.write(text)
    return 0


def _message_id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ReaderError(f"--thread {text!r}: not a message id (a whole number)") from None


def _bookmarked(transcript: Transcript) -> list[tuple[int, str | None]]:
    """(message id, note) of the transcript's bookmarks, in transcript order."""
    from reader.bookmarks import BookmarkStore  # only this option needs the database

    with BookmarkStore.open() as store:
        if store.notice:
            print(f"reader: {visible(store.notice)}", file=sys.stderr)
        bookmarks = store.bookmarks(transcript)
    if not bookmarks:
        raise ReaderError(
            f"{visible(transcript.source)}: no bookmarks to export "
            "(add some with `reader bookmark FILE ID`)"
        )
    return [(b.message_id, b.note or None) for b in bookmarks]
