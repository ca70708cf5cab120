"""SubRip (.srt) captions: numbered cues without speakers, merged back into sentences.

A cue's line breaks only wrap the caption on screen, so they become spaces; a message ends where a
cue ends a sentence or where the speech pauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.formats.base import Format, ParsedTranscript, split_lines
from reader.model import Message, ParseWarning

_STAMP = r"(\d{1,3}):(\d{1,2}):(\d{1,2})[,.](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_STAMP}\s*-->\s*{_STAMP}(?:\s.*)?$")
_INDEX = re.compile(r"^\ufeff?\s*\d+\s*$")
# Markup players understand: <i>, <b>, <u>, <font ...> and ASS position codes such as {\an8}.
_TAG = re.compile(r"</?(?:i|b|u|font)(?:\s[^>]*)?>|\{\\[^}]*\}", re.IGNORECASE)
# A sentence ends at . ? ! or … , possibly followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.?!…][\"'”’»)\]]*$")
PAUSE_SECONDS = 2.0
SPEAKER = "Speaker"


@dataclass(slots=True)
class _Cue:
    start: float
    end: float
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines if line.strip())


def _seconds(hours: str, minutes: str, seconds: str, millis: str) -> float:
    return int(hours) * 3600 + int(minutes) * 60 + int(seconds) + int(millis.ljust(3, "0")) / 1000


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _read_cues(lines: list[str]) -> tuple[list[_Cue], list[ParseWarning]]:
    cues: list[_Cue] = []
    warnings: list[ParseWarning] = []
    in_cue = False
    for number, line in enumerate(lines, start=1):
        timing = _TIMING.match(line)
        if timing:
            start = _seconds(*timing.groups()[:4])
            end = _seconds(*timing.groups()[4:])
            numbered = number > 1 and _INDEX.match(lines[number - 2])
            cues.append(_Cue(start, end, number - 1 if numbered else number))
            in_cue = True
        elif not line.strip():
            in_cue = False
        elif _INDEX.match(line) and number < len(lines) and _TIMING.match(lines[number]):
            continue  # the cue number on the line before its timing
        elif in_cue or cues:
            # Text, or a stray blank line inside a cue's text: it belongs to the last cue.
            cues[-1].lines.append(_TAG.sub("", line))
            in_cue = True
        else:
            warnings.append(ParseWarning(number, line, "text before the first cue"))
    return cues, warnings


def parse(text: str) -> ParsedTranscript:
    cues, warnings = _read_cues(split_lines(text))
    messages: list[Message] = []
    sentence: list[_Cue] = []

    def finish() -> None:
        if sentence:
            messages.append(
                Message(
                    id=len(messages) + 1,
                    time=_clock(sentence[0].start),
                    author=SPEAKER,
                    text=" ".join(c.text for c in sentence if c.text),
                    line=sentence[0].line,
                )
            )
            sentence.clear()

    for index, cue in enumerate(cues):
        if not cue.text:
            continue
        sentence.append(cue)
        following = next((c for c in cues[index + 1 :] if c.text), None)
        pause = following is None or following.start - cue.end > PAUSE_SECONDS
        if pause or _SENTENCE_END.search(cue.text):
            finish()
    finish()
    return ParsedTranscript(messages=messages, warnings=warnings)


def detect(head: str) -> float:
    lines = [line for line in split_lines(head)[:400] if line.strip()]
    timings = [i for i, line in enumerate(lines) if _TIMING.match(line)]
    if (
        not timings
        or "-->" not in lines[timings[0]]
        or lines[0].lstrip("\ufeff").startswith("WEBVTT")
    ):
        return 0.0
    numbered = sum(1 for i in timings if i and _INDEX.match(lines[i - 1]))
    return 0.9 if numbered * 2 >= len(timings) else 0.5


FORMAT = Format(
    id="srt",
    name="SubRip captions (.srt), cues merged into sentences",
    example="00:00:01,600 --> 00:00:04,200  Welcome back to the course.",
    detect=detect,
    parse=parse,
)
