"""Participants' names as people type them: words of a text, and which participant a word names.

A participant can be called by the whole name or by any one word of it ("Moussa", "McConnell"),
in any case ("GEM"), with a title before it ("Dr McConnell") and with one letter wrong, missing
or doubled ("Ann" or "Anna" for Anne). Exact words are found in a dict; a misspelled word is found
through its one-letter deletions (the symmetric-deletion method), so a lookup costs a handful of
hash probes however many participants there are.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")
# Text after a name that is no part of it: "(DERAD)", "– Italy".
_NAME_SUFFIX = re.compile(r"\s*\(.*$|\s+[–—-]\s+.*$")
TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "prof", "professor", "sir", "dame"})
# Short words inside names that say nothing alone ("Al-Hassan", "van Dijk").
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "van", "von", "de", "der", "da", "di", "du"})
# Words that read as names in some chats but are everyday words in most: never matched fuzzily.
_NOT_FUZZY = frozenset(
    {"all", "and", "any", "the", "you", "your", "this", "that", "them", "then", "than"}
    | {"thank", "thanks"}
)
_MIN_FUZZY_QUERY = 3  # "Ann"
_MIN_FUZZY_NAME = 4  # a name word of three letters or less is matched exactly only
_MEMO_SIZE = 200_000


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a text: its lowercase form, as written, where it is, and what comes before it."""

    lower: str
    text: str
    start: int
    end: int
    before: str  # the characters between the previous word and this one


def words_of(text: str, limit: int | None = None, start: int = 0) -> list[Word]:
    """The words of `text` from offset `start` (the first `limit` of them, if given)."""
    found: list[Word] = []
    previous_end = start
    for match in itertools.islice(_WORD.finditer(text, start), limit):
        word = match.group()
        found.append(
            Word(word.lower(), word, match.start(), match.end(), text[previous_end : match.start()])
        )
        previous_end = match.end()
    return found


def name_words(name: str) -> tuple[str, ...]:
    """The lowercase words a participant's name is made of, without titles and suffixes."""
    core = _NAME_SUFFIX.sub("", name) or name
    found = [w.lower() for w in _WORD.findall(core)]
    while len(found) > 1 and found[0] in TITLES:
        found.pop(0)
    return tuple(found)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def within_one_edit(a: str, b: str) -> bool:
    """One letter inserted, deleted, replaced, or two neighbours swapped (at most)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        if len(differ) == 1:
            return True
        first, second = differ[0], differ[-1]
        return (
            len(differ) == 2
            and second == first + 1
            and a[first] == b[second]
            and a[second] == b[first]
        )
    shorter, longer = sorted((a, b), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


@dataclass(frozen=True, slots=True)
class NameMatch:
    """Participants a run of words names (more than one when a first name is shared)."""

    names: tuple[str, ...]
    start: int  # index of the name's first word (after a title)
    end: int  # index of the first word after the name
    whole: bool  # the whole name was written, not one word of it
    exact: bool  # no letter was wrong


class NameIndex:
    """Every participant's name words, indexed once for the whole transcript."""

    def __init__(self, names: Iterable[str]) -> None:
        self._whole: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # first word -> names
        self._single: dict[str, list[str]] = {}  # any telling word -> names
        self._fuzzy: dict[str, set[str]] = {}  # a word or one deletion of it -> name words
        self._could_name: dict[str, bool] = {}  # memo of could_name: opening words repeat
        for name in dict.fromkeys(names):
            parts = name_words(name)
            if not parts:
                continue
            self._whole.setdefault(parts[0], []).append((parts, name))
            telling = parts if len(parts) == 1 else [p for p in parts if _is_telling(p)]
            for part in dict.fromkeys(telling):
                self._single.setdefault(part, []).append(name)
        for part in self._single:
            if len(part) >= _MIN_FUZZY_NAME:
                for key in {part, *_deletions(part)}:
                    self._fuzzy.setdefault(key, set()).add(part)

    def could_name(self, word: str) -> bool:
        """Whether a word, as written, could be (the start of) someone's name: a quick test that
        lets most messages skip the full look at their opening."""
        known = self._could_name.get(word)
        if known is None:
            lower = word.lower()
            known = (
                lower in self._whole
                or lower in self._single
                or lower in TITLES
                or self._fuzzy_match(Word(lower, word, 0, len(word), ""), 0) is not None
            )
            if len(self._could_name) < _MEMO_SIZE:
                self._could_name[word] = known
        return known

    def match(self, words: list[Word], at: int) -> NameMatch | None:
        """The participant(s) named by the words starting at `at` (a title before is skipped)."""
        if at < len(words) - 1 and words[at].lower in TITLES:
            at += 1
        if at >= len(words) or not self.could_name(words[at].text):
            return None
        first = words[at].lower
        best: tuple[tuple[str, ...], str] | None = None
        for parts, name in self._whole.get(first, ()):
            longer = best is None or len(parts) > len(best[0])
            if len(parts) > 1 and longer and _spelled_out(words, at, parts):
                best = (parts, name)
        if best is not None:
            return NameMatch((best[1],), at, at + len(best[0]), whole=True, exact=True)
        names = self._single.get(first)
        if names:
            whole = any(name_words(n) == (first,) for n in names)
            return NameMatch(tuple(names), at, at + 1, whole=whole, exact=True)
        return self._fuzzy_match(words[at], at)

    def _fuzzy_match(self, word: Word, at: int) -> NameMatch | None:
        # Only a capitalised word: a misspelled name is still written as a name.
        if len(word.lower) < _MIN_FUZZY_QUERY or not word.text[0].isupper():
            return None
        if word.lower in _NOT_FUZZY or word.lower in TITLES:
            return None
        parts: set[str] = set()
        for key in {word.lower, *_deletions(word.lower)}:
            parts |= self._fuzzy.get(key, set())
        close = sorted(p for p in parts if within_one_edit(p, word.lower))
        names = tuple(dict.fromkeys(n for p in close for n in self._single[p]))
        return NameMatch(names, at, at + 1, whole=False, exact=False) if names else None


def _is_telling(part: str) -> bool:
    return len(part) >= 3 and part not in _PARTICLES and part not in TITLES


# Between two words of one name: nothing, a dot ("elizabeth.joslyn") or a hyphen ("Al-Hassan").
_INSIDE_NAME = frozenset({"", ".", "-", "_", "'", "’"})


def _spelled_out(words: list[Word], at: int, parts: tuple[str, ...]) -> bool:
    if at + len(parts) > len(words):
        return False
    for offset, part in enumerate(parts):
        word = words[at + offset]
        if word.lower != part:
            return False
        if offset and word.before.strip() not in _INSIDE_NAME:
            return False
    return True
