"""What every format module provides, and helpers the text formats share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reader.model import Message, ParseWarning

# Spaces that separate fields in saved chats: NO-BREAK, NARROW NO-BREAK, the other Unicode spaces,
# and direction marks that editors leave around timestamps.
FIELD_SPACE = r"[\s\u00a0\u202f\u2000-\u200a\u205f\u3000\u200e\u200f\u061c]"


_TRAILING_SPACES = " \t\u00a0\u202f\u3000"


@dataclass(slots=True)
class ParsedTranscript:
    """A parser's result, before the loader adds source, fingerprint and reply links."""

    messages: list[Message]
    title: str | None = None
    date: str | None = None
    preamble: str = ""
    epilogue: str = ""
    warnings: list[ParseWarning] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Format:
    id: str
    name: str
    example: str  # one line as the tool writes it, for `reader formats`
    detect: Callable[[str], float]  # confidence 0..1 from the start of the decoded text
    parse: Callable[[str], ParsedTranscript]


def split_lines(text: str) -> list[str]:
    """Lines on "\n" only: str.splitlines would also split on U+2028, FS, GS, RS and VT."""
    return text.split("\n")


def join_paragraphs(lines: list[str]) -> str:
    """Join a block's lines: a run of blank lines is one paragraph break ("\n\n").

    Trailing spaces of each line and blank lines at either end are dropped; U+2028 (LINE
    SEPARATOR) inside a message is a line break.
    """
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        # Only spaces: str.rstrip() would also eat the FS/GS/RS/US and VT/FF controls, which
        # are part of the text (and are shown as symbols).
        line = line.rstrip(_TRAILING_SPACES)
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    text = "\n\n".join("\n".join(p) for p in paragraphs if p)
    return text.replace("\u2028", "\n").replace("\u2029", "\n\n")
