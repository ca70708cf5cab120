"""A Zoom chat copied out of the meeting window and pasted without "From":
`HH:MM:SS NAME: TEXT` (sometimes with a date first). A message's later lines follow on lines of
their own."""

from __future__ import annotations

import re

from reader.formats.base import FIELD_SPACE as S
from reader.formats.base import Format, ParsedTranscript, split_lines
from reader.formats.zoom_blocks import parse_with
from reader.formats.zoom_grammar import Header, header_from, match_header
from reader.formats.zoom_recording import match_line as match_recording_line

# A name is short and holds no colon; "10:30:00 Meeting notes: ..." is still read as a name,
# which is why detection asks for most lines to look like this.
_LINE = re.compile(
    rf"^{S}*(?:(?P<date>\d{{4}}-\d{{2}}-\d{{2}}){S}+)?(?P<time>\d{{1,2}}:\d{{2}}:\d{{2}}){S}+"
    rf"(?P<name>[^:\t\n]{{1,80}}?){S}*:(?:{S}+(?P<text>.*)|{S}*)$"
)
_NEAR_MISS = re.compile(rf"^{S}*(?:\d{{4}}-\d{{2}}-\d{{2}}{S}+)?\d{{1,2}}:\d{{2}}:\d{{2}}{S}")
_DETECT_LINES = 2000


def match_line(line: str) -> Header | None:
    return header_from(_LINE.match(line))


def parse(text: str) -> ParsedTranscript:
    return parse_with(text, match_line, _NEAR_MISS)


def detect(head: str) -> float:
    lines = [line for line in split_lines(head)[:_DETECT_LINES] if line.strip()]
    if not lines or not match_line(lines[0]):
        return 0.0
    if match_header(lines[0]) or match_recording_line(lines[0]):
        return 0.0  # Zoom's own saved chat or a recording's chat: tabs and "From" tell them apart
    headers = sum(1 for line in lines if match_line(line))
    # Chat lines, not prose that happens to start with a time: a fair share of lines are headers.
    return 0.8 if headers * 5 >= len(lines) else 0.2


FORMAT = Format(
    id="zoom-pasted",
    name='Zoom chat pasted without "From"',
    example="10:02:33 Ana Ruiz: Good morning, everyone!",
    detect=detect,
    parse=parse,
)
