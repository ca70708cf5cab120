"""Decoding: byte order marks, the cp1252 fallback, line endings, and the spaces and marks that
separate fields (normalised there, kept inside text)."""

from __future__ import annotations

import codecs

import pytest

from reader.decode import decode
from reader.errors import ReaderError
from reader.formats import zoom, zoom_recording
from reader.loader import parse_bytes

CHAT = "10:00:01\t From Ana Ruiz : Olá, café?\n10:00:09\t From Bo Li : 好的 👍\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (CHAT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + CHAT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + CHAT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + CHAT.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + CHAT.encode("utf-32-le"), "utf-32"),
    ],
)
def test_unicode_encodings_give_the_same_text(data, encoding):
    decoded = decode(data)
    assert decoded.text == CHAT
    assert (decoded.encoding, decoded.fallback) == (encoding, False)


def test_a_bom_does_not_reach_the_first_message():
    transcript = parse_bytes(codecs.BOM_UTF8 + CHAT.encode("utf-8"))
    assert transcript.messages[0].time == "10:00:01"
    assert transcript.messages[0].author == "Ana Ruiz"


def test_bytes_that_are_not_utf8_fall_back_to_cp1252_and_the_report_says_so():
    data = "10:00:01\t From José : café “to go” – 5€\n".encode("cp1252")
    decoded = decode(data)
    assert decoded.text == "10:00:01\t From José : café “to go” – 5€\n"
    assert (decoded.encoding, decoded.fallback) == ("cp1252", True)
    transcript = parse_bytes(data)
    assert transcript.messages[0].author == "José"
    assert [w.reason for w in transcript.warnings] == ["not valid UTF-8: decoded as cp1252"]


def test_cp1252_lines_pasted_into_a_utf8_file_are_decoded_line_by_line():
    data = "10:00:01\t From Zoë : “utf-8”\n".encode() + "10:00:02\t From Zoë : “cp1252”\n".encode(
        "cp1252"
    )
    decoded = decode(data)
    assert decoded.text == "10:00:01\t From Zoë : “utf-8”\n10:00:02\t From Zoë : “cp1252”\n"
    assert decoded.fallback is True


def test_a_file_cut_off_inside_its_last_character_stays_utf8():
    data = "10:00:01\t From Zoë : “quoted” 👍".encode()[:-2]
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text == "10:00:01\t From Zoë : “quoted” \ufffd"


@pytest.mark.parametrize(
    "newline", ["\n", "\r\n", "\r", "\r\r\n"], ids=["LF", "CRLF", "CR", "CR-CR-LF"]
)
def test_line_endings(newline):
    text = (
        "10:00:01 From Ana to Everyone:\n\tfirst line\n\tsecond line\n"
        "10:00:05 From Bo to Everyone:\n\tok\n"
    )
    transcript = parse_bytes(text.replace("\n", newline).encode())
    assert [m.text for m in transcript.messages] == ["first line\nsecond line", "ok"]
    assert [m.line for m in transcript.messages] == [1, 4]


def test_mixed_line_endings_in_one_file():
    data = b"10:00:01\t From Ana : one\r\n10:00:02\t From Bo : two\r10:00:03\t From Cy : three\n"
    transcript = parse_bytes(data)
    assert [(m.line, m.author, m.text) for m in transcript.messages] == [
        (1, "Ana", "one"),
        (2, "Bo", "two"),
        (3, "Cy", "three"),
    ]


def test_a_line_separator_inside_a_message_is_a_line_break():
    parsed = zoom.parse("10:00:01\t From Ana : first\u2028second\n10:00:02\t From Bo : ok\n")
    assert [m.text for m in parsed.messages] == ["first\nsecond", "ok"]


def test_binary_data_is_refused_in_one_line():
    with pytest.raises(ReaderError, match="binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


# -- spaces and direction marks between fields ---------------------------------------------------

NBSP, NNBSP, LRM, RLM = "\u00a0", "\u202f", "\u200e", "\u200f"


@pytest.mark.parametrize("space", [NBSP, NNBSP, LRM + " ", " " + RLM, "\u2009"])
def test_field_separators_are_normalised(space):
    line = f"{LRM}10:00:01{space}From{space}Ana Ruiz{space}:{space}hello"
    (message,) = zoom.parse(line).messages
    assert (message.time, message.author, message.text) == ("10:00:01", "Ana Ruiz", "hello")


def test_no_break_spaces_and_marks_inside_text_and_names_are_kept():
    text = f"costs 10{NBSP}€, «{NNBSP}oui{NNBSP}», {RLM}שלום{LRM} ok"
    line = f"10:00:01{NBSP} From Ana{NBSP}Ruiz : {text}"
    (message,) = zoom.parse(line).messages
    assert message.author == f"Ana{NBSP}Ruiz"
    assert message.text == text


def test_recording_fields_around_tabs_are_normalised():
    line = f"{LRM}00:01:02\t{NBSP}Ana Ruiz{NNBSP}:\t{NBSP}a{NBSP}b"
    (message,) = zoom_recording.parse(line).messages
    assert (message.time, message.author, message.text) == ("00:01:02", "Ana Ruiz", f"a{NBSP}b")
