"""What each component's failure alone does: computed once per site, read by every stage.

The single failure of a component is the question behind the ranking, each
incident (under every plan), the audit, the report's "what if" and the
simulation's footprints. :class:`SingleFailures` answers it once per
component, on first ask, and is kept with the inventory
(:meth:`Inventory.derived <depgraph.inventory.container.Inventory.derived>`):

* ``down(c)``: the nodes down, ``c`` itself included;
* ``services(c)``: the service nodes down, in the symptom rule's order
  (:meth:`~depgraph.engine.graph.DependencyGraph.service_order`);
* ``lost(c)``: for each clause that loses members, how many;
* ``held(c)``: the nodes still up only thanks to redundancy, because a clause
  of theirs lost a member and still holds;

and ``down_together(failed)``, the down set of components failing together,
which the simulation asks for a combined failure under every plan. A failed
set that only adds parts already down to one answered before gets that
answer without a new propagation (:func:`failure_core`): a camera failing
while both internet lines are out changes nothing.

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
>>> single = single_failures(inv)
>>> ids = single.graph.ids
>>> [ids[n] for n in single.held(0)], [ids[n] for n in single.services(2)]
(['router'], ['internet'])
"""

from __future__ import annotations

from collections.abc import Iterable, Set

from depgraph.engine.graph import DependencyGraph, graph_of
from depgraph.inventory.container import Inventory

__all__ = ["SingleFailures", "failure_core", "held_nodes", "lost_members", "single_failures"]


def lost_members(graph: DependencyGraph, down: Set[int]) -> dict[int, int]:
    """For each clause with members in ``down``, how many of its members are down."""
    lost: dict[int, int] = {}
    dependents = graph.dependents
    for node in down:
        for c in dependents[node]:
            lost[c] = lost.get(c, 0) + 1
    return lost


def held_nodes(graph: DependencyGraph, down: Set[int], lost: dict[int, int]) -> frozenset[int]:
    """The nodes up only thanks to redundancy: one of their clauses lost members and still holds.

    ``lost`` is :func:`lost_members` of ``down``, a down set the engine computed.
    """
    owner = graph.clause_node
    return frozenset(owner[c] for c in lost if owner[c] not in down)


def failure_core(graph: DependencyGraph, failed: Set[int], down: Set[int]) -> frozenset[int]:
    """The failed parts that are not down anyway: ``failed`` less those with a clause ``down`` breaks.

    ``down`` is the engine's down set of ``failed``. A failed node with a
    clause that keeps fewer than ``k`` members up would be down without
    failing, and the core ``C`` has the same down set as ``failed``: the up
    set of ``failed`` is a fixpoint of the rule for ``C`` (a node of
    ``failed`` outside ``C`` is not up under it), so the least one, the up
    set of ``C``, lies within it; and failing fewer parts never takes more
    down. Likewise any ``F`` with ``C`` within it and within ``down`` has
    that down set: every part it adds is down already.
    """
    clause_k, clause_members, node_clauses = graph.clause_k, graph.clause_members, graph.node_clauses

    def down_anyway(node: int) -> bool:
        return any(
            sum(1 for m in clause_members[c] if m not in down) < clause_k[c]
            for c in node_clauses[node]
        )

    return frozenset(node for node in failed if not down_anyway(node))


class SingleFailures:
    """Each component's single failure: down set, services lost, clauses hit, nodes held.

    Build it with :func:`single_failures`, which keeps one per inventory. The
    sets and dicts returned are shared: read them, do not change them.
    """

    def __init__(self, inventory: Inventory) -> None:
        self.graph = graph_of(inventory)
        n = self.graph.n_components
        self._down: list[Set[int] | None] = [None] * n
        self._services: list[tuple[int, ...] | None] = [None] * n
        self._lost: list[dict[int, int] | None] = [None] * n
        self._held: list[frozenset[int] | None] = [None] * n
        self._together: dict[frozenset[int], Set[int]] = {}
        self._cores: dict[int, list[tuple[frozenset[int], Set[int]]]] = {}

    def down(self, component: int) -> Set[int]:
        """The nodes down when component node ``component`` fails alone, itself included."""
        found = self._down[component]
        if found is None:
            found = self._down[component] = self.graph.down([component])
        return found

    def services(self, component: int) -> tuple[int, ...]:
        """The service nodes its failure takes down, in the symptom rule's order."""
        found = self._services[component]
        if found is None:
            graph = self.graph
            found = self._services[component] = tuple(
                graph.service_order(n for n in self.down(component) if graph.is_service(n))
            )
        return found

    def lost(self, component: int) -> dict[int, int]:
        """Clause number → how many of its members its failure takes down (clauses hit only)."""
        found = self._lost[component]
        if found is None:
            found = self._lost[component] = lost_members(self.graph, self.down(component))
        return found

    def held(self, component: int) -> frozenset[int]:
        """The nodes left up only thanks to redundancy: a clause lost members and still holds."""
        found = self._held[component]
        if found is None:
            found = self._held[component] = held_nodes(
                self.graph, self.down(component), self.lost(component)
            )
        return found


    def down_together(self, failed: Iterable[int]) -> Set[int]:
        """The nodes down when the components ``failed`` fail together, each set computed once.

        The simulation asks this for the same failed set under every plan.
        """
        key = frozenset(failed)
        found = self._together.get(key)
        if found is None:
            found = self._covering(key)
            if found is None:
                found = self.graph.down(key)
                core = failure_core(self.graph, key, found)
                if core:
                    self._cores.setdefault(min(core), []).append((core, found))
            self._together[key] = found
        return found

    def _covering(self, failed: frozenset[int]) -> Set[int] | None:
        """The down set of a core answered before that ``failed`` contains and only adds down parts to."""
        cores = self._cores
        for member in failed:
            for core, down in cores.get(member, ()):
                if core <= failed and failed <= down:
                    return down
        return None


def single_failures(inventory: Inventory) -> SingleFailures:
    """The single failures of ``inventory``'s components, built once and kept with it."""
    return inventory.derived(SingleFailures)
