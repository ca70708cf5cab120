"""A webinar's chat log published as a web page: a preamble, Zoom chat lines, the moderator's
later inserts under the questions they answer, and the event description after the chat."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.formats.base import FIELD_SPACE as S
from reader.formats.base import Format, ParsedTranscript, join_paragraphs, split_lines
from reader.formats.zoom_grammar import Header, match_header
from reader.model import Insert, Message, ParseWarning

_DASH = r"[-\u2013\u2014]"
# `NAME – (later insert) TEXT`, `NAME (later insert) TEXT`, `NAME – (later insert) – TEXT`.
_INSERT = re.compile(
    rf"^{S}*(?P<author>[^()\n]{{0,80}}?){S}*(?:{_DASH}{S}*)?\(later{S}+insert\)"
    rf"{S}*(?:{_DASH}{S}*)?(?P<text>.*)$",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"^(skip to (main )?content|back to top|menu|search|share( this)?|print)$", re.IGNORECASE
)
_CHAT_HEADING = re.compile(r"^(zoom )?chat( log| transcript)?:?$", re.IGNORECASE)
_EPILOGUE_HEADING = re.compile(
    r"^about (this|the) (event|webinar|panel|session|discussion|talk|speakers)\b", re.IGNORECASE
)
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_MDY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+(\d{{4}})\b", re.I)
# The event's date is written near the top; a huge preamble must not slow the parse.
_DATE_SEARCH_CHARS = 4000
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@dataclass(slots=True)
class _Block:
    """A message being read: its header and the lines of its text and of each insert."""

    header: Header
    line: int
    lines: list[str]
    inserts: list[tuple[str, list[str]]] = field(default_factory=list)

    def add(self, line: str) -> None:
        (self.inserts[-1][1] if self.inserts else self.lines).append(line)

    def build(self, message_id: int) -> Message:
        return Message(
            id=message_id,
            time=self.header.time,
            author=self.header.author,
            text=join_paragraphs(self.lines),
            inserts=tuple(Insert(a, join_paragraphs(t)) for a, t in self.inserts),
            date=self.header.date,
            line=self.line,
        )


def find_date(text: str) -> str | None:
    """The first calendar date written out in the text, as YYYY-MM-DD."""
    candidates = []
    for found in _DATE_MDY.finditer(text):
        month, day, year = _MONTHS[found[1].lower()], int(found[2]), int(found[3])
        candidates.append((found.start(), year, month, day))
    for found in _DATE_DMY.finditer(text):
        day, month, year = int(found[1]), _MONTHS[found[2].lower()], int(found[3])
        candidates.append((found.start(), year, month, day))
    for found in _DATE_ISO.finditer(text):
        candidates.append((found.start(), int(found[1]), int(found[2]), int(found[3])))
    for _, year, month, day in sorted(candidates):
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _read_preamble(lines: list[str]) -> tuple[str | None, str]:
    """The title and the preamble text, without page boilerplate and the chat heading."""
    kept = [
        line.strip()
        for line in lines
        if line.strip()
        and not _BOILERPLATE.match(line.strip())
        and not _CHAT_HEADING.match(line.strip())
    ]
    title = next((line for line in kept if not find_date(line)), None)
    return title, "\n\n".join(kept)


def parse(text: str) -> ParsedTranscript:
    lines = split_lines(text)
    preamble: list[str] = []
    epilogue: list[str] = []
    blocks: list[_Block] = []
    warnings: list[ParseWarning] = []
    for number, line in enumerate(lines, start=1):
        if epilogue:
            if not _BOILERPLATE.match(line.strip()):
                epilogue.append(line)
            continue
        header = match_header(line)
        if header:
            blocks.append(_Block(header, number, [header.text]))
            continue
        if not blocks:
            preamble.append(line)
            continue
        if _EPILOGUE_HEADING.match(line.strip()):
            epilogue.append(line)
            continue
        insert = _INSERT.match(line)
        if insert:
            author = insert["author"].strip() or "later insert"
            blocks[-1].inserts.append((author, [insert["text"]]))
        elif _BOILERPLATE.match(line.strip()):
            warnings.append(ParseWarning(number, line, "page boilerplate inside the chat"))
        else:
            blocks[-1].add(line)
    title, preamble_text = _read_preamble(preamble)
    return ParsedTranscript(
        messages=[block.build(i) for i, block in enumerate(blocks, start=1)],
        title=title,
        date=find_date(preamble_text[:_DATE_SEARCH_CHARS]),
        preamble=preamble_text,
        epilogue=join_paragraphs(epilogue),
        warnings=warnings,
    )


def detect(head: str) -> float:
    lines = split_lines(head)[:2000]
    headers = sum(1 for line in lines if match_header(line))
    if headers < 2:
        return 0.0
    if any(_INSERT.match(line) for line in lines):
        return 0.95
    first = next((line for line in lines if line.strip()), "")
    # A page around the chat (a title before the first message) is this format's mark.
    return 0.6 if not match_header(first) else 0.4


FORMAT = Format(
    id="panel",
    name="Published chat log (web page with later inserts)",
    example="11:16:16\u00a0 From Mike Counts : Are there decent sources?",
    detect=detect,
    parse=parse,
)
