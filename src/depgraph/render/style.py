"""How a diagram looks: colours, fonts, sizes and line styles.

* fill = the vendor that owns the box: :data:`PALETTE` holds ten light,
  print-safe hues, one per vendor for the vendors that own the most parts
  (no two share one); other vendors are grey (:data:`OTHERS`), unowned parts
  white with a dashed outline. The palette has no reds, oranges or yellows:
  those belong to failure states;
* text: the category as a small tag, the name bold, model and room smaller,
  the vendor in the smallest line; no size below :data:`SMALLEST` points
  before fitting to a page;
* arrows run from what is needed to what needs it; a hand-off (the two ends
  belong to different parties) is purple with a small ring where it starts;
* under ``--fail``: failed = solid red with white text, down = pale red with
  a red outline, held (up thanks to redundancy) = amber outline, everything
  unaffected faded; the failure's arrows are red.

Every function returns DOT attributes as plain strings; escaping is the job
of :mod:`depgraph.render.dot`.

>>> fill(0, True), fill(None, True), fill(None, False)
('#9ecae1', '#dcdcdc', '#ffffff')
"""

from __future__ import annotations

from depgraph.render.scene import Box, Link
from depgraph.render.states import State

__all__ = [
    "BOLD",
    "BRACKET",
    "BRACKET_CLUSTER",
    "CLUSTER",
    "COUNT_LABEL",
    "DOWN_FILL",
    "EDGE",
    "FADED_INK",
    "FADED_LINE",
    "FAILED",
    "FOCUS",
    "FONT",
    "GRAPH",
    "HANDOFF",
    "HELD",
    "INK",
    "LINK",
    "NAME_SIZE",
    "NODE",
    "OTHERS",
    "PALETTE",
    "SERVICES_CLUSTER",
    "SMALLEST",
    "SMALL_SIZE",
    "SOFT_INK",
    "TAG_SIZE",
    "TITLE_SIZE",
    "UNOWNED",
    "box_look",
    "fill",
    "ink",
    "link_look",
    "state_look",
]

FONT = "Helvetica"
BOLD = "Helvetica-Bold"

NAME_SIZE = 9
SMALL_SIZE = 8
TAG_SIZE = 8
TITLE_SIZE = 12
SMALLEST = min(NAME_SIZE, SMALL_SIZE, TAG_SIZE)
"""The smallest text size in points before fitting to a page."""

PALETTE: tuple[str, ...] = (
    "#9ecae1", "#a1d99b", "#c5b5e3", "#7fcdbb", "#d8c08f",
    "#b0bfe8", "#d9e39a", "#e3b5dc", "#9fd8e8", "#b9cbb0",
)
"""Vendor fills: ten light hues, distinct on screen and in print, free of failure colours."""

OTHERS = "#dcdcdc"
UNOWNED = "#ffffff"
INK = "#222222"
SOFT_INK = "#555555"
LINK = "#7a7a7a"
HANDOFF = "#7b3fa0"
FAILED = "#c62828"
DOWN_FILL = "#fde0e0"
HELD = "#d98a00"
FADED_INK = "#a8a8a8"
FADED_LINE = "#d4d4d4"
BRACKET = "#5a5a5a"
FOCUS = "#1f3f7a"

GRAPH: dict[str, str] = {
    "newrank": "true",
    "compound": "true",
    "fontname": FONT,
    "labelloc": "t",
    "labeljust": "l",
    "nodesep": "0.08",
    "ranksep": "0.17",
    "pad": "0.2",
    "margin": "0",
    "bgcolor": "white",
    "outputorder": "edgesfirst",
}
NODE: dict[str, str] = {
    "fontname": FONT,
    "fontsize": str(SMALL_SIZE),
    "shape": "box",
    "color": SOFT_INK,
    "fontcolor": INK,
    "style": "filled",
    "margin": "0.05,0.02",
    "penwidth": "1",
}
EDGE: dict[str, str] = {
    "color": LINK, "arrowsize": "0.6", "penwidth": "1", "fontname": FONT,
    "fontsize": str(SMALL_SIZE), "fontcolor": SOFT_INK,
}
CLUSTER: dict[str, str] = {
    "style": "rounded,filled",
    "color": "#c8c8c8",
    "fillcolor": "#f7f7f5",
    "fontname": BOLD,
    "fontsize": str(SMALL_SIZE + 1),
    "fontcolor": SOFT_INK,
    "labeljust": "l",
}
SERVICES_CLUSTER: dict[str, str] = {
    **CLUSTER, "color": "#9db4d0", "fillcolor": "#eef3fa", "fontcolor": "#2f4b6e",
}
BRACKET_CLUSTER: dict[str, str] = {
    "style": "rounded,dashed", "color": BRACKET, "penwidth": "1.2", "fontname": FONT,
    "fontsize": str(SMALL_SIZE), "fontcolor": INK, "labeljust": "l", "margin": "6",
}


def fill(swatch: int | None, owned: bool) -> str:
    """The fill of a vendor's colour slot; grey for other vendors, white for unowned."""
    if swatch is not None:
        return PALETTE[swatch % len(PALETTE)]
    return OTHERS if owned else UNOWNED


def ink(state: State, failing: bool) -> tuple[str, str]:
    """Colours of a box's name and of its smaller lines."""
    if state == "failed":
        return "#ffffff", "#ffffff"
    if state == "down":
        return "#8e1b1b", "#8e1b1b"
    if failing and state == "up":
        return FADED_INK, FADED_INK
    return INK, SOFT_INK


COUNT_LABEL: dict[str, str] = {"labeldistance": "1.6", "labelangle": "-40"}
"""Where a "k of n" label sits: beside the end of its own arrow, at the part that needs k."""


def box_look(box: Box, failing: bool) -> dict[str, str]:
    """Shape, colours and outline of one box, its failure state included."""
    if box.kind == "junction":
        look = {"shape": "circle", "fillcolor": "white", "width": "0.3", "margin": "0.02",
                "fontsize": str(TAG_SIZE)}
    else:
        look = {"fillcolor": fill(box.swatch, box.owned)}
        if box.kind in ("service",) or box.tag == "services":
            look["style"] = "rounded,filled"
            look["penwidth"] = "1.6"
        if box.kind == "group":
            look["peripheries"] = "2"
        if not box.owned:
            look["style"] = look.get("style", "filled") + ",dashed"
    return {**look, **state_look(box.state, failing)}


def state_look(state: State, failing: bool) -> dict[str, str]:
    """What a failure state changes in a box's outline and fill."""
    if state == "failed":
        return {"fillcolor": FAILED, "color": FAILED, "fontcolor": "white", "penwidth": "2.5"}
    if state == "down":
        return {"fillcolor": DOWN_FILL, "color": FAILED, "fontcolor": "#8e1b1b",
                "penwidth": "2"}
    if state == "held":
        return {"color": HELD, "penwidth": "3"}
    if failing:
        return {"color": FADED_LINE, "fontcolor": FADED_INK, "fillcolor": "#f6f6f6"}
    return {}


def link_look(link: Link, failing: bool) -> dict[str, str]:
    """Colour and weight of one arrow: failure paths red, hand-offs purple with a ring."""
    look: dict[str, str] = {}
    if link.handoff:
        look = {"color": HANDOFF, "dir": "both", "arrowtail": "odot"}
    if link.state in ("failed", "down"):
        look.update(color=FAILED, penwidth="1.8")
    elif link.state == "held":
        look.update(color=HELD, penwidth="1.8")
    elif failing:
        look["color"] = FADED_LINE
    if link.back:
        look["constraint"] = "false"
    if link.long:
        look["weight"] = "0"
    return look
