"""The app's sense of time: the activity timeline under the chat and `:` go to time."""

from __future__ import annotations

from collections.abc import Sequence

from textual import work

from reader.activity import (
    Activity,
    index_at_or_after,
    message_seconds,
    messages_per_minute,
    parse_time_target,
)
from reader.errors import ReaderError
from reader.model import Transcript
from reader.tui.widgets.timeline import Timeline


class TimelineMixin:
    """ReaderApp's timeline state; the Timeline widget only draws what it is given."""

    def _setup_timeline(self) -> None:
        self.activity: Activity | None = None
        self._day_seconds: Sequence[int] = ()  # per message: seconds of the day, -1 unknown
        # Worked out when hits or bookmarks change, not on every cursor move.
        self._hit_buckets: set[int] = set()
        self._bookmark_buckets: set[int] = set()

    def _measure_activity(self) -> None:
        """Count messages per minute (per hour or day for long chats); a big file's index
        already holds every message's time, so nothing is read for it, and the counting (a
        second at a million messages) runs in a worker."""
        if self.indexed is not None:
            state = self.indexed.state
            # Once the scan is done its column no longer grows: no copy of a million times.
            times = state.times if state.done else state.times[: state.published]
            self._activity_worker(self.transcript, times)
            return
        times = message_seconds(self.transcript.messages)
        self._use_activity(messages_per_minute(self.transcript), times)

    def _measure_activity_when_idle(self) -> None:
        """Count the activity, unless a search is running: then once it is done."""
        if self._search_running:
            self.set_timer(self.ACTIVITY_AFTER_SCAN, self._measure_activity_when_idle)
            return
        self._measure_activity()

    # A description of its own: Textual would otherwise repr the arguments, a million times.
    @work(thread=True, exclusive=True, group="activity", description="count activity")
    def _activity_worker(self, transcript: Transcript, times: Sequence[int]) -> None:
        activity = messages_per_minute(transcript, times=times)
        self.call_from_thread(self._use_activity, activity, times)

    def _use_activity(self, activity: Activity, times: Sequence[int]) -> None:
        self.activity, self._day_seconds = activity, times
        has_times = bool(activity.counts)
        self.set_class(has_times and self.show_timeline, "-show-timeline")
        self._mark_hits_on_timeline()
        self._mark_bookmarks_on_timeline()

    def _mark_hits_on_timeline(self) -> None:
        if self.activity is not None:
            ids = (hit.message_id - 1 for hit in self.hits[:100_000])
            self._hit_buckets = self.activity.buckets_of(ids)
        self._show_timeline()

    def _mark_bookmarks_on_timeline(self) -> None:
        if self.activity is not None:
            ids = (b.message_id - 1 for b in self.bookmarks)
            self._bookmark_buckets = self.activity.buckets_of(ids)
        self._show_timeline()

    def _show_timeline(self) -> None:
        activity = self.activity
        if activity is None or not activity.counts:
            return
        message = self.chat.current_message
        cursor = activity.bucket_of(message.id - 1) if message else None
        self.query_one(Timeline).show(
            activity.counts, cursor=cursor, hits=self._hit_buckets, bookmarks=self._bookmark_buckets
        )

    def action_toggle_timeline(self) -> None:
        self.show_timeline = not self.show_timeline
        has_times = self.activity is not None and bool(self.activity.counts)
        if self.show_timeline and not has_times:
            self.notify("This transcript has no times to draw.", timeout=3)
        self.set_class(self.show_timeline and has_times, "-show-timeline")

    def on_timeline_jump(self, event: Timeline.Jump) -> None:
        if self.activity is None:
            return
        index = self.activity.first_message_in(event.bucket)
        if index is not None and not self.chat.go_to_message(index + 1):
            self.notify("That moment's messages are hidden by the filter.", severity="warning")

    def action_go_to_time(self) -> None:
        def go(text: str | None) -> None:
            if text is None:
                return
            message = self.chat.current_message
            now = self._day_seconds[message.id - 1] if message and self._day_seconds else None
            try:
                seconds = parse_time_target(text, now)
            except ReaderError as error:
                self.notify(str(error), severity="error")
                return
            index = index_at_or_after(self._day_seconds, seconds)
            if index is None:
                self.notify("No message at or after that time.", severity="warning")
            elif not self.chat.go_to_message(index + 1):
                self.notify("The message at that time is hidden by the filter.", severity="warning")

        from reader.tui.screens.go_to_time import GoToTimeScreen  # loads when first opened

        self.push_screen(GoToTimeScreen(), go)
