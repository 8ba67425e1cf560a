r"""Every user string shown literally: escaping for HTML-like labels and plain DOT strings.

Labels are HTML-like labels in which ``&``, ``<``, ``>`` and ``"`` are written
as entities; tooltips are plain quoted strings with backslashes doubled and
``&`` written as ``&amp;`` (Graphviz decodes entities there too); control
characters and surrogates are replaced by spaces in both. A text is cut at
:data:`TEXT_LIMIT` characters and a plain string at :data:`PLAIN_LIMIT`, so
that ``dot`` accepts a label whatever the length of a name.

>>> html_lines([("R&D <b>", 12, True)])
'<<FONT POINT-SIZE="12" COLOR="#222222"><B>R&amp;D &lt;b&gt;</B></FONT>>'
>>> plain([r"C:\net"])
'C:\\\\net'
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Iterable

import graphviz

from depgraph.render import style

__all__ = [
    "LABEL_WIDTH",
    "PLAIN_LIMIT",
    "TEXT_LIMIT",
    "html",
    "html_lines",
    "plain",
    "wrap",
]

LABEL_WIDTH = 24
"""Smaller lines longer than this wrap (at most two lines each)."""

TEXT_LIMIT = 300
"""One user text shows at most this many characters, and a plain string at most
:data:`PLAIN_LIMIT`: escaped, a label stays well inside the 16,384 bytes ``dot`` reads in
one string, whatever the length of a name."""
PLAIN_LIMIT = 1500


def html_lines(
    lines: Iterable[tuple[str, int, bool]], name_ink: str = style.INK,
    small_ink: str = style.SOFT_INK,
) -> str:
    """An HTML-like label: one ``(text, size, bold)`` per line, every text escaped."""
    shown = []
    for text, size, bold in lines:
        if not text:
            continue
        body = html(text)
        colour = name_ink if bold else small_ink
        body = f"<B>{body}</B>" if bold else body
        shown.append(f'<FONT POINT-SIZE="{size}" COLOR="{colour}">{body}</FONT>')
    return "<" + "<BR/>".join(shown) + ">"


def html(text: str) -> str:
    r"""``text`` escaped for an HTML-like label: shown literally, never as markup.

    Backslashes are doubled: Graphviz would read ``\N`` as the node's name, even
    written as an entity. ``]`` is written as ``&#93;``: dot 2.43 refuses a
    label that is a lone ``]`` (a syntax error), and the entity draws the same.

    >>> html('<b>"R&D"</b> \\N'), html("]")
    ('&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt; \\\\N', '&#93;')
    """
    return (_printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("]", "&#93;").replace("\\", "\\\\"))


def plain(lines: Iterable[str], width: int = LABEL_WIDTH, left: bool = False) -> str:
    """A plain DOT string showing ``lines`` literally, one per line (wrapped past ``width``).

    Lines are centred, or left-justified with ``left`` (each ends in ``\\l``).
    ``width=0`` never wraps.
    """
    shown: list[str] = []
    for line in lines:
        clean = _printable(line)
        shown += (wrap(clean, width, 3) if width else []) or [clean]
    shown = _within_limit(shown)
    escaped = [line.replace("\\", "\\\\").replace("&", "&amp;") for line in shown]
    text = "".join(f"{line}\\l" for line in escaped) if left else "\\n".join(escaped)
    literal: str = graphviz.nohtml(text)
    return literal


def wrap(text: str, width: int, lines: int) -> list[str]:
    """``text`` in lines of about ``width`` characters, at most ``lines`` of them, words whole."""
    return textwrap.wrap(text, width, max_lines=lines, placeholder=" …",
                         break_long_words=False, break_on_hyphens=False) or (
        [text] if text else [])


def _within_limit(lines: list[str]) -> list[str]:
    """``lines`` cut after :data:`PLAIN_LIMIT` characters in all, marked by `` …``."""
    kept: list[str] = []
    room = PLAIN_LIMIT
    for line in lines:
        if len(line) > room:
            kept.append(line[:room] + " …")
            break
        kept.append(line)
        room -= len(line)
    return kept


def _printable(text: str) -> str:
    """``text`` with characters XML cannot carry (controls, surrogates) replaced by spaces,
    cut past :data:`TEXT_LIMIT` characters."""
    if len(text) > TEXT_LIMIT:
        text = text[:TEXT_LIMIT] + " …"
    return "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff" else ch
        for ch in text
    )
