"""Time reader's message index against plain Python and grep on the same files, in one run.

    .venv/bin/python benchmarks/scan_speed.py 100k 1m --runs 3

For each generated transcript (benchmarks/data/panel-SIZE.txt, made if missing) each contender
runs in its own process, so that its peak RSS (ru_maxrss) is its own; the page cache is warm.
- Python read + split: the file read whole and split at each header with a bytes regex.
- index scan: open_indexed + scan() to the end (participant counts final).
- grep -c: `grep -c WORD` for the word only the last message holds.
- index search: search_indexed for that word over the scanned index (scan time not counted).
Medians of the runs are printed, with the ratios to the targets of issue 6.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import count_label, ensure_transcript, parse_count

PYTHON_SPLIT = r"""
import json, re, resource, sys, time
started = time.perf_counter()
data = open(sys.argv[1], "rb").read()
parts = re.split(rb"\n\n(?=\d{1,2}:\d\d:\d\d(?:\xc2\xa0|[ \t])+From )", data)
print(json.dumps({"seconds": time.perf_counter() - started, "count": len(parts) - 1,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

INDEX_SCAN = r"""
import json, resource, sys, time
from reader.index import open_indexed, search_indexed
from reader.search import parse_query
started = time.perf_counter()
indexed = open_indexed(sys.argv[1])
head = time.perf_counter() - started
indexed.scan()
scanned = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
started = time.perf_counter()
hits = [h for batch in search_indexed(indexed, parse_query(sys.argv[2])) for h in batch]
searched = time.perf_counter() - started
print(json.dumps({"seconds": scanned, "head": head, "count": len(indexed.messages),
    "participants": len(indexed.participants), "rss_mb": rss, "search": searched,
    "hits": len(hits), "search_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_python(code: str, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def run_grep(word: str, path: str) -> float:
    started = time.perf_counter()
    subprocess.run(["grep", "-c", word, path], capture_output=True, check=False)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="+", type=parse_count)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"load average: {os.getloadavg()[0]:.2f}; {os.cpu_count()} CPUs; runs: {args.runs}")
    for size in args.sizes:
        manifest = ensure_transcript(size)
        path = manifest.path
        Path(path).read_bytes()  # warm the page cache
        split, scan, grep = [], [], []
        for _ in range(args.runs):
            split.append(run_python(PYTHON_SPLIT, path))
            scan.append(run_python(INDEX_SCAN, path, manifest.last_word))
            grep.append(run_grep(manifest.last_word, path))

        def median(rows: list[dict], key: str) -> float:
            return statistics.median(row[key] for row in rows)

        mb = manifest.bytes / 1e6
        split_s, scan_s = median(split, "seconds"), median(scan, "seconds")
        search_s, grep_s = median(scan, "search"), statistics.median(grep)
        rss = median(scan, "rss_mb")
        print(f"\n{count_label(size)}: {manifest.messages:,} messages, {mb:.1f} MB")
        print(f"  Python read + split  {split_s:7.3f} s   peak {median(split, 'rss_mb'):6.0f} MB")
        print(f"  index first part     {median(scan, 'head'):7.3f} s")
        print(f"  index scan           {scan_s:7.3f} s   peak {rss:6.0f} MB")
        print(f"  grep -c last word    {grep_s:7.3f} s")
        print(f"  index search         {search_s:7.3f} s   ({scan[0]['hits']} hit)")
        print(f"  scan / split         {scan_s / split_s:7.2f}x  (target <= 1)")
        print(f"  search / grep -c     {search_s / grep_s:7.2f}x  (target <= 5)")
        print(f"  peak RSS / file      {rss / mb:7.2f}x  (target <= 0.75)")
        assert scan[0]["count"] == manifest.messages, "the index missed messages"
    return 0


if __name__ == "__main__":
    sys.exit(main())
