"""The headless twins: reader bookmarks / bookmark / unbookmark, export and import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.bookmarks import BookmarkStore
from tests.conftest import PANEL_SAMPLE
from tests.unit.bookmarks_helpers import chat, chat_line, chat_text

SAMPLE = str(PANEL_SAMPLE)


def run(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if data_dir is not None:
        env["READER_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=60, env=env
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 2, result
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("reader: ")
    assert expected in result.stderr, result.stderr


def stored_ids(panel) -> list[int]:
    with BookmarkStore.open() as store:
        return [bookmark.message_id for bookmark in store.bookmarks(panel)]


def test_bookmark_list_and_unbookmark(panel):
    added = run("bookmark", SAMPLE, "9", "--note", "ask Lisa's question again")
    assert added.returncode == 0, added.stderr
    assert (
        added.stdout
        == "bookmarked 9: 11:17:52 Dr. Lisa McConnell (note: ask Lisa's question again)\n"
    )
    assert run("bookmark", SAMPLE, "2").returncode == 0

    listed = run("bookmarks", SAMPLE)
    assert listed.returncode == 0 and listed.stderr == ""
    lines = listed.stdout.splitlines()
    assert lines[0].split(maxsplit=4)[:4] == ["2", "11:12:31", "Mike", "Counts"]
    assert lines[0].endswith("a guidebook for a whole way of life.")
    assert lines[1].split(maxsplit=4)[:2] == ["9", "11:17:52"]
    assert lines[2].strip() == "note: ask Lisa's question again"
    assert len(lines) == 3

    removed = run("unbookmark", SAMPLE, "2")
    assert (removed.returncode, removed.stdout) == (0, "removed the bookmark on 2\n")
    again = run("unbookmark", SAMPLE, "2")
    assert again.returncode == 1 and again.stderr == "reader: message 2 has no bookmark\n"
    assert stored_ids(panel) == [9]


def test_bookmark_changes_only_the_note_when_given(panel):
    run("bookmark", SAMPLE, "30", "--note", "first")
    run("bookmark", SAMPLE, "30")
    with BookmarkStore.open() as store:
        assert store.get(panel, 30).note == "first"
    run("bookmark", SAMPLE, "30", "--note", "")
    with BookmarkStore.open() as store:
        assert store.get(panel, 30).note == ""


def test_bookmarks_json(panel):
    run("bookmark", SAMPLE, "5", "--note", "hello")
    result = run("bookmarks", SAMPLE, "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["source"] == SAMPLE
    assert data["orphaned"] == []
    (bookmark,) = data["bookmarks"]
    assert {k: bookmark[k] for k in ("id", "time", "author", "text", "note")} == {
        "id": 5,
        "time": "11:14:36",
        "author": "Emanuel Banutai",
        "text": "hello to everyone from Slovenia",
        "note": "hello",
    }


def test_an_empty_list_says_so_on_stderr():
    result = run("bookmarks", SAMPLE)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "reader: no bookmarks in this transcript\n"


def test_notes_and_text_reach_the_terminal_as_visible_characters(tmp_path: Path):
    transcript = tmp_path / "hostile.txt"
    transcript.write_text(chat_text([chat_line(1, "\x1b]0;pwned\x07 title"), chat_line(2)]))
    assert (
        run("bookmark", str(transcript), "1", "--note", "\x1b[31mred[/] \u202egnp").returncode == 0
    )
    result = run("bookmarks", str(transcript))
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "␛]0;pwned␇ title" in result.stdout
    assert "note: ␛[31mred[/] ⟨RLO⟩gnp" in result.stdout


def test_an_orphaned_bookmark_is_reported(tmp_path: Path):
    transcript = tmp_path / "chat.txt"
    transcript.write_text(chat(5))
    run("bookmark", str(transcript), "3", "--note", "was here")
    transcript.write_text(chat(5).replace("message number 3", "message number three"))
    result = run("bookmarks", str(transcript), "--json")
    assert json.loads(result.stdout)["orphaned"][0]["text"] == "message number 3"
    assert (
        "1 kept bookmark(s) point at messages no longer" in run("bookmarks", str(transcript)).stderr
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("bookmark", SAMPLE, "121"),
            "message 121 does not exist (the transcript has 120 messages)",
        ),
        (("bookmark", SAMPLE, "0"), "message 0 does not exist"),
        (("bookmark", SAMPLE, "nine"), "'nine': not a message id (1 to 120)"),
        (("unbookmark", SAMPLE, "500"), "message 500 does not exist"),
        (("bookmark", "/no/such/file.txt", "1"), "no such file"),
        (("bookmarks",), "give a FILE"),
        (("bookmarks", SAMPLE, "--export", "x.json"), "give no FILE"),
        (("bookmarks", "--export", "a.json", "--import", "b.json"), "not both"),
    ],
)
def test_errors_are_one_line_exit_2_and_change_nothing(panel, args, expected):
    assert_one_line_error(run(*args), expected)
    assert stored_ids(panel) == []


def test_bookmark_fails_when_it_cannot_be_kept(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = run("bookmark", SAMPLE, "3", data_dir=blocker / "data")
    assert_one_line_error(result, "will not be kept")
    listed = run("bookmarks", SAMPLE, data_dir=blocker / "data")  # listing still works
    assert listed.returncode == 0 and "will not be kept" in listed.stderr


def test_export_then_import_elsewhere(tmp_path: Path, panel):
    small = tmp_path / "small.txt"
    small.write_text(chat(10))
    run("bookmark", SAMPLE, "44", "--note", "keep me")
    run("bookmark", str(small), "10")
    out = tmp_path / "backup.json"
    exported = run("bookmarks", "--export", str(out))
    assert exported.returncode == 0
    assert exported.stdout == f"exported 2 bookmark(s) of 2 transcript(s) to {out}\n"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(len(t["bookmarks"]) for t in data["transcripts"]) == [1, 1]

    elsewhere = tmp_path / "other-machine"
    imported = run("bookmarks", "--import", str(out), data_dir=elsewhere)
    assert imported.stdout == f"imported 2 new or changed bookmark(s) from {out}\n"
    listed = run("bookmarks", SAMPLE, "--json", data_dir=elsewhere)
    assert [(b["id"], b["note"]) for b in json.loads(listed.stdout)["bookmarks"]] == [
        (44, "keep me")
    ]
    assert (
        json.loads(run("bookmarks", str(small), "--json", data_dir=elsewhere).stdout)["bookmarks"][
            0
        ]["id"]
        == 10
    )


def test_export_keeps_an_existing_file_and_writes_nothing_into_a_missing_folder(tmp_path: Path):
    run("bookmark", SAMPLE, "1")
    out = tmp_path / "backup.json"
    out.write_text("older backup")
    assert_one_line_error(run("bookmarks", "--export", str(out)), "already exists")
    assert out.read_text() == "older backup"
    assert run("bookmarks", "--export", str(out), "--force").returncode == 0
    assert json.loads(out.read_text())["reader_bookmarks"] == 1
    missing = tmp_path / "missing" / "backup.json"
    assert_one_line_error(run("bookmarks", "--export", str(missing)), "no such folder")
    assert not missing.parent.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"reader_bookmarks": 1, "transcripts": [', "not valid JSON (line 1, column 41"),
        ("[1, 2, 3]", "not a bookmark export"),
        (b"\xff\xfe{}", "not UTF-8"),
        (
            '{"reader_bookmarks": 1, "transcripts": [{"fingerprint": 5}]}',
            "fingerprint must be text",
        ),
    ],
)
def test_a_bad_import_is_one_line_and_changes_nothing(tmp_path: Path, panel, content, expected):
    run("bookmark", SAMPLE, "7")
    bad = tmp_path / "bad.json"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content)
    assert_one_line_error(run("bookmarks", "--import", str(bad)), expected)
    assert stored_ids(panel) == [7]


def test_import_of_a_missing_file():
    assert_one_line_error(run("bookmarks", "--import", "/no/such/backup.json"), "no such file")
