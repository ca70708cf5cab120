"""reader's own themes, beside Textual's: a high-contrast one for low vision and bright rooms."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="reader-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF66FF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#333333",
    warning="#FFFF00",
    error="#FF6666",
    success="#66FF66",
    dark=True,
    variables={"text-muted": "#E0E0E0", "footer-key-foreground": "#FFFF00"},
)

THEMES = (HIGH_CONTRAST,)
