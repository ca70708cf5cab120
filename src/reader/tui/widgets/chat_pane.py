"""The chat pane: one line-API ScrollView that draws only the visible lines of a message view."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message as TextualMessage
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.model import Message, Transcript
from reader.tui.blocks import (
    AUTHOR_COLOURS,
    FANCY,
    PLAIN,
    BlockStyles,
    Glyphs,
    Highlight,
    ReplyLine,
    estimate_height,
    render_block,
)
from reader.tui.height_index import HeightIndex


class ChatPane(ScrollView, can_focus=True):
    """Shows a view (a sorted sequence of message indices) of a transcript, one block a message."""

    COMPONENT_CLASSES = {
        "chat--time",
        "chat--meta",
        "chat--reply",
        "chat--insert",
        "chat--insert-label",
        "chat--match",
        "chat--match-current",
        "chat--cursor",
        "chat--cursor-bar",
        "chat--bookmark",
        *(f"chat--author-{n}" for n in range(AUTHOR_COLOURS)),
    }

    BINDINGS = [
        Binding("j,down", "cursor_down", "Next", show=False),
        Binding("k,up", "cursor_up", "Previous", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup,b", "page_up", "Page up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
    ]

    @dataclass
    class CursorMoved(TextualMessage):
        """The cursor is on another message."""

        pane: ChatPane
        position: int
        message_id: int | None

        @property
        def control(self) -> ChatPane:
            return self.pane

    def __init__(
        self,
        transcript: Transcript,
        *,
        estimate: Callable[[Sequence[int], int], Iterable[int]] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.transcript = transcript
        # (message index, width) -> a guess at its block's height; a lazily read transcript
        # guesses from its index so that nothing is read before it is shown.
        self._estimate = estimate or (
            lambda indices, width: (
                estimate_height(self.transcript.messages[index], width) for index in indices
            )
        )
        self._view: Sequence[int] = range(len(transcript.messages))
        self._width = 0
        self._viewport_height = 0
        self._heights = HeightIndex([])
        self._measured = bytearray()
        self._cache: LRUCache[tuple, list[Strip]] = LRUCache(2048)
        self._styles: BlockStyles | None = None
        self.cursor = 0
        self.bookmarked: frozenset[int] = frozenset()
        self.glyphs: Glyphs = FANCY
        self.reply_counts: Mapping[int, int] = {}
        self._highlights: Callable[[int], Highlight] | None = None

    # -- the view -------------------------------------------------------------------------

    @property
    def view(self) -> Sequence[int]:
        return self._view

    @property
    def current_message(self) -> Message | None:
        if not self._view:
            return None
        return self.transcript.messages[self._view[self.cursor]]

    def set_view(self, view: Sequence[int]) -> None:
        """Show these messages (sorted indices); the cursor stays on its message if it can."""
        current = self._view[self.cursor] if self._view else 0
        self._view = view
        self._rebuild_heights()
        position = bisect_left(view, current)
        self.move_cursor(min(position, max(len(view) - 1, 0)), force=True)

    # Views longer than this keep their estimates on a new width (see _forget_measured).
    REESTIMATE_LIMIT = 50_000

    def grow(self, view: Sequence[int]) -> None:
        """Show a view that extends the current one at its end (a scan found more messages):
        only the new blocks are added, and the cursor and scroll stay where they are."""
        old = len(self._view)
        if len(view) < old or (old and view[old - 1] != self._view[old - 1]):
            self.set_view(view)
            return
        self._view = view
        width = self._width or 80
        self._heights.extend(self._estimate(view[old:], width))
        self._measured.extend(bytes(len(view) - old))
        self._update_virtual_size()
        if not old and view:
            self.move_cursor(0, force=True)
        self.refresh()

    def position_of(self, message_id: int) -> int | None:
        """The message's position in the view, or None when the view does not hold it."""
        index = message_id - 1
        position = bisect_left(self._view, index)
        if position < len(self._view) and self._view[position] == index:
            return position
        return None

    def go_to_message(self, message_id: int) -> bool:
        position = self.position_of(message_id)
        if position is None:
            return False
        self.move_cursor(position, align_top=True)
        return True

    # -- state pushed down by the app -----------------------------------------------------

    def set_bookmarked(self, message_ids: frozenset[int]) -> None:
        self.bookmarked = message_ids
        self.refresh()

    def set_highlight(self, highlights: Callable[[int], Highlight] | None) -> None:
        """Search matches to mark: a message id -> its Highlight (None: no search)."""
        self._highlights = highlights
        self.refresh()

    def set_plain(self, plain: bool) -> None:
        """ASCII marks and words instead of box drawing and colour-only meaning."""
        glyphs = PLAIN if plain else FANCY
        if glyphs is not self.glyphs:
            self.glyphs = glyphs
            self.refresh_all()

    def refresh_all(self) -> None:
        """Drop cached blocks (after a change that alters what blocks show)."""
        self._relayout(self._width)

    # -- cursor movement --------------------------------------------------------------------

    def move_cursor(self, position: int, *, force: bool = False, align_top: bool = False) -> None:
        if not self._view:
            self.cursor = 0
            self.post_message(self.CursorMoved(self, 0, None))
            self.refresh()
            return
        position = max(0, min(position, len(self._view) - 1))
        if position == self.cursor and not force:
            return
        self.cursor = position
        self.scroll_to_cursor(align_top=align_top)
        self.refresh()
        self.post_message(self.CursorMoved(self, position, self._view[position] + 1))

    def scroll_to_cursor(self, *, align_top: bool = False) -> None:
        if not self._view or not self._width:
            return
        viewport = self.scrollable_content_region.height
        self._measure_above(self.cursor, viewport)
        top = self._heights.start(self.cursor)
        height = self._heights.height(self.cursor)
        if align_top or top < self.scroll_y or height >= viewport:
            self.scroll_to(y=top, animate=False, immediate=True, force=True)
        elif top + height > self.scroll_y + viewport:
            self.scroll_to(y=top + height - viewport, animate=False, immediate=True, force=True)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._view) - 1)

    def action_page_down(self) -> None:
        if not self._view:
            return
        target = self.scroll_y + self.scrollable_content_region.height
        position, _ = self._heights.locate(int(target))
        self.move_cursor(max(position, self.cursor + 1), align_top=True)

    def action_page_up(self) -> None:
        if not self._view:
            return
        target = max(int(self.scroll_y) - self.scrollable_content_region.height, 0)
        position, _ = self._heights.locate(target)
        self.move_cursor(min(position, self.cursor - 1), align_top=True)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._view:
            return
        line = int(self.scroll_y) + offset.y
        if line < self._heights.total:
            self.move_cursor(self._heights.locate(line)[0])

    # -- layout ------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        width, height = self.scrollable_content_region.size
        was, self._viewport_height = self._viewport_height, height
        if width != self._width:
            self._relayout(width)
        elif height < was:
            self._keep_cursor_whole(was)

    def _keep_cursor_whole(self, old_viewport: int) -> None:
        """The pane lost rows (a shorter terminal, the timeline shown under it): a cursor block
        that was on screen keeps its last lines there, where they would have slipped below."""
        if not self._view:
            return
        top = self._heights.start(self.cursor)
        if self.scroll_y <= top < self.scroll_y + old_viewport:
            self.scroll_to_cursor()

    def _relayout(self, width: int) -> None:
        """Lay every block out again (new width or new marks), keeping the cursor's message
        where it was on the screen."""
        offset = self._heights.start(self.cursor) - int(self.scroll_y) if self._width else 0
        self._width = width
        self._cache.clear()
        if len(self._view) > self.REESTIMATE_LIMIT:
            self._forget_measured()
        else:
            self._rebuild_heights()
        if self._view:
            viewport = self.scrollable_content_region.height
            self._measure_above(self.cursor, viewport)
            top = self._heights.start(self.cursor)
            offset = min(offset, viewport - self._heights.height(self.cursor))
            self.scroll_to(
                y=max(top - max(offset, 0), 0), animate=False, immediate=True, force=True
            )
        self.refresh()

    def _rebuild_heights(self) -> None:
        width = self._width or 80
        self._heights = HeightIndex(self._estimate(self._view, width))
        self._measured = bytearray(len(self._view))
        self._update_virtual_size()

    def _forget_measured(self) -> None:
        """Put the blocks drawn so far back to estimates (for the new width), and keep the
        others' estimates: guessing a million heights again would stall the screen, and an
        estimate is only ever a guess until its block is drawn."""
        width = self._width or 80
        measured = self._measured
        position = measured.find(1)
        while position >= 0:
            (estimate,) = self._estimate(self._view[position : position + 1], width)
            self._heights.set(position, estimate)
            measured[position] = 0
            position = measured.find(1, position + 1)
        self._update_virtual_size()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self._width, self._heights.total)

    def _measure(self, position: int) -> None:
        """Make the block's height exact (it was an estimate until drawn)."""
        if self._measured[position]:
            return
        strips = self._block(position)
        self._measured[position] = 1
        if self._heights.set(position, len(strips)):
            self._update_virtual_size()

    def _measure_above(self, position: int, lines: int) -> None:
        """Measure a block and the blocks above it that fill `lines`, so that drawing them
        cannot shift the block down the screen."""
        self._measure(position)
        covered = 0
        while position > 0 and covered < lines:
            position -= 1
            self._measure(position)
            covered += self._heights.height(position)

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self._width and self.scrollable_content_region.width:
            # The first frame is drawn before the Resize event arrives: lay the blocks out at
            # the real width now, not at width 0 (a word a line, all thrown away at once).
            self._relayout(self.scrollable_content_region.width)
        self._settle_visible()
        return super().render_lines(crop)

    def _settle_visible(self) -> None:
        """Measure the blocks on screen before drawing, so no line is drawn from an estimate.

        Only blocks from the top one down change height, so the top line stays put.
        """
        if not self._view or not self._width:
            return
        top = int(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        position, _ = self._heights.locate(top)
        while position < len(self._view) and self._heights.start(position) < bottom:
            self._measure(position)
            position += 1

    # -- drawing -----------------------------------------------------------------------------

    def _block_styles(self) -> BlockStyles:
        if self._styles is None:
            style = self.get_component_rich_style
            self._styles = BlockStyles(
                base=self.rich_style,
                time=style("chat--time"),
                authors=tuple(style(f"chat--author-{n}") for n in range(AUTHOR_COLOURS)),
                meta=style("chat--meta"),
                reply=style("chat--reply"),
                insert=style("chat--insert"),
                insert_label=style("chat--insert-label"),
                # Backgrounds only, from the full styles: partial ones lose the alpha blend.
                match=Style(bgcolor=style("chat--match").bgcolor),
                match_current=style("chat--match-current"),
                cursor=Style(bgcolor=style("chat--cursor").bgcolor),
                cursor_bar=style("chat--cursor-bar"),
                bookmark=style("chat--bookmark"),
            )
        return self._styles

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._cache.clear()

    def _reply_line(self, message: Message) -> ReplyLine | None:
        if message.reply_to is None or not 0 < message.reply_to <= len(self.transcript.messages):
            return None
        parent = self.transcript.message(message.reply_to)
        return ReplyLine(parent.author, parent.time, parent.text[:120])

    def _block(self, position: int) -> list[Strip]:
        index = self._view[position]
        message = self.transcript.messages[index]
        is_cursor = position == self.cursor
        is_bookmarked = message.id in self.bookmarked
        highlight = self._highlights(message.id) if self._highlights else Highlight()
        key = (index, self._width, is_cursor, is_bookmarked, highlight, self.glyphs)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        styles = self._block_styles()
        lines = render_block(
            message,
            self._width,
            self.app.console,
            styles,
            reply=self._reply_line(message),
            replies=self.reply_counts.get(message.id, 0),
            highlight=highlight,
            glyphs=self.glyphs,
            bookmarked=is_bookmarked,
        )
        last = len(lines) - 1  # the gap after the block stays unmarked
        strips = [
            self._strip(
                line, first=n == 0, is_cursor=is_cursor and n < last, is_bookmarked=is_bookmarked
            )
            for n, line in enumerate(lines)
        ]
        self._cache[key] = strips
        return strips

    def _strip(self, line: Text, *, first: bool, is_cursor: bool, is_bookmarked: bool) -> Strip:
        styles = self._block_styles()
        gutter = Text()
        glyphs = self.glyphs
        gutter.append(
            glyphs.cursor if is_cursor else " ", styles.cursor_bar if is_cursor else styles.base
        )
        gutter.append(glyphs.bookmark if first and is_bookmarked else " ", styles.bookmark)
        full = gutter + line
        full.pad_right(max(self._width - full.cell_len, 0))
        if is_cursor:
            full.stylize_before(styles.cursor)
        full.stylize_before(styles.base)  # the padding too, so the pane's background is even
        segments = list(full.render(self.app.console))
        return Strip(segments).adjust_cell_length(self._width, styles.base)

    def render_line(self, y: int) -> Strip:
        line = int(self.scroll_y) + y
        width = self._width or self.scrollable_content_region.width
        if not self._view or not self._width or line >= self._heights.total:
            return Strip.blank(width, self.rich_style)
        position, offset = self._heights.locate(line)
        strips = self._block(position)
        if offset >= len(strips):
            return Strip.blank(width, self.rich_style)
        return strips[offset]
