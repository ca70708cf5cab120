"""WebVTT meeting transcripts: the sample, each quirk inline, and properties of the parser."""

from __future__ import annotations

import contextlib

from hypothesis import given
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.formats import detect, webvtt
from reader.loader import load, parse_bytes
from tests.conftest import PANEL_SAMPLE, SAMPLES

SAMPLE = SAMPLES / "team-meeting.vtt"


def vtt(*blocks: str) -> str:
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def test_sample_counts_and_merging():
    merged = load(SAMPLE)
    assert merged.format == "webvtt"
    assert len(merged.messages) == 26
    assert [p.name for p in merged.participants] == [
        "Priya Raman",
        "José Álvarez",
        "Zoë Lindqvist",
        "Kenji Watanabe",
        "Amara Okafor",
        "Łukasz Nowak",
    ]
    assert merged.warnings == ()
    cues = load(SAMPLE, format_id="webvtt-cues")
    assert len(cues.messages) == 38


def test_sample_merged_message_keeps_every_cue_and_line_break():
    first = load(SAMPLE).messages[0]
    assert (first.author, first.time, first.line) == ("Priya Raman", "00:00:03", 3)
    assert first.text == (
        "Okay, I think the recording is on. Good morning, everyone. "
        "Thanks for joining the release planning call for 4.2. "
        "We have three things today: the migration,\nthe translation freeze, and on-call."
    )


def test_sample_specific_messages():
    messages = load(SAMPLE).messages
    lukasz = [m for m in messages if m.author == "Łukasz Nowak"]
    assert lukasz[-1].text == "Dziękuję, bye everyone."
    zoe = next(m for m in messages if m.text.startswith("Agreed."))
    assert zoe.author == "Zoë Lindqvist"
    assert zoe.text.endswith("overnight,\nthe secondary takes the next night.")


def test_cue_ids_and_short_timestamps():
    parsed = webvtt.parse(
        vtt("intro\n00:05.000 --> 00:07.250\nAnn: Hi", "2\n01:02.000 --> 01:04.000\nBob: Hello")
    )
    assert [(m.time, m.author, m.text) for m in parsed.messages] == [
        ("00:00:05", "Ann", "Hi"),
        ("00:01:02", "Bob", "Hello"),
    ]


def test_note_style_and_region_blocks_are_skipped():
    parsed = webvtt.parse(
        vtt(
            "NOTE recorded on the new mic\nsecond line of the note",
            "STYLE\n::cue { color: yellow }",
            "REGION\nid:fred width:40%",
            "00:00:01.000 --> 00:00:02.000\nAnn: Hi",
        )
    )
    assert [m.text for m in parsed.messages] == ["Hi"]
    assert parsed.warnings == []


def test_voice_spans_tags_and_escapes():
    parsed = webvtt.parse(
        vtt(
            "00:00:01.000 --> 00:00:02.000 align:start\n"
            "<v.loud Ann Lee>I <i>think</i> R&amp;D &lt; ops</v>",
            "00:00:03.000 --> 00:00:04.000\n<v Bob>so a < b</v>",
        )
    )
    assert [(m.author, m.text) for m in parsed.messages] == [
        ("Ann Lee", "I think R&D < ops"),
        ("Bob", "so a < b"),
    ]


def test_two_voices_in_one_cue_become_two_messages():
    parsed = webvtt.parse(vtt("00:00:01.000 --> 00:00:03.000\n<v Ann>Ready?\n<v Bob>Yes."))
    assert [(m.author, m.text) for m in parsed.messages] == [("Ann", "Ready?"), ("Bob", "Yes.")]


def test_merge_option_keeps_consecutive_cues_apart():
    text = vtt(
        "00:00:01.000 --> 00:00:02.000\nAnn: one",
        "00:00:02.000 --> 00:00:03.000\nAnn: two",
        "00:00:03.000 --> 00:00:04.000\nBob: three",
        "00:00:04.000 --> 00:00:05.000\nAnn: four",
    )
    assert [m.text for m in webvtt.parse(text).messages] == ["one two", "three", "four"]
    kept = webvtt.parse(text, merge=False).messages
    assert [(m.id, m.text) for m in kept] == [(1, "one"), (2, "two"), (3, "three"), (4, "four")]
    loaded = parse_bytes(text.encode(), format_id="webvtt-cues")
    assert len(loaded.messages) == 4


def test_colon_in_captions_without_speakers_is_not_a_speaker():
    parsed = webvtt.parse(
        vtt(
            "00:00:01.000 --> 00:00:02.000\nWe shipped on Friday.",
            "00:00:03.000 --> 00:00:04.000\nSo here is why: it broke?",
            "00:00:05.000 --> 00:00:06.000\nNobody knew.",
        )
    )
    assert [(m.author, m.text) for m in parsed.messages] == [
        ("Speaker", "We shipped on Friday. So here is why: it broke? Nobody knew.")
    ]


def test_header_title_and_metadata():
    parsed = webvtt.parse("WEBVTT - Weekly sync\nKind: captions\n\n00:01.000 --> 00:02.000\nHi\n")
    assert parsed.title == "Weekly sync"
    assert [(m.author, m.text) for m in parsed.messages] == [("Speaker", "Hi")]


def test_unplaced_lines_are_reported_with_line_numbers():
    parsed = webvtt.parse(
        vtt("00:00:01.000 --> 00:00:02.000\nAnn: Hi", "stray words\nmore stray words")
    )
    assert [(w.line, w.text) for w in parsed.warnings] == [
        (6, "stray words"),
        (7, "more stray words"),
    ]
    assert [m.text for m in parsed.messages] == ["Hi"]


def test_detection():
    assert detect(SAMPLE.read_text(encoding="utf-8")).id == "webvtt"
    assert webvtt.detect(PANEL_SAMPLE.read_text(encoding="utf-8")) == 0.0
    prose = "It was a bright cold day in April.\nThe clocks were striking thirteen.\n"
    assert webvtt.detect(prose) == 0.0


def test_webvtt_cues_is_never_detected():
    assert webvtt.CUES_FORMAT.detect(SAMPLE.read_text(encoding="utf-8")) == 0.0


@given(st.text())
def test_arbitrary_text_never_raises(text: str):
    for merge in (True, False):
        with contextlib.suppress(ReaderError):
            webvtt.parse(text, merge=merge)


NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÄÖéłŁ ", min_size=1, max_size=20).map(str.strip)
LINE = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="<&\u2028\u2029"
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s == s.strip() and s != "")
CUE = st.tuples(NAME.filter(bool), st.lists(LINE, min_size=1, max_size=3))


@given(st.lists(CUE, min_size=1, max_size=8))
def test_generated_cues_come_back_unchanged(cues):
    blocks = [
        f"{i}\n00:00:{i % 60:02d}.000 --> 00:00:{i % 60:02d}.500\n<v {name}>" + "\n".join(lines)
        for i, (name, lines) in enumerate(cues, start=1)
    ]
    parsed = webvtt.parse(vtt(*blocks), merge=False)
    assert [(m.author, m.text) for m in parsed.messages] == [
        (name, "\n".join(lines)) for name, lines in cues
    ]
    assert parsed.warnings == []
