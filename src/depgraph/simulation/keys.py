"""The keys a failure leaves, by which failures that may interact are found.

The overlap groups (:mod:`depgraph.simulation.overlap`) compare failures by
their *footprints*, which depend on the graph only, so :class:`FailureKeys`
works them out once per site: the footprint of every component's single
failure, and, cached, of any set of nodes failed together (the virtual
failures of the groups). It keeps them apart from the grouping because they
are the model's statement of what a failure can touch, and the grouping's
proof of exactness rests on them alone.

The single failure of a set X of nodes leaves a footprint made of *keys*. A
key is a node, a clause, or (for the failure of one component r) the *root*
key of r, which only another failure of r shares.

* *hard* keys: every node X takes down (but r itself, which has its root key
  instead); every node of a dependency loop that X takes down or touches (a
  touched node keeps a clause that lost a member), together with the rest of
  its loop;
* *soft* keys: every clause with slack (more members than it needs) of which
  X takes members down, weighted by their number; it is *touched* when X
  leaves its owner up, *held* otherwise.

Hard keys that exactly the same single failures hold always meet together,
so each is replaced by one representative of its class, and footprints are
laid out as compressed rows (:data:`Rows`) for the numpy sweep.

Example: an access point of a 2-of-3 group leaves the group's clause
(key 5: the five nodes come first) touched with weight 1, and its root key
(key 6: after the one clause) as its only hard key.

>>> from depgraph import load_inventory
>>> from depgraph.engine.graph import graph_of
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... components:
...   - {id: ap-1, category: network}
...   - {id: ap-2, category: network}
...   - {id: ap-3, category: network}
...   - {id: nas, category: compute}
... services:
...   - {id: wifi, requires: [{at_least: 2, of: [ap-1, ap-2, ap-3]}], cost_per_hour: 10}
... ''')
>>> keys = FailureKeys(graph_of(inv))
>>> ap = keys.single[0]
>>> ap.down, ap.hard, ap.soft == ((keys.n_nodes, 1, TOUCHED),)
((0,), (6,), True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from depgraph.engine.graph import DependencyGraph
from depgraph.engine.single import lost_members, single_failures
from depgraph.simulation.sampling import IntArray

__all__ = ["FailureKeys", "Footprint", "HARD", "HELD", "Rows", "TOUCHED"]

HARD, HELD, TOUCHED = 0, 1, 2
"""Kinds of entry: a hard key; a clause whose owner the failure takes down; a clause it touches."""
Rows = tuple[IntArray, IntArray, IntArray, IntArray]
"""Footprints as compressed rows: row i holds keys[start[i]:start[i + 1]], weights, kinds."""


@dataclass(frozen=True)
class Footprint:
    """What one failure takes ``down`` (sorted), and its keys.

    ``hard`` keys are sorted; ``soft`` ones are (clause key, weight, kind).
    """

    down: tuple[int, ...]
    hard: tuple[int, ...]
    soft: tuple[tuple[int, int, int], ...]



class FailureKeys:
    """The footprints of one site's failures, in keys (see the module docstring).

    ``single[c]`` is the footprint of component c's failure alone; ``rows``
    holds those footprints, with hard keys replaced by their representatives,
    as compressed rows. Keys are numbered nodes first, then clauses, then
    the components' root keys (``n_keys`` in all).
    """

    def __init__(self, graph: DependencyGraph) -> None:
        self.graph = graph
        self.failures = single_failures(graph.inventory)
        self.n_nodes = len(graph)
        self.root_key = self.n_nodes + len(graph.clause_node)
        self.n_keys = self.root_key + graph.n_components
        self.slack = np.array(
            [0] * self.n_nodes + graph.clause_slack + [0] * graph.n_components,
            dtype=np.int64,
        )
        self.loop_of, self.loops = graph.loop_of, graph.loop_groups
        self._cache: dict[tuple[int, ...], Footprint] = {}
        self.loop_key = np.zeros(self.n_keys, dtype=bool)
        self.loop_key[: self.n_nodes] = graph.in_loop
        self.single = [self.footprint((c,)) for c in range(graph.n_components)]
        self.representative = self._key_classes()
        self.rows = _flatten([self._keys(fp) for fp in self.single])

    def _key_classes(self) -> IntArray:
        """For each key, the smallest hard key held by exactly the same single failures.

        Such keys always meet together, so one of them is enough; a virtual
        failure's hard keys map to the same representatives, and meet a real
        failure's exactly when they did before.
        """
        holders: dict[int, list[int]] = {}
        for c, fp in enumerate(self.single):
            for key in fp.hard:
                holders.setdefault(key, []).append(c)
        first: dict[tuple[int, ...], int] = {}
        representative = np.arange(self.n_keys, dtype=np.int64)
        for key in sorted(holders):
            representative[key] = first.setdefault(tuple(holders[key]), key)
        return representative

    def _keys(self, fp: Footprint) -> Footprint:
        """``fp`` with its hard keys replaced by their representatives."""
        hard = tuple(sorted(set(self.representative[list(fp.hard)].tolist())))
        return Footprint(down=fp.down, hard=hard, soft=fp.soft)

    def footprint(self, nodes: tuple[int, ...]) -> Footprint:
        """The footprint of failing ``nodes`` together (cached)."""
        cached = self._cache.get(nodes)
        if cached is None:
            cached = self._footprint(nodes)
            self._cache[nodes] = cached
        return cached

    def _footprint(self, nodes: tuple[int, ...]) -> Footprint:
        graph = self.graph
        if len(nodes) == 1 and nodes[0] < graph.n_components:
            down, lost = self.failures.down(nodes[0]), self.failures.lost(nodes[0])
        else:
            down = graph.down(nodes)
            lost = lost_members(graph, down)
        touched = {c: n for c, n in lost.items() if graph.clause_node[c] not in down}
        loops = {self.loop_of[n] for n in down} | {
            self.loop_of[graph.clause_node[c]] for c in touched
        }
        hard = set(down)
        if len(nodes) == 1 and nodes[0] < graph.n_components:
            hard.discard(nodes[0])
            hard.add(self.root_key + nodes[0])
        for number in loops - {-1}:
            hard.update(self.loops[number])
        soft = [(c, n, TOUCHED) for c, n in touched.items()]
        soft += [(c, lost[c], HELD) for node in down for c in graph.node_clauses[node] if c in lost]
        return Footprint(
            down=tuple(sorted(down)),
            hard=tuple(sorted(hard)),
            soft=tuple(sorted(
                (self.n_nodes + c, n, kind) for c, n, kind in soft
                if self.slack[self.n_nodes + c] > 0
            )),
        )

    def rows_of(self, failed: list[tuple[int, ...]]) -> Rows:
        """The footprints of failing each of the node sets ``failed``, as compressed rows."""
        return _flatten([self._keys(self.footprint(nodes)) for nodes in failed])


def _flatten(footprints: list[Footprint]) -> Rows:
    """Footprints as compressed rows: row i holds keys[start[i]:start[i + 1]], weights, kinds."""
    keys: list[int] = []
    weights: list[int] = []
    kinds: list[int] = []
    start = [0]
    for fp in footprints:
        keys.extend(fp.hard)
        weights.extend([0] * len(fp.hard))
        kinds.extend([HARD] * len(fp.hard))
        for key, weight, kind in fp.soft:
            keys.append(key)
            weights.append(weight)
            kinds.append(kind)
        start.append(len(keys))
    return (
        np.array(start, dtype=np.int64),
        np.array(keys, dtype=np.int64),
        np.array(weights, dtype=np.int64),
        np.array(kinds, dtype=np.int64),
    )

