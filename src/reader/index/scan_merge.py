"""A file scanned in two parts at once, by two helper processes: the second part's findings are
renumbered onto the first part's as they are added to the index.

The second part's child numbers its authors, messages and lines from its own start. Once the
first part is done, its names, message count and line count are known, and each report of the
second part is added with its author ids mapped to the index's ids, its line numbers moved on,
and its counts merged by name.
"""

from __future__ import annotations

from array import array
from itertools import repeat
from operator import add

from reader.index.scan import IndexState
from reader.index.scan_process import Report
from reader.index.size_classes import size_class
from reader.model import ParseWarning


class SecondPart:
    """Adds the reports of a file's second part to an index holding the whole first part."""

    def __init__(self, state: IndexState, author_ids: dict[str, int], newlines: int) -> None:
        self.state = state
        self.author_ids = author_ids
        self.newlines = newlines  # in the first part: the second part's line 1 follows them
        with state.lock:
            self.messages_before = len(state.offsets)
            self.names_before = len(state.names)
            self.message_counts = list(state.message_counts)
            self.insert_counts = dict(state.insert_counts)
            self.insert_first = dict(state.insert_first)
        self.ids: list[int] = []  # the second part's author id -> the index's
        # How many of the second part's first ids are the index's own: all of them, as a rule,
        # where its scan took on the first part's names (Scanner.take_names).
        self.same_ids = 0
        self.first_part_ended = self.messages_before == 0  # its last message's size is known

    def apply(self, report: Report) -> None:
        fields = report.fields
        state = self.state
        with state.lock:
            for name in fields["names"]:
                known = self.author_ids.get(name)
                if known is None:
                    known = self.author_ids[name] = len(state.names)
                    state.names.append(name)
                    state.message_counts.append(0)
                if known == self.same_ids == len(self.ids):
                    self.same_ids += 1
                self.ids.append(known)
            self._end_first_part(fields)
            state.offsets.frombytes(fields["offsets"])
            state.size_classes.frombytes(fields["size_classes"])
            state.times.frombytes(fields["times"])
            state.mark_offsets.frombytes(fields["mark_offsets"])
            if self.same_ids == len(self.ids):
                state.authors.frombytes(fields["authors"])
            else:
                renumbered = map(self.ids.__getitem__, _column("I", fields["authors"]))
                state.authors.extend(array("I", renumbered))
            state.mark_lines.extend(
                map(add, _column("q", fields["mark_lines"]), repeat(self.newlines))
            )
            state.warnings.extend(
                ParseWarning(line + self.newlines, text, reason)
                for line, text, reason in fields["warnings"]
            )
            self._merge_counts(fields)
            state.chat_end = fields["chat_end"]
            state.epilogue_start = fields["epilogue_start"]
            if len(state.offsets) > self.messages_before:  # the first part's last message ends
                state.published = self.messages_before + fields["published"]
            state.done = fields["done"]
            if state.done:
                state.published = len(state.offsets)

    def _end_first_part(self, fields: dict) -> None:
        """The first part's last message ends where the second part's first one starts, or
        where its chat ends: its size is known once either is."""
        if self.first_part_ended or not (fields["offsets"] or fields["done"]):
            return
        end = _column("q", fields["offsets"][:8])[0] if fields["offsets"] else fields["chat_end"]
        last = self.state.offsets[self.messages_before - 1]
        self.state.size_classes.append(size_class(end - last))
        self.first_part_ended = True

    def _merge_counts(self, fields: dict) -> None:
        state = self.state
        counts = self.message_counts + [0] * (len(state.names) - len(self.message_counts))
        for local, count in enumerate(fields["message_counts"]):
            counts[self.ids[local]] += count
        state.message_counts[:] = counts
        inserts = dict(self.insert_counts)
        for name, count in fields["insert_counts"].items():
            inserts[name] = inserts.get(name, 0) + count
        state.insert_counts = inserts
        first = dict(self.insert_first)
        for name, (authors_before, message, offset) in fields["insert_first"].items():
            known = self.author_ids.get(name)
            if name in first or (known is not None and known < self.names_before):
                continue  # the first part already holds this person
            # Authors before it: all of the first part's, and the second part's new ones.
            new = sum(1 for local in range(authors_before) if self.ids[local] >= self.names_before)
            first[name] = (self.names_before + new, self.messages_before + message, offset)
        state.insert_first = first


def _column(typecode: str, data: bytes) -> array:
    column = array(typecode)
    column.frombytes(data)
    return column
