"""Dependency diagrams: a site drawn by Graphviz, optionally with a blast radius.

The picture (see :mod:`depgraph.render.scene` for what it says and
:mod:`depgraph.render.style` for how it looks): services at the top in their
own frame, components below clustered by room (the default), vendor or
category, an arrow from each node to what it requires; fill colour = vendor,
shape = category, "1 of 2" junctions for redundancy, thick purple arrows for
hand-offs between parties, a legend of what appears, and under ``failed``
the failed, down and held-by-redundancy nodes with the loss in the title.

Output is deterministic: the same inventory and options give the same DOT
text byte for byte (and, with the same Graphviz, the same SVG).

**Mapping SVG elements back to the inventory.** Every box in the SVG is a
``<g>`` element with

* ``id``: ``dg-n-<id>`` for a component or service (:func:`element_id`),
  ``dg-g-<first member id>`` for a group of identical parts drawn as one
  box, ``dg-j-<node id>-<clause number>`` for a redundancy junction;
* ``class``: ``node`` (from Graphviz) plus ``dg-component``, ``dg-service``,
  ``dg-group`` or ``dg-junction``, and under ``failed`` one of
  ``dg-failed``, ``dg-down``, ``dg-held``, ``dg-up``;
* a tooltip (an ``<a xlink:title>``) with the name, id and details.

:attr:`Scene.elements <depgraph.render.scene.Scene.elements>` of
:func:`build_scene` maps each element id to the component and service ids it
draws (several for a group). The legend is the ``<g id="dg-legend">`` cluster
and the services frame ``<g id="dg-services">``.

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
from pathlib import Path

from depgraph.errors import UsageError
from depgraph.files import STDOUT, check_output, write_output
from depgraph.inventory.models import Inventory
from depgraph.render.dot import to_dot
from depgraph.render.formats import FORMATS, diagram_format, lay_out
from depgraph.render.scene import (
    COLLAPSE_THRESHOLD,
    GROUP_BY,
    Scene,
    build_scene,
    element_id,
)

__all__ = [
    "COLLAPSE_THRESHOLD",
    "FORMATS",
    "GROUP_BY",
    "Scene",
    "build_scene",
    "element_id",
    "render_dot",
    "render_file",
    "render_svg",
]

_SHAPE_TITLE = re.compile(r"<title>[^<]*</title>\n?")


def render_dot(
    inventory: Inventory,
    failed: Iterable[str] = (),
    group_by: str | None = "room",
    collapse: bool = True,
) -> str:
    """The DOT source of the diagram of ``inventory`` with the blast radius of ``failed``.

    ``group_by`` is ``room``, ``vendor``, ``category`` or ``None`` (no
    clusters); ``collapse`` lets a site of more than
    :data:`COLLAPSE_THRESHOLD` nodes draw identical leaf siblings as one box.
    Needs no Graphviz program. Raises
    :class:`~depgraph.errors.UnknownIdError` for a failed id that is not a component.
    """
    return to_dot(build_scene(inventory, failed, group_by, collapse))


def render_svg(
    inventory: Inventory,
    failed: Iterable[str] = (),
    group_by: str | None = "room",
    collapse: bool = True,
) -> str:
    """The diagram as SVG text starting at ``<svg``, ready to inline in an HTML page.

    The XML declaration and doctype are left out (they do not belong inside
    HTML), and so are the ``<title>`` elements Graphviz gives every shape: they
    hold internal names (``n51->n14``) that a browser would show on hover,
    while each box and arrow keeps its own tooltip. See the module docstring
    for the element ids. Raises :class:`~depgraph.errors.DotNotFoundError`
    when Graphviz is missing.
    """
    svg = lay_out(render_dot(inventory, failed, group_by, collapse), "svg").decode("utf-8")
    return _SHAPE_TITLE.sub("", svg[svg.index("<svg"):])


def render_file(
    inventory: Inventory,
    out_path: str | Path,
    failed: Iterable[str] = (),
    group_by: str | None = "room",
    collapse: bool = True,
    file_format: str | None = None,
) -> Path | None:
    """Write the diagram to ``out_path`` in the format of its suffix (:data:`FORMATS`).

    ``file_format`` overrides the suffix; ``out_path`` ``-`` writes to standard
    output (in ``file_format``, ``dot`` by default) and returns ``None``.
    ``.dot`` needs no Graphviz program; the others raise
    :class:`~depgraph.errors.DotNotFoundError` without it. Nothing is written
    unless the whole diagram was drawn, and never over an input
    (:func:`~depgraph.files.write_atomic`). Returns the path written.
    """
    if file_format is None:
        file_format = "dot" if str(out_path) == STDOUT else diagram_format(out_path)
    elif file_format not in FORMATS:
        raise UsageError(f"{file_format!r} is not a diagram format; use {', '.join(FORMATS)}")
    check_output(out_path)
    source = render_dot(inventory, failed, group_by, collapse)
    content = source.encode("utf-8") if file_format == "dot" else lay_out(source, file_format)
    return write_output(out_path, content)
