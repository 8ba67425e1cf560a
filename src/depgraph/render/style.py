"""How a diagram looks: colours, shapes, fonts and line styles.

* fill colour = the vendor that owns the box (:data:`PALETTE` in vendor file
  order, repeating after twelve; grey when nobody owns it). The palette has no
  reds, oranges or yellows: those belong to failure states;
* shape = the component's category (:data:`SHAPES`); services are bold
  rounded boxes, junctions small circles;
* hand-off links (the two ends have different parties) are thick and dark
  purple, ordinary links thin and grey;
* under ``--fail``: failed = solid red with white text, down = pale red with a
  red outline, held (up thanks to redundancy) = amber outline, up = unchanged;
  links into something down are red, links into a junction that holds amber.

Every function returns DOT attributes as plain strings; escaping is the job
of :mod:`depgraph.render.dot`.

>>> fill(0), fill(12), fill(None)
('#a6cee3', '#a6cee3', '#e3e3e3')
"""

from __future__ import annotations

from depgraph.render.scene import Box, Link, State

__all__ = [
    "BOLD",
    "CLUSTER",
    "DOWN_FILL",
    "EDGE",
    "FAILED",
    "FONT",
    "GRAPH",
    "HANDOFF",
    "HELD",
    "HELD_FILL",
    "INK",
    "LEGEND_CLUSTER",
    "LINK",
    "NODE",
    "PALETTE",
    "SERVICES_CLUSTER",
    "SHAPES",
    "UNOWNED",
    "box_look",
    "fill",
    "link_look",
    "state_look",
]

FONT = "Helvetica"
BOLD = "Helvetica-Bold"

PALETTE: tuple[str, ...] = (
    "#a6cee3", "#b2df8a", "#cab2d6", "#8dd3c7", "#dbdb8d", "#80b1d3",
    "#c49c94", "#ccebc5", "#bc80bd", "#9edae5", "#b3de69", "#bebada",
)
"""Vendor fill colours, light enough for black text, free of the failure colours."""

UNOWNED = "#e3e3e3"
INK = "#303030"
LINK = "#8a8a8a"
HANDOFF = "#6a3d9a"
FAILED = "#c62828"
DOWN_FILL = "#fbd5d5"
HELD = "#e69500"
HELD_FILL = "#fff1c9"

SHAPES: dict[str, str] = {
    "network": "box3d",
    "power": "hexagon",
    "compute": "cylinder",
    "cloud": "ellipse",
    "control": "component",
    "lighting": "octagon",
    "shades": "note",
    "climate": "egg",
    "audio": "cds",
    "video": "tab",
    "conferencing": "folder",
    "voip": "septagon",
    "surveillance": "invhouse",
    "access": "house",
    "security": "doubleoctagon",
    "other": "box",
}
"""The shape of each component category."""

GRAPH: dict[str, str] = {
    "rankdir": "LR",
    "newrank": "true",
    "fontname": BOLD,
    "fontsize": "20",
    "labelloc": "t",
    "labeljust": "l",
    "nodesep": "0.18",
    "ranksep": "0.7",
    "pad": "0.3",
    "bgcolor": "white",
    "outputorder": "edgesfirst",
}
NODE: dict[str, str] = {
    "fontname": FONT,
    "fontsize": "11",
    "color": INK,
    "fontcolor": INK,
    "style": "filled",
    "margin": "0.12,0.05",
}
EDGE: dict[str, str] = {"color": LINK, "arrowsize": "0.6", "penwidth": "1"}
CLUSTER: dict[str, str] = {
    "style": "rounded,filled",
    "color": "#c8c8c8",
    "fillcolor": "#f7f7f5",
    "fontname": BOLD,
    "fontsize": "13",
    "fontcolor": "#505050",
    "labeljust": "l",
}
SERVICES_CLUSTER: dict[str, str] = {
    **CLUSTER,
    "color": "#9db4d0",
    "fillcolor": "#eef3fa",
    "fontcolor": "#2f4b6e",
}
LEGEND_CLUSTER: dict[str, str] = {**CLUSTER, "fillcolor": "white", "fontsize": "14"}


def fill(swatch: int | None) -> str:
    """The fill colour of a vendor's palette slot, grey for unowned."""
    return UNOWNED if swatch is None else PALETTE[swatch % len(PALETTE)]


def box_look(box: Box) -> dict[str, str]:
    """Shape, colours and font of one box, its state included."""
    if box.kind == "junction":
        look = {"shape": "circle", "fillcolor": "white", "fontsize": "9", "width": "0.3",
                "margin": "0.02"}
    elif box.kind == "service":
        look = {"shape": "box", "style": "rounded,filled", "fillcolor": fill(box.swatch),
                "fontname": BOLD, "fontsize": "12", "penwidth": "2"}
    else:
        look = {"shape": SHAPES[box.category or "other"], "fillcolor": fill(box.swatch)}
        if box.kind == "group":
            look["peripheries"] = "2"
    return {**look, **state_look(box.state)}


def state_look(state: State) -> dict[str, str]:
    """What a failure state changes in a box (nothing for ``up``)."""
    if state == "failed":
        return {"fillcolor": FAILED, "color": FAILED, "fontcolor": "white", "penwidth": "2.5"}
    if state == "down":
        return {"fillcolor": DOWN_FILL, "color": FAILED, "fontcolor": FAILED, "penwidth": "2"}
    if state == "held":
        return {"fillcolor": HELD_FILL, "color": HELD, "penwidth": "2.5"}
    return {}


def link_look(link: Link) -> dict[str, str]:
    """Colour and weight of one link: hand-offs stand out, failure paths are red."""
    look = {"color": HANDOFF, "penwidth": "2.2"} if link.handoff else {}
    if link.state in ("failed", "down"):
        look["color"] = FAILED
    elif link.state == "held":
        look["color"] = HELD
    return look
