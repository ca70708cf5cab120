"""Detection by content: every sample is read as its own format, and prose is refused."""

from __future__ import annotations

import pytest

from reader.decode import decode
from reader.errors import ReaderError
from reader.formats import detect
from reader.loader import parse_bytes
from tests.conftest import SAMPLES

# The format each sample is written in, by the start of its file name.
EXPECTED = {
    "icsve-panel": "panel",
    "zoom-chat-": "zoom",
    "zoom-cloud-recording": "zoom-recording",
    "pasted-chat": "zoom-pasted",
    "team-meeting": "webvtt",
    "lecture": "srt",
    "irc-": "irc",
    "whatsapp-": "whatsapp",
    "reader-export": "reader-json",
}
SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.is_file())


def expected_format(name: str) -> str | None:
    return next((fmt for start, fmt in EXPECTED.items() if name.startswith(start)), None)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_every_sample_is_detected_as_a_format(path):
    found = detect(decode(path.read_bytes()).text)
    assert found is not None
    if expected_format(path.name):
        assert found.id == expected_format(path.name)


README = """# reader

Read chat and meeting transcripts in the terminal. Install it with pip, then run
`reader FILE`. Press ? for help: the keys are listed there, with the commands of the
palette. Note: bookmarks are kept in the data folder.

## Tests

Run the tests with pytest; the snapshot tests need a terminal of 120 columns.
"""

NOVEL = """CHAPTER IV

It was ten past nine when she came down to breakfast: the others had gone already.
At 9:15:00 precisely the clock in the hall struck, as it always did, a quarter late.
From the window she could see the road to the village, white with dust.

"You are late," said her aunt, without looking up. "The carriage left at eight."
Reply: silence. She poured her tea and said nothing at all for a long while.
"""


@pytest.mark.parametrize(
    "text",
    [README, NOVEL, "hello\n", "10:00:00\n" * 3],
    ids=["readme", "novel", "one-word", "bare-times"],
)
def test_prose_is_refused_with_a_clear_message(text):
    assert detect(text) is None
    with pytest.raises(ReaderError, match="not a transcript in any known format"):
        parse_bytes(text.encode(), source="notes.txt")


def test_a_zoom_chat_with_a_page_around_it_is_left_to_the_panel_format():
    text = "Our webinar, June 2020\n\n11:00:01\t From Ana : hi\n11:00:02\t From Bo : hello\n"
    assert detect(text).id == "panel"


def test_format_option_overrides_detection():
    text = "10:00:01\t From Ana : hi\n"
    assert parse_bytes(text.encode()).format == "zoom"
    assert parse_bytes(text.encode(), format_id="panel").format == "panel"
