"""The app's remembered settings: the theme chosen from the palette, kept across runs."""

from __future__ import annotations

from dataclasses import replace

from textual.theme import Theme

from reader.errors import ReaderError
from reader.settings import Settings, load_settings, save_settings


class SettingsMixin:
    def _setup_settings(self) -> None:
        self.settings: Settings = load_settings()

    def _apply_settings(self) -> None:
        """Use the remembered theme (once the app's own themes are registered)."""
        if self.settings.notice:
            self.notify(self.settings.notice, severity="warning", timeout=8)
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name == self.settings.theme:
            return
        self.settings = replace(self.settings, theme=theme.name)
        try:
            save_settings(self.settings)
        except ReaderError as error:
            self.notify(f"The theme is not remembered: {error}", severity="warning")
