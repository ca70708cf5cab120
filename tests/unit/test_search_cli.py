"""`reader search`: grep-like output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from tests.conftest import PANEL_SAMPLE

SAMPLE = str(PANEL_SAMPLE)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=60
    )


def test_prints_each_matching_line_with_id_time_and_author(capsys):
    assert main(["search", SAMPLE, "trinidad"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    rennie = "Yep we in Trinidad need greater education on terrorism/radicalization/HVE"
    assert lines[0] == f" 76  12:07:10  Rennie: {rennie}"
    assert lines[1].startswith(" 76  12:07:10  Anne Speckhard (later insert): Rennie we’d be")
    assert [line[:3] for line in lines] == [" 76", " 76", " 79", " 80"]


def test_no_match_exits_1_with_no_output(capsys):
    assert main(["search", SAMPLE, "xylophone"]) == 1
    assert capsys.readouterr().out == ""


def test_json_lists_every_hit_with_the_match_in_its_line(capsys):
    assert main(["search", SAMPLE, "ISIS", "--json", "--author", "anne"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records and all(
        set(r) == {"id", "time", "author", "insert", "line", "start", "end"} for r in records
    )
    assert {r["author"] for r in records} == {"Anne Speckhard"}
    assert all(r["line"][r["start"] : r["end"]] == "ISIS" for r in records)
    assert {r["insert"] for r in records} == {None, 0}
    first = records[0]
    assert (first["id"], first["time"], first["insert"]) == (9, "11:17:52", 0)


def test_json_with_no_hits_is_an_empty_array_and_exit_1(capsys):
    assert main(["search", SAMPLE, "xylophone", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == []


def test_smart_case_and_its_overrides(capsys):
    def count(*options: str) -> int:
        main(["search", SAMPLE, *options, "--json"])
        return len(json.loads(capsys.readouterr().out))

    # The sample holds "Software" once and "software" four times.
    assert (count("software"), count("Software")) == (5, 1)
    assert count("Software", "--ignore-case") == 5
    assert count("software", "--case-sensitive") == 4


def test_regex_and_whole_word(capsys):
    assert main(["search", SAMPLE, r"^yes$", "--regex", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["author"]) for r in records] == [(3, "Moussa Al-Hassan Diaw (DERAD)")]
    main(["search", SAMPLE, "soft", "--json"])
    assert len(json.loads(capsys.readouterr().out)) == 5
    assert main(["search", SAMPLE, "soft", "--whole-word"]) == 1


def test_from_in_the_pattern_and_author_option_agree(capsys):
    main(["search", SAMPLE, 'from:"mike counts" software', "--json"])
    in_pattern = capsys.readouterr().out
    main(["search", SAMPLE, "software", "--author", "Mike Counts", "--json"])
    assert capsys.readouterr().out == in_pattern
    assert {r["id"] for r in json.loads(in_pattern)} == {2, 6, 7}


def test_several_matches_on_one_line_print_it_once(capsys):
    main(["search", SAMPLE, "software", "--author", "mike"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["2", "6", "7"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["(unclosed", "--regex"], "reader: invalid regex: missing ), unterminated subpattern"),
        (["", "--json"], "reader: the search pattern is empty"),
    ],
)
def test_bad_patterns_are_one_line_and_exit_2(args, message):
    result = run("search", SAMPLE, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_a_missing_file_is_one_line_and_exit_2(tmp_path: Path):
    result = run("search", str(tmp_path / "nope.txt"), "x")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"reader: {tmp_path / 'nope.txt'}: no such file\n"


def test_content_escapes_never_reach_the_output(tmp_path: Path):
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "Page\n\n10:00:01 From Eve\x1b]0;owned\x07 : look \x1b[31mred\x1b[0m \u202eevil\n"
        "10:00:02 From Bob : fine\n",
        encoding="utf-8",
    )
    result = run("search", str(chat), "red")
    assert result.returncode == 0
    assert result.stdout == "1  10:00:01  Eve␛]0;owned␇: look ␛[31mred␛[0m ⟨RLO⟩evil\n"
    as_json = run("search", str(chat), "red", "--json")
    assert "\x1b" not in as_json.stdout and "\u202e" not in as_json.stdout
    (record,) = json.loads(as_json.stdout)
    assert record["line"] == "look \x1b[31mred\x1b[0m \u202eevil"
    assert record["line"][record["start"] : record["end"]] == "red"
