"""The key bar at the bottom: the keys the focused widget and the app offer, drawn as one line.

Textual's Footer builds a widget per key and rebuilds them all on every focus change: a tenth of
a second each time, on the thread that also draws search results and reads the keyboard. This
widget draws the same line as text and works out which key a click lands on.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class KeyLabel:
    """One shown binding: the key it presses, how the key is shown, and what it does."""

    key: str
    shown: str
    description: str
    enabled: bool


@dataclass(frozen=True)
class KeySpan:
    """Where one key's label sits on the bar (cells), and the key a click on it presses."""

    start: int
    end: int
    key: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """The shown bindings as `KEY description` pairs; the command palette's key at the right."""

    COMPONENT_CLASSES = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
        "key-bar--separator",
    }
    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[KeySpan] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.refresh()

    def _labels(self) -> tuple[list[KeyLabel], KeyLabel | None]:
        """Each shown action's first binding, as Footer shows them; the palette's binding."""
        active = self.screen.active_bindings
        labels: dict[str, KeyLabel] = {}
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in labels:
                shown = self.app.get_key_display(binding)
                labels[binding.action] = KeyLabel(binding.key, shown, binding.description, enabled)
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            shown = self.app.get_key_display(binding)
            palette = KeyLabel(binding.key, shown, binding.description, enabled)
        return list(labels.values()), palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        disabled_style = self.get_component_rich_style("key-bar--disabled")

        def label(of: KeyLabel, against_border: bool = False) -> Text:
            # As Footer draws them: a space each side of a key, but none between the palette's
            # key and the border before it.
            key, description = f" {of.shown} ", f"{of.description} "
            if against_border:
                key, description = of.shown, f" {of.description} "
            text = Text.assemble((key, key_style), (description, description_style))
            if not of.enabled:
                text.stylize(disabled_style)
            return text

        labels, palette = self._labels()
        width = self.size.width
        right = Text()
        if palette is not None:
            right = Text("▏", self.get_component_rich_style("key-bar--separator"))
            right.append_text(label(palette, against_border=True))
        bar, spans = Text(), []
        for key_label in labels:
            piece = label(key_label)
            if bar.cell_len + piece.cell_len + right.cell_len > width:
                break  # the keys that do not fit are in the help screen and the palette
            end = bar.cell_len + piece.cell_len
            spans.append(KeySpan(bar.cell_len, end, key_label.key, key_label.enabled))
            bar.append_text(piece)
        if palette is not None and right.cell_len <= width:
            start = width - right.cell_len
            bar.append(" " * (start - bar.cell_len))
            spans.append(KeySpan(start + 1, width, palette.key, palette.enabled))
            bar.append_text(right)
        self._spans = spans
        return bar

    def on_mouse_down(self, event: events.MouseDown) -> None:
        span = next((s for s in self._spans if s.start <= event.x < s.end), None)
        if span is None:
            return
        event.stop()
        if span.enabled:
            self.app.simulate_key(span.key)
        else:
            self.app.bell()
