"""`reader search FILE PATTERN`: the lines that match, like grep; exit 1 when none do."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from itertools import groupby
from typing import Any

from rich.console import Console
from rich.text import Text

from reader.errors import ReaderError
from reader.loader import load
from reader.model import Message, Transcript
from reader.safe_text import escape_json_text, visible
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
    for (message_id, _), in_text in groupby(hits, key=lambda hit: (hit.message_id, hit.insert)):
        message = transcript.message(message_id)
        in_text = list(in_text)
        text = in_text[0].text_of(message)
        heading = _heading(message, in_text[0], id_width)
        for line_start, line_end, on_line in _lines_with_hits(text, in_text):
            line = _marked_line(text, line_start, line_end, on_line)
            if console.color_system is None:  # not a terminal: plain text, written as is
                sys.stdout.write(f"{heading.plain}{line.plain}\n")
            else:
                console.print(heading + line)


def _lines_with_hits(text: str, hits: list[Hit]) -> Iterator[tuple[int, int, list[Hit]]]:
    """(line start, line end, hits starting on it) for each line of `text` with a hit on it.

    Finds each line once, so a long line with many hits costs no more than one pass.
    """
    line_start, line_end, on_line = 0, -1, []
    for hit in hits:
        if hit.start > line_end:
            if on_line:
                yield line_start, line_end, on_line
            line_start = text.rfind("\n", 0, hit.start) + 1
            line_end = text.find("\n", hit.start)
            line_end = len(text) if line_end == -1 else line_end
            on_line = []
        on_line.append(hit)
        line_end = max(line_end, _line_end(text, hit.end))  # a match may run onto the next line
    if on_line:
        yield line_start, line_end, on_line


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end == -1 else end


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


def _marked_line(text: str, line_start: int, line_end: int, hits: list[Hit]) -> Text:
    """The line made visible, newlines as spaces, each match styled."""
    shown = Text()
    position = line_start
    for hit in hits:
        start = max(hit.start, position)  # matches do not overlap, but stay safe
        shown.append(_flat(text[position:start]))
        shown.append(_flat(text[start : hit.end]), MATCH_STYLE)
        position = max(hit.end, start)
    shown.append(_flat(text[position:line_end]))
    return shown


def _flat(part: str) -> str:
    return visible(part).replace("\n", " ")
