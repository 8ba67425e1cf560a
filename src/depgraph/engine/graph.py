"""The graph engine: which nodes are down when some components fail.

The rule (``inventory-format.md``, *Failure propagation*): the up nodes are the
least fixpoint of "a node is up when it has not failed and each of its clauses
has at least ``k`` members that are up". Everything else is down.

Two ways to compute it live here:

* :meth:`DependencyGraph.down_from_scratch` builds the least fixpoint for the
  whole graph, O(nodes + edges) per call. It is the reference, used to check
  a file (with nothing failed every node must be up) and as the naive baseline
  of the benchmark.
* :meth:`DependencyGraph.down` does the work of the region a failure affects.
  It pushes the failure outward with counters, which is exact on acyclic
  parts but can keep a loop alive on its own (two routers backing each other
  up). The first node wrongly kept up, in dependency order, is a member of a
  loop that the push touched without bringing down, so the least fixpoint is
  then recomputed over each such loop alone (everything outside it held at
  its known state), and the push resumes from the members it drops.

The blast radius and ranking built on it are in :mod:`depgraph.engine.blast`;
:class:`~depgraph.engine.state.FailureState` keeps the same counters for a
failed set that changes over time (the simulation adds and repairs failures
one at a time).

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
>>> graph = graph_of(inv)
>>> sorted(graph.ids[n] for n in graph.down([graph.component_index("isp-a")]))
['isp-a']
>>> sorted(graph.ids[n] for n in graph.down([0, 1]))
['internet', 'isp-a', 'isp-b', 'router']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cached_property

from depgraph.errors import UnknownIdError, UsageError
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import Component, Service
from depgraph.inventory.suggest import closest

__all__ = ["DependencyGraph", "graph_of"]


class DependencyGraph:
    """An inventory compiled to integer arrays for fast propagation.

    Nodes are numbered components first, then services, each in file order;
    ``ids[i]`` is the id of node ``i``. A clause is numbered too: ``clause_node[c]``
    is the node it belongs to, ``clause_k[c]`` its threshold and
    ``clause_members[c]`` its member nodes. ``dependents[m]`` lists the clauses
    that name node ``m``. ``loop_groups`` lists the dependency loops (strongly
    connected groups of two or more nodes, each sorted, in node order), and
    ``loop_of[n]`` the loop of node ``n`` (-1 for none). ``clause_slack[c]`` is
    the number of members clause ``c`` can lose and still hold (a clause with
    slack is a redundancy group).

    The graph also answers the questions about a node that every stage asks:
    :meth:`node` (its :class:`Component` or :class:`Service`), :meth:`party`
    (who is called for it under break-fix) and :meth:`service_order` (the
    symptom rule's order of services).
    """

    def __init__(self, inventory: Inventory) -> None:
        nodes: list[Component | Service] = [*inventory.components, *inventory.services]
        self.inventory = inventory
        self._nodes = nodes
        self.ids: tuple[str, ...] = tuple(n.id for n in nodes)
        self.index: dict[str, int] = {node_id: i for i, node_id in enumerate(self.ids)}
        self.n_components = len(inventory.components)
        self.node_clauses: list[list[int]] = []
        self.clause_node: list[int] = []
        self.clause_k: list[int] = []
        self.clause_members: list[tuple[int, ...]] = []
        self.dependents: list[list[int]] = [[] for _ in nodes]
        for i, node in enumerate(nodes):
            own: list[int] = []
            for clause in node.clauses:
                c = len(self.clause_node)
                members = tuple(self.index[m] for m in clause.members)
                self.clause_node.append(i)
                self.clause_k.append(clause.k)
                self.clause_members.append(members)
                for m in members:
                    self.dependents[m].append(c)
                own.append(c)
            self.node_clauses.append(own)
        self.cost_per_hour: list[float] = [0.0] * self.n_components + [
            s.cost_per_hour for s in inventory.services
        ]
        self.people: list[int] = [0] * self.n_components + [s.people for s in inventory.services]
        self.loop_groups: list[list[int]] = self._find_loops()
        self.loop_of: list[int] = [-1] * len(self.ids)
        for number, group in enumerate(self.loop_groups):
            for member in group:
                self.loop_of[member] = number
        self.in_loop: list[bool] = [number >= 0 for number in self.loop_of]
        self.clause_slack: list[int] = [
            len(members) - k for members, k in zip(self.clause_members, self.clause_k, strict=True)
        ]

    def __len__(self) -> int:
        return len(self.ids)

    def is_service(self, node: int) -> bool:
        """True when node ``node`` is a service (services follow components)."""
        return node >= self.n_components

    def node(self, node: int) -> Component | Service:
        """The inventory item of node ``node``."""
        return self._nodes[node]

    def party(self, node: int) -> str | None:
        """Who is called for node ``node`` under break-fix: a service's owner, a component's vendor.

        ``None`` when it is unowned.
        """
        item = self._nodes[node]
        return item.owner if isinstance(item, Service) else item.vendor

    @cached_property
    def symptom_order(self) -> list[int]:
        """Every service node in the symptom rule's order.

        The most costly per hour first, then the most people, then the
        smallest id (``cost-model.md`` section 1: the symptom is the first
        service down in this order).
        """
        return sorted(
            range(self.n_components, len(self.ids)),
            key=lambda n: (-self.cost_per_hour[n], -self.people[n], self.ids[n]),
        )

    @cached_property
    def symptom_rank(self) -> list[int]:
        """For each service node, its place in :attr:`symptom_order` (0 first); 0 for components."""
        rank = [0] * len(self.ids)
        for position, node in enumerate(self.symptom_order):
            rank[node] = position
        return rank

    def service_order(self, nodes: Iterable[int]) -> list[int]:
        """The service nodes ``nodes`` in the symptom rule's order: costliest, most people, id."""
        return sorted(nodes, key=self.symptom_rank.__getitem__)

    @cached_property
    def dependency_order(self) -> list[list[int]]:
        """The strongly connected groups of the requirement graph, each after all it requires.

        A node outside any loop is a group of its own; members of a group are
        sorted. Computed once, like ``loop_groups``.
        """
        import networkx as nx  # here, not at the top: loading and ranking never need it

        digraph = nx.DiGraph()
        digraph.add_nodes_from(range(len(self.ids)))
        digraph.add_edges_from(self.requirement_edges())
        condensed = nx.condensation(digraph)
        order = reversed(list(nx.topological_sort(condensed)))
        return [sorted(condensed.nodes[g]["members"]) for g in order]

    def requirement_edges(self) -> list[tuple[int, int]]:
        """Every (node, member) pair such that ``node`` names ``member`` in a clause."""
        return [
            (self.clause_node[c], m)
            for c in range(len(self.clause_node))
            for m in self.clause_members[c]
        ]

    def _find_loops(self) -> list[list[int]]:
        """The strongly connected groups of two or more nodes, each sorted, in node order.

        Found once, when the graph is built; read them from ``loop_groups``.
        Tarjan's algorithm over the requirement lists, without recursion.
        """
        requires = [
            [m for c in clauses for m in self.clause_members[c]] for clauses in self.node_clauses
        ]
        return sorted(sorted(group) for group in _strongly_connected(requires) if len(group) > 1)

    def down_from_scratch(self, failed: Iterable[int]) -> set[int]:
        """The down nodes for ``failed``, by building the least fixpoint of "up" from nothing."""
        is_failed = [False] * len(self.ids)
        for f in failed:
            is_failed[f] = True
        up = self._least_fixpoint(is_failed)
        return {i for i, flag in enumerate(up) if not flag}

    def _least_fixpoint(self, is_failed: Sequence[bool]) -> list[bool]:
        clause_node, clause_k, dependents = self.clause_node, self.clause_k, self.dependents
        need = [len(cl) for cl in self.node_clauses]
        up_members = [0] * len(clause_node)
        up = [False] * len(self.ids)
        queue = [i for i in range(len(self.ids)) if need[i] == 0 and not is_failed[i]]
        for i in queue:
            up[i] = True
        while queue:
            node = queue.pop()
            for c in dependents[node]:
                up_members[c] += 1
                if up_members[c] == clause_k[c]:
                    owner = clause_node[c]
                    need[owner] -= 1
                    if need[owner] == 0 and not is_failed[owner]:
                        up[owner] = True
                        queue.append(owner)
        return up

    def down(self, failed: Iterable[int]) -> set[int]:
        """The down nodes for ``failed``, doing work in proportion to the region affected."""
        down = set(failed)
        lost: dict[int, int] = {}
        touched = self._push(list(down), down, lost)
        while touched:
            number = min(self.loop_of[n] for n in touched)
            dropped = self._unsupported(
                [n for n in self.loop_groups[number] if n not in down], lambda m: m not in down
            )
            touched = [n for n in touched if self.loop_of[n] != number]
            if dropped:
                down.update(dropped)
                touched += self._push(dropped, down, lost)
        return down

    def _push(self, stack: list[int], down: set[int], lost: dict[int, int]) -> list[int]:
        """Take down, with counters, every dependent of ``stack`` left without enough members.

        Returns the loop members touched (a clause lost a member) but still up.
        """
        clause_node, clause_k, members = self.clause_node, self.clause_k, self.clause_members
        dependents, in_loop = self.dependents, self.in_loop
        touched: list[int] = []
        while stack:
            node = stack.pop()
            for c in dependents[node]:
                owner = clause_node[c]
                if owner in down:
                    continue
                lost[c] = n_lost = lost.get(c, 0) + 1
                if len(members[c]) - n_lost < clause_k[c]:
                    down.add(owner)
                    stack.append(owner)
                elif in_loop[owner]:
                    touched.append(owner)
        return [n for n in touched if n not in down]

    def _unsupported(self, region: list[int], up: Callable[[int], bool]) -> list[int]:
        """The nodes of ``region`` (up members of one loop) without support from outside it.

        Runs the least fixpoint over ``region`` only; a node outside it counts
        as up when ``up(node)``.
        """
        inside = set(region)
        clause_k, members, dependents = self.clause_k, self.clause_members, self.dependents
        up_members: dict[int, int] = {}
        need: dict[int, int] = {}
        queue: list[int] = []
        for node in region:
            unmet = 0
            for c in self.node_clauses[node]:
                count = sum(1 for m in members[c] if m not in inside and up(m))
                up_members[c] = count
                unmet += count < clause_k[c]
            need[node] = unmet
            if unmet == 0:
                queue.append(node)
        supported = set(queue)
        while queue:
            node = queue.pop()
            for c in dependents[node]:
                owner = self.clause_node[c]
                if owner not in inside or owner in supported:
                    continue
                up_members[c] += 1
                if up_members[c] == clause_k[c]:
                    need[owner] -= 1
                    if need[owner] == 0:
                        supported.add(owner)
                        queue.append(owner)
        return [n for n in region if n not in supported]

    def component_index(self, component_id: str) -> int:
        """The node number of a component, or :class:`UnknownIdError` with a suggestion."""
        node = self.index.get(component_id)
        if node is not None and self.is_service(node):
            raise UsageError(
                f"'{component_id}' is a service, not a component: services fail only through "
                "what they require, so fail one of its components instead"
            )
        if node is None:
            raise UnknownIdError(
                "component", component_id, closest(component_id, self.ids[: self.n_components])
            )
        return node


def _strongly_connected(edges: Sequence[Sequence[int]]) -> list[list[int]]:
    """The strongly connected groups of the graph whose node ``n`` points to ``edges[n]``.

    Tarjan's algorithm, iterative so that a long chain cannot exhaust the stack.
    """
    unseen = -1
    number = [unseen] * len(edges)
    low = [0] * len(edges)
    on_stack = [False] * len(edges)
    stack: list[int] = []
    groups: list[list[int]] = []
    counter = 0
    for start in range(len(edges)):
        if number[start] != unseen:
            continue
        work = [(start, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                number[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack[node] = True
            targets = edges[node]
            while position < len(targets):
                target = targets[position]
                position += 1
                if number[target] == unseen:
                    work.append((node, position))
                    work.append((target, 0))
                    break
                if on_stack[target]:
                    low[node] = min(low[node], number[target])
            else:
                if low[node] == number[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack[member] = False
                        group.append(member)
                        if member == node:
                            break
                    groups.append(group)
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return groups


def graph_of(inventory: Inventory) -> DependencyGraph:
    """The compiled graph of ``inventory``, built once and kept with it."""
    return inventory.derived(DependencyGraph)
