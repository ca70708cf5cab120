"""Lay out one message as the lines of its block: header, reply line, text, inserts, gap.

Text comes in as plain strings, made visible by `safe_text.visible` and wrapped with Rich's
`Text`, which never parses markup: `[bold]` in a message shows as those characters.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rich.console import Console
from rich.style import Style
from rich.text import Text

from reader.model import Message
from reader.safe_text import visible, visible_offset

GUTTER = 2  # cursor bar and bookmark mark
TEXT_INDENT = 2


@dataclass(frozen=True, slots=True)
class Glyphs:
    """The marks the chat draws; plain mode uses ASCII and says in words what colour shows."""

    cursor: str
    bookmark: str
    insert_bar: str
    bookmark_label: str  # after the author, in words
    insert_label: str


FANCY = Glyphs(cursor="▌", bookmark="◆", insert_bar="│ ", bookmark_label="", insert_label="")
PLAIN = Glyphs(
    cursor=">",
    bookmark="*",
    insert_bar="| ",
    bookmark_label="  [bookmarked]",
    insert_label="[later insert] ",
)
AUTHOR_COLOURS = 8


@dataclass(frozen=True, slots=True)
class BlockStyles:
    """Rich styles resolved from the pane's component classes."""

    base: Style
    time: Style
    authors: tuple[Style, ...]
    meta: Style
    reply: Style
    insert: Style
    insert_label: Style
    match: Style
    match_current: Style
    cursor: Style
    cursor_bar: Style
    bookmark: Style


@dataclass(frozen=True, slots=True)
class Highlight:
    """The search matches in one message, as (part, start, end) in the raw texts, where part
    is -1 for the message text and an insert's index otherwise; and the current one."""

    spans: tuple[tuple[int, int, int], ...] = ()
    current: tuple[int, int, int] | None = None


@dataclass(frozen=True, slots=True)
class ReplyLine:
    author: str
    time: str | None
    first_words: str


def author_colour(name: str) -> int:
    """A stable colour slot per participant (the same on every run and machine)."""
    return sum(name.encode("utf-8")) % AUTHOR_COLOURS


def estimate_height(message: Message, width: int) -> int:
    """A cheap guess at a block's height, corrected when the block is first drawn."""
    usable = max(width - GUTTER - TEXT_INDENT - 4, 10)
    lines = 2 + len(message.text) // usable + message.text.count("\n")
    for insert in message.inserts:
        lines += 2 + len(insert.text) // usable + insert.text.count("\n")
    return lines + (1 if message.reply_to else 0)


def _mark(
    text: Text, raw: str, highlight: Highlight, part: int, styles: BlockStyles, shift: int = 0
) -> None:
    """Style the matches in one part; offsets are mapped from the raw text to the shown one,
    which starts `shift` characters in."""
    for span in highlight.spans:
        if span[0] != part or span[1] == span[2]:
            continue
        start = shift + visible_offset(raw, span[1])
        end = shift + visible_offset(raw, span[2])
        style = styles.match_current if span == highlight.current else styles.match
        text.stylize(style, start, end)


def _wrap(text: Text, width: int, console: Console) -> list[Text]:
    lines: list[Text] = []
    for line in text.wrap(console, max(width, 1), overflow="fold"):
        line.rstrip()
        lines.append(line)
    return lines or [Text("")]


def render_block(
    message: Message,
    width: int,
    console: Console,
    styles: BlockStyles,
    *,
    reply: ReplyLine | None = None,
    replies: int = 0,
    highlight: Highlight = Highlight(),
    glyphs: Glyphs = FANCY,
    bookmarked: bool = False,
) -> list[Text]:
    """The lines of a message's block, each without gutter; the pane adds gutter and cursor."""
    body = max(width - GUTTER, 8)
    lines: list[Text] = []

    header = Text(no_wrap=True, overflow="ellipsis")
    if message.time:
        header.append(message.time, styles.time)
        header.append("  ")
    header.append(visible(message.author), styles.authors[author_colour(message.author)])
    if message.to:
        header.append(f" → {visible(message.to)} (private)", styles.meta)
    if message.reactions:
        counts = Counter(r.emoji for r in message.reactions)
        header.append("  " + " ".join(f"{visible(e)} {n}" for e, n in counts.items()), styles.meta)
    if replies:
        header.append(f"  ↩ {replies} repl{'y' if replies == 1 else 'ies'}", styles.meta)
    if bookmarked and glyphs.bookmark_label:
        header.append(glyphs.bookmark_label, styles.bookmark)
    header.truncate(body, overflow="ellipsis")
    lines.append(header)

    indent = Text(" " * TEXT_INDENT)
    if reply is not None:
        words = " ".join(visible(reply.first_words).split())
        when = f" {reply.time}" if reply.time else ""
        line = Text(f"↪ re {visible(reply.author)}{when}: {words}", styles.reply, no_wrap=True)
        line.truncate(body - TEXT_INDENT, overflow="ellipsis")
        lines.append(indent + line)

    text = Text(visible(message.text), styles.base)
    _mark(text, message.text, highlight, -1, styles)
    lines.extend(indent + line for line in _wrap(text, body - TEXT_INDENT, console))

    bar = Text(" " * TEXT_INDENT + glyphs.insert_bar, styles.insert_label)
    for number, insert in enumerate(message.inserts):
        label = Text(f"{visible(insert.author)} · later insert", styles.insert_label)
        lines.append(bar + label)
        insert_text = Text(glyphs.insert_label + visible(insert.text), styles.insert)
        _mark(insert_text, insert.text, highlight, number, styles, shift=len(glyphs.insert_label))
        width_left = body - TEXT_INDENT - len(glyphs.insert_bar)
        lines.extend(bar + line for line in _wrap(insert_text, width_left, console))
    lines.append(Text(""))
    return lines
