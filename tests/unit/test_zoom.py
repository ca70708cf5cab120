"""Zoom's chat formats: every header shape, private messages, replies and reactions, the cloud
recording's chat and a chat pasted without "From", on small inline cases and on the samples."""

from __future__ import annotations

import contextlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.formats import zoom, zoom_pasted, zoom_recording
from reader.formats.zoom_grammar import clean_field, match_header
from reader.formats.zoom_replies import LOST_EMOJI, match_reaction, match_reply
from reader.loader import load, parse_bytes
from reader.model import Reaction, ReplyReason
from tests.conftest import SAMPLES


def messages(text: str, parse=zoom.parse):
    return parse(text).messages


def fields(text: str, parse=zoom.parse):
    return [(m.time, m.author, m.to, m.text) for m in messages(text, parse)]


# -- header shapes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("18:02:11\t From Ana Ruiz : hi", ("18:02:11", "Ana Ruiz", None, "hi")),
        ("18:02:11\t From  Ana Ruiz : hi", ("18:02:11", "Ana Ruiz", None, "hi")),
        ("18:02:11\t From Ana Ruiz to Everyone : hi", ("18:02:11", "Ana Ruiz", None, "hi")),
        ("18:02:11\t From Ana to Bo Li(Direct Message) : hi", ("18:02:11", "Ana", "Bo Li", "hi")),
        ("18:02:11\t From  Ana  to  Bo Li(Privately) : hi", ("18:02:11", "Ana", "Bo Li", "hi")),
        ("18:02:11\t From 黑貓  To  鄭鴻旗(privately) : 對", ("18:02:11", "黑貓", "鄭鴻旗", "對")),
        ("18:02:11\t From Ana to Bo (Direct Message) : hi", ("18:02:11", "Ana", "Bo", "hi")),
        ("8:02:11\t From Ana : a : b", ("08:02:11", "Ana", None, "a : b")),
        ("18:02:11 From Ana to Everyone: on one line", ("18:02:11", "Ana", None, "on one line")),
        (
            "18:02:11\t From Back to Basics to Everyone : hi",
            ("18:02:11", "Back to Basics", None, "hi"),
        ),
        ("18:02:11\t From Trip to Rome : hi", ("18:02:11", "Trip to Rome", None, "hi")),
    ],
)
def test_one_line_headers(line, expected):
    assert fields(line) == [expected]


def test_a_date_before_the_time_fills_the_message_date():
    parsed = zoom.parse("2023-05-04 10:00:01 From Ana to Everyone:\n\thello\n")
    (message,) = parsed.messages
    assert (message.date, message.time, message.text) == ("2023-05-04", "10:00:01", "hello")
    assert parsed.date == "2023-05-04"


@pytest.mark.parametrize("indent", ["\t", "  ", ""], ids=["tab", "spaces", "none"])
def test_newer_form_text_on_the_next_lines(indent):
    text = (
        f"10:00:01 From Ana Ruiz to Everyone:\n{indent}First paragraph,\n{indent}still first.\n"
        f"{indent}\n{indent}Second paragraph.\n"
        f"10:00:09 From Bo Li To Ana Ruiz(direct message):\n{indent}just for you\n"
    )
    assert fields(text) == [
        ("10:00:01", "Ana Ruiz", None, "First paragraph,\nstill first.\n\nSecond paragraph."),
        ("10:00:09", "Bo Li", "Ana Ruiz", "just for you"),
    ]


def test_one_line_messages_continue_on_the_lines_below():
    text = "10:00:01\t From Ana : a list:\n1. one\n2. two\n10:00:02\t From Bo : ok\n"
    assert [m.text for m in messages(text)] == ["a list:\n1. one\n2. two", "ok"]


def test_private_messages_keep_their_recipient_in_the_json_export(tmp_path):
    from reader.cli import main

    path = tmp_path / "chat.txt"
    path.write_text("10:00:01\t From Ana to Bo(Direct Message) : psst\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["export", str(path), "-o", str(out)]) == 0
    assert '"to": "Bo"' in out.read_text(encoding="utf-8")


# -- replies --------------------------------------------------------------------------------------


def test_a_reply_links_to_the_message_its_quote_begins_and_loses_the_quote_line():
    text = (
        "10:00:01 From Ana to Everyone:\n\tHello world, this message is long\n"
        '10:00:05 From Bo to Everyone:\n\tReplying to "Hello world, this me..."\n\t\n\tHi Ana!\n'
    )
    transcript = parse_bytes(text.encode())
    reply = transcript.messages[1]
    assert (reply.text, reply.reply_to, reply.reply_reason) == ("Hi Ana!", 1, ReplyReason.FORMAT)
    assert reply.quote == "Hello world, this me"


def test_a_reply_with_its_text_on_the_quote_line():
    text = (
        "10:00:01 From Ana to Everyone:\n  Good morning folks\n"
        '10:00:05 From Bo to Everyone:\n  Replying to "Good morning folks" Hi Ana\n'
    )
    reply = messages(text)[1]
    assert (reply.text, reply.reply_to) == ("Hi Ana", 1)


def test_a_quote_that_starts_with_a_quote_character():
    text = (
        '10:00:01 From Ana to Everyone:\n\t"Breaking" changes need a guide\n'
        '10:00:05 From Bo to Everyone:\n\tReplying to ""Breaking" changes ne..."\n\t\n\tagreed\n'
    )
    assert messages(text)[1].reply_to == 1


def test_a_reply_finds_its_message_anywhere_in_the_file():
    filler = "".join(f"10:00:{i % 60:02d}\t From P{i} : message number {i}\n" for i in range(3000))
    text = (
        "09:00:00\t From Ana : The very first question of the day\n"
        + filler
        + '11:00:00\t From Bo : Replying to "The very first questio..." answered at last\n'
    )
    last = messages(text)[-1]
    assert (last.reply_to, last.text) == (1, "answered at last")


def test_a_reply_finds_its_message_among_many_that_start_alike():
    alike = "".join(f"10:00:00\t From P : Thank you for question {i:04d}\n" for i in range(2000))
    cut = '10:30:00\t From Bo : Replying to "Thank you for question 0007..." cut\n'
    whole = '10:30:01\t From Bo : Replying to "Thank you for question 1999" whole\n'
    assert [m.reply_to for m in messages(alike + cut + whole)[-2:]] == [8, 2000]


def test_a_whole_quote_prefers_the_message_it_equals_to_a_longer_one():
    text = (
        "10:00:01\t From Ana : Question 7\n"
        "10:00:02\t From Bo : Question 7 is about tags\n"
        '10:00:03\t From Cy : Replying to "Question 7" that one\n'
        '10:00:04\t From Cy : Replying to "Question 7..." or this\n'
    )
    assert [m.reply_to for m in messages(text)[2:]] == [1, 2]


def test_a_reply_to_a_reply_and_the_nearest_earlier_of_identical_messages():
    text = (
        "10:00:01\t From Ana : same words here\n"
        "10:00:02\t From Bo : same words here\n"
        '10:00:03\t From Cy : Replying to "same words here" which one?\n'
        '10:00:04\t From Ana : Replying to "which one?" yours, Bo\n'
    )
    assert [m.reply_to for m in messages(text)] == [None, None, 2, 3]


def test_a_reply_whose_quote_is_not_found_keeps_its_text_and_is_reported():
    text = '10:00:01\t From Ana : hi\n10:00:02\t From Bo : Replying to "nothing like this" sure\n'
    parsed = zoom.parse(text)
    assert parsed.messages[1].text == "sure"
    assert parsed.messages[1].reply_to is None
    assert [(w.line, w.reason) for w in parsed.warnings] == [
        (2, "reply to a message not in the file")
    ]


def test_unquoted_replying_to_is_ordinary_text():
    assert match_reply("Replying to your question, yes") is None
    assert messages("10:00:01\t From Ana : Replying to your question, yes\n")[0].text == (
        "Replying to your question, yes"
    )


# -- reactions ------------------------------------------------------------------------------------

TARGET = "10:00:01 From Ana to Everyone:\n\tGood morning folks\n"


def reacted(*lines: str):
    text = TARGET + "".join(
        f"10:00:0{i + 2} From Bo to Everyone:\n\t{line}\n" for i, line in enumerate(lines)
    )
    return zoom.parse(text)


@pytest.mark.parametrize(
    ("line", "emoji"),
    [
        ('Reacted to "Good morning folks" with 👍', "👍"),
        ('Reacted to Good morning folks with "🔥"', "🔥"),
        ('Reacted to "Good morning fo..." with 👍🏽', "👍🏽"),
        ('Reacted to "Good morning folks" with ?', LOST_EMOJI),
        ('Reacted to "Good morning folks" with', LOST_EMOJI),
        ('Reacted to "Good morning folks" with \ufffd', LOST_EMOJI),
    ],
)
def test_a_reaction_attaches_to_its_message_instead_of_being_one(line, emoji):
    parsed = reacted(line)
    assert len(parsed.messages) == 1
    assert parsed.messages[0].reactions == (Reaction(emoji, by="Bo"),)
    assert parsed.warnings == []


def test_reactions_count_and_a_removed_reaction_is_taken_back():
    parsed = reacted(
        'Reacted to "Good morning folks" with 👍',
        'Reacted to "Good morning folks" with 🍪',
        'Removed a 🍪 reaction from "Good morning folks"',
    )
    assert parsed.messages[0].reactions == (Reaction("👍", by="Bo"),)


def test_removing_a_reaction_never_given_is_reported():
    parsed = reacted('Removed a 🍪 reaction from "Good morning folks"')
    assert parsed.messages[0].reactions == ()
    assert [(w.line, w.reason) for w in parsed.warnings] == [
        (4, "removes a reaction that was never given")
    ]


def test_a_reaction_to_an_unknown_message_stays_a_message_and_is_reported():
    parsed = reacted('Reacted to "nothing like this" with 👍')
    assert [m.text for m in parsed.messages] == [
        "Good morning folks",
        'Reacted to "nothing like this" with 👍',
    ]
    assert [w.line for w in parsed.warnings] == [4]


def test_ordinary_text_about_reacting_is_a_message():
    assert match_reaction("Reacted to the news with joy") is None
    assert len(reacted("Reacted to the news with joy").messages) == 2


def test_a_reaction_quoting_a_reply_finds_the_reply_text():
    parsed = reacted(
        'Replying to "Good morning folks"\n\t\n\tMorning Ana!',
        'Reacted to "Morning Ana!" with ❤️',
    )
    assert parsed.messages[1].reactions == (Reaction("❤️", by="Bo"),)


# -- lines that cannot be placed ------------------------------------------------------------------


def test_unplaced_lines_are_reported_with_their_line_numbers_and_kept():
    text = (
        "Chat saved from the meeting\n"
        "10:00:01\t From Ana : hi\n"
        "10:00:03 From Bo hello\n"
        "10:00:02\t From Cy : bye\n"
    )
    parsed = zoom.parse(text)
    assert [(w.line, w.reason) for w in parsed.warnings] == [
        (1, "text before the first message"),
        (3, "a message header that cannot be read"),
    ]
    assert parsed.messages[0].text == "hi\n10:00:03 From Bo hello"


# -- cloud recording and pasted chats -------------------------------------------------------------


def test_cloud_recording_lines():
    text = (
        "00:00:41\tProf. Elena Petrova:\tHello everyone\n"
        "01:02:03\tChen Wei (TA):\tfirst line\nsecond line\n"
        "01:02:09\tAna:\t\n"
    )
    assert fields(text, zoom_recording.parse) == [
        ("00:00:41", "Prof. Elena Petrova", None, "Hello everyone"),
        ("01:02:03", "Chen Wei (TA)", None, "first line\nsecond line"),
        ("01:02:09", "Ana", None, ""),
    ]


def test_cloud_recording_replies_and_reactions():
    text = (
        "00:00:41\tAna:\tIs the lab graded?\n"
        '00:00:50\tBo:\tReplying to "Is the lab graded?" No, practice only\n'
        '00:00:55\tAna:\tReacted to "No, practice only" with 🙏\n'
    )
    parsed = zoom_recording.parse(text)
    assert [(m.reply_to, m.reactions) for m in parsed.messages] == [
        (None, ()),
        (1, (Reaction("🙏", by="Ana"),)),
    ]


def test_pasted_chat_lines():
    text = (
        "11:00:03 Marguerite d'Aubigné: Good morning!\n"
        "2024-03-01 11:00:20 J. P. Kowalczyk: two\nlines\n"
        "11:00:31 Ingrid Sørensen:\n"
    )
    parsed = zoom_pasted.parse(text)
    assert fields(text, zoom_pasted.parse) == [
        ("11:00:03", "Marguerite d'Aubigné", None, "Good morning!"),
        ("11:00:20", "J. P. Kowalczyk", None, "two\nlines"),
        ("11:00:31", "Ingrid Sørensen", None, ""),
    ]
    assert parsed.messages[1].date == "2024-03-01"


# -- the samples ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "counts"),
    [
        # (messages, participants, private, format replies, reactions)
        ("zoom-chat-2019.txt", "zoom", (30, 10, 4, 0, 0)),
        ("zoom-chat-2021-to-everyone.txt", "zoom", (27, 7, 3, 0, 0)),
        ("zoom-chat-2023-multiline.txt", "zoom", (27, 8, 4, 7, 11)),
        ("zoom-cloud-recording.txt", "zoom-recording", (24, 6, 0, 0, 0)),
        ("pasted-chat.txt", "zoom-pasted", (22, 5, 0, 0, 0)),
    ],
)
def test_sample_counts(name, fmt, counts):
    transcript = load(SAMPLES / name)
    assert transcript.format == fmt
    assert transcript.warnings == ()
    found = transcript.messages
    assert (
        len(found),
        len(transcript.participants),
        sum(1 for m in found if m.to),
        sum(1 for m in found if m.reply_reason is ReplyReason.FORMAT),
        sum(len(m.reactions) for m in found),
    ) == counts


def test_sample_2019_private_multiline_and_unicode_names():
    transcript = load(SAMPLES / "zoom-chat-2019.txt")
    by_time = {m.time: m for m in transcript.messages}
    assert (by_time["18:04:30"].author, by_time["18:04:30"].to) == (
        "Kwame A. Mensah",
        "Dr. Amara Okafor",
    )
    assert by_time["18:03:19"].author == "李小龙"
    assert by_time["18:02:52"].author == "Sofía Núñez (she/her)"
    assert by_time["18:21:14"].text.count("\n\n") == 2
    assert by_time["18:21:14"].text.endswith("kept her own records.")


def test_sample_2023_threads_and_reactions():
    transcript = load(SAMPLES / "zoom-chat-2023-multiline.txt")
    by_time = {m.time: m for m in transcript.messages}
    migrate = by_time["14:06:30"]
    assert transcript.message(migrate.reply_to).time == "14:05:51"
    assert migrate.text.startswith("Yes: `tool migrate-config --check`")
    assert migrate.text.endswith("It keeps a .bak of every file it touches.")
    assert [r.emoji for r in migrate.reactions] == ["🙏", "👍"]
    translation = by_time["14:15:33"]
    assert [(r.emoji, r.by) for r in translation.reactions] == [
        ("🎉", "Nomvula Dlamini"),
        ("🎉", "Ji-woo Park"),
        ("🇧🇷", "Mateus Oliveira"),
    ]
    assert not any(m.text.startswith(("Reacted to", "Removed a")) for m in transcript.messages)


# -- properties -----------------------------------------------------------------------------------

_CHARS = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\t")
_TO = re.compile(r"\s[Tt][Oo]\s")


def _clean(text: str) -> bool:
    return bool(text) and text == clean_field(text) and "\n" not in text


names = st.text(_CHARS, min_size=1, max_size=20).filter(
    lambda n: _clean(n) and ":" not in n and not _TO.search(n)
)
text_lines = st.text(_CHARS, min_size=1, max_size=40).filter(
    lambda t: (
        _clean(t)
        and not match_header(t)
        and not match_reply(t)
        and not match_reaction(t)
        and not zoom_pasted.match_line(t)
        and not re.match(r"^\d{1,2}:\d{2}:\d{2}", t)
    )
)
times = st.tuples(st.integers(0, 23), st.integers(0, 59), st.integers(0, 59)).map(
    lambda t: "{:02d}:{:02d}:{:02d}".format(*t)
)
chats = st.lists(st.tuples(times, names, st.lists(text_lines, min_size=1, max_size=3)), max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_raises_nothing_but_reader_error(text):
    for parse in (zoom.parse, zoom_recording.parse, zoom_pasted.parse):
        parse(text)
    for fmt in ("zoom", "zoom-recording", "zoom-pasted"):
        with contextlib.suppress(ReaderError):
            parse_bytes(text.encode("utf-8", "surrogatepass"), format_id=fmt)


def _round_trip(chat, render, parse):
    text = "".join(render(time, name, lines) for time, name, lines in chat)
    parsed = parse(text)
    assert [(m.time, m.author, m.text) for m in parsed.messages] == [
        (time, name, "\n".join(lines)) for time, name, lines in chat
    ]
    assert parsed.warnings == []


@settings(max_examples=100, deadline=None)
@given(chats)
def test_zoom_messages_come_back_unchanged_in_every_shape(chat):
    def one_line(time, name, lines):
        return f"{time}\t From {name} : " + "\n".join(lines) + "\n"

    def newer(time, name, lines):
        return f"{time} From {name} to Everyone:\n" + "".join(f"\t{line}\n" for line in lines)

    _round_trip(chat, one_line, zoom.parse)
    _round_trip(chat, newer, zoom.parse)


@settings(max_examples=100, deadline=None)
@given(chats)
def test_recording_messages_come_back_unchanged(chat):
    def render(time, name, lines):
        return f"{time}\t{name}:\t" + "\n".join(lines) + "\n"

    _round_trip(chat, render, zoom_recording.parse)


@settings(max_examples=100, deadline=None)
@given(chats)
def test_pasted_messages_come_back_unchanged(chat):
    def render(time, name, lines):
        return f"{time} {name}: " + "\n".join(lines) + "\n"

    _round_trip(chat, render, zoom_pasted.parse)
