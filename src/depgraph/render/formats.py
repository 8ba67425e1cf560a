"""From DOT source to a file: the format follows the output's suffix, PDF and PNG fit a page.

``.dot`` is the source itself and needs nothing else; ``.svg``, ``.png`` and
``.pdf`` are laid out by Graphviz's ``dot`` program, run through the
``graphviz`` package's :func:`graphviz.pipe` so that the bytes come back to
Python and reach the disk through :func:`~depgraph.files.write_atomic` (no
half-written diagram is ever left behind).

PDF and PNG are drawn on a whole landscape sheet (:data:`PAGES`, US Letter
792 x 612 pt by default, A4 842 x 595 pt), the drawing centred on it: one
larger than the sheet less :data:`MARGIN` is scaled down to fit, unless its
smallest text would then be under :data:`LEGIBLE` points; then it keeps its
full size and a note says so. A PNG sheet is :data:`PNG_DPI` dots per inch
(1650 x 1275 pixels for Letter, 1754 x 1240 for A4). Graphviz places the
drawing with its ``viewport`` attribute (sheet size, zoom, centre). A PNG never exceeds
Graphviz's :data:`MAX_PIXELS` per side silently: its resolution is lowered
to fit and a note says so. SVG keeps its natural size (it zooms).

>>> diagram_format("site.SVG"), diagram_format("wall.pdf")
('svg', 'pdf')
>>> fit_scale((1512.0, 1152.0), "letter")
0.5
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import graphviz

from depgraph.errors import DotNotFoundError, RenderError, UsageError
from depgraph.render.sheets import pdf_document

__all__ = [
    "Drawing",
    "FORMATS",
    "INSTALL_HINT",
    "LEGIBLE",
    "MARGIN",
    "MAX_PIXELS",
    "PAGES",
    "PNG_DPI",
    "diagram_format",
    "draw",
    "fit_scale",
    "lay_out",
    "natural_size",
    "sheet_size",
]

FORMATS: tuple[str, ...] = ("svg", "png", "pdf", "dot")
"""The output formats, named by file suffix."""

PAGES: dict[str, tuple[float, float] | None] = {
    "letter": (11.0, 8.5), "a4": (11.69, 8.27), "none": None,
}
"""Landscape page sizes in inches; ``none`` keeps the drawing's natural size."""

MARGIN = 0.25
"""Inches left blank on each side of the page."""

LEGIBLE = 7.0
"""The smallest text, in points, a fitted page may show."""

PNG_DPI = 150
"""Resolution of a PNG fitted to a page."""

MAX_PIXELS = 32767
"""Graphviz's cap on a bitmap's side; larger drawings would be shrunk without a word."""

INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) "
    "or write a .dot file, which needs no Graphviz"
)

_SIZE = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
_PAD = re.compile(rb'class="graph" transform="[^"]*translate\(([\d.]+) ')


@dataclass(frozen=True)
class Drawing:
    """The bytes of a diagram and what the reader should know about its size."""

    content: bytes
    notes: tuple[str, ...]


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


def fit_scale(size: tuple[float, float], page: str) -> float:
    """How much a drawing of ``size`` points shrinks to fit ``page`` (1.0: it fits as is)."""
    if page not in PAGES:
        raise UsageError(f"unknown page '{page}'; use one of {', '.join(PAGES)}")
    inches = PAGES[page]
    if inches is None:
        return 1.0
    width, height = ((side - 2 * MARGIN) * 72 for side in inches)
    return min(1.0, width / size[0], height / size[1])


def natural_size(svg: bytes) -> tuple[float, float]:
    """Width and height in points of a drawing, from Graphviz's SVG."""
    match = _SIZE.search(svg)
    if match is None:  # pragma: no cover - Graphviz always writes them
        raise RenderError("dot gave an SVG without a size")
    return float(match[1]), float(match[2])


def draw(source: str, file_format: str, page: str = "letter", smallest: float = 8.0,
         name: str = "diagram") -> Drawing:
    """The diagram in ``file_format``, PDF and PNG on a ``page`` sheet (see the module docstring).

    ``smallest`` is the smallest text size of the drawing in points, ``name``
    names it in notes.
    """
    if file_format == "dot":
        return Drawing(source.encode("utf-8"), ())
    if file_format == "svg":
        fit_scale((1.0, 1.0), page)
        return Drawing(lay_out(source, "svg"), ())
    svg = lay_out(source, "svg")
    width, height = natural_size(svg)
    scale = fit_scale((width, height), page)
    sheet = sheet_size(page)
    notes: list[str] = []
    attrs: dict[str, str] = {}
    if sheet is not None and smallest * scale >= LEGIBLE:
        middle = _middle(svg, width, height)
        attrs["viewport"] = f"{sheet[0]:.0f},{sheet[1]:.0f},{scale:.4f},{middle}"
        width, height = sheet
    elif sheet is not None:
        notes.append(
            f"{name}: too large for one {page} page (its smallest text would be "
            f"{smallest * scale:.1f} pt), so it keeps its full size, "
            f"{width / 72:.0f} x {height / 72:.0f} in; try --focus ID or an SVG")
    if file_format == "png":
        dpi = PNG_DPI if "viewport" in attrs else 96
        if max(width, height) / 72 * dpi > MAX_PIXELS:
            dpi = int(MAX_PIXELS * 72 / max(width, height))
            notes.append(f"{name}: drawn at {dpi} dpi to stay within Graphviz's "
                         f"{MAX_PIXELS:,}-pixel limit; an SVG or PDF keeps every detail")
        attrs["dpi"] = str(dpi)
    extra = " ".join(f'{key}="{value}"' for key, value in sorted(attrs.items()))
    head, rest = source.split("\n", 1)
    drawn = lay_out(f"{head}\n\tgraph [{extra}]\n{rest}", file_format)
    return Drawing(pdf_document([drawn]) if file_format == "pdf" else drawn, tuple(notes))


def sheet_size(page: str) -> tuple[float, float] | None:
    """The landscape sheet of ``page`` in whole points (``None`` for ``none``).

    >>> sheet_size("letter"), sheet_size("a4")
    ((792.0, 612.0), (842.0, 595.0))
    """
    fit_scale((1.0, 1.0), page)
    inches = PAGES[page]
    return None if inches is None else (float(round(inches[0] * 72)), float(round(inches[1] * 72)))


def _middle(svg: bytes, width: float, height: float) -> str:
    """The centre of the drawing in Graphviz's coordinates, which start inside the pad."""
    match = _PAD.search(svg)
    pad = float(match[1]) if match else 0.0
    return f"{width / 2 - pad:.2f},{height / 2 - pad:.2f}"


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
