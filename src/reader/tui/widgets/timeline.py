"""The activity timeline: messages per time bucket across the event, with the cursor, search
hits and bookmarks marked under it; a click jumps to that moment."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.message import Message as TextualMessage
from textual.strip import Strip
from textual.widget import Widget

BARS = " ▁▂▃▄▅▆▇█"
PLAIN_BARS = " .:-=+*#%@"
MARKS = {"cursor": "▲", "bookmark": "◆", "hit": "•"}
PLAIN_MARKS = {"cursor": "^", "bookmark": "*", "hit": "."}


class Timeline(Widget):
    """Two rows: the bars, then the marks. State comes down from the app as plain data."""

    COMPONENT_CLASSES = {"timeline--bar", "timeline--cursor", "timeline--hit", "timeline--bookmark"}
    DEFAULT_CSS = "Timeline { height: 2; }"

    @dataclass
    class Jump(TextualMessage):
        bucket: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.counts: Sequence[int] = ()
        self.cursor_bucket: int | None = None
        self.hit_buckets: frozenset[int] = frozenset()
        self.bookmark_buckets: frozenset[int] = frozenset()
        self.plain = False

    def show(
        self,
        counts: Sequence[int],
        *,
        cursor: int | None,
        hits: Iterable[int] = (),
        bookmarks: Iterable[int] = (),
    ) -> None:
        self.counts = counts
        self.cursor_bucket = cursor
        self.hit_buckets = frozenset(hits)
        self.bookmark_buckets = frozenset(bookmarks)
        self.refresh()

    def _columns(self) -> list[range]:
        """The buckets each column stands for (several per column when there are many)."""
        width, buckets = max(self.size.width, 1), len(self.counts)
        if buckets == 0:
            return []
        # The whole width: a bucket spreads over columns, or a column gathers buckets.
        return [
            range(c * buckets // width, max(c * buckets // width + 1, (c + 1) * buckets // width))
            for c in range(width)
        ]

    def render_line(self, y: int) -> Strip:
        columns = self._columns()
        base = self.rich_style
        if not columns:
            return Strip.blank(self.size.width, base)
        style = self.get_component_rich_style
        segments = []
        if y == 0:
            peak = max(self.counts) or 1
            bar = style("timeline--bar")
            bars = PLAIN_BARS if self.plain else BARS
            for span in columns:
                value = max((self.counts[b] for b in span), default=0)
                level = 0 if value == 0 else max(1, round(value / peak * (len(bars) - 1)))
                segments.append(Segment(bars[level], bar))
        elif y == 1:
            marks = PLAIN_MARKS if self.plain else MARKS
            for span in columns:
                if self.cursor_bucket in span:
                    segments.append(Segment(marks["cursor"], style("timeline--cursor")))
                elif any(b in self.bookmark_buckets for b in span):
                    segments.append(Segment(marks["bookmark"], style("timeline--bookmark")))
                elif any(b in self.hit_buckets for b in span):
                    segments.append(Segment(marks["hit"], style("timeline--hit")))
                else:
                    segments.append(Segment(" ", base))
        return Strip(segments).adjust_cell_length(self.size.width, base)

    def on_click(self, event: events.Click) -> None:
        columns = self._columns()
        if 0 <= event.x < len(columns):
            self.post_message(self.Jump(columns[event.x].start))
