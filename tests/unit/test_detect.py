"""Detection by content: every sample is read as its own format, and prose is refused."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
import textwrap

import pytest

from reader.decode import decode
from reader.errors import ReaderError
from reader.formats import detect, registry
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


def _returned_scores(function) -> list[float | None]:
    """The numbers a detect function returns (None for a return that is not a number)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    scores: list[float | None] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Return):
            value = node.value
            branches = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
            scores += [b.value if isinstance(b, ast.Constant) else None for b in branches]
    return scores


@pytest.mark.parametrize("home", registry.HOMES, ids=lambda home: f"{home.module}.{home.name}")
def test_the_registry_knows_each_formats_highest_score(home):
    """Detection skips a format whose highest score cannot beat the best so far: that number
    must be the highest its detect really returns, or a file could be read as the wrong format."""
    scores = _returned_scores(home.load().detect)
    assert None not in scores, "a computed score: give the format a ceiling of 1.0"
    assert max(scores) == home.ceiling


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_skipping_formats_that_cannot_win_picks_what_scoring_them_all_picks(path):
    head = decode(path.read_bytes()).text[: registry.DETECT_CHARS]
    best, best_score = None, 0.0
    for fmt in registry.all_formats():
        score = fmt.detect(head)
        if score > best_score:
            best, best_score = fmt, score
    assert detect(head) is best


def test_a_chat_log_with_inserts_is_detected_without_the_other_parsers():
    """The app's start: the other parsers' patterns are not compiled to tell a chat log."""
    code = (
        "import sys; from reader.formats import detect; "
        "text = open(sys.argv[1], encoding='utf-8').read(); "
        "assert detect(text).id == 'panel'; "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('reader.formats.'))))"
    )
    sample = next(p for p in SAMPLE_FILES if p.name.startswith("icsve-panel"))
    done = subprocess.run(
        [sys.executable, "-c", code, str(sample)], capture_output=True, text=True, check=True
    )
    loaded = set(done.stdout.split())
    assert "reader.formats.panel" in loaded
    assert not loaded & {"reader.formats.zoom", "reader.formats.whatsapp", "reader.formats.discord"}
