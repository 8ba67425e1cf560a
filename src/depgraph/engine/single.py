"""What each component's failure alone does: computed once per site, read by every stage.

The single failure of a component is the question behind the ranking, each
incident (under every plan), the audit, the report's "what if" and the
simulation's footprints. :class:`SingleFailures` answers it once per
component, on first ask, and is kept with the inventory
(:meth:`Inventory.derived <depgraph.inventory.models.Inventory.derived>`):

* ``down(c)``: the nodes down, ``c`` itself included;
* ``services(c)``: the service nodes down, in the symptom rule's order
  (:meth:`~depgraph.engine.graph.DependencyGraph.service_order`);
* ``lost(c)``: for each clause that loses members, how many;
* ``held(c)``: the nodes still up only thanks to redundancy, because a clause
  of theirs lost a member and still holds;

and ``down_together(failed)``, the down set of components failing together,
which the simulation asks for a combined failure under every plan.

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
from depgraph.inventory.models import Inventory

__all__ = ["SingleFailures", "held_nodes", "lost_members", "single_failures"]


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
            found = self._together[key] = self.graph.down(key)
        return found


def single_failures(inventory: Inventory) -> SingleFailures:
    """The single failures of ``inventory``'s components, built once and kept with it."""
    return inventory.derived(SingleFailures)
