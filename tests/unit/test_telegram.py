"""Telegram result.json: replies by id, text as entities, media, reactions, service messages."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.formats import detect, telegram
from reader.loader import load
from reader.model import MessageKind, Reaction, ReplyReason
from tests.conftest import PANEL_SAMPLE, SAMPLES

SAMPLE = SAMPLES / "telegram-result.json"


def export(*messages: dict) -> str:
    return json.dumps(
        {"name": "Chat", "type": "personal_chat", "id": 1, "messages": list(messages)}
    )


def message(id_: int, text, **extra) -> dict:
    return {
        "id": id_,
        "type": "message",
        "date": "2021-03-04T10:00:00",
        "from": "Ann",
        "text": text,
        **extra,
    }


def test_sample_counts():
    chat = load(SAMPLE)
    assert (chat.format, chat.title, chat.date) == (
        "telegram",
        "Kyiv → Lisbon hike 2021",
        "2021-03-04",
    )
    assert len(chat.messages) == 26
    assert sum(m.kind is MessageKind.EVENT for m in chat.messages) == 3
    assert [(p.name, p.messages) for p in chat.participants] == [
        ("Olena Kovalenko", 6),
        ("Dmitri Sokolov", 4),
        ("Ayşe Demir", 5),
        ("Tomás Ruiz", 4),
        ("Mei Lin 林美", 4),
    ]
    assert chat.warnings == ()


def test_sample_messages():
    parsed = telegram.parse(SAMPLE.read_text(encoding="utf-8"))
    stages = parsed.messages[8]
    assert (stages.author, stages.date, stages.time) == ("Tomás Ruiz", "2021-03-04", "10:27:33")
    assert stages.text == (
        "I would do Porto Covo → Vila Nova de Milfontes → Almograve → Zambujeira do Mar → "
        "Odeceixe.\n\nSkip Sines, the first part is along the road."
    )
    assert (stages.reply_to, stages.reply_reason) == (8, ReplyReason.FORMAT)
    assert parsed.messages[7].mentions == ("tomas_ruiz",)
    assert parsed.messages[13].text.startswith("Dates proposal: May 13–17. Flights")
    assert parsed.messages[12].reactions == (
        Reaction("❤", "Ayşe Demir"),
        Reaction("❤", "Olena Kovalenko"),
        Reaction("❤", "Dmitri Sokolov"),
    )
    assert [m.text for m in parsed.messages if m.text.startswith("[")] == [
        "[photo]",
        "[poll: May 13–17 works for me?]",
        "[file: Rota_Vicentina_packing_list.pdf]",
        "[voice message]",
        "[sticker 🙌]",
    ]
    assert parsed.messages[4].text == "invite members Tomás Ruiz, Mei Lin 林美"


def test_text_as_a_list_of_entities():
    text = [
        "see ",
        {"type": "text_link", "text": "the doc", "href": "https://x.org"},
        ", ",
        {"type": "mention_name", "text": "Bob", "user_id": 5},
    ]
    parsed = telegram.parse(export(message(1, text)))
    assert parsed.messages[0].text == "see the doc, Bob"
    assert parsed.messages[0].mentions == ("Bob",)


def test_reply_to_message_id_links_by_id_not_position():
    parsed = telegram.parse(
        export(message(10, "a"), message(11, "b"), message(12, "c", reply_to_message_id=10))
    )
    assert [(m.reply_to, m.reply_reason) for m in parsed.messages] == [
        (None, None),
        (None, None),
        (1, ReplyReason.FORMAT),
    ]


def test_a_reply_to_a_message_outside_the_export_has_no_link():
    parsed = telegram.parse(export(message(10, "a", reply_to_message_id=3)))
    assert parsed.messages[0].reply_to is None


def test_reaction_count_beyond_recent():
    reactions = [{"type": "emoji", "count": 2, "emoji": "👍", "recent": [{"from": "Bob"}]}]
    parsed = telegram.parse(export(message(1, "hi", reactions=reactions)))
    assert parsed.messages[0].reactions == (Reaction("👍", "Bob"), Reaction("👍"))


def test_deleted_account_and_entries_without_date():
    parsed = telegram.parse(
        export(message(1, "hi", **{"from": None}), {"id": 2, "type": "message"})
    )
    assert [m.author for m in parsed.messages] == ["Deleted Account"]
    assert [w.reason for w in parsed.warnings] == ["entry 2: no date"]


def test_whole_account_export_is_refused_clearly():
    with pytest.raises(ReaderError, match="export one chat"):
        telegram.parse('{"about": "", "chats": {"list": []}}')


def test_detection():
    assert detect(SAMPLE.read_text(encoding="utf-8")).id == "telegram"
    assert telegram.detect(PANEL_SAMPLE.read_text(encoding="utf-8")) == 0.0
    assert telegram.detect('{"messages": [], "guild": {}}') == 0.0


@given(st.text())
def test_arbitrary_text_raises_nothing_but_reader_error(text: str):
    with contextlib.suppress(ReaderError):
        telegram.parse(text)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "date",
                    "text",
                    "from",
                    "type",
                    "reactions",
                    "recent",
                    "count",
                    "reply_to_message_id",
                    "poll",
                    "members",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@given(st.lists(JSON, max_size=5))
def test_arbitrary_messages_raise_nothing_but_reader_error(entries):
    with contextlib.suppress(ReaderError):
        telegram.parse(json.dumps({"messages": entries}))


@given(st.lists(st.text(max_size=60), min_size=1, max_size=8))
def test_generated_messages_come_back_unchanged(texts):
    parsed = telegram.parse(export(*(message(i, t) for i, t in enumerate(texts))))
    assert [m.text for m in parsed.messages] == texts
