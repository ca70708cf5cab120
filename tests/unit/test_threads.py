"""Reply linking and threads.

The table below is the sample (samples/icsve-panel-2020-06-10.txt) labelled by hand: every
message that addresses a participant by name or marker, what it answers, and the messages that
name someone who must get no link. Messages are named by (time, author) so the table reads
against the file.
"""

from __future__ import annotations

import pytest

from reader.errors import ReaderError
from reader.loader import parse_bytes
from reader.model import Insert, Message, ReplyReason
from reader.threads import link_replies, replies_index, root_of, thread_of

MARKER, NAME, FOLLOW_UP = ReplyReason.MARKER, ReplyReason.NAME, ReplyReason.FOLLOW_UP
ANNE, MOUSSA = "Anne Speckhard", "Moussa Al-Hassan Diaw (DERAD)"

# (time, author) of the reply -> (mentions, (time, author) of the message it answers, reason)
REPLIES = {
    # "Sean Griffin, that is the true": the name opens the message; his latest message.
    ("11:25:01", "Rennie"): (("Sean Griffin",), ("11:23:45", "Sean Griffin"), NAME),
    # "From Hank Cohen.  I asked the question about beheadings.": no self-mention.
    ("11:28:19", "Hank Cohen"): ((), ("11:27:42", "Hank Cohen"), FOLLOW_UP),
    # "RE: GEM in this paper it was 12 months ...": her "how long do longitudinal studies go"
    # question six minutes earlier, not her latest message (11:30:56).
    ("11:32:35", "Jocelyn Belanger"): (("Gem",), ("11:26:06", "Gem"), MARKER),
    # "Good point @mike counts."
    ("11:44:31", "Sean Griffin"): (("Mike Counts",), ("11:43:03", "Mike Counts"), MARKER),
    # "RE: PAUL K. – how about ..."
    ("11:45:13", "Jocelyn Belanger"): (("Paul K",), ("11:42:08", "Paul K"), MARKER),
    # "sorry – my last was response to @paul K"
    ("11:45:55", "Sean Griffin"): (("Paul K",), ("11:42:08", "Paul K"), MARKER),
    # "Good question from Halkano Abdi WARIO. As governments ...": 23 minutes later, and the
    # reply shares "Covid19" with his question.
    ("11:46:26", "Zora A. Sukabdi"): (
        ("Halkano Abdi WARIO",),
        ("11:23:39", "Halkano Abdi WARIO"),
        NAME,
    ),
    # "participation*": a correction of "Pqrticipqtion ..." just before.
    ("11:53:52", "Maha Ghazi"): ((), ("11:53:39", "Maha Ghazi"), FOLLOW_UP),
    # "Excellent point by  Edessa Ramos. What about justice to their victims? ..."
    ("11:55:00", "harjit.sandhu"): (("Edessa Ramos",), ("11:49:03", "Edessa Ramos"), NAME),
    # "thank you Dan Sturg for your definitions ..."
    ("12:05:54", ANNE): (("Dan Sturg",), ("12:03:07", "Dan Sturg"), NAME),
    # "Yes Rennie I definitely agree with you re Trinidad."
    ("12:09:19", "K-Marie"): (("Rennie",), ("12:07:10", "Rennie"), NAME),
    # "RE: Christie Laplume – absolutely!": spelled otherwise than her name (LaPlume).
    ("12:16:25", "Jocelyn Belanger"): (
        ("Christie LaPlume",),
        ("12:15:24", "Christie LaPlume"),
        MARKER,
    ),
    # "meant to add the community and family impact ..."
    ("12:21:32", "Gem"): ((), ("12:19:12", "Gem"), FOLLOW_UP),
    # "Dr McConnell, I fully agree with you that the WHY ...": her WHY / WHAT / HOW message,
    # not her latest one ("Teach choice & accountability.").
    ("12:21:53", "Malena Rembe"): (
        ("Dr. Lisa McConnell",),
        ("12:11:46", "Dr. Lisa McConnell"),
        NAME,
    ),
}

# (time, author) -> mentions, for messages that name someone but answer none of their messages.
MENTIONS_ONLY = {
    # "Thanks to ISCVE especially Anna for having me": Anne (misspelled) had written nothing yet.
    ("11:44:44", "Mizan Aslam"): (ANNE,),
    # "@Moussa … How is gender ... approached": a question on his talk; his last chat line is 26
    # minutes old and shares no words with it.
    ("11:50:26", "Henry.Severs"): (MOUSSA,),
    ("11:56:27", "Henry.Severs"): (MOUSSA,),
    # Thanks to the moderator at the end: for the session, not for one of her messages.
    ("12:33:27", "harjit.sandhu"): (ANNE,),  # "Thank you Anne, and the colleagues ..."
    ("12:33:28", "Christie LaPlume"): (ANNE,),  # "thank you to Ann and the speakers"
    ("12:33:40", "Jocelyn Belanger"): (ANNE,),  # "Thank you Anne et al.!"
    ("12:33:49", "nndukwe"): (ANNE,),  # "Thank you Ann and colleagues."
}

# Names in addressing places that belong to no participant, or to the writer: no link at all.
NO_LINK = {
    ("11:11:21", "felix opondo"): "Hello Everyone…. Felix Opondo from Kenya",
    ("11:39:29", "Fazil Kurdi"): "May I have Mr. Radhwan’s ...  This is Fazil Kurdi from ...",
    ("11:55:46", "angela ewing"): "Rabia I’m sorry I can’t see yr msg",
    ("11:58:35", MOUSSA): "Yes Hizb ut Tahrir is part of this…",
    ("12:08:07", ANNE): "The VERA as Elaine Pressman says ...",
    ("12:11:13", "harjit.sandhu"): "Very well said, Oomar.",
    ("12:11:37", "Maram"): "thank you Oomar",
    ("12:12:19", "khadija Tirha – Italy"): "completely agree with Omar! thank You!",
    ("12:22:34", "Pahar Aziz"): "Q for Omer, Omer, The extremists groups ...",
    ("12:33:11", "Tasnime Akunjee"): "hope yasmin gets better soon",
    ("12:33:29", "detlevq"): "Thank you, interesting presentations",  # "Thank" is not Hank
    ("12:33:54", "Dan Dias"): "Thank you all",  # "all" is not Kerem Ali
}

# Replies that neither name nor mark whom they answer: out of reach by design, counted in recall.
IMPLICIT_REPLIES = {
    ("11:23:15", MOUSSA): ("11:22:40", "Sean Griffin"),  # "disengage and if possible derad too"
    ("11:24:29", MOUSSA): ("11:23:45", "Sean Griffin"),  # "being an extremist/terrorist is a crime"
    ("11:26:21", "Dr. Lisa McConnell"): ("11:25:48", "Maha Ghazi"),  # "Yes – please address"
    ("11:50:44", "elizabeth.joslyn"): ("11:50:26", "Henry.Severs"),  # "I echo that question"
    ("11:58:35", MOUSSA): ("11:57:07", "Mike Counts"),  # "Yes Hizb ut Tahrir is part of this…"
}


def find(transcript, key):
    (message,) = [m for m in transcript.messages if (m.time, m.author) == key]
    return message


def test_labelled_cases_cover_twenty_or_more_messages():
    assert len(REPLIES) + len(MENTIONS_ONLY) + len(NO_LINK) >= 20


@pytest.mark.parametrize("key", list(REPLIES), ids=" ".join)
def test_labelled_reply(panel, key):
    mentions, parent_key, reason = REPLIES[key]
    message = find(panel, key)
    assert message.mentions == mentions
    assert message.reply_to == find(panel, parent_key).id
    assert message.reply_reason is reason


@pytest.mark.parametrize("key", list(MENTIONS_ONLY), ids=" ".join)
def test_labelled_mention_without_reply(panel, key):
    message = find(panel, key)
    assert message.mentions == MENTIONS_ONLY[key]
    assert (message.reply_to, message.reply_reason) == (None, None)


@pytest.mark.parametrize("key", list(NO_LINK), ids=" ".join)
def test_labelled_no_link(panel, key):
    message = find(panel, key)
    assert message.text.startswith(NO_LINK[key].split(" ...")[0])
    assert (message.mentions, message.reply_to, message.reply_reason) == ((), None, None)


def test_no_link_in_the_sample_beyond_the_labelled_ones(panel):
    """The table is the whole truth for the sample: every other message stays unlinked."""
    linked = {(m.time, m.author) for m in panel.messages if m.mentions or m.reply_to}
    assert linked == set(REPLIES) | set(MENTIONS_ONLY)


def test_precision_and_recall_on_the_labelled_replies(panel):
    truth = {find(panel, k).id: find(panel, p).id for k, (_, p, _) in REPLIES.items()}
    truth |= {find(panel, k).id: find(panel, p).id for k, p in IMPLICIT_REPLIES.items()}
    found = {m.id: m.reply_to for m in panel.messages if m.reply_to is not None}
    right = sum(1 for child, parent in found.items() if truth.get(child) == parent)
    assert right / len(found) == 1.0  # precision
    assert right / len(truth) == len(REPLIES) / (len(REPLIES) + len(IMPLICIT_REPLIES))  # recall


def test_the_sample_keeps_its_counts(panel):
    assert len(panel.messages) == 120
    assert len(panel.participants) == 47
    assert sum(len(m.inserts) for m in panel.messages) == 53


# Small inline cases -------------------------------------------------------------------------


def chat(*lines: tuple[str, str, str], **extra) -> list[Message]:
    """Messages from (time, author, text) triples."""
    return [
        Message(id=i, time=time, author=author, text=text, **extra)
        for i, (time, author, text) in enumerate(lines, start=1)
    ]


def test_reply_prefers_the_message_it_shares_words_with():
    messages = link_replies(
        chat(
            ("10:00:00", "Ada Lovelace", "Which engines computed the Bernoulli numbers?"),
            ("10:01:00", "Ada Lovelace", "Lunch is at noon today"),
            ("10:02:00", "Bob", "@Ada the analytical engine computed Bernoulli numbers"),
        )
    )
    assert (messages[2].reply_to, messages[2].reply_reason) == (1, MARKER)
    assert messages[2].mentions == ("Ada Lovelace",)


def test_a_reply_sharing_no_words_goes_to_a_recent_message_only():
    lines = [
        ("10:00:00", "Ada", "first"),
        ("10:05:00", "Ada", "second"),
        ("10:09:00", "Bob", "Ada, yes"),
        ("10:40:00", "Carl", "Ada, indeed"),
    ]
    messages = link_replies(chat(*lines))
    assert messages[2].reply_to == 2
    assert (messages[3].mentions, messages[3].reply_to) == (("Ada",), None)


def test_recency_counts_messages_when_there_are_no_times():
    filler = [(None, "Carl", f"line {n}") for n in range(25)]
    lines = [(None, "Ada", "first"), (None, "Bob", "Ada, yes"), *filler, (None, "Bob", "Ada, no")]
    messages = link_replies(chat(*lines))
    assert messages[1].reply_to == 1
    assert (messages[-1].mentions, messages[-1].reply_to) == (("Ada",), None)


def test_recency_runs_past_midnight():
    messages = link_replies(chat(("23:59:00", "Ada", "late"), ("00:01:00", "Bob", "Ada, yes")))
    assert messages[1].reply_to == 1


def test_a_reply_the_format_gave_always_wins():
    messages = chat(
        ("10:00:00", "Ada", "one"),
        ("10:01:00", "Carl", "two"),
        ("10:02:00", "Bob", "@Carl three"),
    )
    messages[2] = Message(
        id=3, time="10:02:00", author="Bob", text="@Carl three", reply_to=1,
        reply_reason=ReplyReason.FORMAT,
    )  # fmt: skip
    linked = link_replies(messages)
    assert (linked[2].reply_to, linked[2].reply_reason) == (1, ReplyReason.FORMAT)
    assert linked[2].mentions == ("Carl",)


def test_a_shared_first_name_goes_to_whoever_wrote_last():
    messages = link_replies(
        chat(
            ("10:00:00", "Dan Sturg", "definitions"),
            ("10:01:00", "Dan Dias", "hello"),
            ("10:02:00", "Ann", "thanks Dan"),
        )
    )
    assert (messages[2].mentions, messages[2].reply_to) == (("Dan Dias",), 2)


def test_names_as_people_type_them():
    authors = ["Dr. Lisa McConnell", "Christie LaPlume", "Paul K", "Anne Speckhard", "Gem"]
    lines = [(f"10:0{i}:00", name, "a first message") for i, name in enumerate(authors)]
    asks = [
        "Dr McConnell, agreed",
        "RE: christie laplume yes",
        "RE: PAUL K. – yes",
        "thanks Ann!",
        "Thanks to all especially Anna",
        "RE: GEM yes",
        "Lisa, agreed",
        "@mcconnell agreed",
    ]
    lines += [(f"10:1{i}:00", "Zed", text) for i, text in enumerate(asks)]
    messages = link_replies(chat(*lines))
    mentions = [m.mentions for m in messages[len(authors) :]]
    assert mentions == [
        ("Dr. Lisa McConnell",),
        ("Christie LaPlume",),
        ("Paul K",),
        ("Anne Speckhard",),
        ("Anne Speckhard",),
        ("Gem",),
        ("Dr. Lisa McConnell",),
        ("Dr. Lisa McConnell",),
    ]


def test_no_link_for_strangers_everyday_words_or_the_writer():
    lines = [
        ("10:00:00", "Farzana Islam", "prevention matters"),
        ("10:01:00", "Kerem Ali", "absolutely"),
        ("10:02:00", "Fazil Kurdi", "This is Fazil Kurdi from KAID, thanks Fazil"),
        ("10:03:00", "Bob", "Islam is a religion"),
        ("10:04:00", "Bob", "thank you all"),
        ("10:05:00", "Bob", "thanks Omar"),
        ("10:06:00", "Bob", "the point is Kerem was right"),
    ]
    messages = link_replies(chat(*lines))
    assert [(m.mentions, m.reply_to) for m in messages[2:]] == [((), None)] * 5


def test_a_moderator_thanked_without_shared_words_answers_nothing():
    lines = [("10:00:00", "Mod", "welcome all"), ("10:01:00", "Bob", "Thank you Mod!")]
    assert link_replies(chat(*lines), moderators={"Mod"})[1].reply_to is None
    assert link_replies(chat(*lines), moderators=())[1].reply_to == 1


def test_moderators_default_to_the_writers_of_inserts():
    messages = [
        Message(1, "10:00:00", "Bob", "a question", inserts=(Insert("Mod", "an answer"),)),
        Message(2, "10:01:00", "Mod", "welcome all"),
        Message(3, "10:02:00", "Bob", "Thank you Mod!"),
    ]
    assert link_replies(messages)[2].reply_to is None


def test_follow_ups_need_a_recent_message_of_the_writer():
    lines = [
        ("10:00:00", "Ada", "Pqrticipqtion is voluntary"),
        ("10:00:10", "Ada", "participation*"),
        ("10:30:00", "Ada", "meant to add something"),
        ("10:31:00", "Bob", "meant to add nothing"),
    ]
    messages = link_replies(chat(*lines))
    assert [(m.reply_to, m.reply_reason) for m in messages] == [
        (None, None),
        (1, FOLLOW_UP),
        (None, None),
        (None, None),
    ]


def test_the_loader_links_replies():
    data = b"10:00:00  From Ada : Which engine?\n\n10:01:00  From Bob : RE: Ada the engine\n"
    transcript = parse_bytes(data)
    assert (transcript.messages[1].reply_to, transcript.messages[1].mentions) == (1, ("Ada",))


# Threads ------------------------------------------------------------------------------------


def linked(*parents: int | None) -> list[Message]:
    """Messages 1..n where message i replies to parents[i-1]."""
    return [
        Message(i, None, f"p{i}", f"text {i}", reply_to=parent, reply_reason=NAME)
        for i, parent in enumerate(parents, start=1)
    ]


def test_replies_index_lists_replies_in_order():
    assert replies_index(linked(None, 1, 1, 2, None, 3)) == {1: [2, 3], 2: [4], 3: [6]}


def test_thread_of_any_message_is_the_whole_thread_from_its_root():
    messages = linked(None, 1, 1, 2, None, 3)
    for member in (1, 2, 3, 4, 6):
        thread = thread_of(messages, member)
        assert thread.root.id == 1
        assert [(depth, m.id) for depth, m in thread.walk()] == [
            (0, 1),
            (1, 2),
            (2, 4),
            (1, 3),
            (2, 6),
        ]
        assert thread.size == 5
    alone = thread_of(messages, 5)
    assert (alone.root.id, alone.replies) == (5, ())


def test_thread_of_the_sample_holds_the_reply_and_the_root_inserts(panel):
    gem = find(panel, ("11:26:06", "Gem"))
    thread = thread_of(panel.messages, find(panel, ("11:32:35", "Jocelyn Belanger")).id)
    assert thread.root == gem
    assert thread.root.inserts[0].author == ANNE
    assert [m.author for _, m in thread.walk()] == ["Gem", "Jocelyn Belanger"]


def test_a_long_chain_needs_no_recursion():
    messages = linked(None, *range(1, 5000))
    thread = thread_of(messages, 5000)
    assert thread.root.id == 1 and thread.size == 5000
    assert root_of(messages, 5000).id == 1


def test_a_loop_in_reply_data_ends():
    messages = linked(3, 1, 2)
    assert thread_of(messages, 1).size == 3


def test_thread_of_an_unknown_id_is_a_reader_error():
    with pytest.raises(ReaderError, match="no message 9"):
        thread_of(linked(None), 9)
