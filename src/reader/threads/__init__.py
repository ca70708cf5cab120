"""Reply linking and threads: who a message addresses, what it answers, the thread of a message.

Core: no Textual. The loader calls `link_replies` on every transcript it reads; the app and the
exports call `replies_index` and `thread_of`. The names below are loaded when first used: the
app, which only walks threads, starts without the linking's grammar.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'reader.threads' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
