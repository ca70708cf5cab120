"""Zoom's reply and reaction lines, and finding the message they quote.

Zoom writes a reply as a message whose text starts with `Replying to "first words..."`, and a
reaction as a message of its own: `Reacted to "first words..." with 👍` (later removed with
`Removed a 👍 reaction from "first words..."`). Both name their target only by the start of its
text, so targets are found through an index of message-start prefixes: one dictionary look-up per
quote, whatever the size of the file.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from reader.formats.base import FIELD_SPACE as S

LOST_EMOJI = "\ufffd"  # an emoji that did not survive copying (shown as the replacement character)

_QUOTES = "\"“”„«»'‘’"
_REPLYING = re.compile(rf"^{S}*Replying{S}+to{S}+(?P<rest>.*)$")
# The last " with " ends the target: the quoted text may hold " with " itself.
_REACTED = re.compile(rf"^{S}*Reacted{S}+to{S}+(?P<target>.+){S}+with(?:{S}+(?P<emoji>.*))?$")
_REMOVED = re.compile(
    rf"^{S}*Removed{S}+an?{S}+(?P<emoji>.*?){S}*reaction{S}+from{S}+(?P<target>.+)$"
)
_CUT = re.compile(rf"(?:\.\.\.|…)[{_QUOTES}]")
_CLOSING = re.compile(rf"[{_QUOTES}]{S}")
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)$")
# What an emoji turns into when a file passes through a codepage that lacks it.
_LOST = re.compile(r"^[?\ufffd\u25a1\u25af\s]*$")

# Messages are indexed by this many leading characters: Zoom's quotes are shorter, and a longer
# quote that matches this much names its message.
_KEY = 64
# At most this many different message starts are compared with one quote, so a file where every
# message starts alike stays fast.
_MAX_STARTS = 64


@dataclass(frozen=True, slots=True)
class Quote:
    text: str  # the quoted start of the target, without quote marks and ellipsis
    whole: bool = True  # not cut short with "...": the quote is the target's whole text


@dataclass(frozen=True, slots=True)
class Reply:
    quote: Quote
    rest: str  # text after the quote on the same line ("" when the reply starts on a new line)


@dataclass(frozen=True, slots=True)
class ReactionLine:
    quote: Quote
    emoji: str
    removed: bool = False


def normal(text: str) -> str:
    """Text as Zoom quotes it: one space for every run of spaces and line breaks."""
    return " ".join(text.split())


def _quote(raw: str) -> Quote:
    text = raw.strip()
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1]
    text = text.strip()
    whole = not _ELLIPSIS.search(text)
    return Quote(normal(_ELLIPSIS.sub("", text)), whole)


def _emoji(raw: str | None) -> str:
    emoji = (raw or "").strip().strip(_QUOTES).strip()
    return LOST_EMOJI if _LOST.match(emoji) else emoji


def match_reply(line: str) -> Reply | None:
    """The quote of a `Replying to "..."` line, and any text after it on the same line."""
    found = _REPLYING.match(line)
    if not found:
        return None
    rest = found["rest"].rstrip()
    if not rest or rest[0] not in _QUOTES:
        return None  # "Replying to your question, ..." is ordinary text
    # The quote ends at `..."` when Zoom cut it, else at the last quote mark of the line
    # when the line ends with one, else at the first quote mark followed by a space.
    cut = _CUT.search(rest, 1)
    if cut:
        end = cut.end()
    elif rest[-1] in _QUOTES:
        end = len(rest)
    else:
        after = _CLOSING.search(rest, 1)
        end = after.start() + 1 if after else len(rest)
    return Reply(_quote(rest[:end]), rest[end:].strip())


def match_reaction(line: str) -> ReactionLine | None:
    """A `Reacted to "..." with 👍` or `Removed a 👍 reaction from "..."` line."""
    removed = _REMOVED.match(line)
    if removed and removed["target"].strip()[:1] in _QUOTES:
        return ReactionLine(_quote(removed["target"]), _emoji(removed["emoji"]), removed=True)
    found = _REACTED.match(line)
    if not found:
        return None
    target, emoji = found["target"].strip(), (found["emoji"] or "").strip()
    # Zoom quotes the target or the emoji: "Reacted to the news with joy" is ordinary text.
    if not (target[:1] in _QUOTES or emoji[:1] in _QUOTES):
        return None
    quote = _quote(target)
    return ReactionLine(quote, _emoji(emoji)) if quote.text else None


class PrefixIndex:
    """Message positions by the start of their text, to find the message a quote names.

    Starts are kept sorted, so the starts that begin with a quote are one contiguous run found
    by bisection; each start keeps its positions in order, so the nearest one is bisected too.
    """

    def __init__(self) -> None:
        self._positions: dict[str, list[int]] = {}
        self._starts: list[str] | None = None  # sorted keys of _positions, built on first find

    def add(self, position: int, text: str) -> None:
        """Positions must be added in increasing order."""
        start = normal(text)[:_KEY]
        if start:
            self._positions.setdefault(start, []).append(position)
            self._starts = None

    def find(self, quote: Quote, near: int) -> int | None:
        """The position of the message the quote names: the latest one before `near` whose
        text is the quote (when it was not cut short) or else starts with it; failing that, the
        first such one after `near`."""
        wanted = quote.text[:_KEY]
        if not wanted:
            return None
        if quote.whole and wanted in self._positions:
            return _nearest(self._positions[wanted], near)
        if self._starts is None:
            self._starts = sorted(self._positions)
        first = bisect_left(self._starts, wanted)
        found: list[int] = []
        for start in self._starts[first : first + _MAX_STARTS]:
            if not start.startswith(wanted):
                break
            position = _nearest(self._positions[start], near)
            if position is not None:
                found.append(position)
        earlier = [p for p in found if p < near]
        return max(earlier) if earlier else min(found, default=None)


def _nearest(positions: list[int], near: int) -> int | None:
    """The latest position before `near`, else the first after it (never `near` itself)."""
    split = bisect_left(positions, near)
    if split > 0:
        return positions[split - 1]
    later = split + 1 if split < len(positions) and positions[split] == near else split
    return positions[later] if later < len(positions) else None
