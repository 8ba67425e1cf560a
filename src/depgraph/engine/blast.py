"""Blast radius and ranking: what a failure takes down, in the user's terms.

Built on :class:`~depgraph.engine.graph.DependencyGraph`: the down set of a
failure becomes the services lost, their cost per hour, the people who lose
them and the vendors involved; :func:`rank` does this for every component's
single failure and marks the single points of failure.

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
>>> blast_radius(inv, ["isp-a"]).down_services
()
>>> blast_radius(inv, ["isp-a", "isp-b"]).down_services
('internet',)
>>> [risk.id for risk in single_points_of_failure(inv)]
['router']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from depgraph.engine.graph import DependencyGraph, graph_of
from depgraph.engine.people import people_of_nodes
from depgraph.engine.single import single_failures
from depgraph.inventory.container import Inventory

__all__ = ["BlastRadius", "ComponentRisk", "blast_radius", "rank", "single_points_of_failure"]


@dataclass(frozen=True)
class BlastRadius:
    """What goes down when ``failed`` fail together (every tuple sorted)."""

    failed: tuple[str, ...]
    down_components: tuple[str, ...]
    down_services: tuple[str, ...]
    cost_per_hour: float
    people: int
    vendors: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The ``blast --json`` document of ``cli.md``."""
        return {
            "failed": list(self.failed),
            "down_components": list(self.down_components),
            "down_services": list(self.down_services),
            "cost_per_hour": self.cost_per_hour,
            "people": self.people,
            "vendors": list(self.vendors),
        }


def _blast_from_down(graph: DependencyGraph, failed: Iterable[int], down: set[int]) -> BlastRadius:
    inventory = graph.inventory
    components = sorted(graph.ids[n] for n in down if not graph.is_service(n))
    services = sorted(graph.ids[n] for n in down if graph.is_service(n))
    vendors = sorted(
        {v for cid in components if (v := inventory.component(cid).vendor) is not None}
    )
    return BlastRadius(
        failed=tuple(sorted(graph.ids[f] for f in set(failed))),
        down_components=tuple(components),
        down_services=tuple(services),
        cost_per_hour=sum(graph.cost_per_hour[n] for n in down),
        people=people_of_nodes(graph.inventory, down),
        vendors=tuple(vendors),
    )


def blast_radius(inventory: Inventory, failed: Iterable[str]) -> BlastRadius:
    """The blast radius of failing the components ``failed`` together.

    Raises :class:`UnknownIdError` for an id that is not a component.
    """
    graph = graph_of(inventory)
    nodes = [graph.component_index(f) for f in failed]
    return _blast_from_down(graph, nodes, graph.down(nodes))


@dataclass(frozen=True)
class ComponentRisk:
    """One component's single-failure blast radius, as ``rank`` reports it."""

    id: str
    down_components: int
    down_services: tuple[str, ...]
    cost_per_hour: float
    people: int
    spof: bool

    def to_json(self) -> dict[str, Any]:
        """One entry of the ``rank --json`` list of ``cli.md``."""
        return {
            "id": self.id,
            "down_components": self.down_components,
            "down_services": list(self.down_services),
            "cost_per_hour": self.cost_per_hour,
            "people": self.people,
            "spof": self.spof,
        }


def rank(inventory: Inventory) -> list[ComponentRisk]:
    """Every component's single-failure blast radius, most costly first.

    Sorted by cost per hour, then people, then down components (all
    descending), then id. A component is a single point of failure when its
    failure alone takes down at least one service.
    """
    single = single_failures(inventory)
    graph = single.graph
    risks = []
    for node in range(graph.n_components):
        down = single.down(node)
        services = sorted(graph.ids[n] for n in down if graph.is_service(n))
        risks.append(
            ComponentRisk(
                id=graph.ids[node],
                down_components=sum(1 for n in down if not graph.is_service(n)),
                down_services=tuple(services),
                cost_per_hour=sum(graph.cost_per_hour[n] for n in down),
                people=people_of_nodes(graph.inventory, down),
                spof=bool(services),
            )
        )
    risks.sort(key=lambda r: (-r.cost_per_hour, -r.people, -r.down_components, r.id))
    return risks


def single_points_of_failure(inventory: Inventory) -> list[ComponentRisk]:
    """The components whose failure alone takes down at least one service, most costly first."""
    return [risk for risk in rank(inventory) if risk.spof]


