"""Make transcript text safe to show in a terminal: every character visible, none an instruction.

Control characters (C0, DEL, C1) would reach the terminal as escape sequences, and bidi
embeddings, overrides and isolates or invisible characters could reorder or hide text; each is
replaced by a visible symbol. Characters that scripts and emoji need stay as they are: ZWJ and
ZWNJ, variation selectors, the bidi marks (LRM, RLM, ALM) that Arabic and Hebrew text carry, the
tag characters inside an emoji flag sequence (🏴 + tags + CANCEL TAG, the flag of Scotland), the
soft hyphen, the Arabic and Syriac marks drawn over numbers, and the Egyptian hieroglyph
format controls.
"""

from __future__ import annotations

import re

_TAB = "    "

_NAMED = {
    0x200B: "ZWSP",
    0x2060: "WJ",
    0x2061: "FA",  # the invisible mathematical operators
    0x2062: "IT",
    0x2063: "IS",
    0x2064: "IP",
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
    # Deprecated format characters: they still switch shaping and mirroring in some renderers.
    0x206A: "ISS",
    0x206B: "ASS",
    0x206C: "IAFS",
    0x206D: "AAFS",
    0x206E: "NADS",
    0x206F: "NODS",
    # Line and paragraph separators: a terminal or a widget may break the line on them.
    0x2028: "LSEP",
    0x2029: "PSEP",
    # Blank "letters" used to make names and words that look empty.
    0x3164: "HF",
    0xFFA0: "HWHF",
    # Interlinear annotation: hides the text between its marks in some renderers.
    0xFFF9: "IAA",
    0xFFFA: "IAS",
    0xFFFB: "IAT",
}


# Format characters with no glyph that no common text needs: shown by their code.
_INVISIBLE_CODES = (
    0x180E,  # MONGOLIAN VOWEL SEPARATOR: zero width since Unicode 6.3
    *range(0x1BCA0, 0x1BCA4),  # shorthand format controls
    *range(0x1D173, 0x1D17B),  # musical beam and slur controls
)


def _symbol(code: int) -> str | None:
    if code == 0x09:
        return _TAB
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ .. ␟, ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0x80 <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:
        # C1 controls (0x9B is a one-byte CSI); a lone surrogate could not even be printed.
        return f"\u27e8{code:02X}\u27e9"  # ⟨9B⟩
    if code in _INVISIBLE_CODES:
        return f"\u27e8{code:04X}\u27e9"
    name = _NAMED.get(code)
    return f"\u27e8{name}\u27e9" if name else None


_CODES = [*range(0x00, 0xA0), *range(0xD800, 0xE000), *_NAMED, *_INVISIBLE_CODES]
_TABLE = {code: s for code in _CODES if (s := _symbol(code)) is not None}
_TABLE.pop(0x0A)  # newlines are the text's own line breaks

_TAG_CODES = range(0xE0000, 0xE0080)


def _char_class(codes: list[int]) -> str:
    """A regex character class of these code points, as ranges: the engine scans it fastest."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = (
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )
    return "[" + "".join(parts) + "]"


# Any character `visible` changes: most texts hold none and are returned as they are.
_ANY_UNSAFE = re.compile(_char_class([*_TABLE, *_TAG_CODES]))
# An emoji tag sequence (kept whole) or one character to show: a tag character on its own is
# invisible and can carry a hidden copy of ASCII text.
_FLAG_OR_UNSAFE = re.compile(
    "(\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f)|" + _ANY_UNSAFE.pattern
)


def _show(found: re.Match[str]) -> str:
    if found[1]:
        return found[1]
    code = ord(found[0])
    if code in _TABLE:
        return _TABLE[code]
    code -= 0xE0000
    return f"\u27e8TAG {chr(code)}\u27e9" if 0x20 < code < 0x7F else f"\u27e8E{code:04X}\u27e9"


def visible(text: str) -> str:
    """The text with every control or invisible character shown as a visible symbol.

    Newlines are kept. The result holds no control character but "\\n", and applying
    `visible` again changes nothing.
    """
    if text.isascii():
        return text.translate(_TABLE)  # str.translate is fastest on ASCII
    if _ANY_UNSAFE.search(text) is None:
        return text
    return _FLAG_OR_UNSAFE.sub(_show, text)


def visible_offset(text: str, index: int) -> int:
    """Where offset `index` of `text` falls in `visible(text)` (symbols can be longer)."""
    return len(visible(text[:index]))


# Everything `visible` would change; "\n" is escaped by JSON itself.
_JSON_UNSAFE = _ANY_UNSAFE


def _json_escape(found: re.Match[str]) -> str:
    code = ord(found[0])
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def escape_json_text(json_text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with every control or invisible
    character written as a \\u escape: the data stays exact, and the bytes are safe to print.

    Such characters can only occur inside JSON strings, where a \\u escape means the same.
    """
    return _JSON_UNSAFE.sub(_json_escape, json_text)
