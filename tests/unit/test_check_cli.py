"""`reader check` and `reader formats` as a user runs them: output and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.formats import FORMATS
from tests.conftest import PANEL_SAMPLE, SAMPLES

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.is_file())


def check(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def field(lines: list[str], name: str) -> str:
    return next(line.split(": ", 1)[1] for line in lines if line.startswith(f"{name}: "))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_every_sample_checks_clean(capsys, path):
    code, lines, _ = check(capsys, str(path))
    assert field(lines, "unplaced lines") == "0"
    assert code == 0


def test_check_reports_format_encoding_and_counts(capsys):
    code, lines, _ = check(capsys, str(SAMPLES / "zoom-chat-2023-multiline.txt"))
    assert code == 0
    assert field(lines, "format").startswith("zoom - ")
    assert field(lines, "encoding") == "utf-8"
    assert field(lines, "messages") == "27"
    assert field(lines, "participants") == "8"
    assert field(lines, "inserts") == "0"
    assert field(lines, "replies").endswith("(7 from the format)")
    assert field(lines, "reactions") == "11"


def test_check_on_the_panel_sample(capsys):
    code, lines, _ = check(capsys, str(PANEL_SAMPLE))
    assert code == 0
    assert field(lines, "format").startswith("panel - ")
    assert (field(lines, "messages"), field(lines, "inserts")) == ("120", "53")


BROKEN = (
    "10:00:01\t From Ana : Is the recording on?\n"  # 1
    "10:00:09 From Bo says yes\n"  # 2: a header without its colon
    '10:00:12\t From Cy : Reacted to "nothing like this" with 👍\n'  # 3: target not in the file
    "10:00:15\t From Bo : ok\n"  # 4
)


def test_check_lists_every_unplaced_line_with_its_number_and_exits_1(capsys, tmp_path: Path):
    path = tmp_path / "broken.txt"
    path.write_text(BROKEN, encoding="utf-8")
    code, lines, _ = check(capsys, str(path))
    assert code == 1
    assert field(lines, "format").startswith("zoom - ")
    assert field(lines, "unplaced lines") == "2"
    assert lines[-2:] == [
        "2: 10:00:09 From Bo says yes  (a message header that cannot be read)",
        '3: Reacted to "nothing like this" with 👍  '
        "(reaction to a message that is not in the file)",
    ]


def test_text_before_the_first_message_is_unplaced_in_the_zoom_format(capsys, tmp_path: Path):
    path = tmp_path / "saved.txt"
    path.write_text("Saved by Ana\n" + BROKEN, encoding="utf-8")
    # Detected, a title above the chat makes it a published page, whose preamble it is.
    assert check(capsys, str(path))[0] == 0
    code, lines, _ = check(capsys, str(path), "--format", "zoom")
    assert code == 1
    assert lines[-3] == "1: Saved by Ana  (text before the first message)"


def test_check_format_option_overrides_detection(capsys, tmp_path: Path):
    path = tmp_path / "chat.txt"
    path.write_text("10:00:01 Ana: hi\n10:00:05 Bo: hello\n", encoding="utf-8")
    assert field(check(capsys, str(path))[1], "format").startswith("zoom-pasted - ")
    code, lines, err = check(capsys, str(path), "--format", "zoom-recording")
    assert (code, lines) == (2, [])
    assert (
        "no messages found in the zoom-recording format" in err
    )  # no line is in that format: no messages


def test_check_says_when_bytes_were_decoded_as_cp1252_without_failing(capsys, tmp_path: Path):
    path = tmp_path / "old.txt"
    path.write_bytes("10:00:01\t From José : café\n".encode("cp1252"))
    code, lines, _ = check(capsys, str(path))
    assert code == 0
    assert field(lines, "encoding") == "cp1252"
    assert "note: not valid UTF-8: decoded as cp1252" in lines


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["missing.txt"], "no such file"),
        (["README.md"], "not a transcript in any known format"),
        ([str(PANEL_SAMPLE), "--format", "nope"], "unknown format 'nope'"),
    ],
)
def test_check_errors_are_one_line_and_exit_2(capsys, args, error):
    root = Path(__file__).resolve().parents[2]
    args = [str(root / a) if a.endswith(".md") else a for a in args]
    code, lines, err = check(capsys, *args)
    assert code == 2
    assert lines == []
    assert err.startswith("reader: ") and error in err and err.count("\n") == 1


def test_formats_lists_every_format_with_an_example(capsys):
    assert main(["formats"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) == 2 * len(FORMATS)
    for fmt, (title, example) in zip(
        FORMATS, zip(lines[::2], lines[1::2], strict=True), strict=True
    ):
        assert title.split()[0] == fmt.id and title.endswith(fmt.name)
        assert example.strip()
    assert "From Ana Ruiz to Everyone : Good morning, everyone!" in out
    assert "\t" not in out
