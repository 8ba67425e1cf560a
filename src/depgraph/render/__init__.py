"""Dependency diagrams: a site drawn by Graphviz, optionally with a blast radius.

Three views (see :mod:`depgraph.render.scene`): the *overview* (default),
the site tier by tier with like parts sharing a box so that it fits a page;
the *focus* on some components or services (``focus``), their dependency
cone part by part; the *detail* view, every part framed by room, vendor or
category. :mod:`depgraph.render.style` says how they look: fill = vendor
(ten colours for the vendors that own the most parts, the rest grey),
redundancy as brackets labelled in words, hand-offs in purple with a ring,
arrows from what is needed to what needs it, and under ``failed`` the
failed, down and held-up parts distinct and everything else faded, with
the loss in the title. PDF and PNG fit a landscape page
(:mod:`depgraph.render.formats`).

Output is deterministic: the same inventory and options give the same DOT
text byte for byte (and, with the same Graphviz, the same SVG).

**Mapping SVG elements back to the inventory.** Every box in the SVG is a
``<g>`` element with

* ``id``: ``dg-n-<id>`` for a component or service (:func:`element_id`),
  ``dg-g-<first member id>`` for a box of several parts,
  ``dg-j-<node id>-<clause number>`` for a redundancy junction (bracket
  frames are ``dg-b-<node id>-<clause number>``);
* ``class``: ``node`` (from Graphviz) plus ``dg-component``, ``dg-service``,
  ``dg-group`` or ``dg-junction``, and under ``failed`` one of
  ``dg-failed``, ``dg-down``, ``dg-held``, ``dg-up``;
* a tooltip (an ``<a xlink:title>``) with the name, id and details.

:attr:`Scene.elements <depgraph.render.scene.Scene.elements>` of
:func:`build_scene` maps each element id to the component and service ids it
draws (several for a group). The detail view's services frame is
``<g id="dg-services">``.

Example:

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... components: [{id: router, category: network}]
... services: [{id: internet, requires: [router], cost_per_hour: 50}]
... ''')
>>> print(render_dot(inv).splitlines()[0])
digraph depgraph {
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from depgraph.errors import UsageError
from depgraph.files import STDOUT, check_output, write_atomic, write_output
from depgraph.inventory.container import Inventory
from depgraph.render.dot import to_dot
from depgraph.render.formats import (
    FORMATS,
    LEGIBLE,
    PAGES,
    diagram_format,
    draw,
    fit_scale,
    lay_out,
    natural_size,
)
from depgraph.render.pages import page_split
from depgraph.render.scene import (
    COLLAPSE_THRESHOLD,
    GROUP_BY,
    VIEWS,
    Scene,
    build_scene,
    element_id,
)
from depgraph.render.sheets import pdf_document
from depgraph.render.style import SMALLEST

__all__ = [
    "COLLAPSE_THRESHOLD",
    "FIT_BUDGETS",
    "FORMATS",
    "GROUP_BY",
    "PAGES",
    "Scene",
    "VIEWS",
    "build_scene",
    "element_id",
    "render_dot",
    "render_file",
    "render_svg",
    "write_diagram",
]

FIT_BUDGETS: tuple[int, ...] = (24, 20, 16, 12)
"""Box budgets an overview or focus diagram tries, largest first, to stay legible on its page."""

_SHAPE_TITLE = re.compile(r"<title>[^<]*</title>\n?")


def render_dot(
    inventory: Inventory,
    failed: Iterable[str] = (),
    group_by: str | None = "room",
    collapse: bool = True,
    *,
    view: str = "overview",
    focus: Iterable[str] = (),
) -> str:
    """The DOT source of the diagram of ``inventory`` with the blast radius of ``failed``.

    ``view`` is ``overview``, ``focus`` or ``detail`` (:data:`VIEWS`);
    ``focus`` ids give the focus view. ``group_by`` (``room``, ``vendor``,
    ``category`` or ``None``) frames the detail view, where ``collapse`` lets
    a site of more than :data:`COLLAPSE_THRESHOLD` nodes draw identical leaf
    siblings as one box. Needs no Graphviz program. Raises
    :class:`~depgraph.errors.UnknownIdError` for an id not in the site.
    """
    return to_dot(build_scene(inventory, failed, group_by, collapse, view=view, focus=focus))


def render_svg(
    inventory: Inventory,
    failed: Iterable[str] = (),
    group_by: str | None = "room",
    collapse: bool = True,
    *,
    view: str = "overview",
    focus: Iterable[str] = (),
) -> str:
    """The diagram as SVG text starting at ``<svg``, ready to inline in an HTML page.

    The XML declaration and doctype are left out (they do not belong inside
    HTML), and so are the ``<title>`` elements Graphviz gives every shape: they
    hold internal names (``n51->n14``) that a browser would show on hover,
    while each box and arrow keeps its own tooltip. See the module docstring
    for the element ids. Raises :class:`~depgraph.errors.DotNotFoundError`
    when Graphviz is missing.
    """
    source = render_dot(inventory, failed, group_by, collapse, view=view, focus=focus)
    svg = lay_out(source, "svg").decode("utf-8")
    return _SHAPE_TITLE.sub("", svg[svg.index("<svg"):])


def write_diagram(
    inventory: Inventory,
    out_path: str | Path,
    failed: Iterable[str] = (),
    group_by: str | None = "room",
    collapse: bool = True,
    *,
    view: str = "overview",
    focus: Iterable[str] = (),
    page: str = "letter",
    file_format: str | None = None,
) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """Write the diagram to ``out_path`` (format by suffix); return the paths and notes.

    ``file_format`` overrides the suffix; ``out_path`` ``-`` writes to standard
    output (in ``file_format``, ``dot`` by default; only a PDF is ever split) and
    returns no path.

    An overview or focus diagram drawn by Graphviz (not ``.dot``) groups more
    parts, down to :data:`FIT_BUDGETS`' last, until its text stays legible
    on ``page`` (:data:`PAGES`); PDF and PNG are then drawn on a whole sheet
    of that page, scaled to fit and centred. A detail PDF or PNG too large
    for one page is split by area (see :mod:`depgraph.render.pages`), each
    page titled "Page N of M": a PDF into one document of M pages, a PNG into
    one file per page (``site-1.png``, ``site-2.png``, ...). A detail SVG is
    never split (it zooms); a note says when it is too large for one page.
    The notes say so, and when a PNG had to be drawn at a lower resolution.
    Nothing is written unless every page was drawn.
    """
    if file_format is None:
        file_format = "dot" if str(out_path) == STDOUT else diagram_format(out_path)
    elif file_format not in FORMATS:
        raise UsageError(f"{file_format!r} is not a diagram format; use {', '.join(FORMATS)}")
    fit_scale((1.0, 1.0), page)  # an unknown page is a usage error before any work
    check_output(out_path)
    focus, failed = tuple(focus), tuple(failed)
    source = render_dot(inventory, failed, group_by, collapse, view=view, focus=focus)
    notes: tuple[str, ...] = ()
    if file_format != "dot" and page != "none":
        if focus or view != "detail":
            source = _legible_source(inventory, failed, focus, page) or source
        elif (smallest := _smallest(source, page)) < LEGIBLE and (
                file_format == "pdf" or file_format == "png" and str(out_path) != STDOUT):
            return _write_pages(inventory, Path(out_path), failed, group_by, page, smallest,
                                file_format)
        elif smallest < LEGIBLE and file_format == "svg":
            notes = (f"{out_path}: the detail diagram would have {smallest:.1f} pt text on one "
                     f"{page} page; an SVG is one drawing, not split (zoom in), and a .pdf "
                     "is split into pages",)
    drawing = draw(source, file_format, page, SMALLEST, name=str(out_path))
    written = write_output(out_path, drawing.content)
    return (() if written is None else (written,)), (*notes, *drawing.notes)


def _smallest(source: str, page: str) -> float:
    """The smallest text, in points, of ``source`` fitted to ``page``."""
    return SMALLEST * fit_scale(natural_size(lay_out(source, "svg")), page)


def _write_pages(
    inventory: Inventory, out_path: Path, failed: tuple[str, ...], group_by: str | None,
    page: str, smallest: float, file_format: str,
) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """The detail diagram split by area, each page fitted to ``page`` and titled.

    A PDF is one document of several pages; a PNG, which has no pages, is
    one file per page (``site-1.png``, ``site-2.png``, ...).
    """
    scenes = _page_scenes(inventory, failed, group_by, page)
    drawings = []
    for number, scene in enumerate(scenes, start=1):
        scene = replace(scene, title=(*scene.title, f"Page {number} of {len(scenes)}"))
        drawings.append(draw(to_dot(scene), file_format, page, SMALLEST,
                             name=f"{out_path} page {number}"))
    notes = [note for drawing in drawings for note in drawing.notes]
    head = (f"{out_path}: the detail diagram does not fit one {page} page legibly (its smallest "
            f"text would be {smallest:.1f} pt), so it is split into {len(scenes)} pages, one "
            f"per area")
    if file_format == "pdf":
        document = pdf_document([drawing.content for drawing in drawings])
        document_path = write_output(out_path, document)
        return (() if document_path is None else (document_path,)), (f"{head}, in one PDF",
                                                                       *notes)
    paths = [out_path.with_name(f"{out_path.stem}-{n}{out_path.suffix}")
             for n in range(1, len(drawings) + 1)]
    head += (f": {paths[0].name} to {paths[-1].name}, one file per page because "
             f"{file_format.upper()} has no pages (write a .pdf for one document)")
    written = tuple(write_atomic(path, drawing.content) for path, drawing in zip(
        paths, drawings, strict=True))
    return written, (head, *notes)


def _page_scenes(
    inventory: Inventory, failed: tuple[str, ...], group_by: str | None, page: str
) -> list[Scene]:
    """The scenes of the pages, one per area, an area halved until its page is legible."""
    scenes = []
    component_ids = {c.id for c in inventory.components}
    waiting = list(page_split(inventory))
    while waiting:
        part = waiting.pop(0)
        scene = build_scene(inventory, failed, group_by, view="detail", only=part.members)
        components = sum(1 for m in part.members if m in component_ids)
        if components > 2 and _smallest(to_dot(scene), page) < LEGIBLE:  # still too large
            waiting[:0] = page_split(inventory, (components + 1) // 2, within=part)
            continue
        scenes.append(scene)
    return scenes


def _legible_source(
    inventory: Inventory, failed: tuple[str, ...], focus: tuple[str, ...], page: str
) -> str | None:
    """The DOT of the overview or focus with the largest budget legible on ``page``, if any."""
    for budget in FIT_BUDGETS:
        source = to_dot(build_scene(inventory, failed, focus=focus, budget=budget))
        size = natural_size(lay_out(source, "svg"))
        if SMALLEST * fit_scale(size, page) >= LEGIBLE:
            return source
    return None


def render_file(
    inventory: Inventory,
    out_path: str | Path,
    failed: Iterable[str] = (),
    group_by: str | None = "room",
    collapse: bool = True,
    *,
    view: str = "overview",
    focus: Iterable[str] = (),
    page: str = "letter",
    file_format: str | None = None,
) -> Path | None:
    """Write the diagram to ``out_path`` in the format of its suffix (:data:`FORMATS`).

    ``file_format`` overrides the suffix; ``out_path`` ``-`` writes to standard
    output (in ``file_format``, ``dot`` by default) and returns ``None``.

    ``.dot`` needs no Graphviz program; the others raise
    :class:`~depgraph.errors.DotNotFoundError` without it. Nothing is ever
    written over an input (:func:`~depgraph.files.write_atomic`). See
    :func:`write_diagram` for ``page``. Returns the path written (the first page
    of a split detail diagram).
    """
    written, _ = write_diagram(inventory, out_path, failed, group_by, collapse, view=view,
                               focus=focus, page=page, file_format=file_format)
    return written[0] if written else None
