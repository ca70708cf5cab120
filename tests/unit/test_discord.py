"""DiscordChatExporter exports: JSON (replies, reactions by person), plain text and CSV."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.formats import detect, discord
from reader.loader import load
from reader.model import MessageKind, Reaction, ReplyReason
from tests.conftest import PANEL_SAMPLE, SAMPLES

JSON_SAMPLE = SAMPLES / "discord-export.json"
TEXT_SAMPLE = SAMPLES / "discord-export.txt"
CSV_SAMPLE = SAMPLES / "discord-export.csv"
RULE = "=" * 62


def json_export(*messages: dict) -> str:
    return json.dumps(
        {"guild": {"name": "G"}, "channel": {"name": "c"}, "messages": list(messages)}
    )


def entry(id_: str, content: str, **extra) -> dict:
    return {
        "id": id_,
        "type": "Default",
        "timestamp": "2021-02-03T04:05:06.789+01:00",
        "content": content,
        "author": {"name": "ann", "nickname": "Ann"},
        **extra,
    }


def test_json_sample():
    export = load(JSON_SAMPLE)
    assert (export.format, export.title, export.date) == (
        "discord",
        "Nordic Night Owls 🦉 / #watch-party",
        "2020-12-31",
    )
    assert len(export.messages) == 21
    assert [m.id for m in export.messages if m.kind is MessageKind.EVENT] == [8]
    assert [(p.name, p.messages) for p in export.participants] == [
        ("Ronja Virtanen", 5),
        ("Kofi", 6),
        ("Marta García", 5),
        ("朱宇", 3),
        ("Carl-bot", 1),
    ]
    format_replies = {
        m.id: m.reply_to for m in export.messages if m.reply_reason is ReplyReason.FORMAT
    }
    assert format_replies == {3: 2, 6: 5, 7: 6, 12: 11, 15: 14, 16: 15}
    rules = export.messages[8]
    assert (rules.author, rules.time) == ("Ronja Virtanen", "21:07:15")
    assert rules.text.endswith("2. No screen-recording other people's cameras\n3. Have fun ❤️")
    assert export.messages[9].text.endswith("\n[attachment: obs-scene.png]")
    assert export.messages[0].reactions == tuple(
        Reaction("🎉", n) for n in ("Kofi", "朱宇", "Marta García")
    )
    assert export.warnings == ()


def test_text_sample():
    export = load(TEXT_SAMPLE)
    assert (export.format, export.date) == ("discord-txt", "2020-12-31")
    assert export.title == "Nordic Night Owls 🦉 / Events / watch-party"
    assert len(export.messages) == 21
    assert export.warnings == ()
    first = export.messages[0]
    assert (first.author, first.time) == ("ronja#4521", "20:40:00")
    assert first.text == (
        "Reminder: the New Year's Eve watch party starts in the **#stage** channel at 23:30 🎆\n"
        "Bring snacks, bring friends."
    )
    assert first.reactions == (Reaction("🎉"),) * 3
    last = export.messages[-1]
    assert last.text == "Accra is 2 hours away for me, see you all then!\nI'll bring the jollof 🍚"
    assert len(last.reactions) == 3
    assert export.messages[9].text.endswith(
        "\n[attachment: https://cdn.discordapp.com/attachments/772193004562022431/793901234567890123/obs-scene.png]"
    )


def test_csv_sample_matches_the_text_sample():
    from_csv, from_text = load(CSV_SAMPLE), load(TEXT_SAMPLE)
    assert from_csv.format == "discord-csv"
    assert from_csv.warnings == ()
    assert [(m.date, m.time, m.author, m.text, m.reactions) for m in from_csv.messages] == [
        (m.date, m.time, m.author, m.text, m.reactions) for m in from_text.messages
    ]
    assert from_csv.messages[0].line == 2 and from_csv.messages[1].line == 4


def test_json_reference_is_a_reply_and_unknown_reference_is_not():
    parsed = discord.parse_json(
        json_export(
            entry("1", "root"),
            entry("2", "re", type="Reply", reference={"messageId": "1"}),
            entry("3", "lost", type="Reply", reference={"messageId": "99"}),
        )
    )
    assert [(m.reply_to, m.reply_reason) for m in parsed.messages] == [
        (None, None),
        (1, ReplyReason.FORMAT),
        (None, None),
    ]
    assert (parsed.messages[0].date, parsed.messages[0].time) == ("2021-02-03", "04:05:06")


def test_json_reaction_count_beyond_listed_users():
    reactions = [{"emoji": {"name": "👍"}, "count": 3, "users": [{"name": "bob"}]}]
    parsed = discord.parse_json(json_export(entry("1", "hi", reactions=reactions)))
    assert parsed.messages[0].reactions == (Reaction("👍", "bob"), Reaction("👍"), Reaction("👍"))


@pytest.mark.parametrize(
    ("stamp", "date", "time"),
    [
        ("12/31/2020 9:05 PM", "2020-12-31", "21:05:00"),
        ("31/12/2020 21:05", "2020-12-31", "21:05:00"),
        ("31.12.2020 21:05", "2020-12-31", "21:05:00"),
        ("31-Dec-20 09:05 PM", "2020-12-31", "21:05:00"),
    ],
)
def test_text_date_styles(stamp, date, time):
    text = f"[{stamp}] ann#0001\nhello\n\n\n[{stamp}] bob\nhi\n\n"
    parsed = discord.parse_text(text)
    assert [(m.date, m.time, m.author, m.text) for m in parsed.messages] == [
        (date, time, "ann#0001", "hello"),
        (date, time, "bob", "hi"),
    ]


def test_text_ambiguous_dates_warn():
    parsed = discord.parse_text("[03/04/2021 10:00] ann\nhello\n\n")
    assert parsed.messages[0].date == "2021-04-03"
    assert [w.reason for w in parsed.warnings] == ["ambiguous day/month order: read as day/month"]


def test_text_after_the_closing_rule_is_reported():
    text = f"[31/12/2020 21:05] ann\nhello\n\n{RULE}\nExported 1 message(s)\n{RULE}\nstray\n"
    parsed = discord.parse_text(text)
    assert [(w.line, w.text) for w in parsed.warnings] == [(7, "stray")]


def test_csv_rows_that_are_not_messages_are_reported():
    text = f'{discord.CSV_HEADER}\n"1","ann","31/12/2020 21:05","hi","",""\n"x","y"\n'
    parsed = discord.parse_csv(text)
    assert [m.text for m in parsed.messages] == ["hi"]
    assert [(w.line, w.text) for w in parsed.warnings] == [(3, "x,y")]


def test_detection():
    assert detect(JSON_SAMPLE.read_text(encoding="utf-8")).id == "discord"
    assert detect(TEXT_SAMPLE.read_text(encoding="utf-8")).id == "discord-txt"
    assert detect(CSV_SAMPLE.read_text(encoding="utf-8")).id == "discord-csv"
    panel_text = PANEL_SAMPLE.read_text(encoding="utf-8")
    for fmt in (discord.FORMAT, discord.TEXT_FORMAT, discord.CSV_FORMAT):
        assert fmt.detect(panel_text) == 0.0
        assert fmt.detect("A letter.\nWith [brackets] and #hashes.\n") == 0.0


@given(st.text())
def test_arbitrary_text_raises_nothing_but_reader_error(text: str):
    for parse in (discord.parse_json, discord.parse_text, discord.parse_csv):
        with contextlib.suppress(ReaderError):
            parse(text)


LINE = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="[{="
    ),
    min_size=1,
    max_size=50,
).filter(lambda s: s == s.strip())


@given(st.lists(st.lists(LINE, min_size=1, max_size=3), min_size=1, max_size=6))
def test_generated_messages_come_back_unchanged(bodies):
    texts = ["\n".join(lines) for lines in bodies]
    plain = "".join(f"[31/12/2020 21:{i:02d}] ann#0001\n{t}\n\n\n" for i, t in enumerate(texts))
    assert [m.text for m in discord.parse_text(plain).messages] == texts
    rows = "".join(
        f'"1","ann","31/12/2020 21:{i:02d}","{t.replace(chr(34), 2 * chr(34))}","",""\n'
        for i, t in enumerate(texts)
    )
    assert [m.text for m in discord.parse_csv(discord.CSV_HEADER + "\n" + rows).messages] == texts
    as_json = json_export(*(entry(str(i), t) for i, t in enumerate(texts)))
    assert [m.text for m in discord.parse_json(as_json).messages] == texts
