"""Turn bindings into help rows, so the help screen never drifts from the real keys."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding

_KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "apostrophe": "'",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "colon": ":",
    "full_stop": ".",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "space": "Space",
    "escape": "Esc",
    "enter": "Enter",
    "home": "Home",
    "end": "End",
    "down": "↓",
    "up": "↑",
}


@dataclass(frozen=True, slots=True)
class KeyHelp:
    keys: str
    description: str


def key_label(key: str) -> str:
    return _KEY_NAMES.get(key, key)


def describe(bindings: Iterable[Binding | tuple]) -> list[KeyHelp]:
    rows = []
    for binding in bindings:
        if not isinstance(binding, Binding):
            binding = Binding(*binding)
        keys = ", ".join(key_label(k.strip()) for k in binding.key.split(","))
        rows.append(KeyHelp(keys, binding.description or binding.action))
    return rows
