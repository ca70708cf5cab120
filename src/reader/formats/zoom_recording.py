"""The chat of a Zoom cloud recording: `HH:MM:SS<tab>NAME:<tab>TEXT`, times counted from the
start of the recording. A message's later lines follow on lines of their own."""

from __future__ import annotations

import re

from reader.formats.base import FIELD_SPACE as S
from reader.formats.base import Format, ParsedTranscript, split_lines
from reader.formats.zoom_blocks import parse_with
from reader.formats.zoom_grammar import Header, header_from

_LINE = re.compile(
    rf"^{S}*(?P<time>\d{{1,2}}:\d{{2}}:\d{{2}})\t(?P<name>[^\t]+?):(?:\t(?P<text>.*))?$"
)
_NEAR_MISS = re.compile(rf"^{S}*\d{{1,2}}:\d{{2}}:\d{{2}}\t")
_DETECT_LINES = 2000


def match_line(line: str) -> Header | None:
    return header_from(_LINE.match(line))


def parse(text: str) -> ParsedTranscript:
    return parse_with(text, match_line, _NEAR_MISS)


def detect(head: str) -> float:
    lines = [line for line in split_lines(head)[:_DETECT_LINES] if line.strip()]
    return 0.85 if lines and match_line(lines[0]) else 0.0


FORMAT = Format(
    id="zoom-recording",
    name="Zoom cloud-recording chat",
    example="00:12:07\tAna Ruiz:\tCan everyone see my screen?",
    detect=detect,
    parse=parse,
)
