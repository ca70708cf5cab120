"""The scan's first pass over a chunk, in NumPy: every newline, the header lines in the form
the generated and published logs write (`HH:MM:SS\u00a0 From NAME : TEXT`) read whole, and
where `(later insert)` stands, without a regular expression run at every line.

This pass is a shortcut only. It takes a line as a quick header only when the quick form of
reader.index.panel_grammar.line_pattern takes it, with the same time and name, and a marker
only when insert_marker matches it there. Whatever it is not sure of (another header form, a
line that may be an epilogue heading or boilerplate, a marker spelt otherwise) it hands back
as a candidate, for those patterns to decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from reader.index.panel_grammar import RARE_WORDS, wide_spaces
from reader.index.slice_table import KEY_BYTES, Keys, padded, windows
from reader.index.utf8 import IGNORECASE_EXTRAS, digit_chars, ignoring_case, space_chars

NEWLINE, COLON, SPACE, OPENING = 0x0A, 0x3A, 0x20, 0x28
FROM = b"From "
MARKER = b"(later insert)"
SHORTEST_HEADER = 20  # bytes after a newline that a quick header needs: `H:MM:SS From N : `
NAME_WINDOW = 64  # a quick name and its ` : ` fit in this many bytes
MOST_SEPARATORS = 4  # `\u00a0`, spaces or tabs between the time and `From`: more go to the pattern


@dataclass
class QuickLines:
    """One chunk's lines. A line is named by the position of the newline before it."""

    chunk: memoryview  # the chunk's bytes, as the scan reads them
    data: np.ndarray  # its bytes, then zero bytes (reader.index.slice_table.padded)
    newlines: np.ndarray  # every newline of the chunk
    headers: np.ndarray  # the quick headers' lines
    name_starts: np.ndarray  # where their names start
    name_ends: np.ndarray  # and end
    name_keys: Keys
    seconds: np.ndarray  # their times, in seconds of the day
    candidates: np.ndarray  # lines that line_pattern must decide


def _table(values: bytes | range | set[int]) -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    table[list(values)] = True
    return table


_DIGIT = _table(range(0x30, 0x3A))
_SEPARATOR = _table(b" \t")  # \xc2\xa0 is two bytes: tested on its own
# Bytes a quick name may not start with, and may not end with (see panel_grammar._QUICK_HEADER).
_NOT_FIRST = _table(
    bytes([*b"\n:", *range(0x09, 0x0E), *range(0x1C, 0x21), *range(0x80, 0xC0)])
    + b"\xc2\xd8\xe1\xe2\xe3"
)
_NOT_LAST = _table(bytes([*b"\n:", *range(0x09, 0x0E), *range(0x1C, 0x21)]))


@cache
def _candidate_starts() -> tuple[np.ndarray, np.ndarray]:
    """What a line that line_pattern may take, other than a quick header, starts with: a byte
    that starts a space or a digit (the other header forms; spaces before a rare word), or the
    first two bytes of a rare word (an epilogue heading or boilerplate) in any case, read as
    one little-endian 16-bit number."""
    firsts = _table({char.encode()[0] for char in (*space_chars(), *digit_chars())})
    pairs = np.zeros(1 << 16, dtype=bool)
    for word in RARE_WORDS:
        for first in _case_variants(word[0]):
            for second in _case_variants(word[1]):
                two = (first + second)[:2]
                pairs[two[0] | two[1] << 8] = True
    return firsts, pairs


def _case_variants(letter: str) -> list[bytes]:
    """Each character that ignoring_case lets stand for this ASCII letter, in UTF-8."""
    pattern = re.compile(ignoring_case(letter))
    chars = {letter, letter.upper(), *"".join(IGNORECASE_EXTRAS.values())}
    return [char.encode() for char in chars if pattern.fullmatch(char.encode())]


def quick_lines(chunk: memoryview) -> QuickLines:
    """The lines of `chunk` (bytes that start with a newline and end after one, or at the end
    of the file)."""
    data = padded(chunk)
    size = len(chunk)
    newlines = np.flatnonzero(data[:size] == NEWLINE)
    room = newlines[newlines + SHORTEST_HEADER < size]
    digit_first = _DIGIT[data[room + 1]]
    maybe = room[digit_first]
    taken, name_starts, name_ends, name_keys, seconds = _read_quick(data, maybe, newlines)
    headers = maybe[taken]
    # For the pattern: lines that may start another form or a rare word, the quick-looking
    # lines left above, and the last lines (too short to be read above).
    firsts, pairs = _candidate_starts()
    others = room[~digit_first]
    two = data[others + 1].astype(np.uint16) | (data[others + 2].astype(np.uint16) << 8)
    rare = others[firsts[data[others + 1]] | pairs[two]]
    left = np.delete(maybe, taken)
    short = newlines[newlines + SHORTEST_HEADER >= size]
    candidates = np.concatenate((rare, left, short))
    candidates.sort()
    return QuickLines(
        chunk, data, newlines, headers, name_starts, name_ends, name_keys, seconds, candidates
    )


def _ends_in_wide_space(data: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Whether the bytes before each end are a space of two or three bytes."""
    two_bytes, three_bytes = _wide_spaces()
    last = [data[ends - back].astype(np.int64) for back in (3, 2, 1)]
    two = last[1] | last[2] << 8
    three = last[0] | two << 8
    return two_bytes[two] | members(three, three_bytes)


@cache
def _wide_spaces() -> tuple[np.ndarray, np.ndarray]:
    """The wide spaces: of two bytes, as a table by their 16-bit number (little-endian); of
    three, their sorted 24-bit numbers."""
    two = np.zeros(1 << 16, dtype=bool)
    three = []
    for char in wide_spaces():
        code = int.from_bytes(char.encode(), "little")
        if len(char.encode()) == 2:
            two[code] = True
        else:
            three.append(code)
    return two, np.array(sorted(three), dtype=np.int64)


def members(values: np.ndarray, sorted_values: np.ndarray) -> np.ndarray:
    """Which of `values` are in `sorted_values` (faster than np.isin, which sorts both)."""
    if not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    return sorted_values[at] == values


def _read_quick(
    data: np.ndarray, lines: np.ndarray, newlines: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, Keys, np.ndarray]:
    """Of these lines (each with room for the shortest header), the quick headers: (their
    indices in `lines`, name starts, name ends, name keys, seconds). A line this is not sure
    of is left out."""
    # Nearly every header starts `HH:MM:SS\u00a0 From `: 16 bytes, read as two words.
    words = _words(data)
    times = words[lines + 1]
    usual = ((times & _TIME_MASK) == _TIME_BITS) & (((times + _SIXES) & _TENS) == _DIGIT_BITS)
    usual &= words[lines + 9] == _NBSP_FROM
    ok = usual.copy()
    name = lines + len(b"\nHH:MM:SS\xc2\xa0 From ")
    seconds = _seconds_of(times)
    others = np.flatnonzero(~usual)
    if len(others):
        ok[others], name[others], seconds[others] = _other_starts(data, lines[others])
    taken = np.flatnonzero(ok)
    name, seconds = name[taken], seconds[taken]
    # `NAME : `: a name holds no colon, so its ` : ` is at the first colon after its start,
    # and no newline comes before that colon. A longer name is left to the pattern.
    rows = windows(data, NAME_WINDOW)[name]
    every = np.arange(len(rows))
    colon = np.argmax(rows == COLON, axis=1)
    ok = rows[every, colon] == COLON
    line_ends = np.append(newlines, len(data))  # the last line may have no newline
    ok &= line_ends[np.searchsorted(newlines, name)] > name + colon
    ok &= (colon >= 2) & (colon < NAME_WINDOW - 1)
    length = colon - 1  # the name is followed by ` : `
    ok &= (rows[every, length] == SPACE) & (
        rows[every, np.minimum(colon + 1, NAME_WINDOW - 1)] == SPACE
    )
    ok &= ~_NOT_FIRST[rows[:, 0]]
    # Its last byte is no space (a name of one byte is only its first), and it does not end
    # in a space of more than one byte (the pattern's lookbehinds).
    last_byte = rows[every, length - 1]
    ok &= (length == 1) | ~_NOT_LAST[last_byte]
    wide = np.flatnonzero(ok & (last_byte >= 0x80))
    ok[wide] &= ~_ends_in_wide_space(data, name[wide] + length[wide])
    keys = Keys(rows[ok, :KEY_BYTES], length[ok])
    return taken[ok], name[ok], name[ok] + length[ok], keys, seconds[ok]


def _words(data: np.ndarray) -> np.ndarray:
    """Word i is data[i:i + 8], read as a little-endian number, for every i (no copy)."""
    return np.ndarray((len(data) - 7,), dtype="<u8", buffer=data, strides=(1,))


def _word(text: bytes) -> np.uint64:
    return np.frombuffer(text, dtype="<u8")[0]


# `HH:MM:SS` in ASCII digits: the colons, and in each digit's byte a high half of 3 and a low
# half below 10 (adding 6 leaves the high half 3).
_TIME_MASK = _word(b"\xf0\xf0\xff\xf0\xf0\xff\xf0\xf0")
_TIME_BITS = _word(b"00:00:00")
_SIXES = _word(b"\x06\x06\x00\x06\x06\x00\x06\x06")
_TENS = _word(b"\xf0\xf0\x00\xf0\xf0\x00\xf0\xf0")
_DIGIT_BITS = _word(b"00\x0000\x0000")
_NBSP_FROM = _word(b"\xc2\xa0 " + FROM)


def _seconds_of(times: np.ndarray) -> np.ndarray:
    """Seconds of the day of `HH:MM:SS` words (nonsense for other words)."""
    digits = (times.view(np.uint8).reshape(-1, 8) & 0x0F).astype(np.int32)
    return digits @ _DIGIT_SECONDS


_DIGIT_SECONDS = np.array([36000, 3600, 0, 600, 60, 0, 10, 1], dtype=np.int32)


def _other_starts(data: np.ndarray, lines: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For lines not in the usual form: (whether each starts a quick header up to its name,
    where its name starts, its seconds), each value in line order."""
    ok = np.zeros(len(lines), dtype=bool)
    name = np.zeros(len(lines), dtype=np.int64)
    seconds = np.zeros(len(lines), dtype=np.int32)
    index = np.arange(len(lines))
    # `\d{1,2}:\d\d:\d\d` in ASCII digits
    hour = lines + 1
    two_digits = _DIGIT[data[hour + 1]]
    last = hour + two_digits  # the hour's last digit
    fits = (data[last + 1] == COLON) & _DIGIT[data[last + 2]] & _DIGIT[data[last + 3]]
    fits &= (data[last + 4] == COLON) & _DIGIT[data[last + 5]] & _DIGIT[data[last + 6]]
    index, hour, two_digits, last = index[fits], hour[fits], two_digits[fits], last[fits]
    # `(?:\xc2\xa0|[ \t])+From `: the padding after the chunk keeps every read in bounds
    at = last + 7
    gap = np.zeros(len(at), dtype=np.int64)
    for _ in range(MOST_SEPARATORS):
        here = at + gap
        nbsp = (data[here] == 0xC2) & (data[here + 1] == 0xA0)
        gap += np.where(nbsp, 2, _SEPARATOR[data[here]])
    at += gap
    fits = gap > 0
    for offset, byte in enumerate(FROM):
        fits &= data[at + offset] == byte
    index, hour, two_digits, last = index[fits], hour[fits], two_digits[fits], last[fits]
    hours = data[last].astype(np.int32) - 0x30
    hours += np.where(two_digits, (data[hour].astype(np.int32) - 0x30) * 10, 0)
    minutes = (data[last + 2].astype(np.int32) - 0x30) * 10 + data[last + 3] - 0x30
    ok[index] = True
    name[index] = at[fits] + len(FROM)
    seconds[index] = hours * 3600 + minutes * 60 + (data[last + 5].astype(np.int32) - 0x30) * 10
    seconds[index] += data[last + 6].astype(np.int32) - 0x30
    return ok, name, seconds


def insert_markers(lines: QuickLines, start: int, end: int) -> tuple[np.ndarray, np.ndarray]:
    """Where `(later insert)` may stand in chunk[start:end]: (positions read as markers, other
    positions that insert_marker must decide). A marker ends by `end`."""
    data = lines.data
    openings = np.flatnonzero(data[start:end] == OPENING) + start
    openings = openings[(data[openings + 1] | 0x20) == ord("l")]
    fits = openings + len(MARKER) <= end
    quick = fits.copy()
    for offset, byte in enumerate(MARKER[1:], start=1):
        here = data[np.minimum(openings + offset, len(data) - 1)]
        quick &= (here | 0x20 if chr(byte).isalpha() else here) == byte
    return openings[quick], openings[~quick]
