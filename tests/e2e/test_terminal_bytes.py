"""What reader writes to a real terminal for a hostile transcript: no escape from the content."""

from __future__ import annotations

from tests.conftest import DATA
from tests.e2e.tmux import READER, Terminal, user_env

# Sequences the transcript holds; each would act on the terminal if it reached it.
FROM_THE_CONTENT = [
    b"\x1b]0;window title",  # OSC 0: the window title
    b"\x1b]0;pwned title",
    b"\x1b]52;c;ZWNobyBwd25lZA==",  # OSC 52: the clipboard
    b"\x1b]8;;https://evil.example",  # OSC 8: a hidden link
    b"\x1b[2J\x1b[H\x1b[10;10Hmoved",  # clear the screen, move the cursor
    b"\x1b[31mred",
    b"\x1b[5mblink",
    b"\x1b[8m",  # concealed text
    b"\xc2\x9b31m",  # C1 CSI, as UTF-8
    b"\xc2\x90",  # C1 DCS
]


def test_no_escape_sequence_from_a_hostile_transcript_reaches_the_terminal(tmp_path):
    recording = tmp_path / "terminal.bytes"
    term = Terminal(
        [str(READER), str(DATA / "hostile" / "ansi.txt")], 120, 40, user_env(tmp_path), delay=1
    )
    try:
        term.record(recording)
        screen = term.wait_for("␛]0;window title␇ title")
        assert "␛[31mred␛[0m text" in screen
        term.keys("G", "i")  # draw the rest, and the event information with the page title
        term.wait_for("Event information")
        term.keys("Escape", "q")
        term.wait_for(lambda s: "Event information" not in s and "␛" not in s)
    finally:
        term.close()
    written = recording.read_bytes()
    assert len(written) > 1000, "the recording holds what the app drew"
    assert "␛]0;window title".encode() in written  # the content was drawn, as symbols
    for sequence in FROM_THE_CONTENT:
        assert sequence not in written, sequence
