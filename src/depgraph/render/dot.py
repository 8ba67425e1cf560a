"""DOT source for a :class:`~depgraph.render.scene.Scene`, built with the ``graphviz`` package.

Overview and focus diagrams read top to bottom, one tier per band of rows
(named at the left: power, internet, gateway, core, distribution and
access, endpoints, services), the network spine on one vertical line,
redundancy brackets as dashed frames. The detail view reads left to right
(what is needed on the left, the services people use on the right in their
own frame) with components framed by room, vendor or category. Every arrow
points from what is needed to what needs it: the way a failure travels.
The title and a compact legend of only what appears sit at the top.

Every user string is shown literally: labels are HTML-like labels in which
``&``, ``<``, ``>`` and ``"`` are written as entities and control characters
replaced by spaces; tooltips are plain quoted strings with backslashes
doubled and ``&`` written as ``&amp;``. Node names are the scene's generated
keys (``n0``, ``g5``, ``j0``, ``T3``), so no user text ever reaches the DOT
syntax outside a label or a quoted string.

Each box carries ``id`` (its element id, see
:func:`~depgraph.render.scene.element_id`), ``class`` (``dg-component``,
``dg-service``, ``dg-group`` or ``dg-junction``, plus ``dg-<state>`` under
``--fail``) and a ``tooltip``; Graphviz copies them into the SVG.

Example:

>>> from depgraph import load_inventory
>>> from depgraph.render.scene import build_scene
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... components: [{id: router, name: 'R&D <b>', category: network}]
... services: [{id: internet, requires: [router]}]
... ''')
>>> '<B>R&amp;D &lt;b&gt;</B>' in to_dot(build_scene(inv))
True
"""

from __future__ import annotations

from collections.abc import Iterable

import graphviz

from depgraph.render import style
from depgraph.render.escape import LABEL_WIDTH, html_lines, plain, wrap
from depgraph.render.legend import title_and_legend
from depgraph.render.scene import Box, Scene
from depgraph.render.tiers import TIER_TITLES, TIERS

__all__ = [
    "BRACKET_WIDTH",
    "NAME_WIDTH",
    "ROW_TITLES",
    "SPINE_ROW",
    "VENDOR_WIDTH",
    "to_dot",
]

NAME_WIDTH = 18
"""Names longer than this many characters wrap (at most three lines)."""

VENDOR_WIDTH = 22
"""The vendor line wraps past this many characters."""

BRACKET_WIDTH = 44
"""A bracket's label wraps past this many characters."""

SPINE_ROW = 1
"""The row band of the network spine, kept in order left to right."""

ROW_TITLES = {1: "Internet & core", 5: "Endpoints & cloud"}
"""Row titles that differ from the tier's: the network spine shares one row."""

_STATE_WORDS = {"failed": "failed", "down": "down", "held": "held up by redundancy"}


def to_dot(scene: Scene) -> str:
    """The DOT source of ``scene``: the same scene always gives the same text."""
    detail = scene.view == "detail"
    graph = graphviz.Digraph(
        "depgraph",
        graph_attr={**style.GRAPH, "rankdir": "LR" if detail else "TB",
                    "ranksep": "0.5" if detail else style.GRAPH["ranksep"],
                    "label": title_and_legend(scene)},
        node_attr=style.NODE,
        edge_attr=style.EDGE,
    )
    boxes = {box.key: box for box in scene.boxes}
    placed: set[str] = set()
    for number, cluster in enumerate(scene.clusters):
        with graph.subgraph(name=f"cluster_{number}") as frame:
            frame.attr(label=plain([cluster.label]), **style.CLUSTER)
            _add_boxes(frame, [boxes[key] for key in cluster.keys], scene.failing)
        placed.update(cluster.keys)
    for bracket in scene.brackets:
        with graph.subgraph(name=bracket.name) as frame:
            frame.attr(label=html_lines([(line, style.SMALL_SIZE, False)
                                         for line in wrap(bracket.label, BRACKET_WIDTH, 3)]),
                       id=bracket.element_id, **style.BRACKET_CLUSTER)
            _add_boxes(frame, [boxes[key] for key in bracket.keys], scene.failing)
        placed.update(bracket.keys)
    if detail and scene.services:
        with graph.subgraph(name="cluster_services") as frame:
            frame.attr(label="Services: what people use", rank="max", id="dg-services",
                       **style.SERVICES_CLUSTER)
            _add_boxes(frame, [boxes[key] for key in scene.services], scene.failing)
        placed.update(scene.services)
    _add_boxes(graph, [box for box in scene.boxes if box.key not in placed], scene.failing)
    _add_rows(graph, scene)
    for link in scene.links:
        attrs = style.link_look(link, scene.failing)
        if link.bracket:
            attrs["ltail"] = link.bracket
        if link.label and not link.bracket:  # beside its own arrow, where it arrives
            attrs.update(headlabel=plain([link.label]), **style.COUNT_LABEL)
        graph.edge(link.head, link.tail, tooltip=plain([link.tooltip], width=0), **attrs)
    source: str = graph.source
    return source


def _add_boxes(graph: graphviz.Digraph, boxes: Iterable[Box], failing: bool) -> None:
    """Add one node per box, with its label, tooltip, element id, classes and look."""
    for box in boxes:
        classes = f"dg-{box.kind}" + (f" dg-{box.state}" if failing else "")
        extra = {"penwidth": "3", "color": style.FOCUS} if box.focused else {}
        graph.node(
            box.key,
            label=plain(box.lines) if box.kind == "junction" else _box_label(box, failing),
            tooltip=plain(box.tooltip, width=0),
            id=box.element_id,
            **{"class": classes},
            **{**style.box_look(box, failing), **extra},
        )


def _box_label(box: Box, failing: bool) -> str:
    """Tag, bold name, smaller lines and the vendor line of one box."""
    name_ink, small_ink = style.ink(box.state, failing)
    tag = box.tag + (f" · {_STATE_WORDS[box.state]}" if failing and box.state in _STATE_WORDS
                     else "")
    lines: list[tuple[str, int, bool]] = [(tag.upper(), style.TAG_SIZE, False)]
    lines += [(line, style.NAME_SIZE, True) for line in wrap(box.lines[0], NAME_WIDTH, 3)]
    for line in box.lines[1:]:
        lines += [(part, style.SMALL_SIZE, False) for part in wrap(line, LABEL_WIDTH, 2)]
    lines += [(part, style.TAG_SIZE, False) for part in wrap(box.vendor, VENDOR_WIDTH, 2)]
    return html_lines(lines, name_ink, small_ink)


def _add_rows(graph: graphviz.Digraph, scene: Scene) -> None:
    """Overview and focus: each row on one rank, the tier named at its left."""
    labelled: set[int] = set()
    bracketed = {key: bracket.name for bracket in scene.brackets for key in bracket.keys}
    previous = None
    for number, (tier, keys) in enumerate(scene.rows):
        label = f"T{number}"
        title = ROW_TITLES.get(tier, TIER_TITLES[TIERS[tier]]) if tier not in labelled else ""
        labelled.add(tier)
        graph.node(label, label=html_lines(
            [(line, style.TAG_SIZE, True) for line in wrap(title.upper(), 9, 3)],
            style.SOFT_INK, style.SOFT_INK), shape="plaintext", style="", group="tiers")
        with graph.subgraph() as same:
            same.attr(rank="same")
            for key in (label, *keys):
                same.node(key)
        graph.edge(label, keys[0], style="invis")
        if tier == SPINE_ROW:
            _keep_in_order(graph, keys, bracketed)
        if previous is not None:
            graph.edge(previous, label, style="invis")
        previous = label


def _keep_in_order(graph: graphviz.Digraph, keys: tuple[str, ...],
                   bracketed: dict[str, str]) -> None:
    """Invisible links that keep the boxes of a row (a bracket as one block) left to right."""
    blocks: dict[str, list[str]] = {}
    for key in keys:
        blocks.setdefault(bracketed.get(key, key), []).append(key)
    ordered = list(blocks.values())
    for left, right in zip(ordered, ordered[1:], strict=False):
        graph.edge(left[-1], right[0], style="invis")
