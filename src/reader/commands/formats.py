"""`reader formats`: the formats reader knows, each with a line as the tool writes it."""

from __future__ import annotations

import argparse

from reader.formats import FORMATS
from reader.safe_text import visible


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "formats",
        help="list the transcript formats, with an example line each",
        description="The formats reader detects from a file's content; --format ID picks one.",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    width = max(len(fmt.id) for fmt in FORMATS) + 2
    for fmt in FORMATS:
        print(f"{fmt.id:<{width}}{fmt.name}")
        # Tabs and invisible characters shown as visible symbols, so the example stays one line.
        example = visible(fmt.example).replace("\n", " ⏎ ")
        print(f"{'':<{width}}{example}")
    return 0
