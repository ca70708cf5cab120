"""Make transcript text safe to show in a terminal: every character visible, none an instruction.

Control characters (C0, DEL, C1) would reach the terminal as escape sequences, and bidi overrides
or zero-width characters could reorder or hide text; each is replaced by a visible symbol.
"""

from __future__ import annotations

_TAB = "    "

_BIDI_AND_INVISIBLE = {
    0x200B: "ZWSP",
    0x2060: "WJ",
    0xFEFF: "BOM",
    0x202A: "LRE",
    0x202B: "RLE",
    0x202C: "PDF",
    0x202D: "LRO",
    0x202E: "RLO",
    0x2066: "LRI",
    0x2067: "RLI",
    0x2068: "FSI",
    0x2069: "PDI",
}


def _symbol(code: int) -> str | None:
    if code == 0x09:
        return _TAB
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ .. ␟, ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0x80 <= code <= 0x9F:
        return f"\u27e8{code:02X}\u27e9"  # ⟨9B⟩
    name = _BIDI_AND_INVISIBLE.get(code)
    return f"\u27e8{name}\u27e9" if name else None


_TABLE = {code: s for code in range(0x10000) if (s := _symbol(code)) is not None}
_TABLE.pop(0x0A)  # newlines are the text's own line breaks


def visible(text: str) -> str:
    """The text with every control or invisible character shown as a visible symbol.

    Newlines are kept. ZWJ and ZWNJ are left alone: scripts and emoji sequences need them.
    """
    return text.translate(_TABLE)
