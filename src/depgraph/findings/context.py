"""What the audit's checks share, each computed once: single-failure regions, incidents, paths.

:class:`AuditContext` is built once per audit and handed to every check, so
that ten checks do not compute the same down sets, incidents and critical
paths ten times.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import cached_property

from depgraph.costs.impacts import requirement_path
from depgraph.costs.incidents import Incident, incidents
from depgraph.engine.graph import DependencyGraph
from depgraph.engine.people import people_affected
from depgraph.engine.single import single_failures
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX, Clause
from depgraph.text import possessive

__all__ = ["AuditContext", "RedundancyGroup", "clause_text", "party_text"]


def party_text(party: str | None) -> str:
    """A party as the reader should see it."""
    return "nobody (unowned)" if party is None else party


def clause_text(clause: Clause) -> str:
    """``any of a, b`` or ``at least 2 of a, b, c``; long groups as ``at least 9 of 11: a, ...``."""
    members = list(clause.members)
    listed = ", ".join(members) if len(members) <= 4 else (
        f"{len(members)}: {', '.join(members[:3])}, ..."
    )
    return f"any of {listed}" if clause.k == 1 else f"at least {clause.k} of {listed}"


@dataclass(frozen=True)
class RedundancyGroup:
    """A redundancy group: requirement ``number`` (from 1) of ``node``."""

    node: str
    number: int
    clause: Clause
    index: int

    def describe(self) -> str:
        """``wifi's requirement 1 (any of ap-1, ap-2)``."""
        return f"{possessive(self.node)} requirement {self.number} ({clause_text(self.clause)})"


class AuditContext:
    """What the checks share, each computed once: single-failure regions, incidents, paths."""

    def __init__(self, inventory: Inventory, max_order: int) -> None:
        self.inventory = inventory
        self.max_order = max_order
        self.single = single_failures(inventory)
        self.graph: DependencyGraph = self.single.graph
        self.currency = inventory.site.currency

    @cached_property
    def single_down(self) -> list[Set[int]]:
        """For each component node, the nodes its failure alone takes down."""
        return [self.single.down(c) for c in range(self.graph.n_components)]

    @cached_property
    def incidents(self) -> dict[str, Incident]:
        """The break-fix incident of each component, by id."""
        return {i.root: i for i in incidents(self.inventory, BREAK_FIX)}

    @cached_property
    def groups(self) -> dict[int, RedundancyGroup]:
        """Every redundancy group, keyed by the graph's clause number, in node then file order."""
        graph = self.graph
        found = {}
        for node in range(len(graph)):
            clauses = graph.node(node).clauses
            for number, index in enumerate(graph.node_clauses[node], 1):
                if graph.clause_slack[index] > 0:
                    found[index] = RedundancyGroup(graph.ids[node], number, clauses[number - 1], index)
        return found

    @cached_property
    def clause_hits(self) -> list[dict[int, int]]:
        """For each component node: clause number → members its failure alone takes down."""
        return [self.single.lost(c) for c in range(self.graph.n_components)]

    def breaks(self, component: int, clause: int) -> bool:
        """Whether ``component``'s failure alone leaves fewer than k members of ``clause`` up."""
        return self.clause_hits[component].get(clause, 0) > self.graph.clause_slack[clause]

    def members_down(self, group: RedundancyGroup, component: int) -> list[str]:
        """The members of ``group`` that ``component``'s failure alone takes down, sorted."""
        down = self.single_down[component]
        return sorted(self.graph.ids[m] for m in self.graph.clause_members[group.index] if m in down)

    def services(self, nodes: Set[int]) -> list[str]:
        """The ids of the services among ``nodes``, sorted."""
        return sorted(self.graph.ids[n] for n in nodes if self.graph.is_service(n))

    def cost(self, service_ids: Sequence[str]) -> tuple[float, int]:
        """Summed cost per hour and people of these services."""
        services = [self.inventory.service(s) for s in service_ids]
        cost = sum(s.cost_per_hour for s in services)
        return cost, people_affected(self.inventory, service_ids)

    def party(self, node: int) -> str | None:
        """Under break-fix: a service's owner, a component's vendor; ``None`` when unowned."""
        return self.graph.party(node)

    @cached_property
    def critical_paths(self) -> list[tuple[str, str, list[str | None]]]:
        """(service, component, parties along the path) for every critical path, sorted."""
        graph = self.graph
        paths = []
        for component in range(graph.n_components):
            down = self.single_down[component]
            for service in sorted(n for n in down if graph.is_service(n)):
                path = requirement_path(graph, service, component, down)
                paths.append(
                    (graph.ids[service], graph.ids[component], [self.party(n) for n in path])
                )
        return sorted(paths, key=lambda p: (p[0], p[1]))
