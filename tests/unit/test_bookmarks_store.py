"""The bookmark store: what a user bookmarks comes back, on the right message, run after run."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

from reader.bookmarks import BookmarkStore
from reader.bookmarks.identity import fingerprint, message_key
from reader.errors import ReaderError
from reader.loader import load
from reader.model import Message, Transcript
from tests.conftest import PANEL_SAMPLE
from tests.unit.bookmarks_helpers import chat, chat_line, chat_text, parse


@pytest.fixture
def store(user_dirs: Path):
    with BookmarkStore.open() as store:
        yield store


def ids(store: BookmarkStore, transcript: Transcript) -> list[int]:
    return [bookmark.message_id for bookmark in store.bookmarks(transcript)]


def test_default_location_is_the_data_folder(user_dirs: Path, panel):
    with BookmarkStore.open() as store:
        assert store.notice is None and store.persistent
        store.set(panel, 3)
    assert (user_dirs / "bookmarks.sqlite3").is_file()


def test_bookmarks_persist_across_store_instances_in_transcript_order(panel):
    with BookmarkStore.open() as store:
        store.set(panel, 90, note="the answer on citizenship")
        store.set(panel, 4)
        assert store.toggle(panel, 17) is True
    with BookmarkStore.open() as store:
        bookmarks = store.bookmarks(panel)
    assert [b.message_id for b in bookmarks] == [4, 17, 90]
    assert [b.note for b in bookmarks] == ["", "", "the answer on citizenship"]
    assert bookmarks[0].key.startswith(f"{panel.message(4).time}|{panel.message(4).author}|")
    assert all(b.created.endswith("+00:00") for b in bookmarks)


def test_set_get_remove_toggle(store: BookmarkStore, panel):
    assert store.get(panel, 5) is None
    added = store.set(panel, 5)
    assert added.note == "" and store.get(panel, 5) == added
    noted = store.set(panel, 5, note="quote this")
    assert noted.note == "quote this" and noted.created == added.created
    assert store.set(panel, 5).note == "quote this"  # no note given: the note stays
    assert store.set(panel, 5, note="").note == ""
    assert store.remove(panel, 5) is True
    assert store.remove(panel, 5) is False
    assert store.toggle(panel, 6) is True
    assert store.toggle(panel, 6) is False
    assert ids(store, panel) == []


@pytest.mark.parametrize("bad_id", [0, 121, -1])
def test_a_message_id_outside_the_transcript_is_a_one_line_error(store, panel, bad_id):
    with pytest.raises(ReaderError, match=f"message {bad_id} does not exist"):
        store.set(panel, bad_id)
    with pytest.raises(ReaderError):
        store.toggle(panel, bad_id)


def test_renaming_or_moving_the_file_keeps_the_bookmarks(tmp_path: Path):
    first = tmp_path / "panel.txt"
    shutil.copy(PANEL_SAMPLE, first)
    with BookmarkStore.open() as store:
        store.set(load(first), 12, note="kept")
    moved = tmp_path / "elsewhere" / "renamed.log"
    moved.parent.mkdir()
    first.rename(moved)
    with BookmarkStore.open() as store:
        bookmarks = store.bookmarks(load(moved))
    assert [(b.message_id, b.note) for b in bookmarks] == [(12, "kept")]


def test_a_transcript_that_gained_messages_keeps_its_bookmarks(store: BookmarkStore):
    before = parse(chat(40))
    store.set(before, 1)
    store.set(before, 25, note="twenty-five")
    store.set(before, 40)
    after = parse(chat(55))
    assert fingerprint(after) == fingerprint(before)
    assert [(b.message_id, b.note) for b in store.bookmarks(after)] == [
        (1, ""),
        (25, "twenty-five"),
        (40, ""),
    ]
    store.set(after, 50)
    assert ids(store, before) == [1, 25, 40]  # the older copy still shows its own


def test_a_message_inserted_earlier_moves_the_bookmark_with_its_message(store: BookmarkStore):
    lines = [chat_line(n) for n in range(1, 31)]
    before = parse(chat_text(lines))
    store.set(before, 20, note="twenty")
    lines.insert(9, chat_line(999, "a message that arrived late"))
    after = parse(chat_text(lines))
    assert after.message(21).text == "message number 20"
    assert [(b.message_id, b.note) for b in store.bookmarks(after)] == [(21, "twenty")]
    assert store.get(after, 21) is not None and store.get(after, 20) is None
    assert store.toggle(after, 21) is False  # removes the moved bookmark
    assert ids(store, before) == []


def test_identical_messages_are_bookmarked_apart(store: BookmarkStore):
    same = chat_line(5, "yes", "Moussa")
    lines = [chat_line(1), same, same, chat_line(6)]
    transcript = parse(chat_text(lines))
    store.set(transcript, 2, note="first yes")
    store.set(transcript, 3, note="second yes")
    assert [(b.message_id, b.note) for b in store.bookmarks(transcript)] == [
        (2, "first yes"),
        (3, "second yes"),
    ]
    lines.insert(1, chat_line(2, "an earlier message"))
    shifted = parse(chat_text(lines))
    assert [(b.message_id, b.note) for b in store.bookmarks(shifted)] == [
        (3, "first yes"),
        (4, "second yes"),
    ]


def test_whitespace_and_later_inserts_do_not_change_a_message_key(panel):
    original = next(message for message in panel.messages if message.inserts)
    rewrapped = Message(  # no inserts: as the log was before the answers were added
        id=original.id,
        time=original.time,
        author=original.author,
        text=original.text.replace(" ", "  ") + "  ",
    )
    assert message_key(rewrapped) == message_key(original)
    edited = Message(
        id=original.id, time=original.time, author=original.author, text=original.text + "!"
    )
    assert message_key(edited) != message_key(original)


def test_a_bookmark_whose_message_is_gone_is_kept_and_reported_as_orphaned(
    store: BookmarkStore,
):
    lines = [chat_line(n) for n in range(1, 11)]
    original = parse(chat_text(lines))
    store.set(original, 4, note="about to change")
    store.set(original, 7)
    lines[3] = chat_line(4, "message number 4, edited")
    edited = parse(chat_text(lines))
    assert ids(store, edited) == [7]
    orphans = store.orphans(edited)
    assert [(o.note, o.excerpt, o.position) for o in orphans] == [
        ("about to change", "message number 4", 4)
    ]
    assert ids(store, original) == [4, 7]  # still in the database
    assert store.orphans(original) == []


class CountingMessages(Sequence[Message]):
    """A million messages made on demand, counting how many anyone looked at."""

    def __init__(self, count: int, inserted_at: int | None = None) -> None:
        self.count = count
        self.inserted_at = inserted_at  # a late message placed here shifts the rest by one
        self.made = 0

    def __len__(self) -> int:
        return self.count + (self.inserted_at is not None)

    def __getitem__(self, index):  # type: ignore[override]
        if not 0 <= index < len(self):
            raise IndexError(index)
        self.made += 1
        number = index + 1
        if self.inserted_at is not None:
            if number == self.inserted_at:
                return Message(id=number, time="00:00:00", author="late", text="inserted")
            number -= number > self.inserted_at
        seconds = number % 86_400
        time = f"{seconds // 3600:02}:{seconds // 60 % 60:02}:{seconds % 60:02}"
        return Message(id=index + 1, time=time, author=f"p{number % 97}", text=f"text {number}")


def big_transcript(messages: CountingMessages) -> Transcript:
    return Transcript("", "panel", "big", None, "", "", messages, ())


def test_a_million_messages_are_not_hashed_on_every_call(store: BookmarkStore):
    messages = CountingMessages(1_000_000)
    transcript = big_transcript(messages)
    store.set(transcript, 999_999, note="near the end")
    store.toggle(transcript, 500_000)
    store.get(transcript, 10)
    assert ids(store, transcript) == [500_000, 999_999]
    assert messages.made <= 10


def test_moved_bookmarks_cost_one_pass_and_it_is_reused(store: BookmarkStore):
    transcript = big_transcript(CountingMessages(100_000))
    store.set(transcript, 99_999, note="near the end")
    store.set(transcript, 50_000)
    # One late message near the start shifts the rest: one pass finds both.
    shifted = CountingMessages(100_000, inserted_at=2)
    moved = big_transcript(shifted)
    assert ids(store, moved) == [50_001, 100_000]
    assert shifted.made <= 100_001 + 10
    looked_at = shifted.made
    assert ids(store, moved) == [50_001, 100_000]
    assert store.get(moved, 100_000).note == "near the end"
    assert store.toggle(moved, 50_001) is False
    assert shifted.made == looked_at


V1_SCHEMA = """
CREATE TABLE reader_schema (version INTEGER NOT NULL);
INSERT INTO reader_schema (version) VALUES (1);
CREATE TABLE bookmarks (
    fingerprint TEXT NOT NULL,
    key TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    PRIMARY KEY (fingerprint, key)
);
"""


def test_a_version_1_database_is_migrated_and_keeps_its_rows(tmp_path: Path, panel):
    path = tmp_path / "old.sqlite3"
    other_transcript = "ab" * 32
    with sqlite3.connect(path) as db:
        db.executescript(V1_SCHEMA)
        db.executemany(
            "INSERT INTO bookmarks VALUES (?, ?, ?, ?)",
            [
                (fingerprint(panel), message_key(panel.message(30)), "v1 note", "2021-01-02"),
                (fingerprint(panel), message_key(panel.message(8)), "", "2021-01-01"),
                (other_transcript, "10:00:00|someone|0123456789abcdef", "elsewhere", "2021"),
            ],
        )
    db.close()
    with BookmarkStore.open(path) as store:
        assert store.notice is None
        bookmarks = store.bookmarks(panel)
        assert [(b.message_id, b.note, b.created) for b in bookmarks] == [
            (8, "", "2021-01-01"),
            (30, "v1 note", "2021-01-02"),
        ]
        store.set(panel, 31)  # and it takes new ones
        exported = store.export_all()
    assert {t["fingerprint"] for t in exported["transcripts"]} == {
        fingerprint(panel),
        other_transcript,
    }
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version FROM reader_schema").fetchall() == [(2,)]
    db.close()
    with BookmarkStore.open(path) as store:
        assert ids(store, panel) == [8, 30, 31]


def test_a_database_from_a_newer_reader_is_left_alone(tmp_path: Path, panel):
    path = tmp_path / "future.sqlite3"
    with BookmarkStore.open(path) as store:
        store.set(panel, 2)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE reader_schema SET version = 99")
    db.close()
    before = path.read_bytes()
    with BookmarkStore.open(path) as store:
        assert not store.persistent
        assert "newer reader" in store.notice and "will not be kept" in store.notice
        assert ids(store, panel) == []  # its tables may mean something else: not read
        store.set(panel, 3)
    assert path.read_bytes() == before


def test_export_and_import_round_trip(tmp_path: Path, panel):
    small = parse(chat(20), source="small.txt")
    with BookmarkStore.open(tmp_path / "a.sqlite3") as old:
        old.set(panel, 2, note='Mike on sources: "bad software" <b> & ünïcode')
        old.set(panel, 100)
        old.set(small, 7, note="small one")
        data = json.loads(json.dumps(old.export_all()))
        originals = (old.bookmarks(panel), old.bookmarks(small))
    titles = {t["title"] for t in data["transcripts"]}
    assert titles == {panel.title, "Test chat"}
    with BookmarkStore.open(tmp_path / "b.sqlite3") as new:
        assert new.import_all(data) == 3
        assert (new.bookmarks(panel), new.bookmarks(small)) == originals
        assert new.import_all(data) == 0  # importing twice adds nothing
        new.set(small, 7, note="changed later here")
        assert new.import_all(data) == 0  # an older note does not overwrite a newer one
        assert new.get(small, 7).note == "changed later here"


def test_import_takes_a_newer_note(tmp_path: Path, panel):
    with BookmarkStore.open(tmp_path / "a.sqlite3") as store:
        store.set(panel, 9, note="first thought")
        data = store.export_all()
        data["transcripts"][0]["bookmarks"][0].update(note="second thought", updated="9999-01-01")
        assert store.import_all(data) == 1
        assert store.get(panel, 9).note == "second thought"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("reader_bookmarks"), "not a bookmark export"),
        (lambda d: d.update(reader_bookmarks=7), "version 7"),
        (lambda d: d.update(transcripts={}), "transcripts must be a list"),
        (lambda d: d["transcripts"][1].update(fingerprint="xyz"), "64 hex digits"),
        (lambda d: d["transcripts"][1]["bookmarks"][0].update(note=5), "note must be text"),
        (lambda d: d["transcripts"][1]["bookmarks"][0].update(position=-1), "position"),
        (lambda d: d["transcripts"][1]["bookmarks"][0].update(key="nope"), "not a message key"),
        (lambda d: d["transcripts"][1]["bookmarks"][0].pop("created"), "created must be text"),
    ],
)
def test_a_bad_import_names_the_problem_and_changes_nothing(tmp_path: Path, mutate, message):
    first, second = parse(chat(5, "One")), parse(chat(5, "Two"))
    with BookmarkStore.open(tmp_path / "source.sqlite3") as source:
        source.set(first, 1)
        source.set(second, 2)
        data = source.export_all()
    data["transcripts"].sort(key=lambda t: t["title"])  # "One" first, then the broken "Two"
    mutate(data)
    with BookmarkStore.open(tmp_path / "target.sqlite3") as target:
        with pytest.raises(ReaderError, match=message):
            target.import_all(data)
        assert target.export_all()["transcripts"] == []
