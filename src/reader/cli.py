"""The command line: `reader FILE` opens the app; subcommands run headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from reader import __version__
from reader.commands import open
from reader.errors import ReaderError

# The subcommands' names; `reader FILE` (any other first word) opens the app at once, without
# loading the other commands' modules (a quarter of a second of imports).
COMMAND_NAMES = (
    "open",
    "export",
    "stats",
    "search",
    "bookmarks",
    "bookmark",
    "unbookmark",
    "formats",
    "check",
    "serve",
)


def build_parser() -> argparse.ArgumentParser:
    from reader.commands import bookmarks, check, export, formats, search, serve, stats

    commands = (open, export, stats, search, bookmarks, formats, check, serve)
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read chat and meeting transcripts in the terminal.",
        epilog="`reader FILE` opens FILE in the app; `reader COMMAND --help` for each command.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in commands:
        command.register(subparsers)
    return parser


def build_open_parser() -> argparse.ArgumentParser:
    """`reader FILE ...`: the same as `reader open FILE ...`."""
    parser = argparse.ArgumentParser(prog="reader", description="Open FILE in the app.")
    open.add_arguments(parser)
    parser.set_defaults(run=open.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in args_list if not a.startswith("-")), None)
    opens_a_file = first is not None and first not in COMMAND_NAMES
    parser = build_open_parser() if opens_a_file else build_parser()
    args = parser.parse_args(args_list)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except ReaderError as error:
        print(f"reader: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
