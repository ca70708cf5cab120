"""The search core: what a query finds, in which text, in what order."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.errors import ReaderError
from reader.loader import parse_bytes
from reader.model import Insert, Message
from reader.search import (
    Hit,
    hits_in,
    line_around,
    next_hit,
    parse_query,
    search,
    search_all,
    snippet,
)

CHAT = """Panel page

10:00:01 From Ann Example : Trinidad and trinidad
10:00:02 From Bob Smith : this is it
Mod Person – (later insert) Trinidad answer from the moderator
10:00:03 From Mike Counts : software is soft
10:00:04 From mike c : Is this software?
second line with soft cheese
"""


@pytest.fixture(scope="module")
def chat():
    return parse_bytes(CHAT.encode("utf-8"), source="chat.txt", format_id="panel")


def found(messages, text, **options):
    """(message id, insert, matched text) for every hit."""
    hits = search_all(messages, parse_query(text, **options))
    return [
        (h.message_id, h.insert, h.text_of(messages[h.message_id - 1])[h.start : h.end])
        for h in hits
    ]


def test_smart_case_ignores_case_for_a_lowercase_pattern(chat):
    assert found(chat.messages, "trinidad") == [
        (1, None, "Trinidad"),
        (1, None, "trinidad"),
        (2, 0, "Trinidad"),
    ]


def test_smart_case_a_capital_makes_the_search_case_sensitive(chat):
    assert found(chat.messages, "Trinidad") == [(1, None, "Trinidad"), (2, 0, "Trinidad")]
    assert parse_query("Trinidad").case_sensitive
    assert not parse_query("trinidad").case_sensitive


def test_explicit_case_overrides_smart_case(chat):
    assert len(found(chat.messages, "Trinidad", case_sensitive=False)) == 3
    assert found(chat.messages, "trinidad", case_sensitive=True) == [(1, None, "trinidad")]


def test_smart_case_in_a_regex_ignores_escapes_like_backslash_capital_s(chat):
    query = parse_query(r"soft\S*", regex=True)
    assert not query.case_sensitive
    assert parse_query(r"\bSoft", regex=True).case_sensitive


def test_regex(chat):
    assert found(chat.messages, r"soft\w+", regex=True) == [
        (3, None, "software"),
        (4, None, "software"),
    ]
    # ^ and $ are per line, as in grep.
    assert found(chat.messages, r"^second \w+", regex=True) == [(4, None, "second line")]


def test_a_plain_pattern_is_not_a_regex(chat):
    assert found(chat.messages, "soft.*") == []
    assert found(chat.messages, "software?") == [(4, None, "software?")]


def test_whole_word(chat):
    assert [t for *_, t in found(chat.messages, "is")] == ["is", "is", "is", "Is", "is"]
    assert found(chat.messages, "is", whole_word=True) == [
        (2, None, "is"),
        (3, None, "is"),
        (4, None, "Is"),
    ]
    assert found(chat.messages, "soft", whole_word=True) == [(3, None, "soft"), (4, None, "soft")]


def test_whole_word_regex_with_alternation_and_leading_flags(chat):
    assert [t for *_, t in found(chat.messages, "soft|it", regex=True, whole_word=True)] == [
        "it",
        "soft",
        "soft",
    ]
    assert len(found(chat.messages, "(?i)SOFT", regex=True, whole_word=True)) == 2


def test_from_scopes_to_authors_by_case_insensitive_part_of_the_name(chat):
    assert found(chat.messages, "from:mike soft") == [
        (3, None, "soft"),
        (3, None, "soft"),
        (4, None, "soft"),
        (4, None, "soft"),
    ]
    assert [m for m, *_ in found(chat.messages, 'from:"Mike Counts" soft')] == [3, 3]
    query = parse_query('from:"Mike Counts" soft')
    assert (query.pattern, query.from_names) == ("soft", ("mike counts",))


def test_several_from_tokens_mean_any_of_them(chat):
    assert [m for m, *_ in found(chat.messages, "from:ann is from:bob")] == [2, 2]
    query = parse_query("from:ann is from:bob")
    assert (query.pattern, query.from_names) == ("is", ("ann", "bob"))


def test_from_alone_lists_that_authors_texts_and_counts_insert_authors(chat):
    assert found(chat.messages, "from:mod") == [(2, 0, "")]
    # The moderator's insert is found under Bob's message, Bob's own text is not.
    assert found(chat.messages, "from:mod trinidad") == [(2, 0, "Trinidad")]


def test_a_from_still_being_typed_scopes_nothing(chat):
    query = parse_query("trinidad from:")
    assert (query.pattern, query.from_names) == ("trinidad", ())
    assert parse_query("from:").is_empty
    assert parse_query("   ").is_empty
    assert list(search(chat.messages, parse_query(""))) == []


def test_authors_set_keeps_those_messages_with_their_inserts(chat):
    hits = search_all(chat.messages, parse_query("trinidad"), authors={"Bob Smith"})
    assert [(h.message_id, h.insert) for h in hits] == [(2, 0)]


def test_insert_hits_point_into_the_insert_text(panel):
    hits = search_all(panel.messages, parse_query("Quillam"))
    assert hits and all(h.insert == 0 for h in hits)
    message = panel.message(hits[0].message_id)
    assert (message.time, message.author) == ("11:16:16", "Mike Counts")
    assert hits[0].author_of(message) == "Anne Speckhard"
    assert message.inserts[0].text[hits[0].start : hits[0].end] == "Quillam"


def test_hits_on_the_sample(panel):
    hits = search_all(panel.messages, parse_query("trinidad"))
    assert [(h.message_id, h.insert) for h in hits] == [
        (76, None),
        (76, 0),  # "Trinidaians" later in the same insert is not a match
        (79, None),
        (80, None),
    ]


def test_invalid_regex_is_a_one_line_reader_error():
    with pytest.raises(ReaderError) as error:
        parse_query("(unclosed", regex=True)
    assert str(error.value) == "invalid regex: missing ), unterminated subpattern at position 0"
    with pytest.raises(ReaderError, match="invalid regex"):
        parse_query("a{2,1}", regex=True)
    # The same text is fine when it is not a regex.
    assert parse_query("(unclosed").pattern == "(unclosed"


def test_a_regex_that_only_matches_empty_finds_each_text_once():
    messages = [Message(1, None, "a", "xx yy"), Message(2, None, "b", "zz")]
    hits = search_all(messages, parse_query("y*", regex=True))
    assert [(h.message_id, h.start, h.end) for h in hits] == [(1, 3, 5), (2, 0, 0)]


def make_messages(count: int) -> list[Message]:
    return [
        Message(i, None, f"user{i % 3}", f"word {i}", (Insert("mod", f"word again {i}"),))
        for i in range(1, count + 1)
    ]


def test_batches_come_in_transcript_order_and_every_batch_is_yielded():
    messages = make_messages(10)
    batches = list(search(messages, parse_query("word"), batch=3))
    assert len(batches) == 4  # 3 + 3 + 3 + 1 messages
    assert [len(b) for b in batches] == [6, 6, 6, 2]
    flat = [h for b in batches for h in b]
    assert flat == search_all(messages, parse_query("word"))
    assert [(h.message_id, h.insert) for h in flat[:4]] == [(1, None), (1, 0), (2, None), (2, 0)]
    # A batch without hits still comes, so the caller can stop between batches.
    assert list(search(messages, parse_query("nothing"), batch=4)) == [[], [], []]


def test_search_can_start_part_way():
    messages = make_messages(10)
    hits = [h for b in search(messages, parse_query("again"), start=7) for h in b]
    assert [h.message_id for h in hits] == [8, 9, 10]


@pytest.mark.parametrize(
    ("message_id", "forward", "expected"),
    [
        (1, True, (1, False)),  # the cursor's own hits are not "next"
        (5, True, (5, False)),
        (7, True, (5, False)),
        (9, True, (0, True)),
        (12, True, (0, True)),
        (9, False, (4, False)),
        (7, False, (4, False)),
        (3, False, (0, False)),
        (2, False, (0, False)),
        (1, False, (5, True)),
    ],
)
def test_next_hit_from_the_cursor_wraps(message_id, forward, expected):
    hits = [Hit(m, None, 0, 1) for m in (1, 3, 3, 5, 5, 9)]
    assert next_hit(hits, message_id, forward) == expected


def test_next_hit_without_hits():
    assert next_hit([], 3) is None


def test_hits_in_one_message():
    hits = [Hit(1, None, 0, 1), Hit(3, None, 0, 1), Hit(3, 0, 2, 4), Hit(4, None, 0, 1)]
    assert list(hits_in(hits, 3)) == hits[1:3]
    assert list(hits_in(hits, 2)) == []


def test_snippet_is_one_line_within_the_width():
    text = "first line\n" + "a" * 40 + " needle " + "b" * 60
    start = text.index("needle")
    before, match, after = snippet(text, start, start + 6, 40)
    assert match == "needle"
    assert "\n" not in before + after
    assert cell_len(before + match + after) <= 40
    assert before.startswith("…") and after.endswith("…")


def test_snippet_of_a_short_text_is_whole_and_visible():
    text = "hi\x1b[31m there\nyou"
    start = text.index("there")
    assert snippet(text, start, start + 5, 80) == ("hi␛[31m ", "there", " you")


def test_snippet_counts_wide_characters_as_two_cells():
    text = "漢字" * 30 + "match" + "漢字" * 30
    start = text.index("match")
    before, match, after = snippet(text, start, start + 5, 21)
    assert match == "match" and cell_len(before + match + after) <= 21


def test_snippet_cuts_a_match_longer_than_the_width():
    assert snippet("x" * 100, 0, 100, 10) == ("", "x" * 9 + "…", "")


def test_line_around_a_match():
    text = "one\ntwo three\nfour"
    start = text.index("three")
    assert line_around(text, start, start + 5) == ("two three", 4, 9)
    assert line_around(text, 0, 3) == ("one", 0, 3)


def test_the_ignorecase_only_list_is_complete():
    """The ASCII pre-filter is sound only if this list holds every such character."""
    from reader.search import _IGNORECASE_ONLY

    ascii_char = re.compile(r"[\x20-\x7e]", re.IGNORECASE)
    surprising = {
        chr(code)
        for code in range(0x80, 0x110000)
        if not 0xD800 <= code < 0xE000
        and ascii_char.fullmatch(chr(code))
        and not chr(code).lower().isascii()
    }
    assert surprising == set(_IGNORECASE_ONLY)


def reference(
    messages: list[Message], pattern: re.Pattern[str]
) -> list[tuple[int, int | None, int, int]]:
    """Each text searched on its own, the slow obvious way."""
    out = []
    for message in messages:
        texts = [(None, message.text)] + [(i, x.text) for i, x in enumerate(message.inserts)]
        for insert, text in texts:
            out += [(message.id, insert, *m.span()) for m in pattern.finditer(text)]
    return out


ALPHABET = st.sampled_from([*"aAbB iIsSkK_.\n-", "\u0130", "\u0131", "\u017f", "\u212a"])


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(st.text(ALPHABET, max_size=30), min_size=1, max_size=12),
    needle=st.text(ALPHABET.filter(lambda c: c != "\n"), min_size=1, max_size=3),
    whole_word=st.booleans(),
    case_sensitive=st.booleans(),
    batch=st.integers(1, 5),
)
def test_batched_plain_search_equals_searching_each_text(
    texts, needle, whole_word, case_sensitive, batch
):
    if not needle.strip():
        return
    messages = [
        Message(i, None, "a", text, (Insert("b", texts[-i]),) if i % 2 else ())
        for i, text in enumerate(texts, start=1)
    ]
    query = parse_query(needle, whole_word=whole_word, case_sensitive=case_sensitive)
    got = [
        (h.message_id, h.insert, h.start, h.end)
        for b in search(messages, query, batch=batch)
        for h in b
    ]
    assert got == reference(messages, query.compiled)
