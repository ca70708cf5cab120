"""SubRip captions: cues merged into sentences by punctuation and pauses."""

from __future__ import annotations

import contextlib

from hypothesis import given
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.formats import detect, srt
from reader.loader import load
from tests.conftest import PANEL_SAMPLE, SAMPLES

SAMPLE = SAMPLES / "lecture.srt"


def cue(number: int, start: str, end: str, *lines: str) -> str:
    return f"{number}\n{start} --> {end}\n" + "\n".join(lines) + "\n"


def test_sample_counts():
    lecture = load(SAMPLE)
    assert lecture.format == "srt"
    assert len(lecture.messages) == 30
    assert [(p.name, p.messages) for p in lecture.participants] == [("Speaker", 30)]
    assert lecture.warnings == ()


def test_sample_sentences_span_cues_and_lines():
    messages = load(SAMPLE).messages
    second = messages[1]
    assert (second.time, second.line) == ("00:00:09", 6)
    assert second.text == (
        "Last time we ended with a question that Euler answered in 1736: can you walk through "
        "Königsberg crossing each of its seven bridges exactly once?"
    )
    erdos = next(m for m in messages if "Erdős" in m.text)
    assert erdos.text.endswith("turning coffee into theorems…")
    assert messages[-1].text == "See you on Thursday."


def test_a_cue_ending_a_sentence_ends_the_message():
    text = "\n".join(
        [
            cue(1, "00:00:01,000", "00:00:02,000", "The first part"),
            cue(2, "00:00:02,100", "00:00:03,000", "ends here."),
            cue(3, "00:00:03,100", "00:00:04,000", "Does it?"),
            cue(4, "00:00:04,100", "00:00:05,000", "\u201cYes!\u201d"),
        ]
    )
    assert [m.text for m in srt.parse(text).messages] == [
        "The first part ends here.",
        "Does it?",
        "\u201cYes!\u201d",
    ]


def test_a_pause_over_two_seconds_ends_the_message():
    text = "\n".join(
        [
            cue(1, "00:00:01,000", "00:00:02,000", "before the pause"),
            cue(2, "00:00:04,500", "00:00:05,000", "after it"),
            cue(3, "00:00:06,900", "00:00:07,000", "and soon after"),
        ]
    )
    assert [(m.time, m.text) for m in srt.parse(text).messages] == [
        ("00:00:01", "before the pause"),
        ("00:00:04", "after it and soon after"),
    ]


def test_tags_are_removed_and_hours_count_from_the_start():
    text = cue(
        7, "01:02:03,400", "01:02:05,000", '{\\an8}<i>Music</i> <font color="red">plays</font>.'
    )
    assert [(m.time, m.text) for m in srt.parse(text).messages] == [("01:02:03", "Music plays.")]


def test_a_blank_line_inside_a_cue_keeps_its_text():
    text = "1\n00:00:01,000 --> 00:00:02,000\nfirst line\n\nsecond line.\n"
    assert [m.text for m in srt.parse(text).messages] == ["first line second line."]


def test_text_before_the_first_cue_is_reported():
    text = "Subtitles by someone\n\n" + cue(1, "00:00:01,000", "00:00:02,000", "Hello.")
    parsed = srt.parse(text)
    assert [(w.line, w.text) for w in parsed.warnings] == [(1, "Subtitles by someone")]
    assert [m.text for m in parsed.messages] == ["Hello."]


def test_detection():
    assert detect(SAMPLE.read_text(encoding="utf-8")).id == "srt"
    assert srt.detect(PANEL_SAMPLE.read_text(encoding="utf-8")) == 0.0
    assert srt.detect("Just some prose.\nWith two lines of words.\n") == 0.0
    assert detect((SAMPLES / "team-meeting.vtt").read_text(encoding="utf-8")).id == "webvtt"


@given(st.text())
def test_arbitrary_text_never_raises(text: str):
    with contextlib.suppress(ReaderError):
        srt.parse(text)


SENTENCE = (
    st.text(
        alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=" ,'"),
        min_size=1,
        max_size=50,
    )
    .map(lambda s: " ".join(s.split()) + ".")
    .filter(lambda s: s != ".")
)


@given(st.lists(SENTENCE, min_size=1, max_size=10))
def test_generated_sentences_come_back_unchanged(sentences):
    text = "\n".join(
        cue(i, f"00:{i // 60:02d}:{i % 60:02d},000", f"00:{i // 60:02d}:{i % 60:02d},900", s)
        for i, s in enumerate(sentences, start=1)
    )
    parsed = srt.parse(text)
    assert [m.text for m in parsed.messages] == sentences
    assert parsed.warnings == []
