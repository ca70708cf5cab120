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

# Quotes are matched on this many leading characters, then compared in full.
_KEY = 8
# At most this many messages sharing a key are compared with one quote, so a file where every
# message starts alike stays linear.
_MAX_COMPARED = 256


@dataclass(frozen=True, slots=True)
class Quote:
    text: str  # the quoted start of the target, without quote marks and ellipsis


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
    return Quote(normal(_ELLIPSIS.sub("", text.strip())))


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
    """Message positions by the start of their text, to find the message a quote names."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[int]] = {}
        self._texts: dict[int, str] = {}

    def add(self, position: int, text: str) -> None:
        """Positions must be added in increasing order."""
        text = normal(text)
        if not text:
            return
        self._texts[position] = text
        self._by_key.setdefault(text[:_KEY], []).append(position)

    def find(self, quote: Quote, near: int) -> int | None:
        """The position of the message the quote names: the latest one before `near` whose
        text starts with the quote (whole text when the quote was not cut), else the first
        one after it."""
        if not quote.text:
            return None
        candidates = self._by_key.get(quote.text[:_KEY], [])
        split = bisect_left(candidates, near)
        before = candidates[max(0, split - _MAX_COMPARED) : split][::-1]
        after = [p for p in candidates[split : split + _MAX_COMPARED + 1] if p != near]
        for position in (*before, *after[:_MAX_COMPARED]):
            if self._matches(self._texts[position], quote):
                return position
        return None

    @staticmethod
    def _matches(text: str, quote: Quote) -> bool:
        # Zoom cuts a long quote short, sometimes without saying so: a prefix always counts.
        return text.startswith(quote.text)
