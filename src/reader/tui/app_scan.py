"""The app's side of a big file: the background scan, its progress, the growing transcript."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from time import monotonic

from textual import work
from textual.widgets import ProgressBar
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.index import IndexedTranscript, IndexFallback
from reader.index.size_classes import estimated_heights
from reader.loader import load
from reader.model import Transcript
from reader.threads.tree import replies_index
from reader.tui.messages import ScanFailed, ScanProgress, TranscriptLoaded
from reader.tui.widgets.bookmarks_panel import BookmarksPanel
from reader.tui.widgets.participants import ParticipantsPanel
from reader.tui.widgets.search_panel import SearchPanel
from reader.tui.widgets.status import StatusLine


class ScanMixin:
    """ReaderApp's handling of an IndexedTranscript scanned in a thread worker."""

    SCAN_REPORT_EVERY = 0.5  # seconds between progress reports of a background scan
    RELIST_EVERY = 5  # seconds between refills of the participants panel during a scan
    ACTIVITY_AFTER_SCAN = 1.0  # seconds from a scan's end to counting its timeline
    # An indexed file up to this size is then loaded whole in the background (about a second
    # a 10 MB): its messages get their reply links, as a file opened whole has them.
    FULL_LOAD_AFTER_SCAN = 8 * 1024 * 1024

    def _setup_scan(self, indexed: IndexedTranscript | None) -> None:
        self.indexed = indexed
        self._listed_at = 0.0  # when the participants panel was last refilled during a scan
        self._scanned = (0, 1)  # bytes scanned and to scan, as the scan last said

    def _estimator(self) -> Callable[[Sequence[int], int], Iterable[int]] | None:
        """For an indexed transcript, block heights are guessed from byte lengths."""
        if self.indexed is None:
            return None
        classes = self.indexed.size_classes

        def estimate(indices: Sequence[int], width: int) -> Iterable[int]:
            # About a line per (width - 8) bytes, and the header and the gap.
            return estimated_heights(classes(indices), max(width - 8, 10), 3)

        return estimate

    @work(thread=True, exclusive=True, group="scan")
    def _scan_worker(self) -> None:
        indexed = self.indexed
        assert indexed is not None
        worker = get_current_worker()

        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            self._scanned = (done, total)
            now = monotonic()
            if now - last >= self.SCAN_REPORT_EVERY:  # the screen needs a few updates, not all
                last = now
                self.post_message(ScanProgress(done, total, finished=False))

        try:
            finished = indexed.scan(progress, lambda: worker.is_cancelled)
        except IndexFallback:
            # The file is not what its start promised: read it whole, the usual way.
            self.post_message(TranscriptLoaded(load(indexed.path, format_id=indexed.head.format)))
            return
        except ReaderError as error:
            self.post_message(ScanFailed(str(error)))
            return
        if not finished:
            return
        self.post_message(ScanProgress(indexed.size, indexed.size, finished=True))
        if indexed.size <= self.FULL_LOAD_AFTER_SCAN and not worker.is_cancelled:
            # Small enough to hold whole: parsed the usual way, it gains its reply links.
            try:
                transcript = load(indexed.path, format_id=indexed.head.format)
            except ReaderError:
                return  # the index stays
            self.post_message(TranscriptLoaded(transcript))

    def _citable(self) -> Transcript:
        """The transcript as exports cite it: a big file's SHA-256 is worked out when first
        needed (a quarter of a second at a million messages)."""
        indexed = self.indexed
        if indexed is not None and indexed.done and not self.transcript.sha256:
            indexed.file_hash()
            self.transcript = indexed.transcript()
        return self.transcript

    def _give_panels(self, transcript: Transcript, *, participants: bool) -> None:
        """Hand the side panels (those made) a transcript; its participants too if asked."""
        for holder in (self._panel(SearchPanel), self._panel(BookmarksPanel)):
            if holder is not None:
                holder.transcript = transcript
        people = self._panel(ParticipantsPanel)
        if participants and people is not None:
            people.show_participants(transcript.participants)

    def _show_scanning(self, scanning: bool) -> None:
        # On the bar itself: a class on the app would restyle every widget.
        self.query_one("#scan-progress", ProgressBar).display = scanning

    def on_scan_progress(self, event: ScanProgress) -> None:
        assert self.indexed is not None
        self._use_transcript(self.indexed.transcript())
        self._search_more()
        # As far as the scan has got by now, as the count is: reports come faster than the
        # screen shows them, and the helpers' first ones wait for the app's first screen.
        done, total = (event.done, event.total) if event.finished else self._scanned
        bar = self.query_one("#scan-progress", ProgressBar)
        bar.update(total=max(total, 1), progress=done)
        count = len(self.transcript.messages)
        if event.finished:
            self._show_scanning(False)
            self.query_one(StatusLine).progress = ""
            self._show_bookmarks()
            # What follows takes the app's thread for a while: the final count is drawn first.
            self.call_after_refresh(self._after_scan)
        else:
            percent = 100 * done // max(total, 1)
            self.query_one(StatusLine).progress = f"indexing {percent}% · {count:,} messages"

    def _after_scan(self) -> None:
        if self.indexed is not None:
            # A file this big is searched more than it is anything else: the helpers are
            # ready before `/` is pressed, so that the first search waits for none.
            self.indexed.prepare_search()
        # Counting the timeline takes a second of CPU at a million messages: the keys pressed
        # as the count shows (a jump, a search) come first, and the timeline a moment later.
        self.set_timer(self.ACTIVITY_AFTER_SCAN, self._measure_activity_when_idle)
        self._freeze_long_lived()

    def on_transcript_loaded(self, event: TranscriptLoaded) -> None:
        self.indexed = None
        self._show_scanning(False)
        self.query_one(StatusLine).progress = ""
        self._note_kinds(event.transcript)
        self.replies = replies_index(event.transcript.messages)
        self.chat.reply_counts = {parent: len(ids) for parent, ids in self.replies.items()}
        self._use_transcript(event.transcript)
        self.chat.refresh_all()  # blocks drawn from the index lack the reply marks
        if self.search_query is not None and self._searched_upto < len(event.transcript.messages):
            self._start_search(again=True)  # a search begun during the scan, over it all
        self._measure_activity()
        self._show_bookmarks()
        self._freeze_long_lived()

    def on_scan_failed(self, event: ScanFailed) -> None:
        self._show_scanning(False)
        self.query_one(StatusLine).progress = "indexing stopped"
        self.notify(f"Could not read the rest of the file: {event.error}", severity="error")

    def _use_transcript(self, transcript: Transcript) -> None:
        """Show a transcript that extends the one on screen (more of the same file)."""
        self.transcript = transcript
        self.chat.transcript = transcript
        now = monotonic()
        # Thousands of names: relisting them on every report of the scan would slow it down.
        relist = now - self._listed_at > self.RELIST_EVERY
        relist = relist or self.indexed is None or self.indexed.done
        if relist:
            self._listed_at = now
        self._give_panels(transcript, participants=relist)
        self.chat.grow(self._compute_view())
        self._update_position()
