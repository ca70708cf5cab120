"""The app's remembered settings: the theme chosen from the palette, kept across runs."""

from __future__ import annotations

from dataclasses import replace

from textual.theme import Theme

from reader.errors import ReaderError
from reader.settings import Settings, load_settings, save_settings
from reader.tui.widgets.timeline import Timeline


class SettingsMixin:
    def _setup_settings(self) -> None:
        self.settings: Settings = load_settings()

    def _apply_settings(self) -> None:
        """Use the remembered theme (once the app's own themes are registered)."""
        if self.settings.notice:
            self.notify(self.settings.notice, severity="warning", timeout=8)
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self._show_plain(self.settings.plain)
        self.set_class(self.settings.panel == "bottom", "-panel-bottom")
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name != self.settings.theme:
            self._remember(replace(self.settings, theme=theme.name))

    def action_toggle_plain(self) -> None:
        """Plain mode: ASCII marks, no box drawing, and words where colour alone would tell."""
        plain = not self.settings.plain
        self._show_plain(plain)
        self._remember(replace(self.settings, plain=plain))
        self.notify("Plain mode on." if plain else "Plain mode off.", timeout=3)

    def action_toggle_panel_layout(self) -> None:
        """The side panel beside the chat, or under it (for tall, narrow terminals)."""
        panel = "side" if self.settings.panel == "bottom" else "bottom"
        self.set_class(panel == "bottom", "-panel-bottom")
        self._remember(replace(self.settings, panel=panel))
        self.notify(f"Panels {'under' if panel == 'bottom' else 'beside'} the chat.", timeout=3)

    def _show_plain(self, plain: bool) -> None:
        self.set_class(plain, "-plain")
        self.chat.set_plain(plain)
        timeline = self.query_one(Timeline)
        timeline.plain = plain
        timeline.refresh()

    def _remember(self, settings: Settings) -> None:
        self.settings = settings
        try:
            save_settings(settings)
        except ReaderError as error:
            self.notify(f"Not remembered for next time: {error}", severity="warning")
