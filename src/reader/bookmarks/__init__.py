"""Bookmarks kept across runs, keyed by transcript fingerprint + message key (see identity.py)."""

from reader.bookmarks.store import Bookmark, BookmarkStore, OrphanedBookmark

__all__ = ["Bookmark", "BookmarkStore", "OrphanedBookmark"]
