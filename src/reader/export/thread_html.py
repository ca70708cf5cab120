"""Threads as one standalone HTML page: inline CSS, no script, nothing fetched, prints well.

The page is well-formed XHTML-style markup (every element closed, attributes quoted), so an XML
parser reads it as well as a browser does. Everything from the transcript goes through
html.escape (quotes too) after safe_text.visible, so no text can become markup, and no control
character (which XML forbids) reaches the page.
"""

from __future__ import annotations

from html import escape as html_escape

from reader.export.thread_document import ThreadDocument, heading, reply_line
from reader.model import Message
from reader.safe_text import visible
from reader.threads import ThreadNode

_STYLE = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f;
  max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
header dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
header dt { color: #555; }
header dd { margin: 0; }
h1 { font-size: 1.5rem; }
h2 { font-size: 1.15rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
.note { background: #fff8d6; border-left: 4px solid #e0b400; padding: .4rem .8rem; }
.message { margin: .8rem 0; }
.meta { color: #555; font-size: .9em; }
.author { font-weight: 600; color: #1d1d1f; }
.text p { margin: .3rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.insert { margin: .4rem 0 .4rem 1rem; padding: .2rem .8rem; border-left: 3px solid #7aa7d9;
  background: #f2f7fc; }
.insert .meta { font-style: italic; }
.replies { margin-left: 1.2rem; padding-left: .8rem; border-left: 2px solid #ddd; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  .thread { break-before: page; }
  .thread:first-of-type { break-before: auto; }
  .message, .insert, .note { break-inside: avoid; }
  .note, .insert { background: none; }
}
"""


def _text(value: str) -> str:
    return html_escape(visible(value), quote=True)


def _paragraphs(text: str) -> str:
    """<p> for each paragraph, <br/> for each line break inside one."""
    out = []
    for paragraph in text.split("\n\n"):
        lines = "<br/>".join(_text(line) for line in paragraph.split("\n"))
        out.append(f"<p>{lines}</p>")
    return "".join(out)


def _message(document: ThreadDocument, message: Message, is_reply: bool) -> str:
    meta = [f'<span class="author">{_text(message.author)}</span>']
    if message.time:
        meta.append(f"<time>{_text(message.time)}</time>")
    meta.append(f"message {message.id}")
    replying = reply_line(document, message) if is_reply else None
    if replying:
        meta.append(f'<span class="reply">{_text(replying)}</span>')
    parts = [
        f'<article class="message" id="m{message.id}">',
        f'<div class="meta">{" · ".join(meta)}</div>',
        f'<div class="text">{_paragraphs(message.text)}</div>',
    ]
    for insert in message.inserts:
        parts.append(
            f'<aside class="insert"><div class="meta">later insert by {_text(insert.author)}'
            f'</div><div class="text">{_paragraphs(insert.text)}</div></aside>'
        )
    parts.append("</article>")
    return "\n".join(parts)


def _replies(document: ThreadDocument, nodes: tuple[ThreadNode, ...]) -> str:
    """Nested replies; built with an explicit stack so a long chain cannot exhaust recursion."""
    if not nodes:
        return ""
    out: list[str] = ['<div class="replies">']
    stack: list[ThreadNode | str] = [*reversed(nodes)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):  # a closing tag queued after a node's replies
            out.append(item)
            continue
        out.append(_message(document, item.message, is_reply=True))
        if item.replies:
            out.append('<div class="replies">')
            stack.append("</div>")
            stack.extend(reversed(item.replies))
    out.append("</div>")
    return "\n".join(out)


def render(document: ThreadDocument) -> str:
    citation = document.citation
    facts = [("Transcript", citation.title)]
    if citation.date:
        facts.append(("Date", citation.date))
    if citation.file:
        facts.append(("File", citation.file))
    facts.append(("SHA-256", f"{citation.sha256_short} ({citation.format} format)"))
    facts.append(("Threads", str(len(document.threads))))
    header = "".join(f"<dt>{_text(k)}</dt><dd>{_text(v)}</dd>" for k, v in facts)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f"<title>Threads from {_text(citation.title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<header><h1>Threads from “{_text(citation.title)}”</h1><dl>{header}</dl></header>",
    ]
    for number, exported in enumerate(document.threads, start=1):
        thread = exported.thread
        parts.append(f'<section class="thread" id="thread-{number}">')
        parts.append(f"<h2>{number}. {_text(heading(thread.root))}</h2>")
        for note in exported.notes:
            parts.append(f'<div class="note"><strong>Note:</strong> {_paragraphs(note)}</div>')
        parts.append(_message(document, thread.root, is_reply=False))
        if thread.replies:
            parts.append(_replies(document, thread.replies))
        parts.append("</section>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
