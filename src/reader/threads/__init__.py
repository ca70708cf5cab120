"""Reply linking and threads: who a message addresses, what it answers, the thread of a message.

Core: no Textual. The loader calls `link_replies` on every transcript it reads; the app and the
exports call `replies_index` and `thread_of`.
"""

from reader.threads.linking import link_replies
from reader.threads.tree import Thread, ThreadNode, replies_index, root_of, thread_of

__all__ = ["Thread", "ThreadNode", "link_replies", "replies_index", "root_of", "thread_of"]
