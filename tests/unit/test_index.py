"""The message index gives what the full parse gives: messages, participants, search hits."""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
import sys
import threading
import time
import types
from pathlib import Path

import pytest

from reader.activity import message_seconds
from reader.errors import ReaderError
from reader.index import IndexFallback, find_process, open_indexed, scan_process, search_indexed
from reader.index import indexed as indexed_module
from reader.index import scan as scan_module
from reader.index.raw_search import raw_pattern
from reader.index.size_classes import size_class
from reader.index.utf8 import DIGITS_END, IGNORECASE_EXTRAS, SPACES_END
from reader.loader import load
from reader.search import parse_query, search_all
from tests.conftest import PANEL_SAMPLE, SAMPLES, load_generator

GENERATED_MESSAGES = 20_000
SMALL_CHUNK = 64 * 1024  # many chunks, so that chunk edges are crossed often


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("index") / "chat.txt"
    load_generator().write_transcript(path, GENERATED_MESSAGES, seed=7)
    return path


@pytest.fixture(scope="module")
def generated_full(generated: Path):
    return load(generated)


SPLITS = ["whole", "spawned", *(["forked"] if scan_process.FORKS else [])]


def _split(monkeypatch, split: str) -> None:
    """Scan a file whole, or in two parts: the second by a helper of its own or a fork."""
    if split != "whole":
        monkeypatch.setattr(scan_module, "SPLIT_MIN_BYTES", 0)
        monkeypatch.setattr(indexed_module.os, "cpu_count", lambda: 2)
        monkeypatch.setattr(indexed_module, "FORKS", split == "forked")


def _indexed(path: Path, chunk_bytes: int = SMALL_CHUNK, early=None):
    indexed = open_indexed(path, min_size=0, early=early)
    assert indexed is not None
    # A helper reports after each chunk, and lets go of what it sent each time.
    assert indexed.scan(chunk_bytes=chunk_bytes, report_every=0)
    return indexed


def _without_replies(message):
    """The index does not link replies (out of scope at a million messages)."""
    return dataclasses.replace(message, reply_to=None, reply_reason=None, mentions=())


def _assert_same_transcript(indexed, full) -> None:
    indexed.file_hash()  # worked out when first asked for
    transcript = indexed.transcript()
    assert len(transcript.messages) == len(full.messages)
    assert list(transcript.messages) == [_without_replies(m) for m in full.messages]
    for name in ("title", "date", "preamble", "epilogue", "participants", "warnings", "sha256"):
        assert getattr(transcript, name) == getattr(full, name), name
    assert transcript.format == full.format and transcript.encoding == full.encoding
    # What the chat pane guesses heights from: each message's size, in its class.
    state = indexed.state
    sizes = [state.end_of(i) - state.offsets[i] for i in range(len(state.offsets))]
    everything = range(len(sizes))
    assert list(indexed.size_classes(everything)) == [size_class(size) for size in sizes]


@pytest.mark.parametrize("chunk_bytes", [SMALL_CHUNK, 1024])
def test_the_sample_indexes_as_it_parses(panel, chunk_bytes):
    with _indexed(PANEL_SAMPLE, chunk_bytes) as indexed:
        _assert_same_transcript(indexed, panel)
        assert len(indexed.participants) == 47
        assert sum(len(m.inserts) for m in indexed.messages) == 53


def test_a_generated_transcript_indexes_as_it_parses(generated, generated_full):
    with _indexed(generated) as indexed:
        _assert_same_transcript(indexed, generated_full)


def test_the_first_screen_comes_before_the_scan(generated, generated_full):
    with open_indexed(generated, min_size=0) as indexed:
        head = indexed.head
        assert 0 < len(head.messages) < GENERATED_MESSAGES
        assert list(head.messages) == [
            _without_replies(m) for m in generated_full.messages[: len(head.messages)]
        ]
        assert head.title == generated_full.title
        assert len(indexed.messages) == 0 and not indexed.done


def test_progress_is_reported_and_the_scan_can_be_cancelled(generated):
    reports: list[tuple[int, int]] = []
    with open_indexed(generated, min_size=0) as indexed:
        finished = indexed.scan(
            lambda done, total: reports.append((done, total)),
            lambda: len(reports) >= 3,
            chunk_bytes=SMALL_CHUNK,
            report_every=0,  # a report after each chunk
        )
        assert not finished and not indexed.done
        assert len(reports) == 3
        assert reports[0][0] < reports[1][0] < reports[2][0] < reports[2][1]
        assert reports[2][1] == generated.stat().st_size
        assert 0 < len(indexed.messages) < GENERATED_MESSAGES
        # What is indexed so far is already right.
        assert indexed.messages[len(indexed.messages) - 1].id == len(indexed.messages)


def test_messages_can_be_sliced_and_indexed_from_the_end(generated, generated_full):
    with _indexed(generated) as indexed:
        messages = indexed.messages
        assert messages[-1] == _without_replies(generated_full.messages[-1])
        assert messages[10:13] == [_without_replies(m) for m in generated_full.messages[10:13]]
        with pytest.raises(IndexError):
            messages[GENERATED_MESSAGES]


QUERIES = [
    {"text": "the"},
    {"text": "The"},
    {"text": "isis"},
    {"text": "thank", "whole_word": True},
    {"text": r"\bre\w+ion", "regex": True},
    {"text": "from:anne"},
    {"text": 'from:"Anne Speckhard" question'},
    {"text": "müller"},
    {"text": "Ça"},
    {"text": "(later insert)"},
]


@pytest.mark.parametrize("query", QUERIES, ids=[q["text"] for q in QUERIES])
def test_search_finds_what_the_full_search_finds(query, generated, generated_full, panel):
    parsed = parse_query(**query)
    for path, full in ((generated, generated_full), (PANEL_SAMPLE, panel)):
        with _indexed(path) as indexed:
            hits = [hit for batch in search_indexed(indexed, parsed) for hit in batch]
        assert hits == search_all(full.messages, parsed)


@pytest.mark.parametrize("query", QUERIES[:6], ids=[q["text"] for q in QUERIES[:6]])
def test_helper_processes_find_what_the_thread_finds(query, generated, monkeypatch):
    """The raw search split between helper processes (as for a big file) loses and adds
    nothing, in order, however the file is shared out."""
    parsed = parse_query(**query)
    with _indexed(generated) as indexed:
        alone = [hit for batch in search_indexed(indexed, parsed) for hit in batch]
        monkeypatch.setattr(find_process, "PROCESS_MIN_BYTES", 0)
        monkeypatch.setattr(find_process.os, "cpu_count", lambda: 3)
        shared = [hit for batch in search_indexed(indexed, parsed) for hit in batch]
    assert alone and shared == alone


def test_a_search_helper_that_dies_leaves_its_share_to_the_thread(generated, monkeypatch):
    parsed = parse_query("thank")
    with _indexed(generated) as indexed:
        alone = [hit for batch in search_indexed(indexed, parsed) for hit in batch]
        monkeypatch.setattr(find_process, "PROCESS_MIN_BYTES", 0)
        monkeypatch.setattr(find_process.sys, "executable", "/nonexistent/python")
        shared = [hit for batch in search_indexed(indexed, parsed) for hit in batch]
    assert shared == alone


def test_a_search_helper_that_stops_midway_leaves_the_rest_to_the_thread(generated, monkeypatch):
    parsed = parse_query("thank")
    real_results = find_process._results
    resumed_at: list[tuple[int, range]] = []

    def cut_short(process, part):
        # A helper reports after each megabyte: it "dies" after its first report.
        for done, found in itertools.islice(real_results(process, part), 1):
            resumed_at.append((done, part))
            yield done, found

    with _indexed(generated) as indexed:
        alone = [hit for batch in search_indexed(indexed, parsed) for hit in batch]
        monkeypatch.setattr(find_process, "PROCESS_MIN_BYTES", 0)
        monkeypatch.setattr(find_process, "_results", cut_short)
        shared = [hit for batch in search_indexed(indexed, parsed) for hit in batch]
    assert shared == alone
    assert resumed_at and all(part.start < done < part.stop for done, part in resumed_at)


@pytest.fixture
def two_search_helpers(monkeypatch):
    """Searches of any size go to two helper processes."""
    monkeypatch.setattr(find_process, "PROCESS_MIN_BYTES", 0)
    monkeypatch.setattr(find_process.os, "cpu_count", lambda: 2)


@pytest.mark.usefixtures("two_search_helpers")
def test_helpers_started_when_the_search_box_opens_serve_the_next_search(generated):
    parsed = parse_query("thank")
    with _indexed(generated) as indexed:
        cold = [hit for batch in search_indexed(indexed, parsed) for hit in batch]
        indexed.prepare_search()
        waiting = [helper.process for helper in indexed.search_helpers._ready]
        assert len(waiting) == 2 and all(process.poll() is None for process in waiting)
        indexed.prepare_search()  # again: the same helpers, with the same shares, wait on
        assert [helper.process for helper in indexed.search_helpers._ready] == waiting
        warm = [hit for batch in search_indexed(indexed, parsed) for hit in batch]
        assert warm == cold and warm
        assert indexed.search_helpers._ready == []  # each serves one search
        assert all(process.wait(timeout=5) is not None for process in waiting)
        indexed.prepare_search()
        unused = [helper.process for helper in indexed.search_helpers._ready]
    # Closing the file ends the helpers still waiting for a job.
    assert all(process.wait(timeout=5) is not None for process in unused)


@pytest.mark.usefixtures("two_search_helpers")
def test_waiting_helpers_given_other_shares_are_replaced(generated):
    # The search box opened while the index still grew: the waiting helpers hold shares of
    # fewer messages than the search covers, so the search starts new ones.
    parsed = parse_query("thank")
    with _indexed(generated) as indexed:
        expected = [hit for batch in search_indexed(indexed, parsed) for hit in batch]
        state = indexed.state
        helpers = indexed.search_helpers
        helpers.warm(indexed.path, state.offsets, state.end_of, range(state.published // 2))
        stale = [helper.process for helper in helpers._ready]
        found = [hit for batch in search_indexed(indexed, parsed) for hit in batch]
    assert found == expected
    assert all(process.wait(timeout=5) is not None for process in stale)


def test_the_last_messages_word_is_found_once(generated, generated_full):
    word = re.search(r"on (\w+) before we close", generated_full.messages[-1].text)[1]
    with _indexed(generated) as indexed:
        hits = [hit for batch in search_indexed(indexed, parse_query(word)) for hit in batch]
    assert [hit.message_id for hit in hits] == [GENERATED_MESSAGES]


def test_the_participant_filter_matches_the_full_list(generated, generated_full):
    with _indexed(generated) as indexed:
        people = [p.name for p in indexed.participants[:3]]
        view = indexed.view_for_authors(people)
        assert view == [i for i, m in enumerate(generated_full.messages) if m.author in people]
        assert [indexed.author_of(i) for i in view[:50]] == [
            generated_full.messages[i].author for i in view[:50]
        ]
        parsed = parse_query("the")
        hits = [h for batch in search_indexed(indexed, parsed, authors=set(people)) for h in batch]
        assert hits == search_all(generated_full.messages, parsed, authors=set(people))


def test_jump_to_time_finds_the_first_message_at_or_after_it(generated_full, generated):
    target = generated_full.messages[5000].time
    hours, minutes, seconds = (int(part) for part in target.split(":"))
    with _indexed(generated) as indexed:
        found = indexed.index_at_time(hours * 3600 + minutes * 60 + seconds)
    assert generated_full.messages[found].time == target
    assert all(m.time < target for m in generated_full.messages[:found])


@pytest.mark.parametrize(
    "odd_time",
    ["9:05:07", "\u0661\u0660:\u0660\u0665:\u0660\u0667", "23:59:59"],
    ids=["one-digit-hour", "arabic-indic-digits", "all-two-digit"],
)
def test_each_messages_time_is_indexed_as_the_parse_reads_it(tmp_path, odd_time):
    """Times are worked out a chunk at a time; a chunk with a time in another form (a one-digit
    hour, another script's digits) must still give each message its own seconds."""
    lines = ["Page", ""]
    for n in range(3000):
        time = odd_time if n % 997 == 500 else f"{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}"
        lines += [f"{time}  From Ann : message {n}", ""]
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    full = load(path)
    with _indexed(path) as indexed:
        times = indexed.state.times
        assert list(times) == list(message_seconds(full.messages))
    assert len(set(times)) > 2000  # the times differ, so a wrong one cannot pass unseen


def test_a_first_message_longer_than_the_head_still_opens_from_the_start(tmp_path):
    """The first screen comes from a short head of the file; a first message longer than that
    (a pasted document) is taken from more of it, not sent to the slow full parse."""
    long_text = " ".join(f"word{n}" for n in range(12_000))  # about 100 KB
    lines = ["Page", "", f"10:00:00  From Ann : {long_text}", ""]
    lines += [
        f"{10 + n // 3600}:{n // 60 % 60:02d}:{n % 60:02d}  From Bo : reply {n}"
        for n in range(1, 40_000)
    ]
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    full = load(path)
    with open_indexed(path, min_size=0) as indexed:
        assert indexed is not None
        assert indexed.head.messages[0].text == long_text
        assert indexed.scan(chunk_bytes=SMALL_CHUNK)
        _assert_same_transcript(indexed, full)


def test_people_first_seen_in_an_insert_keep_their_place_after_many_reports(tmp_path):
    """A helper lets go of what it has reported; someone first named in an insert far into
    the file still comes in the participants where the full parse puts them."""
    lines = ["Chat Log:", ""]
    for n in range(300):
        lines += [f"10:{n // 60:02d}:{n % 60:02d}\u00a0 From Person {n % 200} : message {n}", ""]
        if n in (150, 250, 280):
            lines += [f"Late {n} \u2013 (later insert) an answer", ""]
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    with _indexed(path, chunk_bytes=1024) as indexed:
        _assert_same_transcript(indexed, load(path))


def test_other_formats_and_small_files_are_left_to_the_full_parse(tmp_path):
    assert open_indexed(SAMPLES / "team-meeting.vtt", min_size=0) is None
    assert open_indexed(PANEL_SAMPLE) is None  # under the default size
    assert open_indexed(tmp_path / "missing.txt") is None
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(PANEL_SAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    assert open_indexed(crlf, min_size=0) is None


def test_cr_line_endings_after_the_start_send_the_file_to_the_full_parse(tmp_path):
    data = PANEL_SAMPLE.read_bytes()
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(data + b"\n" * 2_000_000 + b"12:00:00\xc2\xa0 From Ana : late\r\n")
    with open_indexed(mixed, min_size=0) as indexed, pytest.raises(IndexFallback):
        indexed.scan()


def test_a_bom_is_skipped(tmp_path, panel):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + PANEL_SAMPLE.read_bytes())
    full = load(path)
    with _indexed(path) as indexed:
        _assert_same_transcript(indexed, full)
    assert full.encoding == "utf-8-sig"


def test_the_byte_patterns_know_every_digit_space_and_case_folding():
    top = sys.maxunicode + 1
    assert all(not chr(c).isdecimal() for c in range(DIGITS_END, top))
    assert all(not chr(c).isspace() for c in range(SPACES_END, top))
    letters = re.compile("[a-z]", re.IGNORECASE)
    extras = {chr(c) for c in range(128, top) if letters.fullmatch(chr(c))}
    assert extras == set("".join(IGNORECASE_EXTRAS.values()))
    for letter, chars in IGNORECASE_EXTRAS.items():
        assert all(re.fullmatch(letter, char, re.IGNORECASE) for char in chars)


def test_a_word_ignoring_case_still_finds_letters_that_fold_to_it(tmp_path):
    # "ſ" (long s) and "K" (Kelvin sign) match "s" and "k" when case is ignored: the fast
    # lower-and-find path must not lose the messages that hold them.
    lines = ["Page", ""]
    for n in range(300):
        text = "a Meſſage about \u212aites" if n == 150 else f"plain message {n} about kites"
        lines += [f"10:{n // 60:02d}:{n % 60:02d}  From Ann : {text}", ""]
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    full = load(path)
    with _indexed(path) as indexed:
        for word in ("message", "kites", "MESSAGE", "about"):
            query = parse_query(word)
            found = [hit for batch in search_indexed(indexed, query) for hit in batch]
            assert found == search_all(full.messages, query), word


def test_a_word_with_a_run_of_digits_is_found_in_any_case_around_them(tmp_path):
    # "ab12345" is looked for by its digits in the raw bytes, then checked whole: mixed case and
    # a letter that folds to "s" around the digits are found, the digits alone are not a hit.
    texts = {
        40: "code AB12345 sent",
        80: "code aB12345x",
        120: "ſs12345 folded",
        160: "12345 alone",
    }
    lines = ["Page", ""]
    for n in range(200):
        text = texts.get(n, f"plain message {n}")
        lines += [f"10:{n // 60:02d}:{n % 60:02d}  From Ann : {text}", ""]
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    full = load(path)
    assert raw_pattern(parse_query("ab12345")).caseless
    with _indexed(path) as indexed:
        for word in ("ab12345", "ss12345", "12345 sent", "b1234"):
            query = parse_query(word)
            found = [hit for batch in search_indexed(indexed, query) for hit in batch]
            assert found == search_all(full.messages, query), word
            assert found, word
        query = parse_query("ab12345")
        hits = [hit for batch in search_indexed(indexed, query) for hit in batch]
    assert [hit.message_id for hit in hits] == [41, 81]


@pytest.mark.parametrize("split", SPLITS)
def test_size_classes_give_each_messages_size_for_any_view(generated, monkeypatch, split):
    """What the chat pane guesses heights from: each message's size, in its class."""
    _split(monkeypatch, split)
    indexed = _indexed(generated)
    state = indexed.state
    lengths = [state.end_of(i) - state.offsets[i] for i in range(len(state.offsets))]
    classes = [size_class(length) for length in lengths]
    everything = range(len(lengths))
    assert list(indexed.size_classes(everything)) == classes
    assert list(indexed.size_classes(range(5, 50))) == classes[5:50]
    some = [1, 7, 99, len(lengths) // 2, len(lengths) - 1]
    assert list(indexed.size_classes(some)) == [classes[i] for i in some]
    # Messages the scan has not reached yet have no size.
    assert list(indexed.size_classes(range(len(lengths), len(lengths) + 3))) == [0, 0, 0]


@pytest.mark.parametrize("split", SPLITS)
def test_the_scan_in_its_own_process_reports_errors_as_the_thread_scan_does(
    tmp_path, generated, monkeypatch, split
):
    _split(monkeypatch, split)
    text = generated.read_bytes()  # long enough that the damage lies past the file's start
    binary = tmp_path / "binary.txt"
    binary.write_bytes(text + b"\x00" * 10 + b"\n")
    with open_indexed(binary, min_size=0) as indexed, pytest.raises(ReaderError, match="binary"):
        indexed.scan()
    cr = tmp_path / "cr.txt"
    cr.write_bytes(text + b"\r\n" + text[:1000])
    with open_indexed(cr, min_size=0) as indexed, pytest.raises(IndexFallback):
        indexed.scan()


def _split_at(line_number: int, path: Path) -> int:
    """The byte offset where a 1-based line starts."""
    data = path.read_bytes()
    offset = 0
    for _ in range(line_number - 1):
        offset = data.index(b"\n", offset) + 1
    return offset


# Lines of the sample to cut it at: the first message, a header, an insert under it, the lines
# just before and after the epilogue's heading, inside the epilogue, the last line.
SAMPLE_CUTS = (12, 40, 41, 43, 120, 200, 300, 364, 366, 367, 380, 392)


@pytest.mark.parametrize("line", SAMPLE_CUTS)
def test_a_file_scanned_in_two_parts_indexes_as_it_parses(line, panel, monkeypatch):
    """Two helpers scan the two halves of a big file at once; wherever the cut falls (inside a
    message, under its inserts, in the epilogue), the index is the full parse's."""
    middle = _split_at(line, Path(PANEL_SAMPLE))
    monkeypatch.setattr(indexed_module.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(indexed_module.IndexedTranscript, "_split_line", lambda self: middle)
    with _indexed(PANEL_SAMPLE) as indexed:
        _assert_same_transcript(indexed, panel)


@pytest.mark.parametrize("forks", [True, False] if scan_process.FORKS else [False])
def test_a_big_generated_file_in_two_parts_indexes_as_it_parses(
    generated, generated_full, monkeypatch, forks
):
    """The second part is scanned by a copy the first helper forks, or (where processes are
    not forked) by a helper of its own."""
    monkeypatch.setattr(scan_module, "SPLIT_MIN_BYTES", 0)
    monkeypatch.setattr(indexed_module.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(indexed_module, "FORKS", forks)
    helpers = []
    real_start = indexed_module.ScanProcess.start

    def start(*args, **kwargs):
        helpers.append(real_start(*args, **kwargs))
        return helpers[-1]

    merges = []

    class Merge(indexed_module.SecondPart):
        def __init__(self, *args):
            super().__init__(*args)
            merges.append(self)

    monkeypatch.setattr(indexed_module.ScanProcess, "start", start)
    monkeypatch.setattr(indexed_module, "SecondPart", Merge)
    with _indexed(generated) as indexed:
        # The helpers have ended (a forked copy before the helper that waits for it).
        assert all(helper._process.poll() is not None for helper in helpers)
        # A forked copy starts from the names the first part has met (over a hundred in its
        # first chunk): their ids need no renumbering.
        [merge] = merges
        assert (merge.same_ids > 100) == forks
        # Two parts, end to end; a forked copy's starts where the first helper chose.
        first, second = helpers if len(helpers) == 2 else (helpers[0], helpers[0].then)
        assert first.start == 0 and first.end == second.start and second.end == indexed.size
        assert 0 < second.start < indexed.size
        assert generated.read_bytes()[second.start - 1 : second.start] == b"\n"
        _assert_same_transcript(indexed, generated_full)
        for name in ("Anne Speckhard", generated_full.participants[-1].name):
            expected = [m.id - 1 for m in generated_full.messages if m.author == name]
            assert indexed.view_for_authors([name]) == expected
        assert [indexed.transcript().messages[i].line for i in (0, 9_999, 10_000, 19_999)] == [
            generated_full.messages[i].line for i in (0, 9_999, 10_000, 19_999)
        ]


@pytest.mark.parametrize(
    ("split", "cut"),
    [(split, 2000) for split in SPLITS[1:]] + ([("forked", None)] if scan_process.FORKS else []),
)
def test_a_first_part_done_before_the_second_is_asked_for(panel, monkeypatch, split, cut):
    """The second part starts with `scan`, once the app is up; by then a small first part
    may be scanned already, and its helper waits for the word. A helper that chooses where
    the second part starts (cut None) has then scanned it all: its copy scans nothing."""
    _split(monkeypatch, split)
    if cut is not None:
        monkeypatch.setattr(indexed_module.IndexedTranscript, "_split_line", lambda self: cut)
    with open_indexed(PANEL_SAMPLE, min_size=0) as indexed:
        indexed.begin()
        time.sleep(2)  # the first helper starts in a third of a second
        assert indexed.scan()
        _assert_same_transcript(indexed, panel)


@pytest.mark.parametrize("split", SPLITS)
def test_helpers_end_when_the_file_is_closed_before_its_scan(generated, monkeypatch, split):
    _split(monkeypatch, split)
    indexed = open_indexed(generated, min_size=0)
    assert indexed is not None
    indexed.begin()
    # One helper until the scan: the second part's starts with it.
    helpers = [scan._process for scan in indexed._processes if scan._process is not None]
    assert len(helpers) == 1
    indexed.close()
    assert all(helper.poll() is not None for helper in helpers)


EARLY = pytest.mark.skipif(not scan_process.FORKS, reason="helpers start early where they fork")


def _early(monkeypatch, path: Path) -> scan_process.ScanProcess:
    """A helper started as `reader FILE` starts it, for a file of any size, in two parts."""
    monkeypatch.setattr(scan_process, "DEFAULT_MIN_SIZE", 0)
    _split(monkeypatch, "forked")
    early = scan_process.scan_early(str(path))
    assert early is not None and early.then is not None
    return early


@EARLY
def test_a_helper_started_before_the_file_is_opened_is_taken_on(
    generated, generated_full, monkeypatch
):
    """`reader FILE` starts the scan's helper before it loads anything else (scan_early):
    the index takes it on instead of starting another."""
    early = _early(monkeypatch, generated)
    started = []
    monkeypatch.setattr(indexed_module.ScanProcess, "start", lambda *a, **k: started.append(a))
    with open_indexed(generated, min_size=0, early=early) as indexed:
        assert indexed.scan()
        assert started == []
        _assert_same_transcript(indexed, generated_full)
    assert early._process.poll() is not None


@EARLY
def test_a_helper_started_early_for_a_file_that_is_not_indexed_is_ended(
    tmp_path, generated, generated_full, monkeypatch
):
    captions = tmp_path / "talk.vtt"
    captions.write_text("WEBVTT\n\n" + "00:00:01.000 --> 00:00:02.000\nhello\n\n" * 1000)
    early = _early(monkeypatch, captions)
    assert open_indexed(captions, min_size=0, early=early) is None
    assert early._process.poll() is not None
    # Nothing starts for what is not a file: a pipe's bytes are left for the full load.
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    started = []
    looking = threading.Thread(
        target=lambda: started.append(scan_process.scan_early(str(pipe))), daemon=True
    )
    looking.start()
    looking.join(10)  # opening the pipe to read from it would wait for a writer
    assert started == [None]
    assert scan_process.scan_early(str(tmp_path)) is None
    # Indexed, but with other settings than the helper was started with: started again.
    early = _early(monkeypatch, generated)
    with _indexed(generated, early=early) as indexed:
        assert early._process.poll() is not None
        _assert_same_transcript(indexed, generated_full)


def test_a_second_helper_that_cannot_start_leaves_the_whole_scan_to_the_thread(
    generated, generated_full, monkeypatch
):
    monkeypatch.setattr(scan_module, "SPLIT_MIN_BYTES", 0)
    monkeypatch.setattr(indexed_module.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(indexed_module, "FORKS", False)
    real_start = indexed_module.ScanProcess.start

    def first_only(*args, continuation=False, **kwargs):
        if continuation:
            raise OSError("no more processes")
        return real_start(*args, **kwargs)

    monkeypatch.setattr(indexed_module.ScanProcess, "start", first_only)
    with _indexed(generated) as indexed:
        _assert_same_transcript(indexed, generated_full)


def test_a_helpers_reports_are_read_from_its_start_so_it_never_waits_for_the_app(generated):
    """A chunk's report is bigger than a pipe holds: left unread until the app asks for them
    (once its first screen is up), the helper would stop at its first report, its core idle."""
    size = generated.stat().st_size
    scan = scan_process.ScanProcess.start(generated, 0, size, SMALL_CHUNK, 0)
    deadline = time.monotonic() + 60  # a bound for a stuck helper, not a timing
    while not scan.finished and time.monotonic() < deadline:
        time.sleep(0.05)
    assert scan.finished and scan.done_bytes == size
    reports = list(scan.reports(lambda: False))
    assert len(reports) > size // SMALL_CHUNK // 2 and reports[-1].done


def test_a_helper_stopped_from_several_threads_at_once_stops_once(generated):
    """The thread reading a helper's reports and the one that started it both stop it when
    its last report has come: its pipes are closed once, never under the other thread."""
    size = generated.stat().st_size
    scan = scan_process.ScanProcess.start(generated, 0, size, SMALL_CHUNK, 0)
    errors_file = scan._errors
    closed = []

    def slow_close():
        time.sleep(0.05)  # another thread comes in meanwhile, without the lock
        closed.append(True)
        errors_file.close()

    scan._errors = types.SimpleNamespace(close=slow_close)
    threads = [threading.Thread(target=scan.stop) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert closed == [True]
    assert scan._process.poll() is not None
