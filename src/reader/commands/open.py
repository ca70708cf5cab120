"""`reader FILE` (or `reader open FILE`): the app."""

from __future__ import annotations

import argparse
import gc


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the transcript to open")
    parser.add_argument("--format", dest="input_format", metavar="ID", help="skip detection")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("open", help="open FILE in the app (the default)")
    add_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Until the first screen is up, the collector would only walk the objects the start makes
    # (Textual's classes, styles and widgets: 0.05-0.1 s) and find almost no garbage.
    gc.disable()
    from reader.index.scan import INDEXED_FORMATS
    from reader.index.scan_process import scan_early

    # A big file opens at once from its start and is indexed in the background, by a helper
    # started before anything else loads.
    early = scan_early(args.file) if args.input_format in (None, *INDEXED_FORMATS) else None
    from reader.index import open_indexed

    indexed = open_indexed(args.file, args.input_format, early=early)
    if indexed is not None:
        indexed.begin()  # the scan runs beside the app's start
        transcript = indexed.head
    else:
        from reader.loader import load

        transcript = load(args.file, format_id=args.input_format)
    # Imported here so that the headless commands never load Textual.
    from reader.tui.app import ReaderApp

    try:
        ReaderApp(transcript, indexed=indexed, manage_collector=True).run()
    finally:
        if indexed is not None:
            indexed.close()
    return 0
