"""`reader export FILE --format json [-o OUT]`: the parsed transcript as JSON."""

from __future__ import annotations

import argparse
import sys

from reader.atomic import write_atomic
from reader.export.json_contract import transcript_to_json
from reader.loader import load


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help="export the transcript (JSON)")
    parser.add_argument("file")
    parser.add_argument("--format", dest="export_format", choices=["json"], default="json")
    parser.add_argument("--input-format", dest="input_format", metavar="ID")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    parser.add_argument("--force", action="store_true", help="overwrite an existing OUT")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    transcript = load(args.file, format_id=args.input_format)
    text = transcript_to_json(transcript)
    if args.output:
        write_atomic(args.output, text, force=args.force)
    else:
        sys.stdout.write(text)
    return 0
