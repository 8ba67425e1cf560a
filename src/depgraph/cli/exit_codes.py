"""The exit codes of ``cli.md``, named once for the CLI and every command."""

__all__ = ["EXIT_BAD_INPUT", "EXIT_FOUND", "EXIT_INTERRUPTED", "EXIT_OK"]

EXIT_OK = 0
"""Success."""

EXIT_FOUND = 1
"""The command worked and found what it was asked to fail on (``audit --fail-on``)."""

EXIT_BAD_INPUT = 2
"""Bad input or usage: a clear message on stderr, never a traceback."""

EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C (128 + SIGINT, as shells report it)."""
