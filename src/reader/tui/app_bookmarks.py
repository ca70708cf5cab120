"""The app's bookmarks: toggle, notes, the panel's jumps and deletes with undo."""

from __future__ import annotations

from collections.abc import Callable

from reader.bookmarks import Bookmark, BookmarkStore
from reader.errors import ReaderError
from reader.safe_text import visible
from reader.tui.widgets.bookmarks_panel import BookmarksPanel


class BookmarksMixin:
    """ReaderApp's bookmark handling; every change is saved at once and read back."""

    def _setup_bookmarks(self, store: BookmarkStore | None) -> None:
        self.store = store
        self.bookmarks: list[Bookmark] = []
        self._deleted: list[Bookmark] = []  # for undo, newest last

    def _show_bookmarks(self) -> None:
        """Read the bookmarks back from the store and push them down to the chat and panel."""
        assert self.store is not None
        self.bookmarks = self.store.bookmarks(self.transcript)
        self.chat.set_bookmarked(frozenset(b.message_id for b in self.bookmarks))
        self._mark_bookmarks_on_timeline()
        notes = [self.store.notice] if self.store.notice else []
        if orphans := len(self.store.orphans(self.transcript)):
            notes.append(f"{orphans} kept whose message is no longer in the file")
        if panel := self._panel(BookmarksPanel):
            panel.show(self.bookmarks, notice=" · ".join(notes) or None)

    def _saving(self, change: Callable[[BookmarkStore], object]) -> bool:
        """Run a change to the bookmarks; a failed save is said, never swallowed."""
        if self.store is None:
            return False
        try:
            change(self.store)
        except ReaderError as error:
            self.notify(f"Bookmark not saved: {error}", severity="error", timeout=10)
            return False
        finally:
            self._show_bookmarks()
        return True

    def action_toggle_bookmark(self) -> None:
        message = self.chat.current_message
        if message is None or self.store is None:
            return
        was = message.id in {b.message_id for b in self.bookmarks}
        if self._saving(lambda store: store.toggle(self.transcript, message.id)):
            self.notify("Bookmark removed." if was else "Bookmarked.", timeout=3)

    def action_edit_note(self, message_id: int | None = None) -> None:
        message = self.chat.current_message
        if message_id is None:
            if message is None:
                return
            message_id = message.id
        target = self.transcript.message(message_id)
        existing = next((b for b in self.bookmarks if b.message_id == message_id), None)
        about = visible(f"{target.time or ''} {target.author}: {target.text[:80]}")

        def save(note: str | None) -> None:
            if note is not None and self._saving(
                lambda store: store.set(self.transcript, message_id, note=note)
            ):
                self.notify("Note saved.", timeout=3)

        from reader.tui.screens.note import NoteScreen  # dialogs load when first opened

        self.push_screen(NoteScreen(about, existing.note if existing else ""), save)

    def _step_bookmark(self, *, forward: bool) -> None:
        if not self.bookmarks:
            self.notify("No bookmarks yet: m marks the message under the cursor.")
            return
        current = self.chat.current_message
        here = current.id if current else 0
        ids = [b.message_id for b in self.bookmarks]
        later = [i for i in ids if i > here] if forward else [i for i in ids if i < here]
        wrapped = not later
        target = (later[0] if forward else later[-1]) if later else (ids[0] if forward else ids[-1])
        if not self.chat.go_to_message(target):
            self.notify("That bookmark is hidden by the filter.", severity="warning")
        elif wrapped:
            self.notify("Bookmarks wrapped around.", timeout=3)

    def action_next_bookmark(self) -> None:
        self._step_bookmark(forward=True)

    def action_previous_bookmark(self) -> None:
        self._step_bookmark(forward=False)

    def on_bookmarks_panel_jump(self, event: BookmarksPanel.Jump) -> None:
        if not self.chat.go_to_message(event.message_id):
            self.notify("That bookmark is hidden by the filter.", severity="warning")
        self.action_close_panel()

    def on_bookmarks_panel_delete(self, event: BookmarksPanel.Delete) -> None:
        gone = next((b for b in self.bookmarks if b.message_id == event.message_id), None)
        if gone is not None and self._saving(
            lambda store: store.remove(self.transcript, event.message_id)
        ):
            self._deleted.append(gone)
            self.notify("Bookmark deleted: u undoes.", timeout=4)

    def on_bookmarks_panel_undo(self) -> None:
        if not self._deleted or self.store is None:
            self.notify("Nothing to undo.")
            return
        restored = self._deleted.pop()
        if self._saving(
            lambda store: store.set(self.transcript, restored.message_id, note=restored.note)
        ):
            self.query_one(BookmarksPanel).highlight_message(restored.message_id)
            self.notify("Bookmark restored.", timeout=3)

    def on_bookmarks_panel_edit_note(self, event: BookmarksPanel.EditNote) -> None:
        self.action_edit_note(event.message_id)
