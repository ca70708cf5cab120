"""reader: a terminal reader for chat and meeting transcripts."""

__version__ = "0.1.0"
