"""The overview as the printed report shows it: laid out for a landscape Letter sheet.

On screen the report's overview zooms, so its full box budget is fine. On
paper it gets a landscape US Letter page of its own (``@page wide`` in
``report.css``: 0.25 in margins, as ``depgraph render --page letter`` uses),
with the section heading in a band of :data:`HEADING_BAND` points above it.
The drawing is scaled to the box left (:data:`SHEET`), so the largest box
budget of :data:`~depgraph.render.FIT_BUDGETS` whose smallest text stays at
:data:`~depgraph.render.formats.LEGIBLE` points or more is chosen, the same
rule the ``render`` command follows, for a site of any size. The copy has
no element ids, so the screen diagram's ids stay unique.

>>> SHEET
(756.0, 510.0)
"""

from __future__ import annotations

import re

from depgraph.inventory.container import Inventory
from depgraph.render import FIT_BUDGETS, build_scene
from depgraph.render.dot import to_dot
from depgraph.render.formats import LEGIBLE, lay_out, natural_size
from depgraph.render.style import SMALLEST
from depgraph.report.what_if import DIAGRAM_GROUP_BY

__all__ = ["HEADING_BAND", "SHEET", "print_scale", "printed_overview"]

HEADING_BAND = 64.0
"""Points of the landscape page the section's heading and lede take (``report.css``)."""

SHEET: tuple[float, float] = (11.0 * 72 - 36.0, 8.5 * 72 - 36.0 - HEADING_BAND - 2.0)
"""Width and height in points left for the printed overview (``report.css``).

Letter landscape less 0.25 in margins and the heading band, and 2 pt to
spare so that rounding never pushes the drawing onto a second page.
"""

_ID = re.compile(r' id="[^"]*"')
_TITLE = re.compile(r"<title>[^<]*</title>\n?")


def print_scale(size: tuple[float, float]) -> float:
    """How much a drawing of ``size`` points is scaled to fill :data:`SHEET` (never above 1)."""
    return min(1.0, SHEET[0] / size[0], SHEET[1] / size[1])


def printed_overview(inventory: Inventory) -> str:
    """The overview's SVG (from ``<svg``) with the largest box budget legible on :data:`SHEET`.

    When even the smallest budget is under :data:`LEGIBLE` points, that
    smallest budget is used: it is the most legible the overview gets.
    """
    svg = ""
    for budget in FIT_BUDGETS:
        svg = lay_out(to_dot(build_scene(inventory, group_by=DIAGRAM_GROUP_BY,
                                            budget=budget)), "svg").decode("utf-8")
        if SMALLEST * print_scale(natural_size(svg.encode("utf-8"))) >= LEGIBLE:
            break
    return _ID.sub("", _TITLE.sub("", svg[svg.index("<svg"):]))
