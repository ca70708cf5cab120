"""`reader search FILE PATTERN`: the lines that match, like grep; exit 1 when none do."""

from __future__ import annotations

import argparse
import json
import sys
from itertools import groupby
from typing import Any

from rich.console import Console
from rich.text import Text

from reader.errors import ReaderError
from reader.loader import load
from reader.model import Message, Transcript
from reader.safe_text import escape_json_text, visible, visible_offset
from reader.search import Hit, line_around, parse_query, search_all

MATCH_STYLE = "bold red"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "search",
        help="print the messages that match PATTERN (exit 1 when none do)",
        description=(
            "Search message and insert text. Smart case: case is ignored unless PATTERN holds a "
            'capital. PATTERN may hold from:NAME or from:"Two Words" to keep only those authors.'
        ),
    )
    parser.add_argument("file")
    parser.add_argument("pattern")
    parser.add_argument("-E", "--regex", action="store_true", help="PATTERN is a regex")
    case = parser.add_mutually_exclusive_group()
    case.add_argument(
        "-s", "--case-sensitive", dest="case_sensitive", action="store_true", default=None
    )
    case.add_argument("-i", "--ignore-case", dest="case_sensitive", action="store_false")
    parser.add_argument("-w", "--whole-word", action="store_true", help="match whole words only")
    parser.add_argument(
        "--author",
        action="append",
        default=[],
        metavar="NAME",
        help="only text by authors whose name holds NAME (any case); repeat for more",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON array of the hits")
    parser.add_argument("--input-format", dest="input_format", metavar="ID")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    query = parse_query(
        args.pattern,
        regex=args.regex,
        whole_word=args.whole_word,
        case_sensitive=args.case_sensitive,
        from_names=args.author,
    )
    if query.is_empty:
        raise ReaderError("the search pattern is empty")
    transcript = load(args.file, format_id=args.input_format)
    hits = search_all(transcript.messages, query)
    if args.json:
        records = [_record(transcript, hit) for hit in hits]
        sys.stdout.write(escape_json_text(json.dumps(records, ensure_ascii=False, indent=2)))
        sys.stdout.write("\n")
    else:
        _print_lines(transcript, hits)
    return 0 if hits else 1


def _record(transcript: Transcript, hit: Hit) -> dict[str, Any]:
    """One hit as data; `line[start:end]` is the match."""
    message = transcript.message(hit.message_id)
    line, start, end = line_around(hit.text_of(message), hit.start, hit.end)
    return {
        "id": message.id,
        "time": message.time,
        "author": hit.author_of(message),
        "insert": hit.insert,
        "line": line,
        "start": start,
        "end": end,
    }


def _print_lines(transcript: Transcript, hits: list[Hit]) -> None:
    """Each line that matches once, with every match on it marked (in colour on a terminal)."""
    console = Console(highlight=False, soft_wrap=True)
    id_width = len(str(len(transcript.messages)))

    def line_key(hit: Hit) -> tuple[int, int | None, int]:
        text = hit.text_of(transcript.message(hit.message_id))
        return hit.message_id, hit.insert, text.rfind("\n", 0, hit.start)

    for (message_id, _, _), same_line in groupby(hits, key=line_key):
        on_line = list(same_line)
        message = transcript.message(message_id)
        console.print(_heading(message, on_line[0], id_width) + _marked_line(message, on_line))


def _heading(message: Message, hit: Hit, id_width: int) -> Text:
    author = visible(hit.author_of(message))
    label = f"{author} (later insert)" if hit.insert is not None else author
    return Text.assemble(
        (f"{message.id:>{id_width}}", "dim"),
        "  ",
        (message.time or "--:--:--", "cyan"),
        "  ",
        (label, "bold"),
        ": ",
    )


def _marked_line(message: Message, hits: list[Hit]) -> Text:
    first = hits[0]
    text = first.text_of(message)
    line, _, _ = line_around(text, first.start, hits[-1].end)
    line_start = first.start - line_around(text, first.start, first.end)[1]
    shown = Text(visible(line).replace("\n", " "))
    for hit in hits:
        start = visible_offset(line, hit.start - line_start)
        end = visible_offset(line, hit.end - line_start)
        shown.stylize(MATCH_STYLE, start, end)
    return shown
