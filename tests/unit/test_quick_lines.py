"""The scan's NumPy pass reads a line as a quick header, or a marker as `(later insert)`, only
where the scan's patterns read it the same way, and hands every other line they could take to
them: on lines built from the forms that are easy to get wrong."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.index import quick_lines as quick_lines_module
from reader.index import slice_table
from reader.index.panel_grammar import insert_marker, line_pattern
from reader.index.quick_lines import insert_markers, quick_lines
from reader.index.scan import IndexState
from reader.index.scanner import Scanner
from reader.index.slice_table import MISSING, Keys, SliceTable, padded, windows
from reader.loader import load

TIMES = [
    "12:34:56",
    "1:02:03",
    "123:45:67",
    "12:3:45",
    "12:34:5",
    "١٢:٣٤:٥٦",
    "2020-06-10 12:00:00",
]
# Times one byte away from `HH:MM:SS` in ASCII digits: bytes just past the digits (`/`, `:`
# to `?`), another separator, a digit of another script.
NEAR_TIMES = [
    "12:34:59",
    "09:59:59",
    "1;:34:56",
    "12:3?:56",
    "12:34:5:",
    "/2:34:56",
    "12.34:56",
    "12:34;56",
    "12:34:5\u0665",
    "12::4:56",
]
GAPS = ["\u00a0 ", " ", "\t", "", "  \u00a0\t ", "\u00a0" * 5, "\u2003", " \u200e"]
NAMES = [
    "Ana Lima",
    "A",
    "José",
    "Ana\u00a0",
    "Ana\u2003",
    "Ana ",
    " Ana",
    "a:b",
    "",
    "名前",
    "\u00e9mile",
    "\u2003x",
    "x" * 70,
    "Ana to Everyone",
    "(later insert)",
]
ENDS = [" : ", " :", ":", "  : ", " : :", " :\u00a0", ""]
TEXTS = ["hello", "", "a (later insert) b", "x : y", "(LATER  insert) yes", "(later ınsert)"]
OTHER_LINES = [
    "",
    "About this event",
    "ſkip to content",
    "  Search",
    "Paul – (later insert) an answer",
    "(later insert)",
    "(Later\u00a0Insert) odd spaces",
    "(later insert",
    "(later insert\t",
    "x : y",
    "12",
    "print",
    "Back",
]


@st.composite
def header_lines(draw: st.DrawFn) -> str:
    parts = (TIMES + NEAR_TIMES, GAPS, ["From ", "From", "from "], NAMES, ENDS, TEXTS)
    return "".join(draw(st.sampled_from(options)) for options in parts)


chats = st.lists(st.one_of(header_lines(), st.sampled_from(OTHER_LINES)), min_size=1, max_size=30)


def _assert_quick_headers_agree(text: bytes) -> None:
    found = quick_lines(memoryview(text))
    matches = {match.start(): match for match in line_pattern().finditer(text)}
    names = [
        text[start:end]
        for start, end in zip(found.name_starts.tolist(), found.name_ends.tolist(), strict=True)
    ]
    for line, name, seconds in zip(
        found.headers.tolist(), names, found.seconds.tolist(), strict=True
    ):
        match = matches.get(line)
        assert match is not None and match[2] == name, text[line : line + 60]
        hours, minutes, secs = map(int, match[1].split(b":"))
        assert seconds == hours * 3600 + minutes * 60 + secs
    assert set(matches) <= set(found.headers.tolist()) | set(found.candidates.tolist())


def test_every_header_form_is_read_as_the_pattern_reads_it():
    lines = [
        "".join(parts)
        for parts in itertools.product(TIMES[:2], GAPS, ["From "], NAMES, ENDS, TEXTS[:2])
    ]
    # Each followed by a line with ` : `, which no name may reach into.
    _assert_quick_headers_agree(("\n" + "\nx : y\n".join(lines)).encode())


@pytest.mark.parametrize("time", [*TIMES, *NEAR_TIMES])
def test_times_near_the_usual_form_are_read_as_the_pattern_reads_them(time):
    _assert_quick_headers_agree(f"\n{time}\u00a0 From Ana Lima : hello\n".encode())


def test_the_usual_header_is_read_in_the_quick_pass(monkeypatch):
    """Not left to the pattern, nor read byte by byte: both would be right, and slower."""
    text = "\n12:34:59\u00a0 From Ana Lima : hello\n1:02:03 From Bo : hi\n".encode()
    read_byte_by_byte = []
    other_starts = quick_lines_module._other_starts

    def recorded(data, lines):
        read_byte_by_byte.extend(lines.tolist())
        return other_starts(data, lines)

    monkeypatch.setattr(quick_lines_module, "_other_starts", recorded)
    found = quick_lines(memoryview(text))
    assert read_byte_by_byte == [text.index(b"\n1:")]
    assert found.headers.tolist() == [0, text.index(b"\n1:")]
    assert found.seconds.tolist() == [12 * 3600 + 34 * 60 + 59, 3600 + 2 * 60 + 3]
    assert found.candidates.tolist() == [len(text) - 1]  # the empty last line, too short


@settings(max_examples=300, deadline=None)
@given(chats)
def test_quick_headers_are_the_patterns_and_every_other_match_is_a_candidate(lines):
    _assert_quick_headers_agree(("\n" + "\n".join(lines)).encode())


@settings(max_examples=300, deadline=None)
@given(chats)
def test_quick_markers_are_the_patterns_and_every_other_marker_is_unsure(lines):
    text = ("\n" + "\n".join(lines)).encode()
    found = quick_lines(memoryview(text))
    quick, unsure = insert_markers(found, 0, len(text))
    markers = {match.start() for match in insert_marker().finditer(text)}
    assert set(quick.tolist()) <= markers <= set(quick.tolist()) | set(unsure.tolist())


def _keys(text: bytes, spans: list[tuple[int, int]]) -> Keys:
    starts = np.array([start for start, _ in spans])
    lengths = np.array([end - start for start, end in spans])
    return Keys(windows(padded(text), slice_table.KEY_BYTES)[starts], lengths)


def test_the_table_finds_each_string_it_was_given_and_no_other(monkeypatch):
    # Every hash the same: entries are then told apart by their bytes alone.
    monkeypatch.setattr(slice_table, "_MIX", np.zeros(4, dtype=np.uint64))
    text = b"Ana|Ann|Ana|Anna|" + b"x" * 40 + b"|"
    spans = [(0, 3), (4, 7), (8, 11), (12, 16), (17, 57)]
    table = SliceTable()
    keys = _keys(text, spans)
    assert table.find(keys).tolist() == [MISSING] * 5
    table.remember(keys, np.array([0, 1, 4]), np.array([10, 20, 40]))
    # Ana (twice) is found; Ann, of Ana's length and hash, is not: its place was Ana's (it is
    # worked out each time it comes); a long string never is.
    assert table.find(keys).tolist() == [10, MISSING, 10, MISSING, MISSING]
    table.remember(keys, np.array([3]), np.array([30]))
    assert table.find(keys).tolist() == [10, MISSING, 10, MISSING, MISSING]


def _scanned(tmp_path: Path, chat: str, chunk_bytes: int) -> tuple[IndexState, Path]:
    """A chat log of these lines, scanned in this thread in chunks of `chunk_bytes`."""
    path = tmp_path / "chat.txt"
    path.write_text("Chat Log:\n\n" + chat)
    fd = os.open(path, os.O_RDONLY)
    state = IndexState()
    try:
        Scanner(fd, 0, path.stat().st_size, state).run(None, lambda: False, chunk_bytes)
    finally:
        os.close(fd)
    return state, path


@pytest.mark.parametrize("name", ["José", "Ana\u00a0x", "x" * 40, "A"])
def test_names_that_the_quick_pass_leaves_or_reads_count_as_the_parse_counts(tmp_path, name):
    chat = "".join(
        f"12:00:{second:02d}\u00a0 From {who} : hello\n\n"
        for second, who in enumerate([name, "Bo", name, "Bo", name])
    )
    state, _ = _scanned(tmp_path, chat, chunk_bytes=64)
    assert [(p.name, p.messages) for p in state.participants()] == [(name, 3), ("Bo", 2)]


def test_names_past_the_tables_limit_count_as_the_parse_counts(tmp_path, monkeypatch):
    """A file where nearly every name is new fills the name table; names past its limit are
    looked up one by one and still count as the parse counts them."""
    monkeypatch.setattr(slice_table, "MOST_STRINGS", 3)
    chat = "".join(
        f"12:{n // 60:02d}:{n % 60:02d}\u00a0 From Person {n % 10} : hello {n}\n\n"
        for n in range(200)
    )
    state, path = _scanned(tmp_path, chat, chunk_bytes=256)
    assert state.participants() == load(path).participants
