"""The command line: JSON export, stats, and one-line errors with exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from tests.conftest import PANEL_SAMPLE


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=60
    )


def test_export_json_to_stdout_follows_the_contract(capsys):
    assert main(["export", str(PANEL_SAMPLE), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reader_format"] == 1
    assert data["source"]["format"] == "panel"
    assert len(data["source"]["sha256"]) == 64
    assert data["title"] == "Can an ISIS Terrorist be Rehabilitated and Reintegrated into Society?"
    assert data["date"] == "2020-06-10"
    assert len(data["messages"]) == 120
    assert len(data["participants"]) == 47
    assert sum(len(m["inserts"]) for m in data["messages"]) == 53
    first = data["messages"][0]
    assert set(first) == {
        "id", "time", "author", "to", "text", "inserts", "reply_to", "mentions", "reactions",
        "reply_reason", "date", "kind",
    }  # fmt: skip
    assert first["kind"] == "message"
    assert (first["id"], first["time"], first["author"]) == (1, "11:11:21", "felix opondo")
    assert first["to"] is None and first["reactions"] == []


def test_export_json_to_a_file(tmp_path: Path):
    out = tmp_path / "out.json"
    assert main(["export", str(PANEL_SAMPLE), "--format", "json", "-o", str(out)]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["messages"]) == 120


def test_export_refuses_to_overwrite(tmp_path: Path, capsys):
    out = tmp_path / "out.json"
    out.write_text("keep me")
    assert main(["export", str(PANEL_SAMPLE), "-o", str(out)]) == 2
    assert out.read_text() == "keep me"
    assert "already exists" in capsys.readouterr().err
    assert main(["export", str(PANEL_SAMPLE), "-o", str(out), "--force"]) == 0
    assert out.read_text().startswith("{")


def test_stats_lists_participants_with_counts():
    result = run("stats", str(PANEL_SAMPLE))
    assert result.returncode == 0
    anne = next(line for line in result.stdout.splitlines() if "Anne Speckhard" in line)
    assert [cell.strip() for cell in anne.split("│")][1:4] == ["Anne Speckhard", "6", "53"]
    assert "120 messages, 47 participants, 53 later inserts" in result.stdout


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("reader ")


@pytest.mark.parametrize("command", ["export", "stats"])
def test_errors_are_one_line_and_exit_2(tmp_path: Path, command):
    not_a_transcript = tmp_path / "notes.txt"
    not_a_transcript.write_text("Just some notes.\nNothing to see here.\n")
    unreadable = tmp_path / "secret.txt"
    unreadable.write_text("10:00:00 From A : hi\n")
    unreadable.chmod(0)
    cases = {
        str(tmp_path / "missing.txt"): "no such file",
        str(tmp_path): "is a directory",
        str(not_a_transcript): "not a transcript",
    }
    if os.geteuid() != 0:  # root reads anything
        cases[str(unreadable)] = "permission denied"
    for path, expected in cases.items():
        result = run(command, path)
        assert result.returncode == 2, (path, result.stderr)
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and expected in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_the_command_names_are_the_registered_subcommands():
    """`reader FILE` is told from `reader COMMAND` by this list: it must not drift."""
    from reader.cli import COMMAND_NAMES, build_parser

    parser = build_parser()
    registered = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(COMMAND_NAMES) == set(registered)
