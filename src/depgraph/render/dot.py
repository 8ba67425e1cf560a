"""DOT source for a :class:`~depgraph.render.scene.Scene`, built with the ``graphviz`` package.

The layout reads left to right: the services (what people use) sit in one
frame on the first rank, the components to their right, each arrow pointing
from a node to what it requires (so the ISP line and the power end up on the
right, and a failure travels back against the arrows). Left to right rather
than top to bottom because sites are broad and shallow: dozens of services
and rooms but five to eight levels of dependency, which top to bottom gives
as a strip ten times wider than tall, while left to right stacks the wide
levels as readable columns. Clusters frame the components of one room, vendor
or category. A legend frame lists only the vendors, categories, symbols and
states that appear.

Every user string is shown literally: it goes into a plain (never HTML)
quoted label with backslashes doubled (no ``\\N`` or ``\\l`` escapes), ``&``
written as ``&amp;`` (Graphviz decodes entities in labels) and control
characters replaced by spaces; the ``graphviz`` package escapes double quotes.
Node names are the scene's generated keys (``n0``, ``g5``, ``j0``, ``L0``), so
no user text ever reaches the DOT syntax outside a quoted string.

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
>>> 'label="R&amp;D <b>"' in to_dot(build_scene(inv))
True
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Iterable
from itertools import count

import graphviz

from depgraph.render import style
from depgraph.render.scene import Box, Scene

__all__ = ["LABEL_WIDTH", "LEGEND_COLUMN", "to_dot"]

LABEL_WIDTH = 28
"""Label lines longer than this many characters wrap (at most three lines each)."""

LEGEND_COLUMN = 8
"""At most this many vendors or categories per legend column."""

_STATE_WORDS = {
    "failed": "failed",
    "down": "down as a result",
    "held": "up thanks to redundancy",
}


def to_dot(scene: Scene) -> str:
    """The DOT source of ``scene``: the same scene always gives the same text."""
    graph = graphviz.Digraph(
        "depgraph",
        graph_attr={**style.GRAPH, "label": _label(scene.title, width=80, left=True)},
        node_attr=style.NODE,
        edge_attr=style.EDGE,
    )
    boxes = {box.key: box for box in scene.boxes}
    clustered = {key for cluster in scene.clusters for key in cluster.keys}
    for number, cluster in enumerate(scene.clusters):
        with graph.subgraph(name=f"cluster_{number}") as frame:
            frame.attr(label=_label([cluster.label]), **style.CLUSTER)
            _add_boxes(frame, [boxes[key] for key in cluster.keys], scene.failing)
    placed = clustered | set(scene.services)
    outside = [box for box in scene.boxes if box.key not in placed and box.kind != "junction"]
    _add_boxes(graph, outside, scene.failing)
    if scene.services:
        with graph.subgraph(name="cluster_services") as frame:
            frame.attr(label="Services: what people use", rank="min", id="dg-services",
                       **style.SERVICES_CLUSTER)
            _add_boxes(frame, [boxes[key] for key in scene.services], scene.failing)
    _add_boxes(graph, [box for box in scene.boxes if box.kind == "junction"], scene.failing)
    for link in scene.links:
        graph.edge(link.tail, link.head, tooltip=_label([link.tooltip], width=0),
                   **style.link_look(link))
    _add_legend(graph, scene)
    source: str = graph.source
    return source


def _add_boxes(graph: graphviz.Digraph, boxes: Iterable[Box], failing: bool) -> None:
    """Add one node per box, with its label, tooltip, element id, classes and look."""
    for box in boxes:
        classes = f"dg-{box.kind}" + (f" dg-{box.state}" if failing else "")
        graph.node(
            box.key,
            label=_label(box.lines),
            tooltip=_label(box.tooltip, width=0),
            id=box.element_id,
            **{"class": classes},
            **style.box_look(box),
        )


def _add_legend(graph: graphviz.Digraph, scene: Scene) -> None:
    """A frame with one column per kind of symbol the diagram uses."""
    with graph.subgraph(name="cluster_legend") as frame:
        frame.attr(label="Legend", id="dg-legend", **style.LEGEND_CLUSTER)
        legend = _Legend(frame)
        vendors = [legend.entry(name, shape="box", fillcolor=style.fill(swatch))
                   for swatch, name in scene.vendors]
        if scene.unowned:
            vendors.append(legend.entry("unowned", shape="box", fillcolor=style.UNOWNED))
        legend.columns += _chunks(vendors)
        legend.columns += _chunks([
            legend.entry(category, shape=style.SHAPES[category], fillcolor="white")
            for category in scene.categories
        ])
        legend.columns.append(_symbols(scene, legend))
        states = {box.state for box in scene.boxes} if scene.failing else set()
        legend.columns.append([
            legend.entry(words, shape="box", **{"fillcolor": "white", **style.state_look(state)})
            for state, words in _STATE_WORDS.items() if state in states
        ])
        legend.columns += _arrows(scene, legend)
        legend.stack()


class _Legend:
    """Sample boxes and arrows in columns; keys ``L0, L1, ...`` never clash with the scene's."""

    def __init__(self, frame: graphviz.Digraph) -> None:
        self.frame = frame
        self.keys = (f"L{i}" for i in count())
        self.columns: list[list[str]] = []
        self.arrows: set[tuple[str, str]] = set()

    def entry(self, label: str, **look: str) -> str:
        """Add one sample box; return its key."""
        key = next(self.keys)
        self.frame.node(key, label=_label([label]), tooltip=_label([look.pop("tooltip", label)]),
                        **look)
        return key

    def arrow(self, words: str, **look: str) -> tuple[str, str]:
        """Add a sample arrow pointing at what it means; return its two ends."""
        start = self.entry("", shape="point", width="0.06", tooltip=words)
        end = self.entry(words, shape="plaintext", style="")
        self.frame.edge(start, end, weight="10", tooltip=_label([words]), **look)
        self.arrows.add((start, end))
        return start, end

    def stack(self) -> None:
        """Keep each column on one rank, in order top to bottom, and the columns in order."""
        columns = [column for column in self.columns if column]
        for column in columns:
            with self.frame.subgraph() as same:
                same.attr(rank="same")
                for key in column:
                    same.node(key)
            for upper, lower in zip(column, column[1:], strict=False):
                self.frame.edge(lower, upper, style="invis")  # rankdir=LR: tail below head
        for left, right in zip(columns, columns[1:], strict=False):
            if (left[0], right[0]) not in self.arrows:
                self.frame.edge(left[0], right[0], style="invis")


def _symbols(scene: Scene, legend: _Legend) -> list[str]:
    """Legend entries for a service, a group of siblings and a junction, where drawn."""
    kinds = {box.kind for box in scene.boxes}
    column = []
    if scene.services:
        column.append(legend.entry("service (what people use)", shape="box",
                                   style="rounded,filled", fillcolor="white",
                                   fontname=style.BOLD, penwidth="2"))
    if "group" in kinds:
        column.append(legend.entry("N × identical parts", shape="box", fillcolor="white",
                                   peripheries="2"))
    if "junction" in kinds:
        column.append(legend.entry("k of n", shape="circle", fillcolor="white", fontsize="9"))
        column.append(legend.entry("needs k of the n parts it points to",
                                   shape="plaintext", style=""))
    return column


def _arrows(scene: Scene, legend: _Legend) -> list[list[str]]:
    """Legend arrows (a requirement, a hand-off, a failure path): their starts, their words."""
    arrows = [legend.arrow("needs")]
    if any(link.handoff for link in scene.links):
        arrows.append(legend.arrow("hand-off to another party", color=style.HANDOFF,
                                   penwidth="2.2"))
    if scene.failing:
        arrows.append(legend.arrow("failure spreads", color=style.FAILED))
    return [[start for start, _ in arrows], [end for _, end in arrows]]


def _chunks(keys: list[str]) -> list[list[str]]:
    return [keys[i:i + LEGEND_COLUMN] for i in range(0, len(keys), LEGEND_COLUMN)]


def _label(lines: Iterable[str], width: int = LABEL_WIDTH, left: bool = False) -> str:
    """A plain DOT label showing ``lines`` literally, one per line (wrapped past ``width``).

    Lines are centred, or left-justified with ``left`` (each ends in ``\\l``).
    ``width=0`` never wraps.
    """
    shown: list[str] = []
    for line in lines:
        clean = _printable(line)
        wrapped = textwrap.wrap(clean, width, max_lines=3, placeholder=" …") if width else []
        shown += wrapped or [clean]
    escaped = [line.replace("\\", "\\\\").replace("&", "&amp;") for line in shown]
    text = "".join(f"{line}\\l" for line in escaped) if left else "\\n".join(escaped)
    literal: str = graphviz.nohtml(text)
    return literal


def _printable(text: str) -> str:
    """``text`` with characters XML cannot carry (controls, surrogates) replaced by spaces."""
    return "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff" else ch
        for ch in text
    )
