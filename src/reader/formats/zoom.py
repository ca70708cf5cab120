"""Zoom's saved in-meeting chat (`meeting_saved_chat.txt`), every shape it has been written in.

See zoom_grammar for the header lines. The text of a message follows its header on the same line
(2019-2021) or on the next lines, indented by a tab, by spaces, or not at all once pasted into a
web page (2022 on); replies and reactions are read by zoom_blocks.
"""

from __future__ import annotations

import re

from reader.formats.base import FIELD_SPACE as S
from reader.formats.base import Format, ParsedTranscript, split_lines
from reader.formats.zoom_blocks import parse_with
from reader.formats.zoom_grammar import match_header

# A line that starts like a header ("10:02:33 From") but is not one.
_NEAR_MISS = re.compile(
    rf"^{S}*(?:\d{{4}}-\d{{2}}-\d{{2}}{S}+)?\d{{1,2}}:\d{{2}}:\d{{2}}{S}+From\b", re.IGNORECASE
)
_DETECT_LINES = 2000


def parse(text: str) -> ParsedTranscript:
    return parse_with(text, match_header, _NEAR_MISS)


def detect(head: str) -> float:
    lines = [line for line in split_lines(head)[:_DETECT_LINES] if line.strip()]
    if not lines or not any(match_header(line) for line in lines):
        return 0.0
    # Zoom's own file starts with a message; a page around a chat is the panel format's.
    return 0.9 if match_header(lines[0]) else 0.5


FORMAT = Format(
    id="zoom",
    name="Zoom in-meeting chat (saved chat, every version)",
    example="10:02:33\t From Ana Ruiz to Everyone : Good morning, everyone!",
    detect=detect,
    parse=parse,
)
