"""The one error type the core raises for bad input; the CLI turns it into one line and exit 2."""


class ReaderError(Exception):
    """A problem with the user's input (file, arguments), told in one line."""
