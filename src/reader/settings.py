"""The user's settings: a small TOML file, settings.toml, in the config folder.

    settings = load_settings()            # defaults when there is no file
    if settings.notice: tell the user     # the file was broken and moved aside, or unreadable
    save_settings(replace(settings, theme="textual-light"))

A broken file is never overwritten: it is renamed aside (settings.toml.corrupt-STAMP) and the
defaults are used. Keys this version does not know are ignored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reader.atomic import aside_name, write_atomic
from reader.errors import ReaderError
from reader.paths import config_dir

__all__ = ["SETTINGS_FILE", "Settings", "load_settings", "save_settings", "settings_path"]

SETTINGS_FILE = "settings.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    theme: str | None = None  # a Textual theme name; None: the app's default
    panel: str = "side"  # where the side panels go
    plain: bool = False  # no box drawing, no meaning told by colour alone
    # Why the file could not be used, in one line (not saved, not compared).
    notice: str | None = field(default=None, compare=False)


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def load_settings() -> Settings:
    """The saved settings, or the defaults (with a notice when the file could not be used)."""
    path = settings_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as error:
        return Settings(notice=f"cannot read {path} ({error.strerror or error}): defaults used")
    try:
        return _from_toml(tomllib.loads(data.decode("utf-8")))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError) as error:
        problem = _one_line(error)
    try:
        aside = _move_aside(path)
    except OSError as error:
        return Settings(
            notice=f"the settings file {path} is damaged ({problem}) and cannot be moved aside "
            f"({error.strerror or error}): defaults used"
        )
    return Settings(
        notice=f"the settings file {path} is damaged ({problem}); it was kept as {aside.name} "
        "and defaults are used"
    )


def save_settings(settings: Settings) -> Path:
    """Write the settings file atomically; ReaderError (one line) when it cannot be written."""
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReaderError(
            f"{path.parent}: cannot make the folder ({error.strerror or error})"
        ) from None
    return write_atomic(path, to_toml(settings), force=True)


def to_toml(settings: Settings) -> str:
    """The settings as TOML text (written by hand: the stdlib reads TOML but cannot write it)."""
    lines = ["# reader settings"]
    if settings.theme is not None:
        lines.append(f"theme = {_toml_string(settings.theme)}")
    lines.append(f"panel = {_toml_string(settings.panel)}")
    lines.append(f"plain = {'true' if settings.plain else 'false'}")
    return "\n".join(lines) + "\n"


_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_SHORT_ESCAPES["\r"] = "\\r"


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        elif 0xD800 <= ord(char) <= 0xDFFF:
            out.append("\ufffd")  # a lone surrogate cannot be written in UTF-8
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _from_toml(table: dict[str, object]) -> Settings:
    theme = table.get("theme")
    panel = table.get("panel", "side")
    plain = table.get("plain", False)
    if theme is not None and not (isinstance(theme, str) and theme):
        raise ValueError("theme must be a theme name")
    if not (isinstance(panel, str) and panel):
        raise ValueError('panel must be a name such as "side"')
    if not isinstance(plain, bool):
        raise ValueError("plain must be true or false")
    return Settings(theme=theme, panel=panel, plain=plain)


def _one_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines() or [type(error).__name__]
    return lines[0]


def _move_aside(path: Path) -> Path:
    """Rename the file out of the way, to a name no other file has; returns the new name."""
    aside = aside_name(path)
    path.rename(aside)
    return aside
