"""Reply linking and threads: who a message addresses, what it answers, the thread of a message.

Core: no Textual. The loader calls `link_replies` on every transcript it reads; the app and the
exports call `replies_index` and `thread_of`. The names below are loaded when first used: the
app, which only walks threads, starts without the linking's grammar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.lazy import lazy_names

if TYPE_CHECKING:
    from reader.threads.linking import link_replies
    from reader.threads.tree import Thread, ThreadNode, replies_index, root_of, thread_of

_HOMES = {
    "link_replies": "reader.threads.linking",
    **dict.fromkeys(
        ("Thread", "ThreadNode", "replies_index", "root_of", "thread_of"), "reader.threads.tree"
    ),
}

__all__ = ["Thread", "ThreadNode", "link_replies", "replies_index", "root_of", "thread_of"]

__getattr__ = lazy_names(__name__, _HOMES)
