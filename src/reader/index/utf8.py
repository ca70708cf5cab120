"""Byte patterns that match exactly what a str pattern matches in valid UTF-8 text.

The index scans raw bytes, so that it never decodes a whole big file; its patterns must agree
with the format's str patterns character for character. A str class such as `\\s` or `\\d`
also matches characters outside ASCII, so each is spelled out here as the UTF-8 byte sequences
of all its characters.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

# Every decimal digit and every space lies below these code points (checked by a test), which
# keeps building the patterns quick.
DIGITS_END = 0x20000
SPACES_END = 0x3001
# The non-ASCII characters that str IGNORECASE matches with an ASCII letter (checked by a test).
IGNORECASE_EXTRAS = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}


def one_of(chars: Iterable[str]) -> bytes:
    """A byte pattern matching exactly one of these characters, encoded as UTF-8."""
    by_prefix: dict[bytes, set[int]] = defaultdict(set)
    for char in set(chars):
        encoded = char.encode()
        by_prefix[encoded[:-1]].add(encoded[-1])
    branches = [re.escape(prefix) + _byte_class(last) for prefix, last in sorted(by_prefix.items())]
    return b"(?:" + b"|".join(branches) + b")"


def _byte_class(values: set[int]) -> bytes:
    ranges: list[list[int]] = []
    for value in sorted(values):
        if ranges and ranges[-1][1] == value - 1:
            ranges[-1][1] = value
        else:
            ranges.append([value, value])
    parts = b"".join(
        b"\\x%02x" % low if low == high else b"\\x%02x-\\x%02x" % (low, high)
        for low, high in ranges
    )
    return b"[" + parts + b"]"


@cache
def space_chars() -> frozenset[str]:
    """Characters of str `\\s` (the same as str.isspace), in a line (no newline)."""
    return frozenset(chr(c) for c in range(SPACES_END) if chr(c).isspace()) - {"\n"}


@cache
def digit_chars() -> frozenset[str]:
    """Characters of str `\\d`: every decimal digit of every script."""
    return frozenset(chr(c) for c in range(DIGITS_END) if chr(c).isdecimal())


@cache
def digit() -> bytes:
    """str `\\d` as bytes."""
    return one_of(digit_chars())


def spaces(extra: str = "") -> bytes:
    """str `[\\s<extra>]` inside one line (a newline excluded)."""
    return one_of(space_chars() | set(extra))


def ignoring_case(word: str) -> bytes:
    """The ASCII `word` matched as str IGNORECASE matches it (İ, ı, ſ and K included)."""
    parts = []
    for char in word:
        if char.isalpha():
            lower = char.lower()
            parts.append(one_of({lower, lower.upper(), *IGNORECASE_EXTRAS.get(lower, "")}))
        else:
            parts.append(re.escape(char.encode()))
    return b"".join(parts)
