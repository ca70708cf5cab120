"""WebVTT meeting transcripts (Zoom, Teams, Meet): cues with `NAME: text` or `<v NAME>` speakers.

A small parser of our own rather than webvtt-py: that library raises on the first malformed cue
and keeps no line numbers, while a transcript reader must keep going and report the lines it could
not place. We only need cue timings, voices and the few escapes WebVTT defines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from reader.formats.base import Format, ParsedTranscript, split_lines
from reader.model import Message, ParseWarning

_STAMP = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_STAMP}[ \t]+-->[ \t]+{_STAMP}(?:[ \t].*)?$")
_HEADER = re.compile(r"^\ufeff?WEBVTT(?:[ \t](?P<title>.*))?$")
_SKIPPED_BLOCK = re.compile(r"^(NOTE|STYLE|REGION)(?:[ \t]|$)")
# A voice span opening a line: `<v Name>`, `<v.loud Name>`.
_VOICE = re.compile(r"^<v(?:\.[\w.-]+)?[ \t]+(?P<name>[^>]+)>")
# `Name: text`: a short name without sentence punctuation, so "So: the plan" stays text.
_NAME_PREFIX = re.compile(r"^(?P<name>[^\s:?!;<>][^:?!;<>\n]{0,59}?):[ \t]+(?P<text>.*)$")
# The markup WebVTT allows in a payload; anything else (a bare "<" in speech) is kept.
_TAG = re.compile(
    r"</?(?:c|i|b|u|v|lang|ruby|rt)(?:\.[\w.-]+)*(?:[ \t][^>]*)?>|<\d{1,3}:\d{2}(?::\d{2})?\.\d{3}>"
)
_ESCAPES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": "\u00a0", "&lrm;": "", "&rlm;": ""}
_ESCAPE = re.compile("|".join(_ESCAPES))
UNKNOWN_SPEAKER = "Speaker"


@dataclass(slots=True)
class _Segment:
    """One speaker's text inside one cue."""

    author: str
    start: str
    line: int
    lines: list[str] = field(default_factory=list)


def _timestamp(hours: str | None, minutes: str, seconds: str) -> str:
    return f"{int(hours or 0):02d}:{int(minutes):02d}:{int(seconds):02d}"


def _clean(text: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES[m[0]], _TAG.sub("", text)).rstrip()


def _speaker_prefix(line: str) -> tuple[str, str] | None:
    found = _NAME_PREFIX.match(line)
    if not found or len(found["name"].split()) > 5 or "://" in found["name"]:
        return None
    return found["name"].strip(), found["text"]


def _cue_segments(
    payload: list[str], start: str, line: int, *, name_prefixes: bool
) -> list[_Segment]:
    """Split a cue's lines by speaker: a voice span or `Name:` opens a new speaker."""
    segments: list[_Segment] = []
    for offset, raw in enumerate(payload):
        voice = _VOICE.match(raw)
        named = None
        if not voice and offset == 0 and name_prefixes:
            named = _speaker_prefix(_clean(raw))
        if voice:
            author, text = voice["name"].strip(), raw[voice.end() :]
        elif named:
            author, text = named
        else:
            if not segments:
                segments.append(_Segment(UNKNOWN_SPEAKER, start, line))
            segments[-1].lines.append(_clean(raw))
            continue
        segments.append(_Segment(author, start, line, [_clean(text)]))
    return [s for s in segments if any(t.strip() for t in s.lines)]


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines with the 1-based number of their first line."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not current:
                blocks.append((number, current))
            current.append(line)
        elif current:
            current = []
    return blocks


def parse(text: str, *, merge: bool = True) -> ParsedTranscript:
    """Read a WebVTT file; `merge` joins consecutive cues of one speaker into one message."""
    title = None
    warnings: list[ParseWarning] = []
    segments: list[_Segment] = []
    blocks = _blocks(split_lines(text))
    if blocks and (header := _HEADER.match(blocks[0][1][0])):
        title = (header["title"] or "").strip(" -\t") or None
        blocks = blocks[1:]  # the header block also holds metadata such as "Kind: captions"
    cues: list[tuple[int, int, list[str]]] = []
    for first, block in blocks:
        if _SKIPPED_BLOCK.match(block[0]):
            continue
        at = next((i for i, line in enumerate(block[:2]) if _TIMING.match(line)), None)
        if at is not None:
            cues.append((first, at, block))
            continue
        warnings.extend(
            ParseWarning(first + i, line, "not a cue, NOTE, STYLE or REGION block")
            for i, line in enumerate(block)
        )
    # Files that name speakers as `Name: text` do it on nearly every cue; in plain captions a
    # colon is just punctuation ("here is why: it broke").
    prefixed = sum(
        1 for _, at, block in cues if len(block) > at + 1 and _speaker_prefix(_clean(block[at + 1]))
    )
    name_prefixes = prefixed * 2 >= len(cues)
    for first, at, block in cues:
        timing = _TIMING.match(block[at])
        assert timing is not None
        start = _timestamp(timing[1], timing[2], timing[3])
        segments.extend(_cue_segments(block[at + 1 :], start, first, name_prefixes=name_prefixes))
    messages: list[Message] = []
    for segment in segments:
        text_ = "\n".join(segment.lines).strip()
        previous = messages[-1] if messages else None
        if merge and previous and previous.author == segment.author:
            messages[-1] = Message(
                id=previous.id,
                time=previous.time,
                author=previous.author,
                text=f"{previous.text} {text_}",
                line=previous.line,
            )
            continue
        messages.append(
            Message(
                id=len(messages) + 1,
                time=segment.start,
                author=segment.author,
                text=text_,
                line=segment.line,
            )
        )
    return ParsedTranscript(messages=messages, title=title, warnings=warnings)


def detect(head: str) -> float:
    lines = split_lines(head.lstrip("\ufeff \n"))
    if not lines or not _HEADER.match(lines[0]):
        return 0.0
    return 0.95 if any(_TIMING.match(line) for line in lines[:200]) else 0.5


def _never(_head: str) -> float:
    """`webvtt-cues` is the same format read differently: chosen only with --format."""
    return 0.0


FORMAT = Format(
    id="webvtt",
    name="WebVTT meeting transcript (cues of one speaker merged)",
    example="00:01:02.500 --> 00:01:05.000  Priya Raman: Good morning, everyone.",
    detect=detect,
    parse=parse,
)
CUES_FORMAT = Format(
    id="webvtt-cues",
    name="WebVTT meeting transcript, one message per cue",
    example="00:01:02.500 --> 00:01:05.000  <v Priya Raman>Good morning, everyone.</v>",
    detect=_never,
    parse=partial(parse, merge=False),
)
