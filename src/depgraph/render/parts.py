"""Which nodes an overview draws as one box.

The overview must fit a page, so it draws like parts as one box: the same
tier, vendor and state, and, from the finest grouping to the coarsest, the
same kind of part (words of its name) and category. The finest grouping
that gives at most ``budget`` boxes is used. Services are grouped by what
they are about (the category of the components they need, see
:func:`domain`) and their owner. A failed component is always a box of its
own, and the spine (internet, gateway, core) keeps one box per part unless
it has more than :data:`SPINE_LIMIT` parts in a tier. A site that fits the
budget part by part is drawn part by part.

>>> from depgraph.engine.graph import graph_of
>>> from depgraph import load_inventory
>>> from depgraph.render.tiers import tiers_of
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... components:
...   - {id: sw, name: Core switch, category: network}
...   - {id: ap-1, name: AP hall, category: network, requires: [sw]}
...   - {id: ap-2, name: AP lobby, category: network, requires: [sw]}
... services: [{id: wifi, requires: [ap-1, ap-2]}]
... ''')
>>> graph = graph_of(inv)
>>> overview_parts(graph, tiers_of(graph), ["up"] * 4, budget=3)
[(0,), (1, 2), (3,)]
>>> overview_parts(graph, tiers_of(graph), ["up"] * 4, budget=4)
[(0,), (1,), (2,), (3,)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence

from depgraph.engine.graph import DependencyGraph
from depgraph.inventory.models import Component
from depgraph.render.tiers import SPINE
from depgraph.render.words import kind

__all__ = [
    "FAMILIES",
    "SPINE_LIMIT",
    "domain",
    "overview_parts",
]

SPINE_LIMIT = 4
"""A spine tier with more parts than this groups them like any other tier."""

_SUPPORT = frozenset({"network", "power", "cloud"})

def overview_parts(
    graph: DependencyGraph, tiers: Sequence[int], states: Sequence[str], budget: int,
    nodes: Sequence[int] | None = None,
) -> list[tuple[int, ...]]:
    """The boxes of an overview of ``nodes`` (default all): groups of node numbers, in node order.

    ``states`` is the failure state of each node (``failed`` nodes stay alone).
    """
    chosen = list(range(len(graph))) if nodes is None else list(nodes)
    cloud = {n for n in chosen if n < graph.n_components
             and graph.inventory.components[n].category == "cloud"}
    spine_size = Counter(tiers[n] for n in chosen if tiers[n] in SPINE and n not in cloud)
    domains = [domain(graph, n) if graph.is_service(n) else "" for n in range(len(graph))]
    minor = _minor_vendors(graph)
    def key(node: int, level: int) -> Hashable:
        if states[node] == "failed" or (
            tiers[node] in SPINE and node not in cloud and spine_size[tiers[node]] <= SPINE_LIMIT
        ):
            return ("alone", node)
        if level == len(_LEVELS) - 1 and states[node] != "up":
            level -= 1  # only what a failure leaves untouched shares the last grouping
        return (tiers[node], states[node], *_LEVELS[level](graph, node, domains, minor))

    if len(chosen) <= budget:
        return [(node,) for node in chosen]
    level = 0
    while level < len(_LEVELS) - 1 and len(_partition(chosen, key, level)) > budget:
        level += 1
    return _refine(_partition(chosen, key, level), key, level, budget)


def _refine(parts: list[tuple[int, ...]], key: Callable[[int, int], Hashable], level: int,
            budget: int) -> list[tuple[int, ...]]:
    """Split the largest groups one level finer while the boxes stay within ``budget``."""
    while level > 0:
        level -= 1
        for part in sorted(parts, key=lambda p: (-len(p), p[0])):
            finer = _partition(part, key, level)
            if len(finer) > 1 and len(parts) - 1 + len(finer) <= budget:
                parts = [p for p in parts if p != part] + finer
    return sorted(parts, key=lambda p: p[0])


def domain(graph: DependencyGraph, service: int) -> str:
    """What a service is about: the commonest category of the components it needs.

    Network, power and cloud count only when nothing else is needed; a service
    that needs only services takes the domain of the first of them.
    """
    inventory = graph.inventory
    needed = [m for c in graph.node_clauses[service] for m in graph.clause_members[c]]
    categories = [inventory.components[m].category for m in needed if m < graph.n_components]
    endpoints = [c for c in categories if c not in _SUPPORT]
    if endpoints or categories:
        return Counter(endpoints or categories).most_common(1)[0][0]
    services = [m for m in needed if m >= graph.n_components and m != service]
    return domain(graph, services[0]) if services and services[0] > service else "service"


def _partition(nodes: Sequence[int], key: Callable[[int, int], Hashable],
               level: int) -> list[tuple[int, ...]]:
    groups: dict[Hashable, list[int]] = {}
    for node in nodes:
        groups.setdefault(key(node, level), []).append(node)
    return sorted((tuple(group) for group in groups.values()), key=lambda g: g[0])


def _minor_vendors(graph: DependencyGraph) -> set[str | None]:
    """Vendors that own one or two components: grouped together at the coarsest level."""
    counts = Counter(c.vendor for c in graph.inventory.components)
    return {vendor for vendor, n in counts.items() if n <= 2}


def _party(graph: DependencyGraph, node: int) -> str | None:
    item = graph.inventory.components[node] if node < graph.n_components else None
    if item is None:
        return graph.inventory.services[node - graph.n_components].owner
    return item.vendor


def _component(graph: DependencyGraph, node: int) -> Component | None:
    return graph.inventory.components[node] if node < graph.n_components else None


def _identical(graph: DependencyGraph, node: int, domains: list[str],
               minor: set[str | None]) -> tuple[Hashable, ...]:
    """Finest: same kind, category, vendor, requirements and dependents."""
    requires = tuple((graph.clause_k[c], graph.clause_members[c]) for c in graph.node_clauses[node])
    needed_by = tuple(sorted({graph.clause_node[c] for c in graph.dependents[node]}))
    return (*_by_kind(graph, node, domains, minor), requires, needed_by)


def _by_kind(graph: DependencyGraph, node: int, domains: list[str],
             minor: set[str | None]) -> tuple[Hashable, ...]:
    component = _component(graph, node)
    if component is None:
        service = graph.inventory.services[node - graph.n_components]
        return ("service", domains[node], service.owner, kind(service.name, None))
    return (component.category, component.vendor, kind(component.name, component.room))


def _by_category(graph: DependencyGraph, node: int, domains: list[str],
                 minor: set[str | None]) -> tuple[Hashable, ...]:
    component = _component(graph, node)
    if component is None:
        return ("service", domains[node], _party(graph, node))
    return (component.category, component.vendor)


def _by_vendor(graph: DependencyGraph, node: int, domains: list[str],
               minor: set[str | None]) -> tuple[Hashable, ...]:
    component = _component(graph, node)
    if component is None:
        return ("service", domains[node])
    if component.category == "cloud":
        return ("cloud",)
    return ("vendor", component.vendor)


def _coarsest(graph: DependencyGraph, node: int, domains: list[str],
              minor: set[str | None]) -> tuple[Hashable, ...]:
    component = _component(graph, node)
    if component is None:
        return ("service", domains[node] if domains[node] not in _SUPPORT else "network")
    if component.category == "cloud":
        return ("cloud",)
    if component.vendor in minor:
        return ("minor",)
    return ("vendor", component.vendor)


FAMILIES: dict[str, str] = {
    "climate": "lighting, shades & climate", "lighting": "lighting, shades & climate",
    "shades": "lighting, shades & climate",
    "surveillance": "security & access", "access": "security & access",
    "security": "security & access",
    "audio": "audio, video & control", "video": "audio, video & control",
    "control": "audio, video & control",
    "compute": "office & calls", "conferencing": "office & calls", "voip": "office & calls",
    "cloud": "office & calls",
    "network": "internet & power", "power": "internet & power",
}
"""Families of service domains, for the coarsest overview."""


def _families(graph: DependencyGraph, node: int, domains: list[str],
              minor: set[str | None]) -> tuple[Hashable, ...]:
    component = _component(graph, node)
    if component is None:
        return ("service", FAMILIES.get(domains[node], "other"))
    if component.category == "power":
        return ("power", bool(component.requires))
    return _coarsest(graph, node, domains, minor)


def _faded(graph: DependencyGraph, node: int, domains: list[str],
           minor: set[str | None]) -> tuple[Hashable, ...]:
    """Under a failure, the coarsest: what is unaffected shares one box per tier."""
    return ("faded",)


_LEVELS = (_identical, _by_kind, _by_category, _by_vendor, _coarsest, _families, _faded)
