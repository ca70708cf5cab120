"""When the conversation happened: messages per minute (or hour, or day), and going to a time.

    activity = messages_per_minute(transcript)         # or activity_of_times(state.times)
    activity.counts, activity.bucket_seconds           # one count per bucket, first to last
    activity.bucket_of(index)                          # the bucket of message `index` (0-based)
    busiest(activity)                                  # [("11:45", 9), ...]
    index_at_or_after(times, parse_time_target("+10m", current_seconds))

Times are seconds of the day, -1 when unknown. A chat that runs past midnight shows times going
back: the messages after such a step are on the next day (a message's own date wins where the
format carries one). A short step back (under an hour) is a message posted out of order, not a
new day.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from operator import sub

from reader.errors import ReaderError
from reader.model import Message, Transcript
from reader.safe_text import visible

__all__ = [
    "Activity",
    "activity_of_times",
    "busiest",
    "index_at_or_after",
    "message_seconds",
    "messages_per_minute",
    "parse_time_target",
]

DAY = 86_400
HOUR = 3_600
MINUTE = 60
UNKNOWN = -1
# Times that go back by more than this start the next day; smaller steps are late messages.
NEW_DAY_STEP = HOUR
# Passes in C over a big file's million times go a block at a time: one call over all of them
# would hold the interpreter's lock for a quarter of a second, and the app's keys would wait.
BLOCK = 65_536
# Minute buckets up to two days, hour buckets up to two months, day buckets beyond.
MINUTES_UP_TO = 2 * DAY
HOURS_UP_TO = 60 * DAY


@dataclass(frozen=True, slots=True)
class Activity:
    """Messages counted per bucket of time, from the first message's bucket to the last one's.

    Positions in time are "timeline seconds": seconds since midnight of day 0, the day of the
    earliest message (so the second day's 00:05 is 86_700).
    """

    start: int  # timeline seconds where bucket 0 begins (a multiple of bucket_seconds)
    bucket_seconds: int  # 60, 3600 or 86400 (or a multiple, after `regroup`)
    counts: tuple[int, ...]  # messages per bucket; messages without a time are not counted
    first_day: date | None  # the calendar date of day 0, when the transcript says it
    message_times: Sequence[int]  # per message (0-based): its timeline seconds, -1 when unknown

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def spans_days(self) -> bool:
        """Whether the buckets cross midnight (labels then say the day)."""
        end = self.start + len(self.counts) * self.bucket_seconds - 1
        return bool(self.counts) and end // DAY > self.start // DAY

    def bucket_of(self, index: int) -> int | None:
        """The bucket of message `index` (0-based), or None when it has no time or came after
        the count (a big file's messages indexed since)."""
        if index >= len(self.message_times):
            return None
        seconds = self.message_times[index]
        if seconds < 0:
            return None
        return (seconds - self.start) // self.bucket_seconds

    def buckets_of(self, indices: Iterable[int]) -> set[int]:
        """The buckets holding any of these messages (search hits, bookmarks)."""
        found = {self.bucket_of(index) for index in indices}
        found.discard(None)
        return found  # type: ignore[return-value]

    def bucket_start(self, bucket: int) -> int:
        """Timeline seconds where `bucket` begins; `% 86400` gives the seconds of the day."""
        return self.start + bucket * self.bucket_seconds

    def first_message_in(self, bucket: int) -> int | None:
        """The first message (0-based, in file order) whose time falls in `bucket`, or the
        first one after it when the bucket is empty; None past the last message."""
        begin = self.bucket_start(bucket)
        best: int | None = None
        best_time = 0
        for index, seconds in enumerate(self.message_times):
            if seconds < begin:
                continue
            if seconds < begin + self.bucket_seconds:
                return index
            if best is None or seconds < best_time:
                best, best_time = index, seconds
        return best

    def label(self, bucket: int) -> str:
        """The bucket's start as a person reads it: "11:45", "2021-01-01 09:00", "day 2 00:05"."""
        seconds = self.bucket_start(bucket)
        day, clock = divmod(seconds, DAY)
        time_text = f"{clock // HOUR:02d}:{clock % HOUR // MINUTE:02d}"
        if not self.spans_days:
            return time_text if self.bucket_seconds < DAY else self._day_text(day)
        if self.bucket_seconds % DAY == 0:
            return self._day_text(day)
        return f"{self._day_text(day)} {time_text}"

    def _day_text(self, day: int) -> str:
        if self.first_day is None:
            return f"day {day + 1}"
        return (self.first_day + timedelta(days=day)).isoformat()

    def regroup(self, max_buckets: int) -> Activity:
        """The same activity in at most `max_buckets` buckets, each a round multiple of the
        bucket (5 or 15 minutes, 6 hours, a week...), aligned to the clock."""
        if max_buckets < 1:
            raise ValueError("max_buckets must be at least 1")
        needed = -(-len(self.counts) // max_buckets)
        factor = _round_factor(needed, self.bucket_seconds)
        while factor > 1 and _group_count(self, factor) > max_buckets:
            factor = _round_factor(factor + 1, self.bucket_seconds)
        if factor == 1:
            return self
        size = self.bucket_seconds * factor
        start = self.start // size * size
        counts = [0] * _group_count(self, factor)
        for bucket, count in enumerate(self.counts):
            counts[(self.bucket_start(bucket) - start) // size] += count
        return replace(self, start=start, bucket_seconds=size, counts=tuple(counts))


_ROUND_MINUTES = (1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720, 1440)
_ROUND_HOURS = (1, 2, 3, 4, 6, 12, 24, 48, 72, 168)
_ROUND_DAYS = (1, 2, 7, 14, 28, 91, 182, 364)


def _round_factor(needed: int, bucket_seconds: int) -> int:
    """The smallest round number of buckets at least `needed`."""
    steps = {MINUTE: _ROUND_MINUTES, HOUR: _ROUND_HOURS}.get(bucket_seconds, _ROUND_DAYS)
    return next((step for step in steps if step >= needed), needed)


def _group_count(activity: Activity, factor: int) -> int:
    size = activity.bucket_seconds * factor
    last = activity.start + (len(activity.counts) - 1) * activity.bucket_seconds
    return last // size - activity.start // size + 1


# Building an Activity ---------------------------------------------------------------------------


def _clock_seconds(time: str | None) -> int:
    """ "HH:MM:SS" (or "HH:MM") as seconds of the day; -1 when missing or unreadable."""
    if not time:
        return UNKNOWN
    parts = time.split(":")
    try:
        hours, minutes = int(parts[0]), int(parts[1])
        seconds = int(parts[2]) if len(parts) > 2 else 0
    except (ValueError, IndexError):
        return UNKNOWN
    return hours * HOUR + minutes * MINUTE + seconds


def message_seconds(messages: Iterable[Message]) -> array:
    """Each message's time as seconds of the day, -1 when it has none (what the index keeps in
    `state.times`): the input of `index_at_or_after` and `activity_of_times`."""
    return array("i", map(_clock_seconds, (message.time for message in messages)))


def _blocks(values: Sequence[int]) -> Iterable[Sequence[int]]:
    return (values[start : start + BLOCK] for start in range(0, len(values), BLOCK))


def _known(times: Sequence[int]) -> Sequence[int]:
    """The times that are known (>= 0), without a copy when all are (checked in C)."""
    if not times or min(map(min, _blocks(times))) >= 0:
        return times
    return [seconds for seconds in times if seconds >= 0]


def _largest_step_back(known: Sequence[int]) -> int:
    """How far the times ever go back (0 or less: they never do, so they are sorted)."""
    if len(known) < 2:
        return 0
    # Each block's differences with the block one further on.
    return max(
        max(map(sub, known[start : start + BLOCK], known[start + 1 : start + 1 + BLOCK]))
        for start in range(0, len(known) - 1, BLOCK)
    )


def _timeline(times: Sequence[int]) -> Sequence[int]:
    """Seconds of the day -> timeline seconds: each step back of over an hour is a new day."""
    result = array("q", times)
    day = 0
    previous = -1
    for index, seconds in enumerate(times):
        if seconds < 0:
            continue
        if seconds < previous - NEW_DAY_STEP:
            day += DAY
        previous = seconds
        if day:
            result[index] = seconds + day
    return result


def _dated_timeline(messages: Sequence[Message]) -> tuple[Sequence[int], date | None]:
    """Timeline seconds of messages that may carry their own date; day 0 is the earliest date."""
    ordinals = {_ordinal(message.date) for message in messages if message.date}
    ordinals.discard(None)
    if not ordinals:
        return _timeline(message_seconds(messages)), None
    first = min(ordinals)  # type: ignore[type-var]
    result = array("q", bytes(8 * len(messages)))
    day = 0
    previous = -1
    for index, message in enumerate(messages):
        seconds = _clock_seconds(message.time)
        if seconds < 0:
            result[index] = UNKNOWN
            continue
        ordinal = _ordinal(message.date) if message.date else None
        if ordinal is not None:
            day = (ordinal - first) * DAY
        elif seconds < previous - NEW_DAY_STEP:
            day += DAY
        previous = seconds
        result[index] = seconds + day
    return result, date.fromordinal(first)  # type: ignore[arg-type]


def _ordinal(text: str | None) -> int | None:
    try:
        return date.fromisoformat(text).toordinal() if text else None
    except ValueError:
        return None


def _bucket_size(span: int) -> int:
    if span <= MINUTES_UP_TO:
        return MINUTE
    if span <= HOURS_UP_TO:
        return HOUR
    return DAY


def _activity(
    timeline: Sequence[int], first_day: date | None, known: Sequence[int] | None = None
) -> Activity:
    """Count the timeline; `known` is its known times, when the caller already has them."""
    known = _known(timeline) if known is None else known
    if not known:
        return Activity(0, MINUTE, (), first_day, timeline)
    in_order = _largest_step_back(known) <= 0
    low, high = (known[0], known[-1]) if in_order else (min(known), max(known))
    size = _bucket_size(high - low)
    start = low // size * size
    buckets = range((high - start) // size + 1)
    if in_order:
        # Sorted times (the usual case): each bucket's count by bisection, not a pass in Python.
        edges = [bisect_left(known, start + bucket * size) for bucket in buckets]
        edges.append(len(known))
        counts = tuple(edges[bucket + 1] - edges[bucket] for bucket in buckets)
    else:
        first = start // size
        per_bucket: Counter[int] = Counter()  # whole buckets since day 0
        for block in _blocks(known):
            per_bucket.update(map(size.__rfloordiv__, block))
        counts = tuple(per_bucket.get(first + bucket, 0) for bucket in buckets)
    return Activity(start, size, counts, first_day, timeline)


def activity_of_times(times: Sequence[int], first_day: date | str | None = None) -> Activity:
    """The activity of messages given only their seconds of the day (-1 unknown), such as the
    index's `state.times[:state.published]`: the fast path for big files."""
    if isinstance(first_day, str):
        first_day = date.fromordinal(_ordinal(first_day)) if _ordinal(first_day) else None
    known = _known(times)
    if _largest_step_back(known) <= NEW_DAY_STEP:
        # One day (the usual case), found without a loop in Python: the times are the timeline.
        return _activity(times, first_day, known)
    return _activity(_timeline(times), first_day)


def messages_per_minute(transcript: Transcript, *, times: Sequence[int] | None = None) -> Activity:
    """Messages per bucket over the transcript: per minute for up to two days, per hour for up
    to two months, per day beyond. Messages' own dates place them on their day; the
    transcript's date names day 0 otherwise. With `times` (seconds of the day per message, -1
    unknown) the messages are not read at all."""
    if times is not None:
        return activity_of_times(times, transcript.date)
    timeline, first_day = _dated_timeline(transcript.messages)
    if first_day is None and transcript.date:
        ordinal = _ordinal(transcript.date)
        first_day = date.fromordinal(ordinal) if ordinal else None
    return _activity(timeline, first_day)


def busiest(activity: Activity, n: int = 5) -> list[tuple[str, int]]:
    """The `n` buckets with the most messages, busiest first (earlier first on a tie)."""
    ranked = sorted(
        (bucket for bucket, count in enumerate(activity.counts) if count),
        key=lambda bucket: -activity.counts[bucket],
    )
    return [(activity.label(bucket), activity.counts[bucket]) for bucket in ranked[:n]]


# Going to a time ---------------------------------------------------------------------------------

_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_RELATIVE = re.compile(r"([+-])(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", re.IGNORECASE)
_FORMS = "use 11:45, 11:45:30, +10m, -5m, +1h, +90s or -2h30m"


def parse_time_target(text: str, current_seconds: int | None) -> int:
    """The seconds of the day that `text` names: a clock time ("11:45", "11:45:30") or a step
    from `current_seconds` ("+10m", "-5m", "+1h", "+90s", "-2h30m"), wrapping past midnight.

    Raises ReaderError (one line) for anything else, or for a step with no current time.
    """
    cleaned = text.strip()
    clock = _CLOCK.fullmatch(cleaned)
    if clock:
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        if hours > 23 or minutes > 59 or seconds > 59:
            raise ReaderError(f"{visible(cleaned)}: no such time of day ({_FORMS})")
        return hours * HOUR + minutes * MINUTE + seconds
    step = _RELATIVE.fullmatch(cleaned)
    if not step or not any(step.groups()[1:]):
        raise ReaderError(f"cannot read {visible(cleaned)!r} as a time: {_FORMS}")
    if current_seconds is None or current_seconds < 0:
        raise ReaderError(f"{visible(cleaned)}: the current message has no time to count from")
    sign, hours, minutes, seconds = step.groups()
    delta = int(hours or 0) * HOUR + int(minutes or 0) * MINUTE + int(seconds or 0)
    return (current_seconds + (delta if sign == "+" else -delta)) % DAY


def index_at_or_after(times: Sequence[int], seconds: int) -> int | None:
    """The first message (0-based, in file order) at or after `seconds` into the day, or None.

    `times` are seconds of the day (-1 unknown). A chat that runs past midnight has its times
    go back: a time earlier than the first message's is looked for on the next day (00:10 in a
    chat from 23:00 to 00:30); a time before the chat starts that is not found on the next day
    either gives the first message.
    """
    first = next((index for index, value in enumerate(times) if value >= 0), None)
    if first is None:
        return None
    next_day = seconds < times[first]
    target = seconds + DAY if next_day else seconds
    day = 0
    previous = times[first]
    for index in range(first, len(times)):
        value = times[index]
        if value < 0:
            continue
        if value < previous - NEW_DAY_STEP:
            day += DAY
        previous = value
        if value + day >= target:
            return index
    return first if next_day else None
