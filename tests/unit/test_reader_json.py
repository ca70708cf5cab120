"""reader's own JSON export opens again as the same transcript."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.export.json_contract import transcript_to_dict, transcript_to_json
from reader.formats import detect, reader_json
from reader.loader import load, parse_bytes
from reader.model import Insert, Message, Reaction, ReplyReason, Transcript, count_participants
from tests.conftest import PANEL_SAMPLE, SAMPLES

SAMPLE = SAMPLES / "reader-export.json"


def contract_without_source(transcript: Transcript) -> dict:
    data = transcript_to_dict(transcript)
    del data["source"]
    return data


@pytest.mark.parametrize("sample", [PANEL_SAMPLE, SAMPLES / "team-meeting.vtt"], ids=str)
def test_an_export_opens_again_as_the_same_transcript(sample):
    original = load(sample)
    again = parse_bytes(transcript_to_json(original).encode("utf-8"))
    assert again.format == "reader-json"
    assert contract_without_source(again) == contract_without_source(original)
    assert [m.reply_reason is None for m in again.messages] == [
        m.reply_to is None for m in original.messages
    ]


@pytest.mark.parametrize(
    "sample",
    [SAMPLES / "slack-export", SAMPLES / "whatsapp-android.txt", SAMPLES / "irc-libera-2023.log"],
    ids=str,
)
def test_events_and_dates_come_back_when_the_export_carries_them(sample):
    # The contract (reader_format 1) has no "kind" or "date" per message yet; the reader reads
    # them when present, so a contract that adds them round-trips joins, parts and dates too.
    original = load(sample)
    data = transcript_to_dict(original)
    for entry, message in zip(data["messages"], original.messages, strict=True):
        entry.setdefault("kind", message.kind.value)
        entry.setdefault("date", message.date)
    again = parse_bytes(json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert contract_without_source(again) == contract_without_source(original)
    assert [(m.kind, m.date) for m in again.messages] == [
        (m.kind, m.date) for m in original.messages
    ]


def test_sample_counts_and_a_message_with_inserts():
    export = load(SAMPLE)
    assert export.format == "reader-json"
    assert (len(export.messages), len(export.participants)) == (40, 21)
    assert sum(len(m.inserts) for m in export.messages) == 18
    assert export.title == "Can an ISIS Terrorist be Rehabilitated and Reintegrated into Society?"
    assert export.date == "2020-06-10"
    mike = next(m for m in export.messages if m.time == "11:16:16")
    assert mike.author == "Mike Counts"
    assert mike.inserts[0].author == "Anne Speckhard"
    assert mike.inserts[0].text.startswith("There is a wonderful book put out by Quillam")
    assert export.warnings == ()


def test_every_field_of_the_contract_is_read():
    message = Message(
        id=1,
        time="10:00:00",
        author="Zoë",
        text="first\n\nsecond paragraph",
        inserts=(Insert("Mod", "answer"),),
        mentions=("Bo",),
        reactions=(Reaction("👍", "Bo"), Reaction("🎉")),
        to="Bo",
    )
    reply = Message(
        id=2, time=None, author="Bo", text="re", reply_to=1, reply_reason=ReplyReason.FORMAT
    )
    original = Transcript(
        source="x",
        format="panel",
        title="T",
        date="2024-01-02",
        preamble="pre",
        epilogue="post",
        messages=(message, reply),
        participants=count_participants((message, reply)),
    )
    parsed = reader_json.parse(transcript_to_json(original))
    assert parsed.messages == [message, reply]
    assert (parsed.title, parsed.date, parsed.preamble, parsed.epilogue) == (
        "T",
        "2024-01-02",
        "pre",
        "post",
    )


def test_an_unknown_version_is_refused():
    with pytest.raises(ReaderError, match="reader JSON format 2 is not supported"):
        reader_json.parse('{"reader_format": 2, "messages": []}')


def test_a_message_without_text_is_reported():
    text = json.dumps(
        {"reader_format": 1, "messages": [{"id": 1}, {"id": 2, "author": "A", "text": "ok"}]}
    )
    parsed = reader_json.parse(text)
    assert [m.text for m in parsed.messages] == ["ok"]
    assert [w.reason for w in parsed.warnings] == ["message 1: no text"]


def test_detection():
    assert detect(SAMPLE.read_text(encoding="utf-8")).id == "reader-json"
    assert reader_json.detect(PANEL_SAMPLE.read_text(encoding="utf-8")) == 0.0
    assert reader_json.detect('{"messages": []}') == 0.0


@given(st.text())
def test_arbitrary_text_raises_nothing_but_reader_error(text: str):
    with contextlib.suppress(ReaderError):
        reader_json.parse(text)


@given(st.lists(st.tuples(st.text(max_size=20), st.text(min_size=0, max_size=80)), max_size=10))
def test_generated_messages_come_back_unchanged(pairs):
    messages = [{"id": i, "author": a, "text": t} for i, (a, t) in enumerate(pairs, start=1)]
    parsed = reader_json.parse(json.dumps({"reader_format": 1, "messages": messages}))
    assert [(m.author, m.text) for m in parsed.messages] == pairs
