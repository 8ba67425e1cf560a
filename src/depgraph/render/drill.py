"""Drill-down: a focus diagram for every box of the overview, each laid out by ``dot``.

The report embeds them so that a click on a box of the overview shows that
box's parts in full detail, with what they need and what needs them,
without any request leaving the page. Element ids inside each focus diagram
are prefixed with ``f-`` so that they never clash with the overview's.

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... components: [{id: router, category: network}]
... services: [{id: internet, requires: [router]}]
... ''')
>>> [(view.element_id, view.title) for view in drill_downs(inv)]  # doctest: +SKIP
[('dg-n-router', 'router'), ('dg-n-internet', 'internet')]
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from depgraph.inventory.container import Inventory
from depgraph.render.dot import to_dot
from depgraph.render.formats import lay_out
from depgraph.render.scene import build_scene

__all__ = ["FocusView", "drill_downs"]

_TITLE = re.compile(r"<title>[^<]*</title>\n?")
_ID = re.compile(r'\bid="')


@dataclass(frozen=True)
class FocusView:
    """The focus diagram of one overview box: the box's element id, its name, the SVG."""

    element_id: str
    title: str
    svg: str


def drill_downs(inventory: Inventory) -> tuple[FocusView, ...]:
    """A focus diagram (inline SVG, ids prefixed ``f-``) for each box of the overview.

    Raises :class:`~depgraph.errors.DotNotFoundError` when Graphviz is missing.
    """
    boxes = [box for box in build_scene(inventory).boxes if box.members]
    if not boxes:
        return ()
    sources = [to_dot(build_scene(inventory, focus=box.members)) for box in boxes]
    # One run of dot per diagram: a run given several graphs orders their clusters
    # differently from one run to the next, which would break byte-identical reports.
    # The runs are separate processes, so two threads keep both cores busy.
    with ThreadPoolExecutor(max_workers=2) as pool:
        drawn = list(pool.map(lambda source: lay_out(source, "svg").decode("utf-8"), sources))
    svgs = [part[part.index("<svg"):] for part in drawn]
    return tuple(
        FocusView(box.element_id, box.lines[0], _ID.sub('id="f-', _TITLE.sub("", svg)))
        for box, svg in zip(boxes, svgs, strict=True)
    )
