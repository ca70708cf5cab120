"""Where reader's load spends its time and memory, phase by phase, on one file.

    python benchmarks/profile_load.py benchmarks/data/panel-100k.txt [--cprofile 25]

Runs the same steps as reader.loader.parse_bytes, one at a time, and prints the seconds and
the growth of peak RSS of each: read, decode, detect, parse (split into lines, match headers,
build messages), participants, fingerprint. With --cprofile N it then profiles the whole
load and prints the N most expensive functions by their own time.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from reader.decode import decode
from reader.formats import detect
from reader.formats.base import split_lines
from reader.formats.zoom_grammar import match_header
from reader.loader import load, read_bytes
from reader.model import count_participants

T = TypeVar("T")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase(name: str, step: Callable[[], T]) -> T:
    before, started = peak_mb(), time.perf_counter()
    value = step()
    elapsed = time.perf_counter() - started
    print(
        f"  {name:<34} {elapsed:8.3f} s   peak RSS {peak_mb():8.0f} MB (+{peak_mb() - before:.0f})"
    )
    return value


def _count_headers(lines: list[str]) -> int:
    return sum(1 for line in lines if match_header(line))


def phases(path: Path) -> None:
    data = phase("read bytes", lambda: read_bytes(path))
    decoded = phase("decode (UTF-8, line ends)", lambda: decode(data))
    fmt = phase("detect format (first 256 KiB)", lambda: detect(decoded.text))
    assert fmt is not None, "not a transcript"
    lines = phase("  parse: split into lines", lambda: split_lines(decoded.text))
    headers = phase("  parse: match_header on every line", lambda: _count_headers(lines))
    lines.clear()  # only the parse's own lines from here on
    parsed = phase("parse (whole, with Message objects)", lambda: fmt.parse(decoded.text))
    phase("participants", lambda: count_participants(parsed.messages))
    phase("sha256 fingerprint", lambda: hashlib.sha256(data).hexdigest())
    print(
        f"  {len(parsed.messages):,} messages ({headers:,} header lines); "
        f"file {len(data) / 1e6:.1f} MB"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--cprofile", type=int, metavar="N", help="then profile the whole load")
    args = parser.parse_args(argv)
    print(f"{args.file}: phases of the load")
    phases(args.file)
    if args.cprofile:
        profile = cProfile.Profile()
        profile.runcall(load, args.file)
        print(f"\ncProfile of reader.loader.load, top {args.cprofile} by own time:")
        pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(args.cprofile)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
