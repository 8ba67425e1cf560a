"""What a diagram says: its boxes, links, frames, rows, legend and title.

This module decides the content of the picture and nothing of its looks
(:mod:`depgraph.render.style`) or its syntax (:mod:`depgraph.render.dot`).
There are three views:

* ``overview`` (the default): the site tier by tier (:mod:`~depgraph.render.tiers`),
  like parts drawn as one box so that it fits a page
  (:mod:`~depgraph.render.parts`), redundancy as brackets;
* ``focus``: the dependency cone of some components or services, everything
  they need and everything that needs them, part by part (the far side of a
  large cone is grouped like the overview);
* ``detail``: every part, framed by ``group_by`` (room, vendor or category);
  above :data:`COLLAPSE_THRESHOLD` nodes identical leaf siblings share a box
  (:mod:`depgraph.render.collapse`) unless ``collapse`` is false.

With ``failed``, every box and link gets a state: ``failed``, ``down``,
``held`` (up, but only thanks to redundancy) or ``up``.

Box keys (the DOT node names) are generated and safe: ``n<i>`` for graph node
``i`` (components then services, in file order), ``g<i>`` for a group whose
first member is node ``i``, ``j0, j1, ...`` for junctions. Element ids (the SVG
``id`` of each box) carry the inventory id instead; see :func:`element_id`.

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
[('n0', 'failed'), ('n1', 'up'), ('n2', 'held'), ('n3', 'up')]
>>> scene.brackets[0].label
'1 of 2: isp-a or isp-b'
>>> scene.title[1]
'isp-a fails: no service down (redundancy holds)'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from depgraph.engine.blast import blast_radius
from depgraph.engine.graph import DependencyGraph, graph_of
from depgraph.engine.people import people_phrase
from depgraph.errors import UsageError
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import Component, Service
from depgraph.render.boxes import colour_slots, component_text, group_text, service_text
from depgraph.render.collapse import sibling_groups
from depgraph.render.layers import rows_of
from depgraph.render.links import Junction, RawLink, requirements
from depgraph.render.model import Box, Cluster, Kind, Link, Scene, element_id
from depgraph.render.parts import FAMILIES, domain, overview_parts
from depgraph.render.reduce import placed, reduce_links
from depgraph.render.states import State, loss, site_counts, states
from depgraph.render.tiers import SPINE, tiers_of
from depgraph.text import listing

__all__ = [
    "Box",
    "COLLAPSE_THRESHOLD",
    "Cluster",
    "FOCUS_BUDGET",
    "GROUP_BY",
    "Kind",
    "Link",
    "OVERVIEW_BUDGET",
    "Scene",
    "VIEWS",
    "build_scene",
    "element_id",
]

GROUP_BY: tuple[str, ...] = ("room", "vendor", "category")
"""The ways components can be framed in the detail view."""

VIEWS: tuple[str, ...] = ("overview", "focus", "detail")
"""The views of a site."""

COLLAPSE_THRESHOLD = 300
"""Detail views of sites with more nodes than this draw identical leaf siblings as one box."""

OVERVIEW_BUDGET = 24
"""An overview draws at most this many boxes when the site allows it."""

FOCUS_BUDGET = 24
"""A focus diagram groups the far side of its cone beyond this many boxes."""



def build_scene(
    inventory: Inventory,
    failed: Iterable[str] = (),
    group_by: str | None = "room",
    collapse: bool = True,
    *,
    view: str = "overview",
    focus: Iterable[str] = (),
    budget: int | None = None,
    only: Iterable[str] = (),
) -> Scene:
    """The content of the diagram of ``inventory``, with the blast radius of ``failed``.

    ``view`` is one of :data:`VIEWS`; ``focus`` (component or service ids)
    gives the focus view whatever ``view`` says. ``group_by`` frames the
    detail view. ``budget`` is the most boxes an overview or focus diagram
    should draw (default :data:`OVERVIEW_BUDGET`, :data:`FOCUS_BUDGET`).
    ``only`` draws just those components and services part by part, in rows
    like the overview (the view is then ``page``: one page of a split detail
    diagram; links to parts elsewhere are left out).
    Raises :class:`~depgraph.errors.UnknownIdError` for an id not in the site
    and :class:`~depgraph.errors.UsageError` for an unknown grouping or view.
    """
    if group_by is not None and group_by not in GROUP_BY:
        raise UsageError(f"unknown grouping '{group_by}'; use one of {', '.join(GROUP_BY)}")
    if view not in VIEWS:
        raise UsageError(f"unknown view '{view}'; use one of {', '.join(VIEWS)}")
    graph = graph_of(inventory)
    focused = [_node_of(graph, node_id) for node_id in dict.fromkeys(focus)]
    chosen = "focus" if focused else "page" if only else view
    limit = budget or (FOCUS_BUDGET if chosen == "focus" else OVERVIEW_BUDGET)
    subset = [_node_of(graph, node_id) for node_id in dict.fromkeys(only)] if not focused else []
    return _Builder(inventory, graph, list(failed), group_by, collapse, chosen, focused,
                    limit, subset).scene()


def _node_of(graph: DependencyGraph, node_id: str) -> int:
    if node_id in graph.index:
        return graph.index[node_id]
    graph.component_index(node_id)  # raises UnknownIdError with "did you mean"
    raise AssertionError(node_id)  # pragma: no cover


class _Builder:
    """Builds one :class:`Scene`; holds the look-ups its steps share."""

    def __init__(self, inventory: Inventory, graph: DependencyGraph, failed: list[str],
                 group_by: str | None, collapse: bool, view: str, focused: list[int],
                 budget: int, subset: list[int]) -> None:
        self.inventory, self.graph, self.view, self.budget = inventory, graph, view, budget
        self.nodes: list[Component | Service] = [*inventory.components, *inventory.services]
        self.group_by = group_by if view == "detail" else None
        self.radius = blast_radius(inventory, failed) if failed else None
        self.node_state, self.clause_state = states(graph, self.radius)
        self.slots = colour_slots(inventory)
        self.tiers = tiers_of(graph)
        self.focused = focused
        self.subset = set(subset)
        self.parts = self._parts(collapse)
        self.key_of: dict[int, str] = {}
        for part in self.parts:
            self.key_of.update({n: f"g{part[0]}" if len(part) > 1 else f"n{n}" for n in part})

    def _parts(self, collapse: bool) -> list[tuple[int, ...]]:
        graph = self.graph
        if self.view == "overview":
            return overview_parts(graph, self.tiers, self.node_state, self.budget)
        if self.view == "focus":
            return self._focus_parts()
        if self.subset:
            return [(n,) for n in sorted(self.subset)]
        groups = {}
        if collapse and len(graph) > COLLAPSE_THRESHOLD:
            groups = {g[0]: g for g in sibling_groups(graph, self._look)}
        hidden = {n for g in groups.values() for n in g[1:]}
        return [groups.get(n, (n,)) for n in range(len(graph)) if n not in hidden]

    def _focus_parts(self) -> list[tuple[int, ...]]:
        """The cone of the focused nodes: part by part, or like the overview where it is large.

        What the focused nodes need stays part by part unless it alone fills
        most of the budget; what needs them is grouped first.
        """
        graph = self.graph
        needs = _closure(self.focused, lambda n: [
            m for c in graph.node_clauses[n] for m in graph.clause_members[c]])
        needed_by = _closure(self.focused, lambda n: [graph.clause_node[c]
                                                     for c in graph.dependents[n]])
        upstream = sorted(needs | set(self.focused))
        downstream = sorted(needed_by - needs - set(self.focused))
        budget = self.budget
        if len(upstream) + len(downstream) <= budget:
            return [(n,) for n in sorted([*upstream, *downstream])]
        near: list[tuple[int, ...]] = [(n,) for n in upstream]
        if len(near) > budget * 3 // 4:
            near = overview_parts(graph, self.tiers, self.node_state, budget * 3 // 4,
                                  nodes=upstream)
        far = overview_parts(graph, self.tiers, self.node_state,
                             max(budget - len(near), 6), nodes=downstream)
        return sorted([*near, *far], key=lambda part: part[0])

    def _look(self, node: int) -> tuple[str | None, State]:
        """What siblings must share besides category and vendor: frame and state."""
        return self._cluster(node), self.node_state[node]

    def scene(self) -> Scene:
        boxes = [self._box(part) for part in self.parts]
        names = {box.key: box.lines[0] for box in boxes}
        drawn = [n for part in self.parts for n in part]
        bands = {box.key: self._row_tier(box) for box in boxes}
        found = requirements(self.graph, drawn, self.key_of, names, self._party,
                             self._vendor_name, brackets=self.view != "detail",
                             band=bands.__getitem__)
        junctions = [self._junction(j) for j in found.junctions]
        links = [self._link(raw) for raw in found.links]
        rows: list[tuple[int, tuple[str, ...]]] = []
        if self.view != "detail":
            links = reduce_links(links)
            rows = rows_of({box.key: self._row_tier(box) for box in self._spine_first(boxes)},
                           [(link.tail, link.head) for link in links],
                           [b.keys for b in found.brackets])
            row_of = {key: i for i, (_, keys) in enumerate(rows) for key in keys}
            links = [placed(link, row_of) for link in links]
        owned = [(box.swatch, box.owned) for box in boxes]
        return Scene(
            title=self._title(),
            view=self.view,
            boxes=(*boxes, *junctions),
            services=tuple(box.key for box in boxes if box.tag in ("service", "services")),
            clusters=self._clusters(),
            brackets=tuple(found.brackets),
            rows=tuple(rows),
            links=tuple(links),
            vendors=tuple(sorted(
                (slot, self.inventory.vendor(v).name) for v, slot in self.slots.items()
                if (slot, True) in owned)),
            others=(None, True) in owned,
            unowned=(None, False) in owned,
            failing=self.radius is not None,
        )

    def _spine_first(self, boxes: list[Box]) -> list[Box]:
        """Boxes in drawing order: the spine's in tier order (internet, gateway, core)."""
        def order(box: Box) -> tuple[int, int]:
            tier = self.tiers[self.graph.index[box.members[0]]]
            return (tier if tier in SPINE and box.category != "cloud" else 0, 0)
        return sorted(boxes, key=order)

    def _about(self, part: tuple[int, ...]) -> str:
        """What a group of services is about: their commonest domain, or its family."""
        if not self.graph.is_service(part[0]):
            return ""
        domains = Counter(domain(self.graph, n) for n in part)
        if len(domains) == 1:
            return next(iter(domains))
        families = Counter(FAMILIES.get(d, "other") for d in domains.elements())
        return families.most_common(1)[0][0]

    def _row_tier(self, box: Box) -> int:
        """The band of rows a box sits in: the spine shares one, cloud platforms go with endpoints."""
        tier = self.tiers[self.graph.index[box.members[0]]]
        if box.category == "cloud":
            return 5
        return 1 if tier in SPINE else tier

    def _party(self, node: int) -> str | None:
        return self.graph.party(node)

    def _vendor_name(self, vendor_id: str | None) -> str:
        return "unowned" if vendor_id is None else self.inventory.vendor(vendor_id).name

    def _cluster(self, node: int) -> str | None:
        item = self.nodes[node]
        if not isinstance(item, Component) or self.group_by is None:
            return None
        if self.group_by == "room":
            return item.room
        if self.group_by == "vendor":
            return self._vendor_name(item.vendor).replace("unowned", "Unowned")
        return item.category

    def _clusters(self) -> tuple[Cluster, ...]:
        members: dict[str, list[str]] = {}
        for part in self.parts:
            label = self._cluster(part[0])
            if label is not None:
                members.setdefault(label, []).append(self.key_of[part[0]])
        return tuple(Cluster(label, tuple(keys)) for label, keys in members.items())

    def _box(self, part: tuple[int, ...]) -> Box:
        graph, first = self.graph, part[0]
        items = [self.nodes[n] for n in part]
        item = items[0]
        if len(part) > 1:
            text = group_text(self.inventory, items, self._about(part), self.view == "overview")
            kind: Kind = "group"
            element = f"dg-g-{item.id}"
        elif isinstance(item, Component):
            text, kind, element = component_text(self.inventory, item), "component", element_id(
                item.id)
            if self.view == "overview":
                text = replace(text, lines=text.lines[:1])
        else:
            text, kind, element = service_text(self.inventory, item), "service", element_id(
                item.id)
        parties = {self._party(n) for n in part}
        slot = self.slots.get(parties.pop() or "") if len(parties) == 1 else None
        return Box(
            key=self.key_of[first],
            element_id=element,
            kind=kind,
            members=tuple(graph.ids[n] for n in part),
            lines=text.lines,
            vendor=text.vendor,
            tag=text.tag,
            tooltip=text.tooltip,
            category=item.category if isinstance(item, Component) else None,
            swatch=slot,
            owned=any(self._party(n) is not None for n in part),
            state=self.node_state[first],
            focused=first in self.focused,
        )

    def _link(self, raw: RawLink) -> Link:
        """The state of a link: the failure travels along it only where the need is not met.

        Into a redundancy that still holds, the link of a lost member is held
        (amber): the failure stops there.
        """
        clause = self.clause_state[raw.clause]
        if raw.member is None:
            state = clause
        else:
            member = self.node_state[raw.member]
            lost = member in ("failed", "down")
            redundant = self.graph.clause_slack[raw.clause] > 0
            state = ("held" if clause == "held" else member) if lost and redundant else (
                member if lost else "up")
        return Link(raw.tail, raw.head, raw.handoff, state, raw.tooltip, raw.label, raw.bracket)

    def _junction(self, junction: Junction) -> Box:
        graph = self.graph
        members = graph.clause_members[junction.clause]
        label = f"{graph.clause_k[junction.clause]} of {len(members)}"
        owners = [self.nodes[n].name for n in junction.owners]
        more = f" and {len(owners) - 5} more" if len(owners) > 5 else ""
        return Box(
            key=junction.key, element_id=junction.element_id, kind="junction", members=(),
            lines=(label,), vendor="", tag="",
            tooltip=(f"needs {label}: {', '.join(self.nodes[m].name for m in members)}",
                     f"for {', '.join(owners[:5])}{more}"),
            category=None, swatch=None, owned=False,
            state=self.clause_state[junction.clause],
        )

    def _title(self) -> tuple[str, ...]:
        inventory = self.inventory
        if self.radius is not None:
            return inventory.site.name, loss(self.radius, self.nodes, self.graph,
                                             inventory.site.currency,
                                             "held" in self.node_state,
                                             people_phrase(inventory, self.radius.down_services))
        counts = site_counts(inventory)
        if self.view == "focus":
            names = [self.nodes[n].name for n in self.focused]
            return inventory.site.name, f"{', '.join(names)}: what it needs and what needs it"
        if self.view == "overview":
            return inventory.site.name, f"Overview of {counts}"
        if self.subset:
            rooms = list(dict.fromkeys(
                item.room for item in (self.nodes[n] for n in sorted(self.subset))
                if isinstance(item, Component) and item.room))
            return inventory.site.name, f"Detail of {listing(rooms) or 'parts with no room'}"
        return inventory.site.name, counts


def _closure(starts: Sequence[int], step: Callable[[int], Iterable[int]]) -> set[int]:
    """Every node reached from ``starts`` by repeating ``step`` (starts excluded unless reached)."""
    seen: set[int] = set()
    stack = list(starts)
    while stack:
        for nxt in step(stack.pop()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen
