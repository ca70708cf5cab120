"""`reader check FILE`: how reader reads a file, and every line it could not place.

Exit 0 when every line was placed, 1 when some were not (listed as `LINE: text  (reason)`),
2 when the file cannot be read as a transcript at all.
"""

from __future__ import annotations

import argparse

from reader.formats import get_format
from reader.loader import load
from reader.model import ReplyReason, Transcript
from reader.safe_text import visible


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="report the format, counts and every line that could not be placed",
        description=(
            "Parse FILE and report its format, encoding and counts, then every line that could "
            "not be placed. Exit 0 when there is none, 1 when there are some, 2 on errors."
        ),
    )
    parser.add_argument("file")
    parser.add_argument(
        "--format", "--input-format", dest="input_format", metavar="ID", help="skip detection"
    )
    parser.set_defaults(run=run)


def report(transcript: Transcript) -> list[str]:
    """The lines `reader check` prints for a parsed transcript."""
    fmt = get_format(transcript.format)
    messages = transcript.messages
    replies = sum(1 for m in messages if m.reply_to is not None)
    from_format = sum(1 for m in messages if m.reply_reason is ReplyReason.FORMAT)
    notes = [w for w in transcript.warnings if w.line <= 0]  # about the whole file
    unplaced = [w for w in transcript.warnings if w.line > 0]
    lines = [
        f"file: {visible(transcript.source)}",
        f"format: {fmt.id} - {fmt.name}",
        f"encoding: {transcript.encoding}",
        *(f"note: {visible(note.reason)}" for note in notes),
        f"messages: {len(messages)}",
        f"participants: {len(transcript.participants)}",
        f"inserts: {sum(len(m.inserts) for m in messages)}",
        f"replies: {replies} ({from_format} from the format)",
        f"reactions: {sum(len(m.reactions) for m in messages)}",
        f"unplaced lines: {len(unplaced)}",
    ]
    lines += [f"{w.line}: {visible(w.text)}  ({w.reason})" for w in unplaced]
    return lines


def run(args: argparse.Namespace) -> int:
    transcript = load(args.file, format_id=args.input_format)
    print("\n".join(report(transcript)))
    return 1 if any(w.line > 0 for w in transcript.warnings) else 0
