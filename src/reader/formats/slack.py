"""Slack workspace exports: a channel's day files (`general/2023-03-14.json`) or one such file.

A channel folder is bundled into one JSON document (see `read_folder`) so that the loader, the
fingerprint and `--format` work on it as on any file. User ids are resolved through `users.json`
(next to the day files or one folder up, where Slack puts it) and otherwise through the
`user_profile` Slack copies into each message.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.formats.base import Format, ParsedTranscript
from reader.formats.json_input import dict_of, list_of, load_json, text_of
from reader.model import Message, MessageKind, ParseWarning, Reaction, ReplyReason

BUNDLE_KEY = "reader_slack_channel"
_DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
_EVENT_SUBTYPES = {
    "channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name",
    "channel_archive", "channel_unarchive", "group_join", "group_leave", "group_topic",
    "group_purpose", "group_name", "pinned_item", "unpinned_item", "bot_add", "bot_remove",
}  # fmt: skip
# `<@U123>`, `<@U123|name>`, `<#C123|general>`, `<!here>`, `<!subteam^S1|@team>`, `<url|label>`.
_TOKEN = re.compile(r"<(?P<body>[^<>\n]+)>")
_EMOJI = {
    "+1": "👍", "thumbsup": "👍", "-1": "👎", "heart": "❤️", "joy": "😂", "tada": "🎉",
    "eyes": "👀", "pray": "🙏", "fire": "🔥", "white_check_mark": "✅", "smile": "😄",
    "rocket": "🚀", "100": "💯", "wave": "👋", "raised_hands": "🙌", "clap": "👏",
    "thinking_face": "🤔",
}  # fmt: skip


def _day_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and _DAY_FILE.match(p.name))


def _read_json_file(path: Path) -> Any:
    try:
        return load_json(path.read_text(encoding="utf-8-sig"), "Slack export file")
    except (OSError, UnicodeDecodeError) as error:
        raise ReaderError(f"{path}: cannot read ({error})") from None
    except ReaderError as error:
        raise ReaderError(f"{path}: {error}") from None


def read_folder(folder: Path) -> bytes | None:
    """A channel folder (or an export holding one channel) as one JSON document, else None."""
    days = _day_files(folder)
    if not days:
        channels = [p for p in sorted(folder.iterdir()) if p.is_dir() and _day_files(p)]
        if len(channels) > 1:
            names = ", ".join(p.name for p in channels)
            raise ReaderError(f"{folder}: a Slack export with several channels; open one: {names}")
        if not channels:
            return None
        folder, days = channels[0], _day_files(channels[0])
    users_file = next(
        (p for p in (folder / "users.json", folder.parent / "users.json") if p.is_file()), None
    )
    messages: list[Any] = []
    for day in days:
        messages.extend(list_of(_read_json_file(day)))
    bundle = {
        BUNDLE_KEY: folder.name,
        "users": list_of(_read_json_file(users_file)) if users_file else [],
        "messages": messages,
    }
    return json.dumps(bundle, ensure_ascii=False).encode("utf-8")


def _user_names(users: list[Any]) -> dict[str, str]:
    names = {}
    for user in users:
        user = dict_of(user)
        profile = dict_of(user.get("profile"))
        name = (
            text_of(profile.get("real_name"))
            or text_of(user.get("real_name"))
            or text_of(profile.get("display_name"))
            or text_of(user.get("name"))
        )
        if text_of(user.get("id")) and name:
            names[user["id"]] = name
    return names


def _author(entry: dict[str, Any], names: dict[str, str]) -> str:
    user = text_of(entry.get("user"))
    profile = dict_of(entry.get("user_profile"))
    return (
        names.get(user)
        or text_of(profile.get("real_name"))
        or text_of(profile.get("display_name"))
        or text_of(entry.get("username"))
        or text_of(dict_of(entry.get("bot_profile")).get("name"))
        or user
        or "unknown"
    )


def _plain_text(text: str, names: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    """Slack's markup as a reader sees it, and the people it mentions."""
    mentions: list[str] = []

    def token(found: re.Match[str]) -> str:
        body = found["body"]
        target, _, label = body.partition("|")
        if target.startswith("@"):
            name = names.get(target[1:]) or label or target[1:]
            if name not in mentions:
                mentions.append(name)
            return f"@{name}"
        if target.startswith("#"):
            return f"#{label or target[1:]}"
        if target.startswith("!"):
            return label if label.startswith("@") else f"@{label or target[1:].split('^')[0]}"
        if target.startswith("mailto:"):
            return label or target.removeprefix("mailto:")
        return f"{label} ({target})" if label and label != target else target

    plain = _TOKEN.sub(token, text)
    plain = plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return plain, tuple(mentions)


def _reactions(entry: dict[str, Any], names: dict[str, str]) -> tuple[Reaction, ...]:
    reactions: list[Reaction] = []
    for reaction in list_of(entry.get("reactions")):
        reaction = dict_of(reaction)
        name = text_of(reaction.get("name"))
        if not name:
            continue
        emoji = _EMOJI.get(name.split("::")[0], f":{name}:")
        users = [text_of(u) for u in list_of(reaction.get("users"))]
        count = reaction.get("count")
        extra = count - len(users) if isinstance(count, int) and count > len(users) else 0
        reactions.extend(Reaction(emoji, names.get(u, u) or None) for u in users)
        reactions.extend(Reaction(emoji) for _ in range(extra))
    return tuple(reactions)


def _timestamp(ts: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(ts), tz=UTC)
    except (ValueError, OverflowError, OSError):
        return None


def parse(text: str) -> ParsedTranscript:
    data = load_json(text, "Slack export")
    bundle = dict_of(data)
    if BUNDLE_KEY in bundle:
        title = f"#{text_of(bundle[BUNDLE_KEY])}"
        entries, names = list_of(bundle.get("messages")), _user_names(list_of(bundle.get("users")))
    elif isinstance(data, list):
        title, entries, names = None, data, {}
    else:
        raise ReaderError("not a Slack export: expected a day file (a list of messages)")
    warnings: list[ParseWarning] = []
    dated: list[tuple[datetime, str, dict[str, Any]]] = []
    for index, entry in enumerate(entries, start=1):
        ts = text_of(dict_of(entry).get("ts"))
        when = _timestamp(ts) if ts else None
        if when is None:
            shown = json.dumps(entry, ensure_ascii=False)[:120]
            warnings.append(ParseWarning(0, shown, f"entry {index}: not a Slack message (no ts)"))
            continue
        dated.append((when, ts, entry))
    dated.sort(key=lambda item: item[0])  # day files are in order; replies may sit on later days
    ids = {ts: number for number, (_, ts, _) in enumerate(dated, start=1)}
    messages: list[Message] = []
    for number, (when, ts, entry) in enumerate(dated, start=1):
        body, mentions = _plain_text(text_of(entry.get("text")), names)
        files = [
            f"[file: {text_of(dict_of(f).get('name')) or text_of(dict_of(f).get('title'))}]"
            for f in list_of(entry.get("files"))
        ]
        thread = text_of(entry.get("thread_ts"))
        parent = ids.get(thread) if thread and thread != ts else None
        subtype = text_of(entry.get("subtype"))
        messages.append(
            Message(
                id=number,
                time=when.strftime("%H:%M:%S"),
                author=_author(entry, names),
                text="\n".join(part for part in (body, *files) if part),
                reply_to=parent,
                reply_reason=ReplyReason.FORMAT if parent else None,
                mentions=mentions,
                reactions=_reactions(entry, names),
                date=when.strftime("%Y-%m-%d"),
                kind=MessageKind.EVENT if subtype in _EVENT_SUBTYPES else MessageKind.MESSAGE,
            )
        )
    return ParsedTranscript(
        messages=messages,
        title=title,
        date=messages[0].date if messages else None,
        warnings=warnings,
    )


_SLACK_TS = re.compile(r'"ts"\s*:\s*"\d{9,}\.\d+"')


def detect(head: str) -> float:
    start = head.lstrip("\ufeff \t\n")
    if start.startswith("{") and f'"{BUNDLE_KEY}"' in head[:200]:
        return 1.0
    if start.startswith("[") and _SLACK_TS.search(head) and '"type"' in head:
        return 0.9
    return 0.0


FORMAT = Format(
    id="slack",
    name="Slack export (a channel folder of day files, or one day file)",
    example='{"type": "message", "user": "U04QW7Z1K", "text": "hi <@U02AB>", "ts": "1678784700.1"}',
    detect=detect,
    parse=parse,
)
