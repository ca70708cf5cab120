"""`reader FILE` (or `reader open FILE`): the app."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the transcript to open")
    parser.add_argument("--format", dest="input_format", metavar="ID", help="skip detection")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("open", help="open FILE in the app (the default)")
    add_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from reader.loader import load

    transcript = load(args.file, format_id=args.input_format)
    # Imported here so that the headless commands never load Textual.
    from reader.tui.app import ReaderApp

    ReaderApp(transcript).run()
    return 0
