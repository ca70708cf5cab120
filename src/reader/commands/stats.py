"""`reader stats FILE`: who wrote how much."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.table import Table
from rich.text import Text

from reader.loader import load
from reader.safe_text import visible


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("stats", help="participants and their message counts")
    parser.add_argument("file")
    parser.add_argument("--input-format", dest="input_format", metavar="ID")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    transcript = load(args.file, format_id=args.input_format)
    title = visible(transcript.title or transcript.source)
    table = Table(title=Text(f"{title} ({transcript.date or 'no date'})"))
    table.add_column("participant")
    table.add_column("messages", justify="right")
    table.add_column("inserts", justify="right")
    ranked = sorted(transcript.participants, key=lambda p: (-p.messages, p.name.casefold()))
    for person in ranked:
        table.add_row(Text(visible(person.name)), str(person.messages), str(person.inserts))
    table.caption = (
        f"{len(transcript.messages)} messages, {len(transcript.participants)} participants, "
        f"{sum(p.inserts for p in transcript.participants)} later inserts"
    )
    Console().print(table)
    return 0
