"""Exports of a transcript or of its threads; used by the CLI and the app alike."""
