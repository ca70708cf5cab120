"""What every Zoom chat format shares once its header lines are found: message blocks, replies
resolved to the message they quote, and reactions attached to their target."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.formats.base import FIELD_SPACE as S
from reader.formats.base import ParsedTranscript, join_paragraphs, split_lines
from reader.formats.zoom_grammar import Header
from reader.formats.zoom_replies import (
    PrefixIndex,
    Quote,
    ReactionLine,
    match_reaction,
    match_reply,
)
from reader.model import Message, ParseWarning, Reaction, ReplyReason

_INDENT = re.compile(rf"^{S}+")


@dataclass(slots=True)
class _Block:
    header: Header
    line: int
    lines: list[str] = field(default_factory=list)  # the text's lines, indentation removed

    def line_of(self, index: int) -> int:
        """The file line of `lines[index]`: the header's own text, when any, is the first."""
        return self.line + index + (0 if self.header.text else 1)


@dataclass(slots=True)
class _Draft:
    """A message before its id is known."""

    block: _Block
    text: str
    quote: Quote | None = None
    quote_at: int = 0  # index in block.lines of the `Replying to` line
    reactions: list[Reaction] = field(default_factory=list)


def read_blocks(
    text: str, match: Callable[[str], Header | None], near_miss: re.Pattern[str]
) -> tuple[list[_Block], list[ParseWarning]]:
    """Split the text into messages at each header line.

    A line before the first message is reported; so is a line that starts like a header
    (`near_miss`) but is not one, which stays in the text of the message above it.
    """
    blocks: list[_Block] = []
    warnings: list[ParseWarning] = []
    for number, line in enumerate(split_lines(text), start=1):
        header = match(line)
        if header:
            blocks.append(_Block(header, number, [header.text] if header.text else []))
        elif not blocks:
            if line.strip():
                warnings.append(ParseWarning(number, line, "text before the first message"))
        else:
            if near_miss.match(line):
                warnings.append(ParseWarning(number, line, "a message header that cannot be read"))
            blocks[-1].lines.append(_INDENT.sub("", line))
    return blocks, warnings


def build(blocks: list[_Block], warnings: list[ParseWarning]) -> ParsedTranscript:
    """Messages from the blocks, with Zoom's replies linked and its reactions attached."""
    index = PrefixIndex()
    drafts: list[_Draft | None] = []  # None where a block was a reaction, attached elsewhere
    reactions: list[tuple[int, _Block, int, ReactionLine]] = []
    for position, block in enumerate(blocks):
        filled = [i for i, line in enumerate(block.lines) if line.strip()]
        reaction = match_reaction(block.lines[filled[0]]) if len(filled) == 1 else None
        if reaction:
            drafts.append(None)
            reactions.append((position, block, filled[0], reaction))
            continue
        draft = _draft(block, filled[0] if filled else None)
        index.add(position, draft.text)
        drafts.append(draft)
    for position, block, at, reaction in reactions:
        drafts[position] = _attach(position, block, at, reaction, drafts, index, warnings)
    ids: dict[int, int] = {}
    for position, draft in enumerate(drafts):
        if draft is not None:
            ids[position] = len(ids) + 1
    messages = []
    for position, draft in enumerate(drafts):
        if draft is not None:
            messages.append(_message(ids[position], position, draft, index, ids, warnings))
    warnings.sort(key=lambda w: w.line)
    dated = next((b.header.date for b in blocks if b.header.date), None)
    return ParsedTranscript(messages=messages, date=dated, warnings=warnings)


def _draft(block: _Block, first: int | None) -> _Draft:
    """The message's text; a reply's text is what follows its `Replying to "..."` line."""
    reply = match_reply(block.lines[first]) if first is not None else None
    if reply is None or first is None:
        return _Draft(block, join_paragraphs(block.lines))
    lines = list(block.lines)
    lines[first : first + 1] = [reply.rest] if reply.rest else []
    return _Draft(block, join_paragraphs(lines), reply.quote, first)


def _attach(
    position: int,
    block: _Block,
    at: int,
    reaction: ReactionLine,
    drafts: list[_Draft | None],
    index: PrefixIndex,
    warnings: list[ParseWarning],
) -> _Draft | None:
    """Attach a reaction to its target; a reaction whose target is not found stays a message."""
    line, number = block.lines[at], block.line_of(at)
    target = index.find(reaction.quote, position)
    draft = drafts[target] if target is not None else None
    if draft is None:
        warnings.append(ParseWarning(number, line, "reaction to a message that is not in the file"))
        return _Draft(block, join_paragraphs(block.lines))
    mark = Reaction(reaction.emoji, by=block.header.author)
    if not reaction.removed:
        draft.reactions.append(mark)
    elif mark in draft.reactions:
        # Remove the latest matching reaction: the one this line takes back.
        del draft.reactions[len(draft.reactions) - 1 - draft.reactions[::-1].index(mark)]
    else:
        warnings.append(ParseWarning(number, line, "removes a reaction that was never given"))
    return None


def _message(
    message_id: int,
    position: int,
    draft: _Draft,
    index: PrefixIndex,
    ids: dict[int, int],
    warnings: list[ParseWarning],
) -> Message:
    block = draft.block
    header = block.header
    reply_to = None
    if draft.quote is not None:
        target = index.find(draft.quote, position)
        if target is None:
            number, line = block.line_of(draft.quote_at), block.lines[draft.quote_at]
            warnings.append(ParseWarning(number, line, "reply to a message not in the file"))
        else:
            reply_to = ids[target]
    return Message(
        id=message_id,
        time=header.time,
        author=header.author,
        text=draft.text,
        reply_to=reply_to,
        reply_reason=ReplyReason.FORMAT if reply_to is not None else None,
        reactions=tuple(draft.reactions),
        to=header.to,
        date=header.date,
        line=block.line,
        quote=draft.quote.text if draft.quote is not None else None,
    )


def parse_with(
    text: str, match: Callable[[str], Header | None], near_miss: re.Pattern[str]
) -> ParsedTranscript:
    blocks, warnings = read_blocks(text, match, near_miss)
    return build(blocks, warnings)
