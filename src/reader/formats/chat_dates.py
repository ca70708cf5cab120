"""Numeric dates and clock times as chat exports write them (WhatsApp, Discord text and CSV).

These tools write dates in the saving machine's locale, so `03/04/21` may be March or April: the
order is decided from the whole file, never from one line.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from reader.model import ParseWarning

# AM/PM as phones and locales write it: "PM", "pm", "p.m.", "p. m.".
AMPM = r"(?P<ampm>[AaPp]\.?[\s\u00a0\u202f]?[Mm]\.?)"


def clock(hour: int, minute: int, second: int = 0, ampm: str | None = None) -> str | None:
    """The time as "HH:MM:SS" on a 24-hour clock, or None when it is not a time of day."""
    if ampm:
        if not 1 <= hour <= 12:
            return None
        is_pm = ampm.strip().lower().startswith("p")
        hour = hour % 12 + (12 if is_pm else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return f"{hour:02d}:{minute:02d}:{second:02d}"


def full_year(year: int) -> int:
    return 2000 + year if year < 100 else year


def decide_day_first(
    pairs: Iterable[tuple[int, int]], *, month_first_hint: bool = False
) -> tuple[bool, ParseWarning | None]:
    """Whether `A/B/Y` dates are day/month, from the (A, B) pairs of the whole file.

    Any A above 12 means day first, any B above 12 means month first. When neither occurs the
    file's locale hint decides (a 12-hour clock with slashes is the US habit, month first), else
    day first, and a warning tells the user which order was assumed.
    """
    firsts_over_12 = seconds_over_12 = False
    for first, second in pairs:
        firsts_over_12 |= first > 12
        seconds_over_12 |= second > 12
    if firsts_over_12 != seconds_over_12:
        return firsts_over_12, None
    day_first = not month_first_hint
    order = "day/month" if day_first else "month/day"
    return day_first, ParseWarning(0, "", f"ambiguous day/month order: read as {order}")


def iso_date(first: int, second: int, year: int, *, day_first: bool) -> str | None:
    """The date as "YYYY-MM-DD", or None when the numbers are no calendar date."""
    day, month = (first, second) if day_first else (second, first)
    try:
        return date(full_year(year), month, day).isoformat()
    except ValueError:
        return None
