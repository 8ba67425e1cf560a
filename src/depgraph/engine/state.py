"""The up/down state of a site whose failed set changes one failure at a time.

The simulation adds and repairs failures one by one; recomputing the down set
from scratch each time would cost the whole graph per event. A
:class:`FailureState` keeps the engine's counters between events, so each
change costs the region it affects.
"""

from __future__ import annotations

from collections.abc import Iterable

from depgraph.engine.graph import DependencyGraph

__all__ = ["FailureState"]


class FailureState:
    """The up/down state of every node for a failed set that changes one failure at a time.

    :meth:`fail` and :meth:`restore` return the nodes whose state flipped, and
    do work in proportion to that region; ``cost_per_hour`` and ``people`` are
    the running sums over down services.

    >>> from depgraph import load_inventory
    >>> inv = load_inventory('''
    ... version: 1
    ... site: {name: demo}
    ... components:
    ...   - {id: ap-1, category: network}
    ...   - {id: ap-2, category: network}
    ...   - {id: ap-3, category: network}
    ... services:
    ...   - {id: wifi, requires: [{at_least: 2, of: [ap-1, ap-2, ap-3]}], cost_per_hour: 10}
    ... ''')
    >>> from depgraph import graph_of
    >>> state = FailureState(graph_of(inv))
    >>> state.fail(0), state.fail(1), state.cost_per_hour  # node 3 is the wifi service
    ([0], [1, 3], 10.0)
    >>> state.restore(0), state.cost_per_hour
    ([0, 3], 0.0)
    """

    def __init__(self, graph: DependencyGraph) -> None:
        self.graph = graph
        self.failed = [False] * len(graph)
        self.up = [True] * len(graph)
        self.up_members = [len(m) for m in graph.clause_members]
        self.unmet = [0] * len(graph)
        self.cost_per_hour = 0.0
        self.people = 0

    def _set(self, node: int, up: bool) -> None:
        graph = self.graph
        self.up[node] = up
        step = 1 if up else -1
        if graph.is_service(node):
            self.cost_per_hour += -step * graph.cost_per_hour[node]
            self.people += -step * graph.people[node]
        for c in graph.dependents[node]:
            k = graph.clause_k[c]
            before = self.up_members[c]
            self.up_members[c] = before + step
            if up and before + 1 == k:
                self.unmet[graph.clause_node[c]] -= 1
            elif not up and before == k:
                self.unmet[graph.clause_node[c]] += 1

    def _raise(self, starts: Iterable[int], flipped: list[int]) -> None:
        queue = [n for n in starts if not self.up[n] and not self.failed[n] and self.unmet[n] == 0]
        seen = set(queue)
        graph = self.graph
        while queue:
            node = queue.pop()
            self._set(node, True)
            flipped.append(node)
            for c in graph.dependents[node]:
                owner = graph.clause_node[c]
                if (
                    owner not in seen
                    and not self.up[owner]
                    and not self.failed[owner]
                    and self.unmet[owner] == 0
                ):
                    seen.add(owner)
                    queue.append(owner)

    def fail(self, node: int) -> list[int]:
        """Mark component ``node`` failed; return the nodes that went down, in order."""
        if self.failed[node]:
            return []
        self.failed[node] = True
        if not self.up[node]:
            return []
        graph = self.graph
        self._set(node, False)
        went_down = [node]
        touched = self._push([node], went_down)
        while touched:
            number = min(graph.loop_of[n] for n in touched)
            group = graph.loop_groups[number]
            dropped = graph._unsupported([n for n in group if self.up[n]], self.up.__getitem__)
            touched = [n for n in touched if graph.loop_of[n] != number]
            for dropped_node in dropped:
                self._set(dropped_node, False)
            went_down.extend(dropped)
            touched += self._push(list(dropped), went_down)
        return went_down

    def _push(self, stack: list[int], went_down: list[int]) -> list[int]:
        """Take down every dependent of ``stack`` left with an unmet clause (appended to
        ``went_down``); return the loop members touched but still up."""
        graph = self.graph
        touched: list[int] = []
        while stack:
            current = stack.pop()
            for c in graph.dependents[current]:
                owner = graph.clause_node[c]
                if not self.up[owner]:
                    continue
                if self.unmet[owner] > 0:
                    self._set(owner, False)
                    went_down.append(owner)
                    stack.append(owner)
                elif graph.in_loop[owner]:
                    touched.append(owner)
        return [n for n in touched if self.up[n]]

    def restore(self, node: int) -> list[int]:
        """Repair component ``node``; return the nodes that came back up, in order."""
        if not self.failed[node]:
            return []
        self.failed[node] = False
        flipped: list[int] = []
        self._raise([node], flipped)
        return flipped
