"""Hostile and broken input (tests/data/hostile/): kept exactly, shown as text, never obeyed.

Each transcript there holds what a stranger could type or paste into a chat: markup, terminal
escapes, bidi controls, invisible characters. Broken files get a one-line error and exit 2.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.decode import decode
from reader.errors import ReaderError
from reader.loader import load, parse_bytes
from reader.safe_text import escape_json_text, visible, visible_offset
from tests.conftest import DATA

HOSTILE = DATA / "hostile"
ESC = "\x1b"

MARKUP_TEXTS = [
    "[bold red]x[/]",
    "[/] closes nothing",
    "[link=https://evil.example]click me[/link]",
    "[@click=app.quit]x[/]",
    "unbalanced [ bracket and [bold",
]
ANSI_TEXTS = [
    "\x1b[31mred\x1b[0m text",
    "cursor \x1b[2J\x1b[H\x1b[10;10Hmoved",
    "\x1b]0;window title\x07 title",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ here",
    "clip \x1b]52;c;ZWNobyBwd25lZA==\x07 board",
    "lone \x1b escape",
    "c1 \x9b31m csi, \x85 nel, \x90 dcs, bell \x07, back\x08space, del \x7f end",
]
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
BIDI_TEXTS = [
    'access level: "user\u202e \u2066// check if admin\u2069 \u2066"',
    "zero\u200bwidth\u2060join\ufeffbom\u00adshy",
    f"{FAMILY} family, {SCOTLAND} flag, \U0001f1f0\U0001f1ea flag, 1\ufe0f\u20e3 keycap, "
    "\U0001f44d\U0001f3fd thumbs",
    "مرحبا بكم في الندوة — السلام عليكم",
    "שלום\u200f (RLM) עולם",
    "می\u200cخواهم",
    "tags\U000e0068\U000e0069 hidden",
    "reversed name",
]


def texts(path: Path) -> list[str]:
    return [m.text for m in load(path).messages]


# -- the parser keeps every character --------------------------------------------------------


def test_markup_is_kept_as_text():
    transcript = load(HOSTILE / "markup.txt")
    assert [m.text for m in transcript.messages] == MARKUP_TEXTS
    assert transcript.messages[4].author == "[b]Trudy[/b]"
    assert transcript.title == "Markup [bold]in the[/bold] title"
    (insert,) = transcript.messages[4].inserts
    assert insert.text == "[italic]answer[/italic] :smile: \\[escaped] [red"


def test_terminal_escapes_are_kept_as_text():
    transcript = load(HOSTILE / "ansi.txt")
    assert [m.text for m in transcript.messages] == ANSI_TEXTS
    assert transcript.messages[5].author == "Eve\x1b[8m"
    assert transcript.title == "Escapes \x1b]0;pwned title\x07 in the title"
    assert transcript.messages[6].inserts[0].text == "\x1b[5mblink\x1b[0m answer"


def test_bidi_invisible_and_other_scripts_are_kept_as_text():
    transcript = load(HOSTILE / "bidi.txt")
    assert [m.text for m in transcript.messages] == BIDI_TEXTS
    assert [m.author for m in transcript.messages][-3:] == ["Persian", "Hidden\u3164", "\u202eevil"]
    # The parser turns LINE SEPARATOR inside a message into a line break.
    assert (
        transcript.messages[-1].inserts[0].text
        == "answer with \u202d override\u202c and \n separator"
    )


def test_invalid_utf8_falls_back_to_cp1252_and_says_so():
    transcript = load(HOSTILE / "invalid-utf8.txt")
    assert [(m.author, m.text) for m in transcript.messages] == [
        ("René", "café crème \ufffd end"),
        ("Bob", "“quoted”"),
    ]
    assert transcript.encoding == "cp1252"
    assert transcript.warnings[0].reason == "not valid UTF-8: decoded as cp1252"


def test_a_file_cut_off_mid_message_keeps_what_is_there():
    assert texts(HOSTILE / "truncated.txt") == [
        "a whole message, with “quotes”",
        "this message was cut off in the mid",
    ]


def test_a_file_cut_off_inside_a_character_keeps_the_earlier_text():
    assert texts(HOSTILE / "truncated-mid-character.txt")[0] == "a whole message, with “quotes”"


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("empty.txt", "the file is empty"),
        ("binary.png", "binary file"),
        ("not-a-transcript.txt", "not a transcript"),
    ],
)
def test_broken_files_raise_a_one_line_reader_error(name, error):
    with pytest.raises(ReaderError, match=error) as raised:
        load(HOSTILE / name)
    assert "\n" not in str(raised.value)


# -- visible(): every control, escape and bidi character becomes a visible symbol --------------

TROJAN_SOURCE = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
# Format characters `visible` leaves alone on purpose (see reader/safe_text.py).
KEPT_FORMAT = {
    0x00AD,
    *range(0x0600, 0x0606),
    0x061C,
    0x06DD,
    0x070F,
    0x0890,
    0x0891,
    0x08E2,
    0x200C,
    0x200D,
    0x200E,
    0x200F,
    0x110BD,
    0x110CD,
    *range(0x13430, 0x13456),  # Egyptian hieroglyph format controls (more in Unicode 15)
}


def test_escape_shows_as_the_escape_symbol():
    assert visible(ANSI_TEXTS[0]) == "␛[31mred␛[0m text"
    assert visible("\x9b31m") == "⟨9B⟩31m"


@pytest.mark.parametrize("code", [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)])
def test_every_c0_and_c1_control_becomes_visible(code):
    shown = visible(chr(code))
    if code == 0x0A:
        assert shown == "\n"  # the text's own line breaks
    elif code == 0x09:
        assert shown == "    "
    else:
        assert shown and all(unicodedata.category(c) not in ("Cc", "Cf") for c in shown)


@pytest.mark.parametrize("code", TROJAN_SOURCE)
def test_bidi_embeddings_overrides_and_isolates_become_visible(code):
    shown = visible(f"a{chr(code)}b")
    assert chr(code) not in shown
    assert shown.startswith("a⟨") and shown.endswith("⟩b")


def test_no_format_or_control_character_survives_except_those_scripts_need():
    survivors = {
        code
        for code in range(0x110000)
        if unicodedata.category(chr(code)) in ("Cc", "Cf", "Cs", "Zl", "Zp")
        and code != 0x0A
        and chr(code) in visible(chr(code))
    }
    assert survivors <= KEPT_FORMAT
    assert {0x200C, 0x200D, 0x200E, 0x200F, 0x061C} <= survivors


def test_hidden_tag_text_is_shown_but_an_emoji_flag_is_kept():
    assert visible("tags\U000e0068\U000e0069 hidden") == "tags⟨TAG h⟩⟨TAG i⟩ hidden"
    assert visible(f"{SCOTLAND} flag") == f"{SCOTLAND} flag"


@pytest.mark.parametrize("text", BIDI_TEXTS[2:6])
def test_scripts_and_emoji_are_kept_intact(text):
    assert visible(text) == text


def test_the_sample_shows_unchanged(panel):
    """The sample's Arabic, no-break spaces and curly quotes need no symbol."""
    for message in panel.messages:
        assert visible(message.text) == message.text


def test_visible_output_holds_no_escape_and_is_stable():
    for path in ("markup.txt", "ansi.txt", "bidi.txt"):
        for message in load(HOSTILE / path).messages:
            shown = visible(message.text)
            assert ESC not in shown and "\x9b" not in shown
            assert visible(shown) == shown


def test_visible_offset_maps_a_raw_offset():
    text = "\u202eab\tc"
    shown = visible(text)
    assert shown[visible_offset(text, 1) : visible_offset(text, 3)] == "ab"
    assert shown[visible_offset(text, 4) :] == "c"


def test_json_escaping_keeps_data_exact_but_prints_no_control_character():
    data = {"texts": ANSI_TEXTS + BIDI_TEXTS}
    escaped = escape_json_text(json.dumps(data, ensure_ascii=False))
    assert json.loads(escaped) == data
    assert all(visible(char) == char for char in escaped)
    assert "مرحبا" in escaped  # readable scripts stay readable


# -- the command line on every hostile file -----------------------------------------------------


def run(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)], capture_output=True, timeout=120
    )


# What each content file holds and a word to search for.
CONTENT = {
    "markup.txt": (MARKUP_TEXTS, "click"),
    "ansi.txt": (ANSI_TEXTS, "title"),
    "bidi.txt": (BIDI_TEXTS, "admin"),
    "invalid-utf8.txt": (["café crème \ufffd end", "“quoted”"], "crème"),
    "truncated.txt": (
        ["a whole message, with “quotes”", "this message was cut off in the mid"],
        "mid",
    ),
}
BROKEN = {
    "empty.txt": "the file is empty",
    "binary.png": "binary file",
    "not-a-transcript.txt": "not a transcript",
}
# Raw bytes a terminal would obey: ESC, C1 controls as UTF-8, BEL, bidi overrides and isolates.
OBEYED = [b"\x1b", b"\x07", *(chr(c).encode() for c in range(0x80, 0xA0))] + [
    chr(c).encode() for c in TROJAN_SOURCE
]


def assert_safe_for_a_terminal(output: bytes) -> None:
    for raw in OBEYED:
        assert raw not in output, raw


@pytest.mark.parametrize("name", sorted(CONTENT))
def test_export_json_keeps_every_text(name):
    result = run("export", HOSTILE / name, "--format", "json")
    assert result.returncode == 0, result.stderr
    exported = json.loads(result.stdout)
    assert [m["text"] for m in exported["messages"]] == CONTENT[name][0]


@pytest.mark.parametrize("name", sorted(CONTENT))
def test_stats_prints_no_escape_from_the_content(name):
    result = run("stats", HOSTILE / name)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert_safe_for_a_terminal(result.stdout)


def test_stats_shows_hostile_names_and_titles_as_symbols():
    out = run("stats", HOSTILE / "ansi.txt").stdout.decode()
    assert "Escapes ␛]0;pwned title␇" in out and "Eve␛[8m" in out
    out = run("stats", HOSTILE / "markup.txt").stdout.decode()
    assert "[b]Trudy[/b]" in out and "Markup [bold]in the[/bold] title" in out


@pytest.mark.parametrize("name", sorted(CONTENT))
def test_search_finds_and_prints_no_escape_from_the_content(name):
    word = CONTENT[name][1]
    result = run("search", HOSTILE / name, word)
    assert result.returncode == 0, result.stderr
    assert word in result.stdout.decode()
    assert_safe_for_a_terminal(result.stdout)
    as_json = run("search", HOSTILE / name, word, "--json")
    assert as_json.returncode == 0
    assert_safe_for_a_terminal(as_json.stdout)
    records = json.loads(as_json.stdout)
    assert all(r["line"][r["start"] : r["end"]].casefold() == word.casefold() for r in records)


def test_search_shows_escapes_as_symbols():
    out = run("search", HOSTILE / "ansi.txt", "red").stdout.decode()
    assert out == "1  10:00:01  Eve: ␛[31mred␛[0m text\n"


@pytest.mark.parametrize("name", sorted(BROKEN))
@pytest.mark.parametrize("command", [["export", "--format", "json"], ["stats"], ["search"]])
def test_broken_files_are_one_line_and_exit_2(name, command):
    args = [command[0], HOSTILE / name, *command[1:]]
    if command[0] == "search":
        args.append("word")
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == b""
    stderr = result.stderr.decode()
    assert b"Traceback" not in result.stderr
    assert stderr.startswith("reader: ") and stderr.count("\n") == 1
    assert BROKEN[name] in stderr


def test_a_50_mb_single_line_is_not_a_transcript(tmp_path: Path):
    big = tmp_path / "one-line.txt"
    big.write_bytes(b"lorem ipsum : dolor " * 2_500_000)
    for args in (["stats", big], ["export", big, "--format", "json"], ["search", big, "dolor"]):
        result = run(*args)
        assert result.returncode == 2, result.stderr
        assert b"Traceback" not in result.stderr
        assert result.stderr.decode().count("\n") == 1
        assert b"not a transcript" in result.stderr


def test_a_50_mb_message_on_one_line_is_read_and_searched(tmp_path: Path):
    big = tmp_path / "long-message.txt"
    big.write_bytes(
        b"10:00:01  From Ann : hi\n10:00:02  From Bob : " + b"word " * 10_000_000 + b"needle\n"
    )
    stats = run("stats", big)
    assert stats.returncode == 0 and b"2 messages, 2 participants" in stats.stdout
    found = run("search", big, "needle", "--json")
    assert found.returncode == 0
    (record,) = json.loads(found.stdout)
    assert (record["id"], record["author"], record["start"]) == (2, "Bob", 50_000_000)


# -- arbitrary bytes never raise anything but ReaderError --------------------------------------

FRAGMENTS = st.sampled_from(
    [
        b"10:00:01  From Ann : ",
        b"2020-06-10 9:05:01\xc2\xa0From B : ",
        b"Mod \xe2\x80\x93 (later insert) ",
        b"About this event\n",
        b"skip to Main Content\n",
        b"\n",
        b"\r\n",
        b"\r",
        b"\x00",
        b"\x1b[31m",
        b"\xc2\x9b",
        b"\xe2\x80\xae",
        b"\xff",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        b"\xe2\x80\xa8",
        b"[bold]",
        b"text ",
        b" : ",
    ]
)


def parse_or_reader_error(data: bytes, format_id: str | None = None) -> None:
    with contextlib.suppress(ReaderError):
        decode(data)
    try:
        parse_bytes(data, format_id=format_id)
    except ReaderError as error:
        assert "\n" not in str(error)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_raise_nothing_but_reader_error(data):
    parse_or_reader_error(data)
    parse_or_reader_error(data, "panel")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRAGMENTS, max_size=40).map(b"".join))
def test_transcript_like_bytes_raise_nothing_but_reader_error(data):
    parse_or_reader_error(data)
    parse_or_reader_error(data, "panel")
