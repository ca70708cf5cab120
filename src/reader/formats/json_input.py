"""Reading the JSON exports of chat services: one clear error for bad JSON, tolerant getters."""

from __future__ import annotations

import json
from typing import Any

from reader.errors import ReaderError


def load_json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ReaderError(
            f"not a valid {what} (JSON error at line {error.lineno}, column {error.colno}: "
            f"{error.msg})"
        ) from None
    except RecursionError:
        raise ReaderError(f"not a valid {what} (JSON nested too deeply)") from None


def text_of(value: Any) -> str:
    """A string field, or "" when it is missing or not a string."""
    return value if isinstance(value, str) else ""


def dict_of(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def list_of(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def has_keys(head: str, *keys: str) -> bool:
    """Whether every `"key":` occurs in the start of the file (detection never parses it all)."""
    return all(f'"{key}"' in head for key in keys)
