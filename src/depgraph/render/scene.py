"""What a diagram says: its boxes, junctions, links, clusters, legend and title.

This module decides the content of the picture and nothing of its looks
(:mod:`depgraph.render.style`) or its syntax (:mod:`depgraph.render.dot`):

* every component and service is a box; services are kept apart (in their
  own frame, see :mod:`depgraph.render.dot`), components are clustered by
  ``group_by`` (``room``, ``vendor`` or ``category``; ``None`` for none);
* a clause that offers redundancy (``k`` of ``n`` with ``k < n``) becomes a
  *junction* labelled "1 of 2" between its node and the members (nodes of one
  party needing the same ``k`` of the same members share it); other clauses
  are drawn as direct links from the node to what it requires;
* a link whose two ends belong to different parties (vendors; unowned is a
  party of its own; a service's party is its owner) is a *hand-off*;
* with ``failed``, every box, junction and link gets a state: ``failed``,
  ``down``, ``held`` (up, but only thanks to redundancy: a junction that lost
  members and still holds, and its node) or ``up``;
* above :data:`COLLAPSE_THRESHOLD` nodes, identical leaf siblings share one
  box (:mod:`depgraph.render.collapse`) unless ``collapse`` is false.

Box keys (the DOT node names) are generated and safe: ``n<i>`` for graph node
``i`` (components then services, in file order), ``g<i>`` for a group whose
first member is node ``i``, ``j0, j1, ...`` for junctions in drawing order.
Element ids (the SVG ``id`` of each box) carry the inventory id instead; see
:func:`element_id`.

Example:

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... components:
...   - {id: isp-a, category: network}
...   - {id: isp-b, category: network}
...   - {id: router, category: network, requires: [{any: [isp-a, isp-b]}]}
... services:
...   - {id: internet, requires: [router], cost_per_hour: 20, people: 4}
... ''')
>>> scene = build_scene(inv, failed=["isp-a"])
>>> [(box.key, box.state) for box in scene.boxes]
[('n0', 'failed'), ('n1', 'up'), ('n2', 'held'), ('n3', 'up'), ('j0', 'held')]
>>> scene.title[1]
'isp-a fails: no service down (redundancy holds)'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from depgraph.engine.blast import BlastRadius, blast_radius
from depgraph.engine.graph import DependencyGraph, graph_of
from depgraph.errors import UsageError
from depgraph.inventory.models import CATEGORIES, Component, Inventory, Service
from depgraph.render.collapse import common_name, sibling_groups
from depgraph.text import money

__all__ = [
    "Box",
    "COLLAPSE_THRESHOLD",
    "Cluster",
    "GROUP_BY",
    "Kind",
    "Link",
    "Scene",
    "State",
    "build_scene",
    "element_id",
]

GROUP_BY: tuple[str, ...] = ("room", "vendor", "category")
"""The ways components can be clustered."""

COLLAPSE_THRESHOLD = 300
"""Sites with more nodes than this draw identical leaf siblings as one box."""

State = Literal["failed", "down", "held", "up"]
Kind = Literal["component", "service", "group", "junction"]


@dataclass(frozen=True)
class Box:
    """One drawn node: a component, a service, a group of sibling components or a junction.

    ``members`` are the inventory ids the box stands for (none for a
    junction); ``swatch`` is the palette slot of the owning vendor (its
    position in the file's vendor list), ``None`` when unowned or a junction.
    """

    key: str
    element_id: str
    kind: Kind
    members: tuple[str, ...]
    lines: tuple[str, ...]
    tooltip: tuple[str, ...]
    category: str | None
    swatch: int | None
    state: State


@dataclass(frozen=True)
class Link:
    """An arrow from a box to what it requires.

    ``state`` is the state of the head when it is failed or down, or a junction
    that holds; otherwise ``up``.
    """

    tail: str
    head: str
    handoff: bool
    state: State
    tooltip: str


@dataclass(frozen=True)
class Cluster:
    """Boxes drawn inside one labelled frame."""

    label: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Scene:
    """Everything a diagram shows, in drawing order; see the module docstring."""

    title: tuple[str, ...]
    boxes: tuple[Box, ...]
    services: tuple[str, ...]
    clusters: tuple[Cluster, ...]
    links: tuple[Link, ...]
    vendors: tuple[tuple[int, str], ...]
    unowned: bool
    categories: tuple[str, ...]
    failing: bool

    @property
    def elements(self) -> dict[str, tuple[str, ...]]:
        """SVG element id -> the component and service ids that element draws."""
        return {box.element_id: box.members for box in self.boxes if box.members}


def element_id(node_id: str) -> str:
    """The SVG ``id`` of the box of a component or service (when it is not in a group).

    Inventory ids only use ``[A-Za-z0-9_.:-]``, so the result is a valid XML
    and HTML id; groups use ``dg-g-<first member>``, junctions
    ``dg-j-<node>-<clause number>``.

    >>> element_id("core-switch")
    'dg-n-core-switch'
    """
    return f"dg-n-{node_id}"


def build_scene(
    inventory: Inventory,
    failed: Iterable[str] = (),
    group_by: str | None = "room",
    collapse: bool = True,
) -> Scene:
    """The content of the diagram of ``inventory``, with the blast radius of ``failed``.

    Raises :class:`~depgraph.errors.UnknownIdError` when a failed id is not a
    component and :class:`~depgraph.errors.UsageError` for an unknown
    ``group_by``.
    """
    if group_by is not None and group_by not in GROUP_BY:
        raise UsageError(f"unknown grouping '{group_by}'; use one of {', '.join(GROUP_BY)}")
    return _Builder(inventory, list(failed), group_by, collapse).scene()


class _Builder:
    """Builds one :class:`Scene`; holds the look-ups its steps share."""

    def __init__(
        self, inventory: Inventory, failed: list[str], group_by: str | None, collapse: bool
    ) -> None:
        self.inventory = inventory
        self.graph: DependencyGraph = graph_of(inventory)
        self.nodes: list[Component | Service] = [*inventory.components, *inventory.services]
        self.group_by = group_by
        self.radius = blast_radius(inventory, failed) if failed else None
        self.node_state, self.clause_state = _states(self.graph, self.radius)
        self.swatch = {vendor.id: i for i, vendor in enumerate(inventory.vendors)}
        self.groups: dict[int, tuple[int, ...]] = {}
        if collapse and len(self.graph) > COLLAPSE_THRESHOLD:
            self.groups = {
                group[0]: group for group in sibling_groups(self.graph, self._look)
            }
        self.key_of = {node: f"n{node}" for node in range(len(self.graph))}
        for first, group in self.groups.items():
            self.key_of.update({node: f"g{first}" for node in group})

    def _look(self, node: int) -> tuple[str | None, State]:
        """What siblings must share besides category and vendor: cluster and state."""
        return self._cluster(node), self.node_state[node]

    def scene(self) -> Scene:
        hidden = {node for group in self.groups.values() for node in group[1:]}
        drawn = [node for node in range(len(self.graph)) if node not in hidden]
        boxes = [self._box(node) for node in drawn]
        junctions, links = self._requirements(drawn, {box.key: box.lines[0] for box in boxes})
        parties = {box.swatch for box in boxes}
        return Scene(
            title=self._title(),
            boxes=(*boxes, *junctions),
            services=tuple(self.key_of[n] for n in drawn if self.graph.is_service(n)),
            clusters=self._clusters(drawn),
            links=tuple(links),
            vendors=tuple(
                (i, v.name) for i, v in enumerate(self.inventory.vendors) if i in parties
            ),
            unowned=None in parties,
            categories=tuple(
                c for c in CATEGORIES if any(box.category == c for box in boxes)
            ),
            failing=self.radius is not None,
        )

    def _party(self, node: int) -> str | None:
        item = self.nodes[node]
        return item.vendor if isinstance(item, Component) else item.owner

    def _cluster(self, node: int) -> str | None:
        item = self.nodes[node]
        if not isinstance(item, Component) or self.group_by is None:
            return None
        if self.group_by == "room":
            return item.room
        if self.group_by == "vendor":
            return self.inventory.vendor(item.vendor).name if item.vendor else "Unowned"
        return item.category

    def _clusters(self, drawn: Sequence[int]) -> tuple[Cluster, ...]:
        members: dict[str, list[str]] = {}
        for node in drawn:
            label = self._cluster(node)
            if label is not None:
                members.setdefault(label, []).append(self.key_of[node])
        return tuple(Cluster(label, tuple(keys)) for label, keys in members.items())

    def _box(self, node: int) -> Box:
        item = self.nodes[node]
        party = self._party(node)
        group = self.groups.get(node)
        if group is not None:
            kind: Kind = "group"
            lines, tooltip = self._group_text(group)
            element = f"dg-g-{item.id}"
        else:
            kind = "component" if isinstance(item, Component) else "service"
            lines, tooltip = (
                self._component_text(item) if isinstance(item, Component)
                else self._service_text(item)
            )
            element = element_id(item.id)
        return Box(
            key=self.key_of[node],
            element_id=element,
            kind=kind,
            members=tuple(self.graph.ids[n] for n in group or (node,)),
            lines=lines,
            tooltip=tooltip,
            category=item.category if isinstance(item, Component) else None,
            swatch=None if party is None else self.swatch[party],
            state=self.node_state[node],
        )

    def _vendor_name(self, vendor_id: str | None) -> str:
        return "unowned" if vendor_id is None else self.inventory.vendor(vendor_id).name

    def _service_text(self, service: Service) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Label and tooltip lines of a service: its name and what an hour down costs."""
        cost = f"{money(service.cost_per_hour, self.inventory.site.currency)}/h"
        people = _count(service.people, "person", "people")
        shown = " · ".join(
            text for text, value in ((cost, service.cost_per_hour), (people, service.people))
            if value
        )
        owner = f"service · owner: {self._vendor_name(service.owner)}"
        return (service.name, *([shown] if shown else [])), (
            f"{service.name} ({service.id})", owner, f"{cost} · {people}")

    def _component_text(self, component: Component) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Label and tooltip lines of a component: name and model; the tooltip has the rest."""
        model = " ".join(p for p in (component.manufacturer, component.model) if p)
        details = (
            f"{component.category} · {self._vendor_name(component.vendor)}",
            *([f"room: {component.room}"] if component.room else []),
            *([model] if model else []),
            *([f"ip: {component.ip}"] if component.ip else []),
        )
        lines = (component.name, *([model] if model else []))
        return lines, (f"{component.name} ({component.id})", *details)

    def _group_text(self, group: tuple[int, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The label and tooltip of a group of siblings: "24 × Camera, NVR-1"."""
        components = [self.inventory.components[n] for n in group]
        required = list(dict.fromkeys(
            self.nodes[m].name for c in self.graph.node_clauses[group[0]]
            for m in self.graph.clause_members[c]))
        where = ", ".join(required[:2]) + (f" +{len(required) - 2}" if len(required) > 2 else "")
        label = f"{len(group)} × {common_name(components)}" + (f", {where}" if where else "")
        shown = [f"{c.name} ({c.id})" for c in components[:20]]
        more = [f"… and {len(group) - 20} more"] if len(group) > 20 else []
        return (label,), (label, *shown, *more)

    def _requirements(
        self, drawn: Sequence[int], names: dict[str, str]
    ) -> tuple[list[Box], list[Link]]:
        """Junctions for redundant clauses and the links of every drawn node, without repeats.

        Nodes of one party that need the same ``k`` of the same members share
        one junction (forty meeting rooms on "1 of 2 routers" draw one).
        ``names`` gives the first label line of each box, for link tooltips.
        """
        graph = self.graph
        junctions: dict[tuple[int, tuple[int, ...], str | None], _Junction] = {}
        links: dict[tuple[str, str], Link] = {}
        for node in drawn:
            tail, party = self.key_of[node], self._party(node)
            for position, c in enumerate(graph.node_clauses[node], start=1):
                members = graph.clause_members[c]
                start, needs = tail, f"{names[tail]} needs"
                if graph.clause_k[c] < len(members):
                    junction = junctions.setdefault(
                        (graph.clause_k[c], members, party),
                        _Junction(f"j{len(junctions)}", c, f"dg-j-{graph.ids[node]}-{position}"),
                    )
                    junction.owners.append(node)
                    k_of_n = f"{graph.clause_k[c]} of {len(members)}"
                    start, needs = junction.key, f"{k_of_n}:"
                    links.setdefault((tail, start), Link(
                        tail, start, False, self.clause_state[c], f"{names[tail]} needs {k_of_n}"))
                for m in members:
                    head, state = self.key_of[m], self.node_state[m]
                    handoff = self._party(m) != party
                    tooltip = f"{needs} {names[head]}" + (
                        f" (hand-off: {self._vendor_name(party)} to "
                        f"{self._vendor_name(self._party(m))})" if handoff else "")
                    links.setdefault((start, head), Link(
                        start, head, handoff, "up" if state == "held" else state, tooltip))
        return [self._junction(j) for j in junctions.values()], list(links.values())

    def _junction(self, junction: _Junction) -> Box:
        graph = self.graph
        members = graph.clause_members[junction.clause]
        label = f"{graph.clause_k[junction.clause]} of {len(members)}"
        owners = [self.nodes[n].name for n in junction.owners]
        more = f" and {len(owners) - 5} more" if len(owners) > 5 else ""
        return Box(
            key=junction.key,
            element_id=junction.element_id,
            kind="junction",
            members=(),
            lines=(label,),
            tooltip=(
                f"needs {label}: {', '.join(self.nodes[m].name for m in members)}",
                f"for {', '.join(owners[:5])}{more}",
            ),
            category=None,
            swatch=None,
            state=self.clause_state[junction.clause],
        )

    def _title(self) -> tuple[str, ...]:
        inventory = self.inventory
        if self.radius is None:
            return inventory.site.name, ", ".join((
                _count(len(inventory.components), "component", "components"),
                _count(len(inventory.services), "service", "services"),
                _count(len(inventory.vendors), "vendor", "vendors"),
            ))
        held = "held" in self.node_state
        return inventory.site.name, _loss(self.radius, self.nodes, self.graph,
                                          inventory.site.currency, held)


@dataclass
class _Junction:
    """A junction being built: its key, one clause it draws, its element id, its owners."""

    key: str
    clause: int
    element_id: str
    owners: list[int] = field(default_factory=list)


def _states(
    graph: DependencyGraph, radius: BlastRadius | None
) -> tuple[list[State], list[State]]:
    """The state of every node and of every clause under the blast radius ``radius``.

    A clause is down when too few members are up, held when it lost members
    but still holds. A node is held when it is up and one of its clauses is held.
    """
    if radius is None:
        return ["up"] * len(graph), ["up"] * len(graph.clause_node)
    down = {graph.index[i] for i in (*radius.down_components, *radius.down_services)}
    failed = {graph.index[i] for i in radius.failed}
    clause_state: list[State] = []
    for c, members in enumerate(graph.clause_members):
        lost = sum(1 for m in members if m in down)
        clause_state.append(
            "down" if len(members) - lost < graph.clause_k[c] else "held" if lost else "up"
        )
    node_state: list[State] = []
    for node in range(len(graph)):
        if node in failed:
            node_state.append("failed")
        elif node in down:
            node_state.append("down")
        elif any(clause_state[c] == "held" for c in graph.node_clauses[node]):
            node_state.append("held")
        else:
            node_state.append("up")
    return node_state, clause_state


def _loss(
    radius: BlastRadius,
    nodes: Sequence[Component | Service],
    graph: DependencyGraph,
    currency: str,
    held: bool,
) -> str:
    """What the failure costs, for the title: "core-switch fails: 4 services down, $510/h, 32 people"."""
    names = [nodes[graph.index[f]].name for f in radius.failed]
    shown = names if len(names) <= 3 else [*names[:3], f"{len(names) - 3} more"]
    who = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"
    verb = "fails" if len(names) == 1 else "fail"
    if not radius.down_services:
        return f"{who} {verb}: no service down" + (" (redundancy holds)" if held else "")
    return (
        f"{who} {verb}: {_count(len(radius.down_services), 'service', 'services')} down, "
        f"{money(radius.cost_per_hour, currency)}/h, {_count(radius.people, 'person', 'people')}"
    )


def _count(n: int, one: str, many: str) -> str:
    """``1 service``, ``4 services``."""
    return f"{n:,} {one if n == 1 else many}"
