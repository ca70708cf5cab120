"""The export dialog: format, which threads, where to, a preview; never overwrites silently."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Select, Static

from reader.atomic import write_atomic
from reader.errors import ReaderError
from reader.model import Transcript
from reader.safe_text import visible

FORMATS = [("Markdown", "md"), ("HTML page", "html"), ("JSON", "json"), ("Plain text", "txt")]
PREVIEW_LINES = 200


class ExportScreen(ModalScreen[Path | None]):
    """Returns the path written, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "export", "Export"),
        Binding("ctrl+y", "copy", "Copy"),
    ]

    def __init__(
        self,
        transcript: Transcript,
        bookmarks: Sequence[tuple[int, str | None]],
        cursor_id: int | None,
        folder: Path,
    ) -> None:
        super().__init__()
        self.transcript = transcript
        self.bookmarks = list(bookmarks)
        self.cursor_id = cursor_id
        self.folder = folder
        self.fmt = "md"
        self._confirm_overwrite: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Static("Export threads", classes="dialog-title")
            with Horizontal(classes="export-row"):
                yield Select(FORMATS, value="md", allow_blank=False, id="export-format")
                with RadioSet(id="export-which"):
                    yield RadioButton(
                        f"All bookmarks ({len(self.bookmarks)})",
                        value=bool(self.bookmarks),
                        disabled=not self.bookmarks,
                        id="which-bookmarks",
                    )
                    yield RadioButton(
                        "The cursor's thread",
                        value=not self.bookmarks,
                        disabled=self.cursor_id is None,
                        id="which-thread",
                    )
            yield Input(self._default_path(), id="export-path")
            yield Static("", id="export-error", classes="panel-error")
            with VerticalScroll(id="export-preview"):
                yield Static("", id="export-preview-text", markup=False)
            with Horizontal(classes="export-row export-buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Copy", id="export-copy")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self._refresh_preview()

    def _default_path(self) -> str:
        from reader.export.threads_export import default_filename  # loaded when first used

        return str(self.folder / default_filename(self.transcript, self.fmt))

    def _selections(self) -> list[tuple[int, str | None]]:
        if self.query_one("#which-thread", RadioButton).value and self.cursor_id is not None:
            note = dict(self.bookmarks).get(self.cursor_id)
            return [(self.cursor_id, note)]
        return self.bookmarks

    def _export_text(self) -> str:
        from reader.export.threads_export import render_threads

        return render_threads(self.transcript, self._selections(), self.fmt)

    def _refresh_preview(self) -> None:
        preview = self.query_one("#export-preview-text", Static)
        try:
            lines = self._export_text().split("\n")
        except ReaderError as error:
            preview.update(str(error))
            return
        more = len(lines) - PREVIEW_LINES
        shown = "\n".join(lines[:PREVIEW_LINES]) + (f"\n… {more} more lines" if more > 0 else "")
        preview.update(visible(shown))

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#export-path", Input)
        was_default = path.value == self._default_path()
        self.fmt = str(event.value)
        if was_default or not path.value:
            path.value = self._default_path()
        else:
            path.value = str(Path(path.value).with_suffix(f".{self.fmt}"))
        self._refresh_preview()

    @on(RadioSet.Changed, "#export-which")
    def _which_changed(self) -> None:
        self._refresh_preview()

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        if self._confirm_overwrite != Path(event.value).expanduser():
            self._confirm_overwrite = None
            self.query_one("#export-error", Static).update("")

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        error = self.query_one("#export-error", Static)
        target = Path(self.query_one("#export-path", Input).value).expanduser()
        if target.exists() and self._confirm_overwrite != target:
            self._confirm_overwrite = target
            error.update(f"{visible(str(target))} exists: Export again to overwrite it.")
            return
        try:
            write_atomic(target, self._export_text(), force=self._confirm_overwrite == target)
        except ReaderError as problem:
            error.update(visible(str(problem)))
            return
        self.dismiss(target)

    @on(Button.Pressed, "#export-copy")
    def action_copy(self) -> None:
        """The same text to the terminal's clipboard (OSC 52) instead of a file."""
        try:
            text = self._export_text()
        except ReaderError as problem:
            self.query_one("#export-error", Static).update(visible(str(problem)))
            return
        self.app.copy_to_clipboard(text)
        self.app.notify("Copied the export to the clipboard.", timeout=3)
        self.dismiss(None)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
