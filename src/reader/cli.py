"""The command line: `reader FILE` opens the app; subcommands run headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from reader import __version__
from reader.commands import bookmarks, check, export, formats, open, search, serve, stats
from reader.errors import ReaderError

COMMANDS = (open, export, stats, search, bookmarks, formats, check, serve)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Read chat and meeting transcripts in the terminal.",
        epilog="`reader FILE` opens FILE in the app; `reader COMMAND --help` for each command.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def _with_default_command(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """`reader FILE ...` means `reader open FILE ...`."""
    names = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    first = next((a for a in argv if not a.startswith("-")), None)
    if first is not None and first not in names:
        return ["open", *argv]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args_list = _with_default_command(list(sys.argv[1:] if argv is None else argv), parser)
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
