"""Reply linking: fill each message's `mentions`, `reply_to` and `reply_reason`.

One pass in transcript order. Each participant's earlier message ids are kept as the pass goes,
so a reply looks only at its addressee's last few messages: the whole pass is linear in the
number of messages.

Which earlier message a reply answers: the addressee's message whose words it shares most (a
question "how long ..." also counts as shared with a reply that gives a duration); when it shares
none, the addressee's latest message if that was recent. A moderator speaks to the whole room, so
a reply to a moderator that shares no words with their messages (thanks at the end of a session)
names them but answers none of their messages.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Sequence

from reader.model import Message, MessageKind, ReplyReason
from reader.threads.addressing import Address, addressed
from reader.threads.names import NameIndex

_RECENT_SECONDS = 10 * 60  # a reply that shares no words answers a message at most this old
_RECENT_MESSAGES = 20  # the same, counted in messages, for formats without times
_CANDIDATES = 12  # the addressee's latest messages a reply is compared with

# A writer's own quick follow-up: a correction ("participation*", "*participation"), or a
# message opening with "meant to add ...", "I asked the question about ...", "to add: ...".
_CORRECTION = re.compile(r"\s*(?:\*\s*[^\s*]+|[^\s*]+\s*\*)\s*")
_FOLLOW_UP_PHRASE = (
    r"(?:i\s+)?meant\s+(?:to\s+(?:add|say|write)|that)\b"
    r"|i\s+asked\s+(?:the|that|this|a)\s+question\b"
)
_FOLLOW_UP_OPENING = re.compile(
    rf"\s*(?:{_FOLLOW_UP_PHRASE}|(?:to\s+add|p\.?s\.?|edit|correction|typo)\b"
    r"|sorry,?\s+(?:i\s+meant|typo)\b)",
    re.IGNORECASE,
)
_FOLLOW_UP_INSIDE = re.compile(rf"[.!?]\s+(?:{_FOLLOW_UP_PHRASE})", re.IGNORECASE)


def is_follow_up(text: str) -> bool:
    """Whether the text reads as its writer's follow-up to what they wrote just before."""
    if _FOLLOW_UP_OPENING.match(text):  # anchored: fails at once for most messages
        return True
    if "*" in text and _CORRECTION.fullmatch(text):
        return True
    # "From Hank Cohen.  I asked the question ...": the phrase may open a later sentence.
    if "eant" in text or "sked" in text or "EANT" in text or "SKED" in text:
        return _FOLLOW_UP_INSIDE.search(text) is not None
    return False


_WORD = re.compile(r"[^\W_]+")
_STOP_WORDS = frozenset(
    """
    about above after again against also although always among another anyone anything around
    because been before being below between both cannot could does doing done down during each
    either else even ever every from further have having here hers herself himself into itself
    just know like many might more most much must myself need never once only other ought ours
    over really same should since some such than that their theirs them then there these they
    thing things think this those though through very want were what when where which while who
    whom whose will with within without would your yours yourself yourselves
    good great nice thank thanks please question questions point sure well yes agree interesting
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
# "how long ..." is answered by a duration, "how many/much ..." by a number, "when ..." by a year.
_ASKS_DURATION = re.compile(r"\bhow\s+long\b", re.IGNORECASE)
_GIVES_DURATION = re.compile(
    r"\b\d+\s*(?:years?|months?|weeks?|days?|hours?|minutes?)\b", re.IGNORECASE
)
_ASKS_NUMBER = re.compile(r"\bhow\s+(?:many|much)\b", re.IGNORECASE)
_GIVES_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_ASKS_DATE = re.compile(r"(?:^|[.?!]\s+)when\b", re.IGNORECASE)
_GIVES_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_ANSWER_TYPES = {
    "duration": (_ASKS_DURATION, _GIVES_DURATION),
    "number": (_ASKS_NUMBER, _GIVES_NUMBER),
    "year": (_ASKS_DATE, _GIVES_YEAR),
}
_ANSWER_TYPE_WEIGHT = 2


def link_replies(
    messages: Sequence[Message], moderators: Collection[str] | None = None
) -> list[Message]:
    """The messages with `mentions`, `reply_to` and `reply_reason` filled in.

    `moderators`: participants who answer the whole room (by default, whoever wrote later
    inserts). A reply_to the format gave (ReplyReason.FORMAT) is kept as it is.
    """
    if moderators is None:
        moderators = {i.author for m in messages for i in m.inserts}
    moderators = frozenset(moderators)
    names = [m.author for m in messages if m.kind is MessageKind.MESSAGE]
    names += [i.author for m in messages for i in m.inserts]
    linker = _Linker(messages, NameIndex([*names, *moderators]), moderators)
    return [linker.link(message) for message in messages]


class _Linker:
    def __init__(
        self, messages: Sequence[Message], index: NameIndex, moderators: frozenset[str]
    ) -> None:
        self.messages = messages
        self.index = index
        self.moderators = moderators
        self.by_author: dict[str, list[int]] = {}  # message ids so far, in order
        self.stems: dict[int, frozenset[str]] = {}  # content words of compared messages
        self.asks: dict[int, frozenset[str]] = {}  # kinds of answer they ask for

    def link(self, message: Message) -> Message:
        if message.kind is not MessageKind.MESSAGE:
            return message
        found = addressed(message.text, message.author, self.index)
        addresses = [self._resolve(a) for a in found] if found else []
        mentions = tuple(dict.fromkeys(name for name, _ in addresses if name)) if found else ()
        reply_to, reason = message.reply_to, message.reply_reason
        if reason is not ReplyReason.FORMAT or reply_to is None:
            reply_to, reason = self._parent(message, addresses)
        own = self.by_author.get(message.author)
        if own is None:
            self.by_author[message.author] = [message.id]
        else:
            own.append(message.id)
        unchanged = reply_to == message.reply_to and reason is message.reply_reason
        if unchanged and mentions == message.mentions:
            return message
        return dataclasses.replace(
            message, mentions=mentions, reply_to=reply_to, reply_reason=reason
        )

    def _resolve(self, address: Address) -> tuple[str | None, ReplyReason]:
        """One participant for the address: a shared first name goes to whoever wrote last."""
        if len(address.candidates) == 1:
            return address.candidates[0], address.reason
        latest = {n: self.by_author[n][-1] for n in address.candidates if n in self.by_author}
        if not latest:
            return None, address.reason
        return max(latest, key=latest.__getitem__), address.reason

    def _parent(
        self, message: Message, addresses: list[tuple[str | None, ReplyReason]]
    ) -> tuple[int | None, ReplyReason | None]:
        for name, reason in addresses:
            if name is None:
                continue
            target = self._answered(message, name)
            if target is not None:
                return target, reason
        own = self.by_author.get(message.author)
        if own and is_follow_up(message.text) and self._recent(own[-1], message):
            return own[-1], ReplyReason.FOLLOW_UP
        return None, None

    def _answered(self, reply: Message, addressee: str) -> int | None:
        """Which of the addressee's earlier messages the reply answers, if any."""
        earlier = self.by_author.get(addressee)
        if not earlier:
            return None
        reply_stems = self._stems(reply)
        gives = _answers_given(reply.text)
        best, best_score = None, 0
        for candidate_id in earlier[-_CANDIDATES:]:
            candidate = self.messages[candidate_id - 1]
            score = len(reply_stems & self._stems(candidate))
            if gives and gives & self._asks(candidate):
                score += _ANSWER_TYPE_WEIGHT
            if score and score >= best_score:  # a tie goes to the later message
                best, best_score = candidate_id, score
        if best is not None:
            return best
        if addressee in self.moderators or not self._recent(earlier[-1], reply):
            return None
        return earlier[-1]

    def _stems(self, message: Message) -> frozenset[str]:
        stems = self.stems.get(message.id)
        if stems is None:
            stems = self.stems[message.id] = _content_stems(message.text)
        return stems

    def _asks(self, message: Message) -> frozenset[str]:
        asks = self.asks.get(message.id)
        if asks is None:
            asks = self.asks[message.id] = _answers_asked(message.text)
        return asks

    def _recent(self, earlier_id: int, message: Message) -> bool:
        earlier = self.messages[earlier_id - 1]
        gap = _seconds_between(earlier, message)
        if gap is None:
            return message.id - earlier_id <= _RECENT_MESSAGES
        return gap <= _RECENT_SECONDS


def _content_stems(text: str) -> frozenset[str]:
    """The telling words of a text, cut to a crude stem ("deradicalizing" ~ "deradicalization")."""
    stems = set()
    for word in _WORD.findall(text.lower()):
        if len(word) < 4 or word in _STOP_WORDS or word.isdigit():
            continue
        if word.endswith("s") and len(word) > 4:
            word = word[:-1]
        stems.add(word[:6])
    return frozenset(stems)


def _answers_asked(text: str) -> frozenset[str]:
    """The kinds of answer a question asks for: "duration", "number", "year"."""
    return frozenset(kind for kind, (asks, _) in _ANSWER_TYPES.items() if asks.search(text))


def _answers_given(text: str) -> frozenset[str]:
    return frozenset(kind for kind, (_, gives) in _ANSWER_TYPES.items() if gives.search(text))


def _seconds(message: Message) -> int | None:
    if not message.time:
        return None
    try:
        hours, minutes, seconds = (int(part) for part in message.time.split(":"))
    except ValueError:
        return None
    return hours * 3600 + minutes * 60 + seconds


def _seconds_between(earlier: Message, later: Message) -> int | None:
    start, end = _seconds(earlier), _seconds(later)
    if start is None or end is None:
        return None
    if earlier.date and later.date and earlier.date != later.date:
        return None  # another day: count messages instead
    return end - start if end >= start else end - start + 24 * 3600  # past midnight
