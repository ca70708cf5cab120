"""Search a transcript: what the user typed -> a compiled query -> hits, in batches.

Message text and the text of every later insert are searched. Hits come in transcript order, in
batches of messages, so a worker can stream them and stop between batches.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from rich.cells import get_character_cell_size

from reader.errors import ReaderError
from reader.model import Message
from reader.safe_text import visible

# `from:NAME` or `from:"Some Name"` (an unclosed quote runs to the end), at a word start; the
# whitespace before it goes with it.
_FROM_TOKEN = re.compile(r'(?:^|\s+)from:(?:"(?P<quoted>[^"]*)"?|(?P<bare>\S*))')
# A regex escape such as \S or \W holds a capital that does not ask for case-sensitivity.
_REGEX_ESCAPE = re.compile(r"\\(?:N\{[^}]*\}|.)", re.DOTALL)
# Global inline flags must stay first when the pattern is wrapped for whole-word matching.
_LEADING_FLAGS = re.compile(r"^\(\?[aiLmsux]+\)")
ELLIPSIS = "…"
# The non-ASCII characters that IGNORECASE matches with an ASCII character although
# `str.lower` does not turn them into it (İ -> "i̇", ı, ſ); a test checks this list.
_IGNORECASE_ONLY = ("\u0130", "\u0131", "\u017f")


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed search: build it with `parse_query`."""

    text: str  # what the user typed
    pattern: str  # the text without its from: tokens
    regex: bool
    whole_word: bool
    case_sensitive: bool  # after smart case
    from_names: tuple[str, ...]  # casefolded parts of author names; any one may match
    compiled: re.Pattern[str] | None = field(compare=False, repr=False)  # None: no pattern
    # For a plain-text query: the same text without the whole-word condition, a cheap first
    # scan that rules out a whole batch (whole-word lookarounds make the scan ~30x slower).
    prefilter: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    # For a plain ASCII query that ignores case: the lowercased text, for a `str.lower` + `in`
    # test that runs about 3x faster than a case-ignoring regex scan.
    ascii_needle: str | None = field(default=None, compare=False, repr=False)

    @property
    def is_empty(self) -> bool:
        """Nothing to look for yet (the input is blank or only holds an empty from:)."""
        return not self.pattern and not self.from_names

    def matches_author(self, name: str) -> bool:
        """Whether the from: scope lets in text written by `name` (no scope lets in all)."""
        if not self.from_names:
            return True
        folded = name.casefold()
        return any(part in folded for part in self.from_names)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the pattern matches in `text`, ignoring the author scope.

        Empty matches (from a regex such as `x*` or `^`) are dropped, except that a text whose
        only matches are empty still gets one, so that it counts as found. A query with no
        pattern (only from:) matches every text once, at its start.
        """
        if self.compiled is None:
            return [(0, 0)]
        found: list[tuple[int, int]] = []
        first_empty: tuple[int, int] | None = None
        for match in self.compiled.finditer(text):
            start, end = match.span()
            if start != end:
                found.append((start, end))
            elif first_empty is None:
                first_empty = (start, end)
        if not found and first_empty is not None:
            found.append(first_empty)
        return found


def _has_capital(pattern: str, *, regex: bool) -> bool:
    if regex:
        pattern = _REGEX_ESCAPE.sub("", pattern)
    return any(char.isupper() for char in pattern)


def _compile(pattern: str, *, regex: bool, whole_word: bool, case_sensitive: bool) -> re.Pattern:
    flags = re.MULTILINE | (0 if case_sensitive else re.IGNORECASE)
    if regex:
        try:
            re.compile(pattern, flags)  # the error positions then refer to what the user typed
        except (re.error, OverflowError, RecursionError, ValueError) as error:
            raise ReaderError(f"invalid regex: {_regex_error(error)}") from None
        source = pattern
    else:
        source = re.escape(pattern)
    if whole_word:
        leading = _LEADING_FLAGS.match(source)
        prefix = leading.group() if leading else ""
        body = source[len(prefix) :]
        # Lookarounds rather than \b, so that a pattern starting or ending with a non-word
        # character still needs a non-word neighbour (or the text's edge) there.
        source = rf"{prefix}(?<!\w)(?:{body})(?!\w)"
    try:
        return re.compile(source, flags)
    except (re.error, OverflowError, RecursionError, ValueError) as error:
        raise ReaderError(f"invalid regex: {_regex_error(error)}") from None


def _regex_error(error: Exception) -> str:
    if isinstance(error, re.error):
        where = f" at position {error.pos}" if error.pos is not None else ""
        return f"{error.msg}{where}"
    return "the pattern is too large or too deeply nested"


def parse_query(
    text: str,
    *,
    regex: bool = False,
    whole_word: bool = False,
    case_sensitive: bool | None = None,
    from_names: Iterable[str] = (),
) -> Query:
    """Parse what the user typed. Raises ReaderError (one line) for an invalid regex.

    Smart case: the search ignores case unless the pattern holds a capital letter, or
    `case_sensitive` says otherwise. `from:NAME` tokens (`from:"Two Words"` for a name with
    spaces) scope the search to authors whose name contains NAME, ignoring case; several
    tokens mean any of them. `from_names` adds more such names (the CLI's --author).
    """
    names: list[str] = [name.strip().casefold() for name in from_names if name.strip()]
    for token in _FROM_TOKEN.finditer(text):
        name = (token["quoted"] if token["quoted"] is not None else token["bare"]).strip()
        if name:  # a bare `from:` is a token still being typed: no scope yet
            names.append(name.casefold())
    pattern, removed = _FROM_TOKEN.subn("", text)
    if removed:
        pattern = pattern.strip()
    if not pattern.strip():  # blanks alone are not worth a search (and would flood the panel)
        pattern = ""
    if case_sensitive is None:
        case_sensitive = _has_capital(pattern, regex=regex)
    if not pattern:
        return Query(text, pattern, regex, whole_word, case_sensitive, tuple(names), None)
    compiled = _compile(pattern, regex=regex, whole_word=whole_word, case_sensitive=case_sensitive)
    prefilter = None
    if not regex and "\n" not in pattern:
        prefilter = (
            _compile(pattern, regex=False, whole_word=False, case_sensitive=case_sensitive)
            if whole_word
            else compiled
        )
    plain_ascii = prefilter is not None and not case_sensitive and pattern.isascii()
    ascii_needle = pattern.lower() if plain_ascii else None
    return Query(
        text,
        pattern,
        regex,
        whole_word,
        case_sensitive,
        tuple(names),
        compiled,
        prefilter,
        ascii_needle,
    )


@dataclass(frozen=True, slots=True)
class Hit:
    """One match: in a message's text (insert None) or in one of its inserts (by index)."""

    message_id: int
    insert: int | None
    start: int  # offsets in that text (the raw text, before `safe_text.visible`)
    end: int

    def text_of(self, message: Message) -> str:
        """The text this hit is in."""
        return message.text if self.insert is None else message.inserts[self.insert].text

    def author_of(self, message: Message) -> str:
        """Who wrote the text this hit is in."""
        return message.author if self.insert is None else message.inserts[self.insert].author


def search(
    messages: Sequence[Message],
    query: Query,
    *,
    authors: set[str] | None = None,
    start: int = 0,
    batch: int = 1000,
) -> Iterator[list[Hit]]:
    """Search `messages[start:]`, yielding the hits of each `batch` messages in transcript order.

    A batch with no hits is still yielded (as []) so that a caller can stop between batches.
    `authors` (exact names, e.g. the participant filter) keeps only those people's messages,
    with every insert under them. The query's from: scope applies to whoever wrote each text:
    `from:anne` finds Anne's messages and Anne's inserts.
    """
    if query.is_empty:
        return
    batch = max(batch, 1)
    for chunk_start in range(max(start, 0), len(messages), batch):
        chunk = [messages[i] for i in range(chunk_start, min(chunk_start + batch, len(messages)))]
        yield _search_chunk(chunk, query, authors)


def search_all(
    messages: Sequence[Message], query: Query, *, authors: set[str] | None = None
) -> list[Hit]:
    """Every hit at once (for the command line and tests)."""
    return [hit for found in search(messages, query, authors=authors) for hit in found]


def _targets(
    chunk: list[Message], query: Query, authors: set[str] | None
) -> list[tuple[int, int | None, str]]:
    """(message id, insert index, text) of each text in the chunk the scope lets in."""
    targets: list[tuple[int, int | None, str]] = []
    scoped = bool(query.from_names)
    for message in chunk:
        if authors is not None and message.author not in authors:
            continue
        if not scoped or query.matches_author(message.author):
            targets.append((message.id, None, message.text))
        for index, insert in enumerate(message.inserts):
            if not scoped or query.matches_author(insert.author):
                targets.append((message.id, index, insert.text))
    return targets


def _search_chunk(chunk: list[Message], query: Query, authors: set[str] | None) -> list[Hit]:
    targets = _targets(chunk, query, authors)
    if query.compiled is None:
        return [Hit(message_id, insert, 0, 0) for message_id, insert, _ in targets]
    if query.prefilter is not None:
        return _search_joined(targets, query)
    hits: list[Hit] = []
    quick = query.compiled.search
    for message_id, insert, text in targets:
        if quick(text) is not None:  # one call in C for the many texts that do not match
            hits.extend(Hit(message_id, insert, s, e) for s, e in query.spans(text))
    return hits


def _surely_absent(joined: str, query: Query) -> bool:
    """A cheap test that rules out a batch of joined texts before the exact scan."""
    if query.ascii_needle is not None:
        # Under IGNORECASE an ASCII letter also matches these, which `str.lower` does not map
        # to ASCII; where one occurs, leave the answer to the regex.
        if any(char in joined for char in _IGNORECASE_ONLY):
            return False
        return query.ascii_needle not in joined.lower()
    if query.prefilter is not None and query.prefilter is not query.compiled:
        return query.prefilter.search(joined) is None
    return False


def _search_joined(targets: list[tuple[int, int | None, str]], query: Query) -> list[Hit]:
    """A plain-text query over the batch's texts joined by newlines: one scan in C.

    A literal without a newline cannot match across the joins, and a newline is a non-word
    character just like a text's edge, so whole-word matching is unchanged by the join.
    """
    assert query.compiled is not None
    joined = "\n".join(text for _, _, text in targets)
    if _surely_absent(joined, query):
        return []
    found = [m.span() for m in query.compiled.finditer(joined) if m.end() > m.start()]
    if not found:
        return []
    starts: list[int] = []
    offset = 0
    for _, _, text in targets:
        starts.append(offset)
        offset += len(text) + 1
    hits: list[Hit] = []
    for begin, end in found:
        index = bisect_right(starts, begin) - 1
        message_id, insert, _ = targets[index]
        base = starts[index]
        hits.append(Hit(message_id, insert, begin - base, end - base))
    return hits


def hits_in(hits: Sequence[Hit], message_id: int) -> Sequence[Hit]:
    """The hits in one message (its text's, then each insert's), from a list in transcript order."""
    low = bisect_left(hits, message_id, key=_message_id)
    high = bisect_right(hits, message_id, lo=low, key=_message_id)
    return hits[low:high]


def next_hit(hits: Sequence[Hit], message_id: int, forward: bool = True) -> tuple[int, bool] | None:
    """For n/N with the cursor on `message_id`: the index of the first hit in a later message
    (forward) or of the last hit in an earlier one, and whether the search wrapped around the
    end to find it. None when there are no hits.
    """
    if not hits:
        return None
    if forward:
        index = bisect_right(hits, message_id, key=_message_id)
        return (index, False) if index < len(hits) else (0, True)
    index = bisect_left(hits, message_id, key=_message_id) - 1
    return (index, False) if index >= 0 else (len(hits) - 1, True)


def _message_id(hit: Hit) -> int:
    return hit.message_id


def line_around(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The line(s) of `text` holding text[start:end], and the match's offsets in them."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end == -1:
        line_end = len(text)
    return text[line_start:line_end], start - line_start, end - line_start


def _cells(text: str) -> int:
    return sum(get_character_cell_size(char) for char in text)


def _keep_end(text: str, width: int) -> str:
    """The longest tail of `text` that fits in `width` cells."""
    used = 0
    for index in range(len(text) - 1, -1, -1):
        used += get_character_cell_size(text[index])
        if used > width:
            return text[index + 1 :]
    return text


def _keep_start(text: str, width: int) -> str:
    used = 0
    for index, char in enumerate(text):
        used += get_character_cell_size(char)
        if used > width:
            return text[:index]
    return text


def snippet(text: str, start: int, end: int, width: int) -> tuple[str, str, str]:
    """A one-line snippet of at most `width` cells around text[start:end]: (before, match, after).

    Newlines show as spaces, every part is passed through `safe_text.visible`, and a cut is
    marked with an ellipsis. The match keeps its place near the start so that the text after
    it, which the reader reads next, gets most of the room.
    """
    width = max(width, 1)

    def flat(part: str) -> str:
        return visible(part.replace("\n", " "))

    match = flat(text[start:end])
    if _cells(match) > width:
        return "", _keep_start(match, width - 1) + ELLIPSIS, ""
    room = width - _cells(match)
    before_full, after_full = flat(text[:start]), flat(text[end:])
    before_room = min(_cells(before_full), max(room // 3, room - _cells(after_full)))
    before = before_full
    if _cells(before) > before_room:
        before = ELLIPSIS + _keep_end(before_full, before_room - 1) if before_room > 0 else ""
    after_room = room - _cells(before)
    after = after_full
    if _cells(after) > after_room:
        after = _keep_start(after_full, after_room - 1) + ELLIPSIS if after_room > 0 else ""
    return before, match, after
