"""What a failure takes down, as every plan sees it alike: its impact (``cost-model.md`` section 1).

A :class:`Impact` holds, for one root (and the components already failed
with it), the nodes down, the lost services in the symptom rule's order and
by id, their summed cost per hour, the people who lose them, and the
requirement path from the symptom back to the root (:func:`requirement_path`,
the spec's breadth-first search in file order). Nothing in it depends on the
plan, so the incidents of every plan share one impact per root
(:class:`Impacts`).

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... components:
...   - {id: line, category: network}
...   - {id: router, category: network, requires: [line]}
... services:
...   - {id: internet, requires: [router], cost_per_hour: 10}
... ''')
>>> impact = inv.derived(Impacts).alone(0)
>>> impact.ids, impact.cost_per_hour
(('internet',), 10.0)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Container, Sequence

from depgraph.costs.schedules import SiteCalendars
from depgraph.engine.graph import DependencyGraph
from depgraph.engine.people import people_of_nodes
from depgraph.engine.single import single_failures
from depgraph.inventory.container import Inventory

__all__ = ["Impact", "Impacts", "requirement_path"]


def requirement_path(
    graph: DependencyGraph, start: int, goal: int, down: Container[int]
) -> list[int]:
    """The shortest requirement path ``start`` = n0, ..., nk = ``goal`` through ``down`` nodes.

    Breadth-first from ``start``; each node taken from the queue visits its
    clauses and their members in file order, and a node's parent is the node
    it was first reached from, so among equally short paths the one reached
    first wins. Returns ``[]`` when ``goal`` cannot be reached.

    >>> from depgraph import load_inventory
    >>> inv = load_inventory('''
    ... version: 1
    ... site: {name: demo}
    ... components:
    ...   - {id: root, category: network}
    ...   - {id: a, category: network, requires: [root]}
    ...   - {id: b, category: network, requires: [root]}
    ... services:
    ...   - {id: tv, requires: [b, a]}
    ... ''')
    >>> from depgraph import graph_of
    >>> graph = graph_of(inv)
    >>> path = requirement_path(graph, graph.index["tv"], graph.index["root"], {0, 1, 2, 3})
    >>> [graph.ids[n] for n in path]  # b is listed first, so it wins the tie with a
    ['tv', 'b', 'root']
    """
    parent = {start: start}
    queue = deque([start])
    while queue and goal not in parent:
        node = queue.popleft()
        for clause in graph.node_clauses[node]:
            for member in graph.clause_members[clause]:
                if member in down and member not in parent:
                    parent[member] = node
                    queue.append(member)
    if goal not in parent:
        return []
    path = [goal]
    while path[-1] != start:
        path.append(parent[path[-1]])
    return path[::-1]


class Impact:
    """What a failure takes down, as every plan sees it alike: computed once per root and failed set.

    ``by_symptom`` are the lost services in the symptom rule's order, ``by_id``
    the same sorted by id with their ids and summed cost per hour, and
    ``services`` the same numbered from 0 (as the site's calendars number them); the
    requirement path from the symptom to the root is found on first ask (a
    watched failure never needs it).
    """

    __slots__ = (
        "_always_open", "_path", "_people", "by_id", "by_symptom", "cost_per_hour", "down", "ids",
        "root", "services",
    )

    def __init__(
        self, graph: DependencyGraph, root: int, down: Container[int], by_symptom: Sequence[int]
    ) -> None:
        self.root, self.down, self.by_symptom = root, down, by_symptom
        self.by_id = sorted(by_symptom, key=graph.ids.__getitem__)
        self.ids = tuple(graph.ids[n] for n in self.by_id)
        self.cost_per_hour = sum(graph.cost_per_hour[n] for n in self.by_id)
        first_service = graph.n_components
        self.services = [n - first_service for n in self.by_id]
        self._path: list[int] | None = None
        self._people: int | None = None
        self._always_open: bool | None = None

    def people(self, inventory: Inventory) -> int:
        """The people who lose at least one of the lost services (the same under every plan)."""
        if self._people is None:
            self._people = people_of_nodes(inventory, self.by_id)
        return self._people

    def always_open(self, calendars: SiteCalendars) -> bool:
        """Whether every lost service matters around the clock (``24/7``)."""
        if self._always_open is None:
            self._always_open = calendars.always(self.services)
        return self._always_open

    def path(self, graph: DependencyGraph) -> list[int]:
        """The requirement path from the symptom (there must be one) to the root."""
        if self._path is None:
            self._path = requirement_path(graph, self.by_symptom[0], self.root, self.down)
        return self._path


class Impacts:
    """The impact of each component failing alone, shared by every plan, by root node."""

    def __init__(self, inventory: Inventory) -> None:
        self.single = single_failures(inventory)
        self.by_node: dict[int, Impact] = {}
        ids = self.single.graph.ids
        self.roots_by_id = sorted(range(self.single.graph.n_components), key=ids.__getitem__)

    def alone(self, node: int) -> Impact:
        """The impact of component node ``node`` failing alone."""
        found = self.by_node.get(node)
        if found is None:
            single = self.single
            found = Impact(single.graph, node, single.down(node), single.services(node))
            self.by_node[node] = found
        return found
