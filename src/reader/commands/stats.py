"""`reader stats FILE`: who wrote how much, and when (a bar chart and the busiest minutes)."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.table import Table
from rich.text import Text

from reader.activity import Activity, busiest, messages_per_minute
from reader.loader import load
from reader.safe_text import visible

CHART_ROWS = 40  # at most this many bars: buckets are grouped into round spans of time
BUSIEST = 5
BAR = "\u2588"  # █
_UNIT_NAMES = {60: "minute", 3600: "hour", 86400: "day"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stats", help="participants, activity over time and the busiest minutes"
    )
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
    console = Console()
    console.print(table)
    activity = messages_per_minute(transcript)
    for line in activity_lines(activity, console.width):
        console.print(Text(line), no_wrap=True, overflow="ignore", crop=False)
    return 0


def span_name(seconds: int) -> str:
    """ "minute", "5 minutes", "hour", "6 hours", "day", "7 days"."""
    for unit in (86400, 3600, 60):
        if seconds % unit == 0:
            count, name = seconds // unit, _UNIT_NAMES[unit]
            return name if count == 1 else f"{count} {name}s"
    return f"{seconds} seconds"


def activity_lines(activity: Activity, width: int) -> list[str]:
    """The activity as text: a bar chart (one row per bucket, grouped to at most CHART_ROWS
    rows), then the busiest buckets. Bars are scaled so the longest fills `width`."""
    if not activity.counts:
        return ["", "activity: no message has a time"]
    chart = activity.regroup(CHART_ROWS)
    labels = [chart.label(bucket) for bucket in range(len(chart.counts))]
    label_width = max(map(len, labels))
    count_width = len(str(max(chart.counts)))
    bar_room = max(10, width - label_width - count_width - 2)
    top = max(chart.counts)
    lines = ["", f"messages per {span_name(chart.bucket_seconds)}"]
    for label, count in zip(labels, chart.counts, strict=True):
        # Round up so that one message still shows a sliver next to none.
        bar = BAR * -(-count * bar_room // top)
        lines.append(f"{label:>{label_width}} {bar:<{bar_room}} {count:>{count_width}}")
    unit = _UNIT_NAMES.get(activity.bucket_seconds, span_name(activity.bucket_seconds))
    lines += ["", f"busiest {unit}s"]
    top_buckets = busiest(activity, BUSIEST)
    label_width = max(len(label) for label, _ in top_buckets)
    count_width = len(str(top_buckets[0][1]))
    lines += [f"{label:<{label_width}}  {count:>{count_width}}" for label, count in top_buckets]
    return lines
