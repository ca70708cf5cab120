"""Slack exports: a channel folder or one day file, threads, users.json, markup, reactions."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.formats import detect, slack
from reader.loader import load, parse_bytes
from reader.model import MessageKind, Reaction, ReplyReason
from tests.conftest import PANEL_SAMPLE, SAMPLES

EXPORT = SAMPLES / "slack-export"
CHANNEL = EXPORT / "design-reviews"


def day(*messages: dict) -> str:
    return json.dumps(list(messages))


def test_sample_folder_counts():
    export = load(EXPORT)
    assert (export.format, export.title, export.date) == ("slack", "#design-reviews", "2023-03-14")
    assert len(export.messages) == 26
    assert sum(m.kind is MessageKind.EVENT for m in export.messages) == 4
    assert [(p.name, p.messages) for p in export.participants] == [
        ("Inês Carvalho", 6),
        ("Marek Kowalski", 5),
        ("渡辺 愛子 (Aiko Watanabe)", 4),
        ("Adédayo Okonkwo", 3),
        ("Frédéric Aubert", 4),
    ]
    assert export.warnings == ()
    assert load(CHANNEL).messages == export.messages


def test_sample_threads_span_day_files():
    messages = load(EXPORT).messages
    format_replies = {m.id: m.reply_to for m in messages if m.reply_reason is ReplyReason.FORMAT}
    assert format_replies == {13: 12, 14: 12, 15: 12, 19: 18, 20: 18, 25: 24}
    assert messages[13].date == "2023-03-15"  # a reply on the next day's file


def test_sample_users_json_resolves_joins_without_a_profile():
    joins = [m for m in load(EXPORT).messages if m.kind is MessageKind.EVENT]
    assert joins[2].author == "渡辺 愛子 (Aiko Watanabe)"
    assert joins[2].text == "@渡辺 愛子 (Aiko Watanabe) has joined the channel"


def test_sample_text_reactions_files():
    messages = load(EXPORT).messages
    agenda = messages[20]
    assert agenda.author == "Inês Carvalho"
    assert agenda.text == (
        "@here final review tomorrow at 14:00 CET in the #design-reviews huddle. Agenda:\n"
        "1. Steps 1–5 walkthrough\n2. Copy\n3. Handoff to @Marek Kowalski for the build"
    )
    bundle = slack.parse(slack.read_folder(EXPORT).decode("utf-8"))
    assert bundle.messages[20].mentions == ("Marek Kowalski",)  # the format's own mention data
    contrast = messages[15]
    assert contrast.reactions.count(Reaction("👍", "Adédayo Okonkwo")) == 1
    assert len(contrast.reactions) == 4
    assert messages[10].text.endswith("\n[file: onboarding-copy-v3.docx]")
    assert messages[2].text.startswith(
        "Morning! :wave: The onboarding mockups are up for review: Onboarding v3 "
        "(https://www.figma.com/file/Xy7Qk2/Onboarding-v3)\n"
    )


def test_one_day_file_without_users_json():
    transcript = load(CHANNEL / "2023-03-15.json")
    assert transcript.format == "slack"
    assert [m.author for m in transcript.messages][:2] == [
        "渡辺 愛子 (Aiko Watanabe)",
        "Frédéric Aubert",
    ]
    assert transcript.title is None


def test_thread_reply_links_to_its_parent_with_the_format_reason():
    text = day(
        {
            "type": "message",
            "user": "U1",
            "text": "root",
            "ts": "1700000000.000100",
            "thread_ts": "1700000000.000100",
        },
        {"type": "message", "user": "U2", "text": "other", "ts": "1700000001.000100"},
        {
            "type": "message",
            "user": "U2",
            "text": "reply",
            "ts": "1700000002.000100",
            "thread_ts": "1700000000.000100",
        },
    )
    messages = slack.parse(text).messages
    assert [(m.reply_to, m.reply_reason) for m in messages] == [
        (None, None),
        (None, None),
        (1, ReplyReason.FORMAT),
    ]
    assert (messages[0].date, messages[0].time) == ("2023-11-14", "22:13:20")


def test_markup_is_shown_as_a_reader_sees_it():
    text = day(
        {
            "type": "message",
            "user": "U1",
            "ts": "1700000000.1",
            "text": "<!channel> see <#C1|ops>, <mailto:a@b.org|a@b.org> &amp; <https://x.org>"
            " &lt;3 <@U9|zed>",
        }
    )
    message = slack.parse(text).messages[0]
    assert message.text == "@channel see #ops, a@b.org & https://x.org <3 @zed"
    assert message.mentions == ("zed",)


def test_reaction_count_beyond_the_listed_users():
    text = day(
        {"type": "message", "user": "U1", "text": "hi", "ts": "1700000000.1",
         "reactions": [{"name": "party_parrot", "users": ["U2"], "count": 3}]}
    )  # fmt: skip
    assert slack.parse(text).messages[0].reactions == (
        Reaction(":party_parrot:", "U2"),
        Reaction(":party_parrot:"),
        Reaction(":party_parrot:"),
    )


def test_entries_without_ts_are_reported():
    parsed = slack.parse(
        day(
            {"type": "message", "text": "no ts"},
            {"type": "message", "user": "U1", "text": "ok", "ts": "1700000000.1"},
        )
    )
    assert [m.text for m in parsed.messages] == ["ok"]
    assert [w.reason for w in parsed.warnings] == ["entry 1: not a Slack message (no ts)"]


def test_bad_json_is_a_one_line_error():
    with pytest.raises(ReaderError, match="not a valid Slack export"):
        slack.parse('[{"ts": "1"')


def test_export_with_several_channels_asks_for_one(tmp_path: Path):
    for name in ("general", "random"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "2023-01-01.json").write_text("[]")
    with pytest.raises(ReaderError, match="several channels; open one: general, random"):
        load(tmp_path)


def test_a_folder_that_is_not_slack_is_refused(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(ReaderError, match="is a directory, not a transcript"):
        load(tmp_path)


def test_a_broken_day_file_names_the_file(tmp_path: Path):
    (tmp_path / "2023-01-01.json").write_text("[{")
    with pytest.raises(ReaderError, match=r"2023-01-01\.json: not a valid Slack export file"):
        load(tmp_path)


def test_detection():
    assert detect((CHANNEL / "2023-03-14.json").read_text(encoding="utf-8")).id == "slack"
    assert slack.detect(PANEL_SAMPLE.read_text(encoding="utf-8")) == 0.0
    assert slack.detect((EXPORT / "users.json").read_text(encoding="utf-8")) == 0.0
    assert slack.detect('["just", "a", "list"]') == 0.0


@given(st.text())
def test_arbitrary_text_raises_nothing_but_reader_error(text: str):
    with contextlib.suppress(ReaderError):
        slack.parse(text)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "ts",
                    "text",
                    "user",
                    "thread_ts",
                    "reactions",
                    "files",
                    "subtype",
                    "users",
                    "count",
                    "name",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@given(JSON)
def test_arbitrary_json_raises_nothing_but_reader_error(value):
    with contextlib.suppress(ReaderError):
        slack.parse(json.dumps(value))


PLAIN = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<>&"))


@given(st.lists(PLAIN, min_size=1, max_size=8))
def test_generated_messages_come_back_unchanged(texts):
    entries = [
        {"type": "message", "user": f"U{i}", "text": t, "ts": f"{1700000000 + i}.000001"}
        for i, t in enumerate(texts)
    ]
    data = parse_bytes(json.dumps(entries).encode(), format_id="slack")
    assert [m.text for m in data.messages] == texts
