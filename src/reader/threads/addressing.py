"""Whom a message addresses: names at the places where people address someone.

Only names in those places count, so a name that is merely talked about, or an everyday word that
happens to be someone's name, makes no link:
- explicit markers: `@name`, `RE: name`, `Q for name` (ReplyReason.MARKER);
- a name opening the message, after a greeting or "yes" (`Sean Griffin, that is ...`,
  `Yes Rennie I ...`), thanks or praise to a name (`thank you Dan Sturg`,
  `Excellent point by NAME`, `Good question from NAME`) (ReplyReason.NAME).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.model import ReplyReason
from reader.threads.names import NameIndex, NameMatch, Word, words_of

# Words that may open a message before the name of the one addressed.
_OPENERS = frozenset(
    {"yes", "yep", "yeah", "no", "hi", "hello", "hey", "dear", "ok", "okay", "well", "and", "so"}
    | {"sorry", "agreed", "indeed", "absolutely", "exactly", "true"}
)
# Words that, right after a lone first or last name opening a message, show it is a vocative
# ("Rennie I ...", "Maha this is ..."), not the subject of a sentence ("Islam is ...").
_AFTER_VOCATIVE = frozenset(
    {"i", "you", "your", "we", "please", "thanks", "thank", "agree", "yes", "exactly", "indeed"}
    | {"absolutely", "great", "good", "excellent", "well", "this", "that", "re", "totally"}
)
_VOCATIVE_PUNCTUATION = frozenset(",:;!?–—-…")
_THANKS = frozenset({"thank", "thanks", "thx", "cheers", "kudos"})

# Where a name is addressed: right after a marker, or within a few words after thanks or praise
# ("Thanks to ICSVE especially Anna"). Found with str.find, several times faster than one regex
# holding every phrase; each hit is then checked where it stands.
_MARKERS = ("@", "re:", "re :", "q for", "question for", "questions for")
_THANKS_PHRASES = ("thank you", "thanks", "thx", "cheers", "kudos", "well said", "agree with")
_PRAISE_NOUNS = ("point", "question", "comment", "idea", "answer", "remark")
_ANY_PHRASE = ("@", "re:", "re :", "q for", "thank", "thx", "cheers", "kudos", "said", "agree")
_ANY_PHRASE += _PRAISE_NOUNS  # "question" also stands for "question(s) for"
_PRAISED = re.compile(r"(?:good|great|excellent|nice|fair|valid|interesting|brilliant|true)\s+$")
_PRAISE_LOOKBACK = 14
_SPACES = re.compile(r"\s")
_WINDOW_WORDS = 4
# After thanks, these words start what the thanks are for: no name follows them.
_THANKS_END = frozenset({"for", "and", "but", "that", "which", "because", "about", "on", "in"})
_CLAUSE_END = frozenset(",;:!?.…()–—")
_NAME_WORDS = 6  # no name is written in more words
_OPENING_WORDS = 12  # openers, a name and the word after it
_FIRST_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Address:
    """A participant the message addresses, and how that was seen."""

    candidates: tuple[str, ...]  # more than one when only a shared first name was written
    reason: ReplyReason


def addressed(text: str, author: str, index: NameIndex) -> list[Address]:
    """Participants the text addresses, in the order it names them; never its own author."""
    found: dict[tuple[str, ...], Address] = {}

    def add(match: NameMatch | None, reason: ReplyReason) -> None:
        if match is None or author in match.names:  # no name, or the writer naming themself
            return
        if match.names not in found or reason is ReplyReason.MARKER:  # a marker says more
            found[match.names] = Address(match.names, reason)

    add(_opening_name(text, index), ReplyReason.NAME)
    for offset, is_marker in _places(text):
        words = words_of(text, _NAME_WORDS + _WINDOW_WORDS, offset)
        if is_marker:
            add(index.match(words, 0), ReplyReason.MARKER)
            continue
        for at in range(min(_WINDOW_WORDS, len(words))):
            word = words[at]
            if word.lower in _THANKS_END or (at and set(word.before) & _CLAUSE_END):
                break
            add(index.match(words, at), ReplyReason.NAME)
    return list(found.values())  # in the order the text names them


def _places(text: str) -> list[tuple[int, bool]]:
    """(offset where a name would start, after a marker?) for each marker, thanks or praise."""
    lower = text.lower()
    if not any(phrase in lower for phrase in _ANY_PHRASE) and not lower.startswith("re "):
        return []  # most messages: a few substring tests and done
    if len(lower) != len(text):  # a few letters lowercase to two: keep offsets as in `text`
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    if "  " in lower or "\n" in lower or "\u00a0" in lower:
        lower = _SPACES.sub(" ", lower)  # one space for each: "thank  you" as "thank you"
    places: list[tuple[int, bool]] = []
    if lower.startswith("re "):
        places.append((3, True))
    for phrases, is_marker in ((_MARKERS, True), (_THANKS_PHRASES, False)):
        for phrase in phrases:
            found = lower.find(phrase)
            while found != -1:
                end = found + len(phrase)
                if phrase == "@" or _stands_alone(lower, found, end):
                    places.append((end, is_marker))
                found = lower.find(phrase, end)
    for noun in _PRAISE_NOUNS:
        found = lower.find(noun)
        while found != -1:
            end = found + len(noun) + lower.startswith("s", found + len(noun))
            praised = _PRAISED.search(lower, max(0, found - _PRAISE_LOOKBACK), found)
            if praised and _stands_alone(lower, found, end):
                places.append((end, False))
            found = lower.find(noun, end)
    return sorted(places)


def _stands_alone(lower: str, start: int, end: int) -> bool:
    """Whether lower[start:end] is whole words, not part of a longer word."""
    before = lower[start - 1] if start else " "
    after = lower[end] if end < len(lower) and lower[end - 1].isalnum() else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


def _opening_name(text: str, index: NameIndex) -> NameMatch | None:
    """The name a message opens with, when it addresses someone ("Sean Griffin, that is")."""
    first = _FIRST_WORD.search(text)
    if first is None:
        return None
    word = first.group()
    lower = word.lower()
    if lower in _THANKS or (lower not in _OPENERS and not index.could_name(word)):
        return None
    words = words_of(text, _OPENING_WORDS)
    at = 0
    while at < len(words) - 1 and words[at].lower in _OPENERS:
        at += 1
    if words[at].lower in _THANKS:  # thanks have places of their own
        return None
    match = index.match(words, at)
    return match if match is not None and _opens_as_vocative(words, match) else None


def _opens_as_vocative(words: list[Word], match: NameMatch) -> bool:
    """A name at the start addresses someone when the whole name is written, or when a comma,
    a dash or a word such as "I" or "you" follows it."""
    if match.exact and match.end - match.start > 1:
        return True
    if match.end >= len(words):
        return True
    follower = words[match.end]
    if set(follower.before.strip()) & _VOCATIVE_PUNCTUATION:
        return True
    return follower.lower in _AFTER_VOCATIVE
