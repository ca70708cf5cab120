"""IRC logs: every timestamp and nick style, actions, events kept apart from chat."""

from __future__ import annotations

import contextlib

from hypothesis import given
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.formats import detect, irc
from reader.loader import load
from reader.model import MessageKind
from tests.conftest import PANEL_SAMPLE, SAMPLES

SAMPLE = SAMPLES / "irc-libera-2023.log"


def said(text: str) -> list[tuple[str, str, str]]:
    return [(m.time, m.author, m.text) for m in irc.parse(text).messages]


def test_sample_counts():
    log = load(SAMPLE)
    assert log.format == "irc"
    chat = [m for m in log.messages if m.kind is MessageKind.MESSAGE]
    events = [m for m in log.messages if m.kind is MessageKind.EVENT]
    assert (len(chat), len(events)) == (31, 13)
    assert [(p.name, p.messages) for p in log.participants] == [
        ("mkoval", 5),
        ("søren", 6),
        ("aïcha", 2),
        ("darkwing", 8),
        ("jpw", 6),
        ("tomás", 2),
        ("wren_", 2),
    ]
    assert log.warnings == ()
    assert log.date == "2023-03-14"


def test_sample_specific_lines():
    messages = load(SAMPLE).messages
    action = next(m for m in messages if m.text.startswith("/me feels"))
    assert (action.author, action.time, action.line) == ("mkoval", "09:07:00", 12)
    nick_change = next(m for m in messages if "is now known as jpw_away" in m.text)
    assert (nick_change.kind, nick_change.author) == (MessageKind.EVENT, "jpw")
    second_day = next(m for m in messages if m.text.startswith("the pyinstaller build"))
    assert (second_day.date, second_day.time, second_day.author) == (
        "2023-03-15",
        "08:48:00",
        "jpw",
    )


def test_timestamp_styles():
    assert said("09:05 <ann> one\n[09:06] <bob> two\n[09:07:33] <cy> three") == [
        ("09:05:00", "ann", "one"),
        ("09:06:00", "bob", "two"),
        ("09:07:33", "cy", "three"),
    ]


def test_mode_prefixes_are_not_part_of_the_nick():
    assert [a for _, a, _ in said("09:05 <@op> a\n09:05 <+voice> b\n09:05 < plain> c")] == [
        "op",
        "voice",
        "plain",
    ]


def test_dated_timestamps_fill_the_date():
    parsed = irc.parse("[2023-03-14 09:05:01] <ann> hi\n2023-03-15T10:00:00 <bob> later")
    assert [(m.date, m.time) for m in parsed.messages] == [
        ("2023-03-14", "09:05:01"),
        ("2023-03-15", "10:00:00"),
    ]


def test_actions_are_messages():
    assert said("[09:05] * ann waves at everyone") == [("09:05:00", "ann", "/me waves at everyone")]


def test_joins_parts_quits_and_nick_changes_are_events():
    text = "\n".join(
        [
            "[09:00:01] *** Joins: ann (~ann@host)",
            "[09:00:02] *** Parts: bob (~bob@host) ()",
            "[09:00:03] *** Quits: cy (~cy@host) (Ping timeout)",
            "[09:00:04] *** dee is now known as dee_",
            "[09:00:05] * eve has joined #chan",
            "09:00 -!- fay [~f@h] has quit [Quit: bye]",
            "[09:00:06] <ann> the only chat line",
        ]
    )
    parsed = irc.parse(text)
    events = [(m.author, m.kind) for m in parsed.messages if m.kind is MessageKind.EVENT]
    assert [a for a, _ in events] == ["ann", "bob", "cy", "dee", "eve", "fay"]
    chat = [m for m in parsed.messages if m.kind is MessageKind.MESSAGE]
    assert [(m.author, m.text) for m in chat] == [("ann", "the only chat line")]


def test_notices_are_messages_from_the_sender():
    assert said("09:05 -NickServ(NickServ@services.)- This nickname is registered.") == [
        ("09:05:00", "NickServ", "This nickname is registered.")
    ]


def test_unplaced_lines_are_reported():
    parsed = irc.parse("09:05 <ann> hi\nthis is not irc\n\n09:06 <bob> yo")
    assert [(w.line, w.text) for w in parsed.warnings] == [(2, "this is not irc")]
    assert len(parsed.messages) == 2


def test_detection():
    assert detect(SAMPLE.read_text(encoding="utf-8")).id == "irc"
    assert irc.detect(PANEL_SAMPLE.read_text(encoding="utf-8")) == 0.0
    assert irc.detect("Dear Ann,\nthe meeting is at 09:05 tomorrow.\nBest, Bob\n") == 0.0


@given(st.text())
def test_arbitrary_text_never_raises(text: str):
    with contextlib.suppress(ReaderError):
        irc.parse(text)


NICK = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_[]|^`0123456789éø", min_size=1, max_size=16)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=80
).map(str.rstrip)


@given(st.lists(st.tuples(NICK, TEXT), min_size=1, max_size=10))
def test_generated_lines_come_back_unchanged(lines):
    log = "\n".join(f"[12:{i % 60:02d}:07] <{n}> {t}" for i, (n, t) in enumerate(lines))
    parsed = irc.parse(log)
    assert [(m.author, m.text) for m in parsed.messages] == lines
    assert parsed.warnings == []
