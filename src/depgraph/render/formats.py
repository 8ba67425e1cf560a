"""From DOT source to a file: the format follows the output's suffix.

``.dot`` is the source itself and needs nothing else; ``.svg``, ``.png`` and
``.pdf`` are laid out by Graphviz's ``dot`` program, run through the
``graphviz`` package's :func:`graphviz.pipe` so that the bytes come back to
Python and reach the disk through :func:`~depgraph.files.write_atomic` (no
half-written diagram is ever left behind).

>>> diagram_format("site.SVG"), diagram_format("wall.pdf")
('svg', 'pdf')
"""

from __future__ import annotations

from pathlib import Path

import graphviz

from depgraph.errors import DotNotFoundError, RenderError, UsageError

__all__ = ["FORMATS", "INSTALL_HINT", "diagram_format", "lay_out"]

FORMATS: tuple[str, ...] = ("svg", "png", "pdf", "dot")
"""The output formats, named by file suffix."""

INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) "
    "or write a .dot file, which needs no Graphviz"
)


def diagram_format(out_path: str | Path) -> str:
    """The format a diagram written to ``out_path`` takes, from its suffix.

    Raises :class:`~depgraph.errors.UsageError` for any other suffix.
    """
    suffix = Path(out_path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        given = f"'.{suffix}'" if suffix else "no suffix"
        choices = ", ".join(f".{f}" for f in FORMATS)
        raise UsageError(f"{out_path}: {given} is not a diagram format; use {choices}")
    return suffix


def lay_out(source: str, file_format: str) -> bytes:
    """The diagram drawn by ``dot`` from ``source`` in ``file_format`` (``svg``, ``png``, ``pdf``).

    Raises :class:`~depgraph.errors.DotNotFoundError` when ``dot`` is not
    installed and :class:`~depgraph.errors.RenderError` when it fails.
    """
    try:
        drawn: bytes = graphviz.pipe("dot", file_format, source.encode("utf-8"), quiet=True)
    except graphviz.ExecutableNotFound:
        raise DotNotFoundError(
            f"Graphviz's dot program is needed to draw .{file_format} files but was not found; "
            + INSTALL_HINT
        ) from None
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip()
        raise RenderError(f"dot could not draw the diagram: {detail or exc}") from None
    return drawn
