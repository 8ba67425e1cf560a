"""User text inside a message: escaped, quoted and shortened, so that it stays one readable line.

Names, ids and values come from files anyone may write: a newline would split
a ``FILE:LINE:COLUMN: message`` line in two, a terminal escape could rewrite
the screen, and a 20,000-character name would bury the message. Every message
that shows such text goes through :func:`quoted`; every line printed goes
through :func:`printable`.

>>> print(f"unknown vendor {quoted('net' + chr(10) + 'co')}")
unknown vendor 'net\\nco'
"""

from __future__ import annotations

import unicodedata
from typing import Any

__all__ = ["QUOTE_LIMIT", "printable", "quoted"]

QUOTE_LIMIT = 80
"""User text longer than this many characters is shortened when a message quotes it."""

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` safe for a terminal line: control, format and separator characters escaped.

    Newlines, tabs, terminal escapes (``\\x1b``), bidirectional overrides and
    lone surrogates are written as Python-style escapes, so that one message
    stays on one line and cannot rewrite the screen.

    >>> printable("a\\nb\\x1b[2J\\u202e")
    'a\\\\nb\\\\x1b[2J\\\\u202e'
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable():
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif unicodedata.category(char) == "Zs":  # a no-break or other wide space
            out.append(" ")
        else:
            code = ord(char)
            width = 2 if code < 0x100 else 4 if code < 0x10000 else 8
            out.append(f"\\{'x' if width == 2 else 'u' if width == 4 else 'U'}{code:0{width}x}")
    return "".join(out)


def quoted(value: Any, limit: int = QUOTE_LIMIT) -> str:
    """User text (or any value) as a message quotes it: escaped, in quotes, shortened.

    Text is put in single quotes; any other value is shown as Python writes it
    (``repr``). Past ``limit`` characters the middle gives way to ``…``.

    >>> quoted("router"), quoted(3), quoted("two\\nlines"), quoted("x" * 100, limit=10)
    ("'router'", '3', "'two\\\\nlines'", "'xxxxx…xxxx'")
    """
    shown = printable(value if isinstance(value, str) else _short_repr(value, limit))
    if len(shown) > limit:
        head = (limit + 1) // 2
        shown = f"{shown[:head]}…{shown[len(shown) - (limit - head - 1):]}"
    return f"'{shown}'" if isinstance(value, str) else shown


def _short_repr(value: Any, limit: int) -> str:
    """``repr(value)``, without building all of a huge list or mapping first."""
    if isinstance(value, (list, tuple, dict, set)) and len(value) > limit:
        kind = type(value).__name__
        return f"<{kind} of {len(value):,} items>"
    return repr(value)
