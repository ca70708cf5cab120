"""Thread exports: golden files for the four formats, escaping of hostile text, the CLI.

Golden files live in tests/data/golden/; after a deliberate change of the output, regenerate
them with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_export_threads.py` and review the
diff before committing it.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from markdown_it import MarkdownIt

from reader.bookmarks import BookmarkStore
from reader.cli import main
from reader.errors import ReaderError
from reader.export.thread_markdown import escape
from reader.export.threads_export import THREAD_FORMATS, render_threads, safe_filename
from reader.loader import load, parse_bytes
from tests.conftest import DATA, PANEL_SAMPLE

GOLDEN = DATA / "golden"
SAMPLE = str(PANEL_SAMPLE)
# Gem's question and its reply (selected through the reply), Paul K's question with two replies
# (selected twice: one thread, two notes), a correction, and Lisa McConnell's message answered
# by name. Notes hold characters that are markup in every format.
SELECTION = [
    (33, "How long the study ran: *12 months* <see> [Webber](2018) & more"),
    (44, None),
    (46, "Both answer Paul K: #1 & #2"),
    (60, None),
    (96, "Agrees on the WHY; asks HOW."),
]


@pytest.mark.parametrize("fmt", THREAD_FORMATS)
def test_golden_file(panel, fmt):
    rendered = render_threads(panel, SELECTION, fmt).encode("utf-8")
    golden = GOLDEN / f"panel-threads.{fmt}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(rendered)
    assert rendered == golden.read_bytes()


def test_threads_hold_roots_replies_inserts_and_notes(panel):
    data = json.loads(render_threads(panel, SELECTION, "json"))
    assert data["source"] == {
        "file": "icsve-panel-2020-06-10.txt",
        "format": "panel",
        "sha256": panel.sha256,
    }
    threads = data["threads"]
    assert [t["root"]["id"] for t in threads] == [22, 39, 59, 85]
    paul = threads[1]
    assert paul["selected"] == [44, 46]
    assert paul["notes"] == ["Both answer Paul K: #1 & #2"]
    assert [r["message"]["id"] for r in paul["replies"]] == [44, 46]
    assert paul["replies"][0]["message"]["inserts"][0]["author"] == "Anne Speckhard"
    assert paul["replies"][0]["message"]["reply_reason"] == "marker"
    assert threads[3]["replies"][0]["message"]["mentions"] == ["Dr. Lisa McConnell"]


def test_header_cites_the_transcript_in_every_format(panel):
    for fmt in THREAD_FORMATS:
        text = render_threads(panel, SELECTION, fmt)
        assert panel.title in text
        assert "2020-06-10" in text
        assert "icsve-panel-2020-06-10.txt" in text
        assert panel.sha256[:12] in text


def test_inserts_are_marked_as_later_inserts_by_their_author(panel):
    text = render_threads(panel, [(22, None)], "txt")
    assert "-- later insert by Anne Speckhard:" in text
    assert "later insert by Anne Speckhard" in render_threads(panel, [(22, None)], "html")
    assert "*Later insert by Anne Speckhard:*" in render_threads(panel, [(22, None)], "md")


def test_the_sample_html_is_well_formed(panel):
    page = render_threads(panel, SELECTION, "html")
    root = ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))
    assert root.tag == "html"
    assert len(root.findall(".//section")) == 4
    assert "<script" not in page and "http" not in page  # no script, nothing fetched


# Hostile text -------------------------------------------------------------------------------

HOSTILE_LINES = [
    "<script>alert(1)</script>",
    '"><img src=x onerror="alert(1)">',
    "[click](javascript:alert(1)) ![img](http://evil.example/x.png)",
    "# not a heading",
    "> not a quote",
    "- not a list",
    "+ not a list either",
    "1. not numbered",
    "| not | a table |",
    "`code` **bold** _em_ ~~struck~~ &amp; &#60;",
    "bare https://evil.example/path and www.evil.example stay text",
    "--- not a rule",
    "\x1b[31mred\x1b[0m and \u202egnp.exe",
]


@pytest.fixture(scope="module")
def hostile():
    lines = [f"10:00:0{i}  From Mallory : {line}" for i, line in enumerate(HOSTILE_LINES[:10])]
    lines += [f"10:00:1{i}  From Mallory : {line}" for i, line in enumerate(HOSTILE_LINES[10:])]
    lines.append('10:01:00  From <b>Eve</b> "x" : @Mallory <b>bold</b> reply')
    text = "\n\n".join(lines) + "\n"
    return parse_bytes(text.encode("utf-8"), source="/tmp/<evil>&.txt")


def test_hostile_html_escapes_everything(hostile):
    selections = [(m.id, '<i>note</i> "quoted"') for m in hostile.messages]
    page = render_threads(hostile, selections, "html")
    root = ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))  # well-formed
    tags = {element.tag for element in root.iter()}
    assert tags <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "dl", "dt", "dd",
        "section", "h2", "div", "strong", "p", "br", "article", "span", "time", "aside",
    }  # fmt: skip
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "\x1b" not in page and "\u202e" not in page
    text = "".join(root.itertext())
    assert "<script>alert(1)</script>" in text
    assert '<i>note</i> "quoted"' in text
    assert "From <b>Eve</b>" not in text and '<b>Eve</b> "x"' in text


@pytest.mark.parametrize("line", HOSTILE_LINES[:-1])
def test_markdown_shows_hostile_text_as_text(line):
    """Rendered by a CommonMark parser (with GFM tables and strikethrough), the escaped line is
    one paragraph holding exactly the line: no link, image, heading, list, quote or code."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    rendered = parser.render(escape(line))
    assert rendered.startswith("<p>") and rendered.endswith("</p>\n")
    inner = rendered.removeprefix("<p>").removesuffix("</p>\n")
    assert "<" not in inner  # no element at all
    assert html.unescape(inner) == line


def test_markdown_bare_urls_are_no_links():
    escaped = escape("see https://evil.example and www.evil.example")
    assert "https://" not in escaped and "www." not in escaped


def test_hostile_markdown_export_has_no_markup_from_the_text(hostile):
    selections = [(m.id, None) for m in hostile.messages]
    rendered = MarkdownIt("commonmark").render(render_threads(hostile, selections, "md"))
    tags = set(re.findall(r"</?([a-z0-9]+)", rendered))
    # Only the export's own structure: header list, headings, quotes for replies and inserts.
    assert tags <= {"h1", "ul", "li", "h2", "p", "strong", "em", "blockquote"}
    assert "blockquote" in tags  # Eve's reply to Mallory
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered


def test_text_and_json_make_every_character_visible(hostile):
    selections = [(m.id, None) for m in hostile.messages]
    text = render_threads(hostile, selections, "txt")
    assert "\x1b" not in text and "\u202e" not in text
    assert "␛[31mred␛[0m" in text
    raw = render_threads(hostile, selections, "json")
    assert "\x1b" not in raw and "\u202e" not in raw
    data = json.loads(raw)
    texts = [t["root"]["text"] for t in data["threads"]]
    assert "\x1b[31mred\x1b[0m and \u202egnp.exe" in texts  # the data itself stays exact


# The API's errors and helpers ----------------------------------------------------------------


def test_unknown_format_and_missing_message_are_reader_errors(panel):
    with pytest.raises(ReaderError, match="unknown export format 'pdf'"):
        render_threads(panel, [(1, None)], "pdf")
    with pytest.raises(ReaderError, match="message 121 does not exist"):
        render_threads(panel, [(1, None), (121, None)], "md")
    with pytest.raises(ReaderError, match="no threads to export"):
        render_threads(panel, [], "md")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Can an ISIS Terrorist be Rehabilitated and Reintegrated into Society?",
            "Can-an-ISIS-Terrorist-be-Rehabilitated-and-Reintegrated-into-Society",
        ),
        ("../../etc/passwd", "etc-passwd"),
        ('a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j"),
        ("  .hidden  ", "hidden"),
        ("Réunion à Zürich", "Réunion-à-Zürich"),
        ("CON", "CON-threads"),
        ("???", "threads"),
        ("", "threads"),
        ("x" * 300, "x" * 80),
    ],
)
def test_safe_filename(title, expected):
    assert safe_filename(title) == expected


# The command line ---------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, timeout=60
    )


def test_cli_thread_writes_the_same_as_the_api(panel, tmp_path):
    out = tmp_path / "gem.md"
    args = ["export", SAMPLE, "--thread", "33", "--thread", "60", "--format", "md", "-o", str(out)]
    assert main(args) == 0
    assert out.read_text(encoding="utf-8") == render_threads(panel, [(33, None), (60, None)], "md")


def test_cli_thread_to_stdout(panel, capsys):
    assert main(["export", SAMPLE, "--thread", "46", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["threads"][0]["root"]["author"] == "Paul K"


def test_cli_output_folder_gets_a_name_from_the_title(tmp_path):
    assert main(["export", SAMPLE, "--thread", "22", "--format", "html", "-o", str(tmp_path)]) == 0
    name = "Can-an-ISIS-Terrorist-be-Rehabilitated-and-Reintegrated-into-Society-threads.html"
    assert (tmp_path / name).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_keeps_an_existing_file_without_force(tmp_path):
    out = tmp_path / "kept.txt"
    out.write_text("mine")
    result = run("export", SAMPLE, "--thread", "22", "--format", "txt", "-o", str(out))
    assert result.returncode == 2
    assert result.stderr == f"reader: {out}: already exists (use --force to overwrite)\n"
    assert out.read_text() == "mine"
    forced = run("export", SAMPLE, "--thread", "22", "--format", "txt", "-o", str(out), "--force")
    assert forced.returncode == 0
    assert out.read_text(encoding="utf-8").startswith("Threads from: Can an ISIS")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--thread", "999", "--format", "md"], "message 999 does not exist"),
        (["--thread", "x", "--format", "md"], "--thread 'x': not a message id"),
        (["--thread", "3", "--format", "pdf"], "unknown export format 'pdf'"),
        (["--format", "md"], "--format md exports threads: add --bookmarked or --thread ID"),
        (["--bookmarked", "--format", "md"], "no bookmarks to export"),
    ],
)
def test_cli_errors_are_one_line_exit_2_and_write_nothing(tmp_path, args, message):
    folder = tmp_path / "exports"
    folder.mkdir()
    result = run("export", SAMPLE, *args, "-o", str(folder / "out.md"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("reader: ")
    assert message in result.stderr
    assert list(folder.iterdir()) == []


def test_cli_unwritable_folder_is_one_line_exit_2(tmp_path):
    result = run("export", SAMPLE, "--thread", "3", "--format", "md", "-o", str(tmp_path / "no/x"))
    assert (result.returncode, result.stderr) == (2, f"reader: {tmp_path / 'no'}: no such folder\n")


def test_cli_bookmarked_exports_each_bookmark_thread_with_its_note(tmp_path):
    transcript = load(PANEL_SAMPLE)
    with BookmarkStore.open() as store:
        store.set(transcript, 92, "Laplume thread")
        store.set(transcript, 26)
    out = tmp_path / "bookmarks.json"
    assert main(["export", SAMPLE, "--bookmarked", "--format", "json", "-o", str(out)]) == 0
    threads = json.loads(out.read_text(encoding="utf-8"))["threads"]
    assert [(t["root"]["id"], t["selected"], t["notes"]) for t in threads] == [
        (25, [26], []),
        (89, [92], ["Laplume thread"]),
    ]


def test_cli_whole_transcript_json_is_unchanged(capsys):
    assert main(["export", SAMPLE]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["messages"]) == 120
    assert data["messages"][32]["reply_to"] == 22
    assert data["messages"][32]["mentions"] == ["Gem"]
