"""The published chat-log format, on the sample and on small inline cases for each quirk."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.formats import panel
from reader.loader import parse_bytes

NBSP = "\u00a0"


def by_time(transcript, time):
    return [m for m in transcript.messages if m.time == time]


def test_sample_counts(panel):
    assert len(panel.messages) == 120
    assert len(panel.participants) == 47
    assert sum(len(m.inserts) for m in panel.messages) == 53
    assert {i.author for m in panel.messages for i in m.inserts} == {"Anne Speckhard"}
    anne = next(p for p in panel.participants if p.name == "Anne Speckhard")
    assert (anne.messages, anne.inserts, anne.is_moderator) == (6, 53, True)


def test_sample_title_date_preamble_epilogue(panel):
    assert panel.title == "Can an ISIS Terrorist be Rehabilitated and Reintegrated into Society?"
    assert panel.date == "2020-06-10"
    assert "skip to Main Content" not in panel.preamble
    assert "This panel discussion was held on June 10, 2020" in panel.preamble
    assert "Chat Log:" not in panel.preamble
    assert panel.epilogue.startswith("About this event")
    assert panel.epilogue.endswith("Internal Security Fund – Police")
    assert "Back To Top" not in panel.epilogue
    assert not any("About this event" in m.text for m in panel.messages)


@pytest.mark.parametrize(
    ("time", "author", "starts"),
    [
        ("11:11:21", "felix opondo", "Hello Everyone…. Felix Opondo from Kenya"),
        ("11:13:25", "Moussa Al-Hassan Diaw (DERAD)", "yes"),
        ("12:33:53", "khadija Tirha – Italy", "thank you so much!"),
        ("12:33:06", "elizabeth.joslyn", "thank you all so much!"),
        ("12:15:30", "cd", "Choice also needs to be contextualized."),
        ("12:33:45", "Gün Kansu", "thank you very much"),
    ],
)
def test_sample_names(panel, time, author, starts):
    assert any(m.author == author and m.text.startswith(starts) for m in by_time(panel, time))


@pytest.mark.parametrize(
    ("time", "author", "insert_starts"),
    [
        ("11:16:16", "Mike Counts", "There is a wonderful book put out by Quillam"),
        ("11:17:52", "Dr. Lisa McConnell", "Lisa you often ask very involved questions"),
        ("11:19:37", "jeffreyallan", "Great question Jeffrey."),
        ("11:22:40", "Sean Griffin", "My view is disengagement happens"),
        ("11:42:08", "Paul K", "this is an excellent question Paul"),
        ("11:54:06", "Hisyaam Muhaimi", "International bodies now track them"),
        ("12:33:11", "Tasnime Akunjee", "I hope so too."),
        ("12:33:14", "Ahmad Helmi", "Thank you Ahmad!"),
        ("12:33:27", "harjit.sandhu", "You are most welcome!"),
        ("12:33:54", "Dan Dias", "Thank you all for participating."),
    ],
)
def test_sample_inserts_sit_under_the_message_they_answer(panel, time, author, insert_starts):
    (message,) = [m for m in by_time(panel, time) if m.author == author]
    assert len(message.inserts) == 1
    assert message.inserts[0].author == "Anne Speckhard"
    assert message.inserts[0].text.startswith(insert_starts)


def test_sample_multi_paragraph_insert(panel):
    (fazil,) = by_time(panel, "11:39:29")
    assert fazil.author == "Fazil Kurdi"
    assert fazil.inserts[0].text == (
        "Redouan Safdi agrees to be contacted at\n\nMoussa Hassan Diaw at\n\nOmar Shariff at"
    )


def test_sample_continuation_paragraph(panel):
    (harjit,) = by_time(panel, "11:55:00")
    first, second = harjit.text.split("\n\n")
    assert first.startswith("Excellent point by")
    assert second.startswith("I investigated several of them")
    assert harjit.inserts[0].text.startswith("Harjit this is so true.")


def test_sample_text_inside_keeps_no_break_spaces(panel):
    (jocelyn,) = [m for m in by_time(panel, "11:32:35")]
    assert jocelyn.text.startswith(f"RE: GEM in this paper it was{NBSP} 12 months")


def parse(text: str):
    return parse_bytes(text.encode("utf-8"), source="inline.txt", format_id="panel")


CHAT = f"""Title of the page

Chat Log:

10:00:01{NBSP} From Ann Example : first

Ann Moderator – (later insert) an answer

10:00:02  From  B. (Org) – Team : second
"""


def test_inline_message_line_variants():
    t = parse(CHAT)
    assert [(m.time, m.author, m.text) for m in t.messages] == [
        ("10:00:01", "Ann Example", "first"),
        ("10:00:02", "B. (Org) – Team", "second"),
    ]
    assert t.title == "Title of the page"


@pytest.mark.parametrize(
    "line",
    [
        "Mod – (later insert) answer text",
        "Mod (later insert) answer text",
        "Mod – (later insert) – answer text",
        "Mod — (Later Insert)  answer text",
    ],
)
def test_inline_insert_variants(line):
    t = parse(f"Page\n\n10:00:01 From A : q\n\n{line}\n")
    assert t.messages[0].inserts[0].author == "Mod"
    assert t.messages[0].inserts[0].text == "answer text"


def test_inline_continuations_and_paragraph_breaks():
    t = parse("Page\n\n10:00:01 From A : one\ntwo\n\n\n\nthree\n\nMod (later insert) x\n\ny\n")
    message = t.messages[0]
    assert message.text == "one\ntwo\n\nthree"
    assert message.inserts[0].text == "x\n\ny"


def test_inline_epilogue_and_boilerplate():
    t = parse(
        "skip to Main Content\n\nT\n\n10:00:01 From A : q\n\nAbout this event\n\nDesc\nBack To Top"
    )
    assert t.preamble == "T"
    assert t.epilogue == "About this event\n\nDesc"
    assert t.messages[0].text == "q"


def test_inline_dates_in_other_orders():
    assert panel.find_date("held on 3rd March 2021 at noon") == "2021-03-03"
    assert panel.find_date("on 2022-11-05") == "2022-11-05"
    assert panel.find_date("no date here") is None


def test_inline_line_separator_in_a_message_is_a_line_break():
    t = parse("Page\n\n10:00:01 From A : one\u2028two\n")
    assert t.messages[0].text == "one\ntwo"


def test_message_lines_point_at_the_source(panel):
    lines = Path(panel.source).read_text(encoding="utf-8").split("\n")
    for message in panel.messages[:10]:
        assert message.time in lines[message.line - 1]
