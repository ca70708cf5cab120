"""WhatsApp exports: both phones, both clocks, the day/month order, multi-line messages."""

from __future__ import annotations

import contextlib

from hypothesis import given
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.formats import detect, whatsapp
from reader.loader import load
from reader.model import MessageKind
from tests.conftest import PANEL_SAMPLE, SAMPLES

ANDROID = SAMPLES / "whatsapp-android.txt"
IOS = SAMPLES / "whatsapp-ios.txt"
NNBSP = "\u202f"
LRM = "\u200e"


def chat(transcript):
    return [m for m in transcript.messages if m.kind is MessageKind.MESSAGE]


def test_android_sample():
    android = load(ANDROID)
    assert android.format == "whatsapp"
    assert (len(chat(android)), len(android.messages)) == (26, 31)
    assert [p.name for p in android.participants] == [
        "Inês Carvalho",
        "Rafael Souza",
        "Björn Andersson",
        "Mãe",
        "Tiago Mendes",
    ]
    assert android.warnings == ()
    assert android.date == "2020-12-28"
    reminder = next(m for m in android.messages if m.text.startswith("Yay!"))
    assert (reminder.date, reminder.time, reminder.author) == (
        "2020-12-30",
        "20:40:00",
        "Inês Carvalho",
    )
    assert reminder.text == (
        "Yay! Reminder for tomorrow:\n\nDinner at 8:30.\n"
        "Fireworks from the terrace at midnight.\nDon't forget the 12 grapes!"
    )
    midnight = next(m for m in android.messages if m.text.startswith("Gott nytt"))
    assert (midnight.date, midnight.time) == ("2021-01-01", "00:00:00")
    assert sum(m.text == "<Media omitted>" for m in android.messages) == 2


def test_ios_sample():
    ios = load(IOS)
    assert ios.format == "whatsapp"
    assert (len(chat(ios)), len(ios.messages)) == (19, 23)
    assert "Lisboa Run Club" not in [p.name for p in ios.participants]
    assert len(ios.participants) == 5
    assert ios.warnings == ()
    plan = next(m for m in ios.messages if m.text.startswith("Next Sunday"))
    assert (plan.date, plan.time, plan.author) == ("2022-09-13", "19:30:18", "Joana Ferreira")
    assert plan.text.endswith("2. Belém → Algés and back\n3. Finish at the pastelaria, obviously")
    photo = next(m for m in ios.messages if m.time == "09:05:56")
    assert (photo.author, photo.text) == ("Kwame Mensah", "image omitted")
    added = next(m for m in ios.messages if "added Mariana" in m.text)
    assert added.kind is MessageKind.EVENT


def test_twelve_hour_clock_with_narrow_no_break_space():
    text = (
        f"1/2/21, 12:05{NNBSP}AM - Ann: a\n"
        f"1/2/21, 12:05{NNBSP}PM - Ann: b\n"
        "1/2/21, 9:05 pm - Ann: c"
    )
    assert [m.time for m in whatsapp.parse(text).messages] == ["00:05:00", "12:05:00", "21:05:00"]


def test_a_first_field_over_12_means_day_first():
    parsed = whatsapp.parse("03/04/2021, 10:00 - Ann: a\n25/04/2021, 10:00 - Bob: b")
    assert [m.date for m in parsed.messages] == ["2021-04-03", "2021-04-25"]
    assert parsed.warnings == []


def test_a_second_field_over_12_means_month_first():
    parsed = whatsapp.parse("03/04/21, 10:00 - Ann: a\n04/25/21, 10:00 - Bob: b")
    assert [m.date for m in parsed.messages] == ["2021-03-04", "2021-04-25"]
    assert parsed.warnings == []


def test_ambiguous_order_is_day_first_and_says_so():
    parsed = whatsapp.parse("[03/04/2021, 10:00:00] Ann: a\n[05/04/2021, 10:00:00] Bob: b")
    assert [m.date for m in parsed.messages] == ["2021-04-03", "2021-04-05"]
    assert [(w.line, w.reason) for w in parsed.warnings] == [
        (0, "ambiguous day/month order: read as day/month")
    ]


def test_ambiguous_order_follows_the_us_clock_hint():
    parsed = whatsapp.parse("3/4/21, 9:00 AM - Ann: a\n3/5/21, 9:00 PM - Bob: b")
    assert [m.date for m in parsed.messages] == ["2021-03-04", "2021-03-05"]
    assert [w.reason for w in parsed.warnings] == ["ambiguous day/month order: read as month/day"]


def test_dotted_dates_and_24_hour_clock():
    parsed = whatsapp.parse("31.12.20, 23:59 - Jörg: Prost!\n01.01.21, 00:01 - Uta: Frohes Neues")
    assert [(m.date, m.time, m.author) for m in parsed.messages] == [
        ("2020-12-31", "23:59:00", "Jörg"),
        ("2021-01-01", "00:01:00", "Uta"),
    ]


def test_system_lines_are_events():
    text = "\n".join(
        [
            "12/31/20, 9:00 PM - Messages and calls are end-to-end encrypted. Tap to learn more.",
            '12/31/20, 9:01 PM - Ann changed the subject from "Plans" to "Plans: 2021"',
            "12/31/20, 9:02 PM - Bob left",
            f"[31/12/2020, 21:03:00] Family: {LRM}Ann added Cy",
            "12/31/20, 9:04 PM - Ann: I added the photos",
        ]
    )
    kinds = [(m.kind, m.author) for m in whatsapp.parse(text).messages]
    assert kinds == [
        (MessageKind.EVENT, ""),
        (MessageKind.EVENT, ""),
        (MessageKind.EVENT, ""),
        (MessageKind.EVENT, ""),
        (MessageKind.MESSAGE, "Ann"),
    ]


def test_text_before_the_first_message_is_reported():
    parsed = whatsapp.parse("garbage line\n12/31/20, 9:04 PM - Ann: hi")
    assert [(w.line, w.text) for w in parsed.warnings] == [(1, "garbage line")]


def test_detection():
    assert detect(ANDROID.read_text(encoding="utf-8")).id == "whatsapp"
    assert detect(IOS.read_text(encoding="utf-8")).id == "whatsapp"
    assert whatsapp.detect(PANEL_SAMPLE.read_text(encoding="utf-8")) == 0.0
    # `[12/31/2020 9:05 PM] name` (no comma) is DiscordChatExporter's header, not iOS WhatsApp.
    assert whatsapp.detect((SAMPLES / "discord-export.txt").read_text(encoding="utf-8")) == 0.0
    assert whatsapp.detect("On 12/31/20 we met.\nIt was fun - really: fun.\n") == 0.0


@given(st.text())
def test_arbitrary_text_never_raises(text: str):
    with contextlib.suppress(ReaderError):
        whatsapp.parse(text)


NAME = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzÁÉãçø ", min_size=1, max_size=20)
    .map(str.strip)
    .filter(bool)
)
LINE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="["),
    min_size=1,
    max_size=60,
).filter(
    lambda s: (
        s == s.strip() and s[0] not in "\u200e\u200f\u202a\u202c\u061c\ufeff" and not s[0].isdigit()
    )
)


@given(st.lists(st.tuples(NAME, st.lists(LINE, min_size=1, max_size=3)), min_size=1, max_size=8))
def test_generated_messages_come_back_unchanged(messages):
    text = "\n".join(
        f"[{i % 28 + 1:02d}/10/2023, 14:{i % 60:02d}:00] {name}: " + "\n".join(lines)
        for i, (name, lines) in enumerate(messages)
    )
    parsed = whatsapp.parse(text)
    assert [(m.author, m.text) for m in parsed.messages] == [
        (name, "\n".join(lines)) for name, lines in messages
    ]
