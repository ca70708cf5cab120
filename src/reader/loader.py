"""Read a file into a Transcript: bytes -> text -> format -> reply links."""

from __future__ import annotations

import hashlib
from pathlib import Path

from reader.decode import decode
from reader.errors import ReaderError
from reader.formats import detect, get_format
from reader.model import ParseWarning, Transcript, count_participants
from reader.threads import link_replies


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, or a one-line ReaderError saying why they cannot be had."""
    path = Path(path)
    try:
        if path.is_dir():
            raise ReaderError(f"{path}: is a directory, not a transcript")
        return path.read_bytes()
    except FileNotFoundError:
        raise ReaderError(f"{path}: no such file") from None
    except PermissionError:
        raise ReaderError(f"{path}: permission denied") from None
    except OSError as error:
        raise ReaderError(f"{path}: cannot read ({error.strerror or error})") from None


def parse_bytes(data: bytes, *, source: str = "", format_id: str | None = None) -> Transcript:
    """Parse a transcript held in memory."""
    if not data.strip():
        raise ReaderError(f"{source or 'input'}: the file is empty")
    decoded = decode(data)
    fmt = get_format(format_id) if format_id else detect(decoded.text)
    if fmt is None:
        raise ReaderError(
            f"{source or 'input'}: not a transcript in any known format (see `reader formats`)"
        )
    parsed = fmt.parse(decoded.text)
    if not parsed.messages:
        raise ReaderError(f"{source or 'input'}: no messages found in the {fmt.id} format")
    warnings = list(parsed.warnings)
    if decoded.fallback:
        warnings.insert(0, ParseWarning(0, "", "not valid UTF-8: decoded as cp1252"))
    participants = count_participants(parsed.messages)
    moderators = [p.name for p in participants if p.is_moderator]
    return Transcript(
        source=source,
        format=fmt.id,
        title=parsed.title,
        date=parsed.date,
        preamble=parsed.preamble,
        epilogue=parsed.epilogue,
        messages=tuple(link_replies(parsed.messages, moderators)),
        participants=participants,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        warnings=tuple(warnings),
    )


def load(path: str | Path, *, format_id: str | None = None) -> Transcript:
    """Read and parse a transcript file (or a Slack channel folder)."""
    if Path(path).is_dir():
        return _load_folder(Path(path), format_id)
    return parse_bytes(read_bytes(path), source=str(path), format_id=format_id)


# Folders: the one transcript that comes as a folder is a Slack channel (a folder of day files),
# bundled into one JSON document and then parsed like any file.
def _load_folder(path: Path, format_id: str | None) -> Transcript:
    from reader.formats import slack

    try:
        bundle = slack.read_folder(path)
    except PermissionError:
        raise ReaderError(f"{path}: permission denied") from None
    except OSError as error:
        raise ReaderError(f"{path}: cannot read ({error.strerror or error})") from None
    if bundle is None:
        raise ReaderError(f"{path}: is a directory, not a transcript")
    return parse_bytes(bundle, source=str(path), format_id=format_id or slack.FORMAT.id)
