"""Activity over time, go-to-time targets, and the first message at or after a time."""

from __future__ import annotations

from array import array
from collections import Counter
from datetime import date

import pytest

from reader.activity import (
    activity_of_times,
    busiest,
    index_at_or_after,
    message_seconds,
    messages_per_minute,
    parse_time_target,
)
from reader.errors import ReaderError
from reader.loader import load
from reader.model import Message, Transcript
from tests.conftest import SAMPLES


def _chat(*stamps: str | tuple[str | None, str | None], day: str | None = "2020-06-10"):
    """A transcript of one message per stamp: "HH:MM:SS", None, or (date, time)."""
    messages = []
    for number, stamp in enumerate(stamps, 1):
        when, time = stamp if isinstance(stamp, tuple) else (None, stamp)
        messages.append(Message(id=number, time=time, author="Ana", text="hi", date=when))
    return Transcript("", "test", None, day, "", "", tuple(messages), ())


def _seconds(clock: str) -> int:
    hours, minutes, seconds = (int(part) for part in clock.split(":"))
    return hours * 3600 + minutes * 60 + seconds


def test_the_sample_is_counted_per_minute_from_first_to_last(panel):
    activity = messages_per_minute(panel)
    per_minute = Counter(message.time[:5] for message in panel.messages)
    assert activity.bucket_seconds == 60
    assert activity.total == 120
    assert activity.label(0) == panel.messages[0].time[:5] == "11:11"
    assert activity.label(len(activity.counts) - 1) == panel.messages[-1].time[:5] == "12:33"
    assert {activity.label(b): c for b, c in enumerate(activity.counts) if c} == per_minute
    assert sum(1 for count in activity.counts if count == 0) == len(activity.counts) - len(
        per_minute
    )


def test_each_message_maps_to_the_bucket_of_its_minute(panel):
    activity = messages_per_minute(panel)
    for index, message in enumerate(panel.messages):
        assert activity.label(activity.bucket_of(index)) == message.time[:5]


def test_the_busiest_minutes_of_the_sample(panel):
    top = busiest(messages_per_minute(panel), n=3)
    assert top[0] == ("12:33", 18)
    assert top[1] == ("12:11", 5)
    assert top[2][1] == 4
    assert [count for _, count in busiest(messages_per_minute(panel), n=200)] == sorted(
        Counter(message.time[:5] for message in panel.messages).values(), reverse=True
    )


def test_the_times_fast_path_gives_the_same_activity(panel):
    full = messages_per_minute(panel)
    fast = messages_per_minute(panel, times=message_seconds(panel.messages))
    assert (fast.start, fast.bucket_seconds, fast.counts) == (
        full.start,
        full.bucket_seconds,
        full.counts,
    )
    assert [fast.bucket_of(i) for i in range(120)] == [full.bucket_of(i) for i in range(120)]


def test_messages_without_a_time_are_left_out():
    activity = messages_per_minute(_chat("10:00:05", None, "10:02:00", None))
    assert activity.counts == (1, 0, 1)
    assert activity.bucket_of(1) is None
    assert activity.bucket_of(2) == 2
    assert messages_per_minute(_chat(None, None)).counts == ()
    assert busiest(messages_per_minute(_chat(None))) == []


def test_a_chat_past_midnight_goes_on_the_next_day():
    activity = messages_per_minute(_chat("23:58:10", "23:59:59", "00:01:30"))
    assert activity.counts == (1, 1, 0, 1)
    assert activity.spans_days
    assert activity.label(0) == "2020-06-10 23:58"
    assert activity.label(3) == "2020-06-11 00:01"
    assert activity.bucket_of(2) == 3
    undated = messages_per_minute(_chat("23:59:00", "00:00:00", day=None))
    assert [undated.label(0), undated.label(1)] == ["day 1 23:59", "day 2 00:00"]


def test_a_message_a_little_out_of_order_stays_on_its_day():
    activity = messages_per_minute(_chat("10:05:00", "10:03:00", "10:06:00"))
    assert not activity.spans_days
    assert activity.counts == (1, 0, 1, 1)
    assert activity.label(0) == "10:03"


def test_a_chat_over_days_is_counted_per_hour_by_its_dates():
    transcript = load(SAMPLES / "whatsapp-android.txt")
    activity = messages_per_minute(transcript)
    assert activity.bucket_seconds == 3600
    assert activity.total == len(transcript.messages)
    assert activity.first_day == date(2020, 12, 28)
    last = transcript.messages[-1]
    assert activity.label(activity.bucket_of(len(transcript.messages) - 1)) == (
        f"{last.date} {last.time[:2]}:00"
    )


def test_a_chat_over_months_is_counted_per_day():
    activity = messages_per_minute(
        _chat(("2021-01-01", "09:00:00"), ("2021-01-01", "18:00:00"), ("2021-04-03", "08:00:00"))
    )
    assert activity.bucket_seconds == 86400
    assert activity.counts[0] == 2 and activity.counts[-1] == 1
    assert len(activity.counts) == (date(2021, 4, 3) - date(2021, 1, 1)).days + 1
    assert activity.label(len(activity.counts) - 1) == "2021-04-03"


def test_the_first_day_is_the_earliest_date_even_out_of_order():
    activity = messages_per_minute(
        _chat(("2021-01-02", "09:00:00"), ("2021-01-01", "09:30:00"), day=None)
    )
    assert activity.first_day == date(2021, 1, 1)
    assert activity.label(activity.bucket_of(0)) == "2021-01-02 09:00"


def test_regrouping_keeps_every_message_in_round_clock_buckets(panel):
    activity = messages_per_minute(panel)
    grouped = activity.regroup(40)
    assert len(grouped.counts) <= 40
    assert grouped.total == activity.total
    assert grouped.bucket_seconds == 300
    assert grouped.label(0) == "11:10"
    for index, message in enumerate(panel.messages):
        minute = int(message.time[3:5])
        assert grouped.label(grouped.bucket_of(index)) == f"{message.time[:3]}{minute // 5 * 5:02d}"
    assert activity.regroup(1000) is activity


def test_first_message_in_a_bucket(panel):
    activity = messages_per_minute(panel)
    busiest_bucket = activity.counts.index(max(activity.counts))
    index = activity.first_message_in(busiest_bucket)
    assert panel.messages[index].time[:5] == "12:33"
    assert all(m.time[:5] != "12:33" for m in panel.messages[:index])
    empty = activity.counts.index(0)
    after = activity.first_message_in(empty)
    assert activity.bucket_of(after) > empty
    assert activity.first_message_in(len(activity.counts)) is None


def test_a_million_times_are_counted():
    times = array("i", (36_000 + i // 20 for i in range(1_000_000)))
    times[10] = -1
    activity = activity_of_times(times, "2020-06-10")
    assert activity.total == 999_999
    assert activity.bucket_seconds == 60
    assert activity.counts[0] == 60 * 20 - 1
    assert activity.first_day == date(2020, 6, 10)


@pytest.mark.parametrize(
    ("text", "current", "expected"),
    [
        ("11:45", None, "11:45:00"),
        (" 9:05 ", 0, "09:05:00"),
        ("11:45:30", None, "11:45:30"),
        ("+10m", _seconds("11:00:00"), "11:10:00"),
        ("-5m", _seconds("11:00:00"), "10:55:00"),
        ("+1h", _seconds("11:00:00"), "12:00:00"),
        ("+90s", _seconds("11:00:00"), "11:01:30"),
        ("-2h30m", _seconds("11:00:00"), "08:30:00"),
        ("+1H5M", _seconds("11:00:00"), "12:05:00"),
        ("+10m", _seconds("23:55:00"), "00:05:00"),
        ("-5m", _seconds("00:02:00"), "23:57:00"),
    ],
)
def test_go_to_time_targets(text, current, expected):
    assert parse_time_target(text, current) == _seconds(expected)


@pytest.mark.parametrize("text", ["", "11", "11:60", "24:00", "+", "+10", "10m", "+5x", "\x1b[2J"])
def test_go_to_time_rejects_other_text_in_one_line(text):
    with pytest.raises(ReaderError) as error:
        parse_time_target(text, 0)
    assert "\n" not in str(error.value) and "\x1b" not in str(error.value)


def test_a_step_needs_a_current_time():
    with pytest.raises(ReaderError, match="no time to count from"):
        parse_time_target("+10m", None)


def test_index_at_or_after_on_one_day():
    times = [_seconds(t) for t in ("10:00:00", "10:05:00", "10:05:00", "10:30:00")]
    assert index_at_or_after(times, _seconds("10:05:00")) == 1
    assert index_at_or_after(times, _seconds("10:06:00")) == 3
    assert index_at_or_after(times, _seconds("09:00:00")) == 0
    assert index_at_or_after(times, _seconds("11:00:00")) is None
    assert index_at_or_after([], 0) is None
    assert index_at_or_after([-1, -1], 0) is None


def test_index_at_or_after_follows_a_chat_past_midnight():
    clocks = (None, "23:00:00", "23:50:00", None, "00:10:00", "00:30:00")
    times = [_seconds(clock) if clock else -1 for clock in clocks]
    assert index_at_or_after(times, _seconds("23:10:00")) == 2
    assert index_at_or_after(times, _seconds("23:55:00")) == 4
    assert index_at_or_after(times, _seconds("00:05:00")) == 4
    assert index_at_or_after(times, _seconds("00:20:00")) == 5
    assert index_at_or_after(times, _seconds("00:40:00")) == 1  # before the start: the first
    assert index_at_or_after(times, _seconds("12:00:00")) == 1


def test_index_at_or_after_matches_the_sample(panel):
    times = message_seconds(panel.messages)
    for target in ("11:11:21", "11:45:00", "12:33:54"):
        found = index_at_or_after(times, _seconds(target))
        assert panel.messages[found].time >= target
        assert all(m.time < target for m in panel.messages[:found])
    assert index_at_or_after(times, _seconds("12:34:00")) is None
