"""`reader stats`: the participants table, the activity bar chart and the busiest minutes."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from reader.activity import messages_per_minute
from reader.commands.stats import activity_lines
from reader.model import Message, Transcript
from tests.conftest import PANEL_SAMPLE

BAR = "█"


def stats(path: Path, columns: int) -> list[str]:
    env = {**os.environ, "COLUMNS": str(columns)}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "stats", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout.splitlines()


def section(lines: list[str], heading: str) -> list[str]:
    """The lines under `heading`, up to the next blank line."""
    start = lines.index(heading) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def test_the_busiest_minutes_of_the_sample(panel):
    lines = stats(PANEL_SAMPLE, 100)
    rows = [line.split() for line in section(lines, "busiest minutes")]
    per_minute = Counter(message.time[:5] for message in panel.messages)
    assert rows[0] == ["12:33", "18"]
    assert rows[1] == ["12:11", "5"]
    assert len(rows) == 5
    assert [int(count) for _, count in rows] == sorted(per_minute.values(), reverse=True)[:5]
    assert all(per_minute[minute] == int(count) for minute, count in rows)


@pytest.mark.parametrize("columns", [60, 100, 160])
def test_the_bar_chart_has_a_row_per_five_minutes_scaled_to_the_width(panel, columns):
    lines = stats(PANEL_SAMPLE, columns)
    rows = section(lines, "messages per 5 minutes")
    per_five = Counter(
        f"{message.time[:3]}{int(message.time[3:5]) // 5 * 5:02d}" for message in panel.messages
    )
    labels = [row.split()[0] for row in rows]
    counts = [int(row.split()[-1]) for row in rows]
    assert labels[0] == "11:10" and labels[-1] == "12:30"
    assert len(rows) == (12 * 60 + 30 - (11 * 60 + 10)) // 5 + 1 <= 40
    assert dict(zip(labels, counts, strict=True)) == {
        label: per_five.get(label, 0) for label in labels
    }
    assert sum(counts) == 120
    bars = [row.count(BAR) for row in rows]
    longest = max(bars)
    assert all(len(row) <= columns for row in rows)
    assert longest == columns - len("12:30") - len("18") - 2
    assert bars[counts.index(18)] == longest
    assert all((bar > 0) == (count > 0) for bar, count in zip(bars, counts, strict=True))
    # A bar is its share of the longest, rounded up.
    assert bars[counts.index(12)] == -(-12 * longest // 18)


def test_stats_keeps_the_participants_table():
    lines = stats(PANEL_SAMPLE, 100)
    assert any("Anne Speckhard" in line and "53" in line for line in lines)
    assert any("120 messages, 47 participants, 53 later inserts" in line for line in lines)
    assert lines.index("messages per 5 minutes") > lines.index(
        next(line for line in lines if "later inserts" in line)
    )


def test_a_chat_over_days_is_charted_by_date():
    lines = stats(Path(__file__).parents[2] / "samples" / "whatsapp-android.txt", 100)
    heading = next(line for line in lines if line.startswith("messages per "))
    assert heading == "messages per 3 hours"
    rows = section(lines, heading)
    assert rows[0].startswith("2020-12-28 18:00 ")
    assert sum(int(row.split()[-1]) for row in rows) == 31
    assert section(lines, "busiest hours")[0].split() == ["2020-12-28", "18:00", "7"]


def test_a_transcript_without_times_says_so():
    messages = (Message(id=1, time=None, author="Ana", text="hi"),)
    transcript = Transcript("", "test", None, None, "", "", messages, ())
    assert activity_lines(messages_per_minute(transcript), 80) == [
        "",
        "activity: no message has a time",
    ]
