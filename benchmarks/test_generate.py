"""The generator writes transcripts that reader parses the way the runner expects.

Run with `.venv/bin/pytest benchmarks/test_generate.py`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from generate import Manifest, parse_count, write_transcript

from reader.loader import load

MESSAGES = 4_000


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    return write_transcript(tmp_path_factory.mktemp("gen") / "chat.txt", MESSAGES, seed=11)


def test_reader_parses_what_the_manifest_says(generated: Manifest) -> None:
    transcript = load(generated.path)
    assert len(transcript.messages) == generated.messages == MESSAGES
    assert len(transcript.participants) == generated.participants
    assert sum(1 for m in transcript.messages if m.inserts) == generated.inserts
    assert transcript.warnings == ()
    assert transcript.messages[0].text == generated.first_text
    assert transcript.messages[0].author == generated.first_author
    assert transcript.messages[-1].author == generated.last_author
    assert transcript.title and transcript.date
    assert transcript.epilogue.startswith("About this event")
    assert Path(generated.path).stat().st_size == generated.bytes


def test_only_the_last_message_holds_the_last_word(generated: Manifest) -> None:
    transcript = load(generated.path)
    holders = [
        m.id
        for m in transcript.messages
        if generated.last_word in m.text or any(generated.last_word in i.text for i in m.inserts)
    ]
    assert holders == [MESSAGES]
    assert Path(generated.path).read_text().count(generated.last_word) == 1


def test_shape_resembles_the_sample(generated: Manifest) -> None:
    transcript = load(generated.path)
    share = generated.inserts / generated.messages
    assert 0.2 < share < 0.3
    assert any("\n\n" in m.text for m in transcript.messages)
    assert any("\n\n" in i.text for m in transcript.messages for i in m.inserts)
    names = [p.name for p in transcript.participants]
    assert any(not n.isascii() for n in names)
    assert any("." in n for n in names)
    assert any("(" in n for n in names)
    assert any(" – " in n for n in names)
    lengths = sorted(len(m.text) for m in transcript.messages)
    # The sample's median message is about 100 characters; its longest about 650.
    assert 60 < lengths[len(lengths) // 2] < 140
    assert lengths[-1] < 1_000


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    first = write_transcript(tmp_path / "a.txt", 500, seed=3)
    again = write_transcript(tmp_path / "b.txt", 500, seed=3)
    other = write_transcript(tmp_path / "c.txt", 500, seed=4)
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "b.txt").read_bytes()
    assert first.last_word == again.last_word
    assert (tmp_path / "a.txt").read_bytes() != (tmp_path / "c.txt").read_bytes()
    assert Manifest.load(tmp_path / "c.txt") == other


@pytest.mark.parametrize(("text", "count"), [("10k", 10_000), ("1m", 1_000_000), ("250", 250)])
def test_sizes_read_as_message_counts(text: str, count: int) -> None:
    assert parse_count(text) == count


@pytest.mark.parametrize("text", ["ten", "1", "k"])
def test_a_size_that_is_not_a_count_is_refused(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        parse_count(text)
