"""Which simulated failures can affect one another, so that the rest can be costed in bulk.

The simulation (:mod:`depgraph.simulation.simulator`) replays overlapping failures
through the real propagation rule. Doing that event by event for every failure
is slow, and almost always unnecessary: two failures far apart in the graph,
or weeks apart in time, cost exactly what each costs alone. This module finds
the failures that *may* interact and gathers them into groups; a failure left
alone in its group is costed from its single-failure figures, a group is
replayed exactly.

**Footprints.** The single failure of a set of nodes leaves a footprint made
of *keys* (:mod:`depgraph.simulation.keys`): *hard* keys (the nodes it takes
down, the dependency loops it takes down or touches, its root) and *soft*
keys (the clauses with slack of which it takes members, *touched* when it
leaves their owner up, *held* otherwise).

Two entries (a key of a failure over its time span) *meet* when they share a
key and their spans overlap; clusters of entries chained that way are linked
into one group when one of them is hard, or when the soft weights active at
one time exceed the clause's slack.

**Why that is enough.** Let failures (or groups) be active at the same time,
no two of them linked. Then the nodes down are exactly the union of what each
takes down alone, no service is counted twice, and no failure of a component
meets another failure of it:

* a node that is up under each failure alone keeps, in every clause, the
  members it keeps under the one failure that touches that clause, or, for a
  clause several touch, at least ``k`` since their losses stay within its
  slack; so the union is a fixpoint;
* it is the least one: a dependency loop lies entirely inside one footprint
  or outside all of them, so induction over the loops (in dependency order),
  and within a loop over the order in which the single-failure fixpoint
  raised its nodes, brings every node of the union's complement up;
* a node down under both would be a hard key of both, unless it is the root
  of one: then the other takes down everything that root takes down, so a
  service would still be a hard key of both.

Latent failures are found by outages anywhere in the graph (section 3),
which is no matter of keys: discovery only brings restorations sooner. All
of the above holds for any time spans that contain the true ones (a shorter
true span meets fewer entries, never more), so groups need spans that end no
sooner than the true restorations. :mod:`depgraph.simulation.simulator` builds them on
the restorations after the discoveries it sees before any replay (by the
failures that take a service down on their own); the discoveries a replay
reveals (outages seen only in combination) bring restorations sooner still,
so the groups stay valid, and the simulation carries those discoveries
across groups itself.

When several failures touch one clause beyond its slack, together they take
its owner down: a *virtual failure* of that owner is added over the time
span of the cluster. When several touch one dependency loop, the virtual
failure is of all their components at once (its down set holds that of any
of their subsets). Clusters of the same failures over the same span make
one virtual failure. Virtual failures join the sweep in turn, until nothing
new appears; then every node down under the group's combined failures is
down under one of its real or virtual failures alone (a node down only in
combination has a clause that lost more members than its slack, all taken by
failures that touch it, or sits on a loop several touch). Interactions are built
with time spans at least as long as under any plan, so they hold for every
plan at once.

Example: two access points of a 2-of-3 group, a week apart, end up together;
a third failure elsewhere stays alone.

>>> import numpy as np
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
>>> finder = OverlapFinder(graph_of(inv))
>>> groups = finder.groups(
...     year=np.array([0, 0, 0]), component=np.array([0, 1, 3]),
...     start=np.array([0.0, 168.0, 200.0]), end=np.array([800.0, 900.0, 300.0]))
>>> groups.label.tolist(), groups.cascades.tolist()
([0, 0, 2], [True, True, False])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from depgraph.engine.graph import DependencyGraph
from depgraph.simulation.keys import HARD, TOUCHED, FailureKeys, Rows
from depgraph.simulation.sampling import FloatArray, IntArray

__all__ = ["Interactions", "OVERLAP_MARGIN", "OverlapFinder"]


OVERLAP_MARGIN = 1e-3
"""Hours by which intervals closer than this are treated as overlapping (a safe direction)."""


@dataclass
class _Entries:
    """One key of one failure (real or virtual) over the failure's time span."""

    segment: IntArray
    start: FloatArray
    end: FloatArray
    weight: IntArray
    kind: IntArray
    owner: IntArray

    @staticmethod
    def concat(parts: list[_Entries]) -> _Entries:
        return _Entries(*(np.concatenate([getattr(p, f) for p in parts]) for f in _FIELDS))

    def take(self, index: IntArray | NDArray[np.bool_]) -> _Entries:
        return _Entries(*(getattr(self, f)[index] for f in _FIELDS))


_FIELDS = ("segment", "start", "end", "weight", "kind", "owner")


class Interactions(NamedTuple):
    """Failures that may interact share a ``label`` (the index of the group's first one).

    ``cascades`` marks the failures of groups that may take down more than
    the union of what their failures take down alone (a virtual failure
    joined them); in the other groups, the nodes down at any time are exactly
    that union.
    """

    label: IntArray
    cascades: NDArray[np.bool_]


class OverlapFinder:
    """Interactions of simulated failures that may interact (see the module docstring).

    Footprints depend on the graph only, so they are computed once per site
    (``keys``, a :class:`~depgraph.simulation.keys.FailureKeys`).
    """

    def __init__(self, graph: DependencyGraph) -> None:
        self.graph = graph
        self.keys = FailureKeys(graph)

    def groups(
        self, year: IntArray, component: IntArray, start: FloatArray, end: FloatArray
    ) -> Interactions:
        """The groups of failures that may interact (see :class:`Interactions`).

        ``end`` must be at least the restoration time of the failure under
        every plan.
        """
        n = len(component)
        entries = _expand(
            self.keys.rows, component, year * self.keys.n_keys,
            np.arange(n, dtype=np.int64), start, end,
        )
        nodes_of: list[tuple[int, ...]] = []  # the nodes of each virtual failure
        links: list[IntArray] = [np.zeros((0, 2), dtype=np.int64)]
        seen: set[tuple[int, tuple[int, ...], float, float]] = set()  # clusters done
        made: set[tuple[int, tuple[int, ...], float, float]] = set()  # virtual failures
        pending = entries
        while len(pending.segment):
            new_links, clusters = self._sweep(pending)
            links.append(new_links)
            wanted: dict[tuple[int, tuple[int, ...], float, float], set[int]] = {}
            for segment, owners, lo, hi in clusters:
                cluster = (segment // self.keys.n_keys, tuple(sorted(owners)), lo, hi)
                if cluster in seen:
                    continue
                nodes = wanted.setdefault(cluster, set())
                key = segment % self.keys.n_keys
                if key >= self.keys.n_nodes:  # a clause beyond its slack: its owner goes down
                    nodes.add(self.graph.clause_node[key - self.keys.n_nodes])
                else:  # a loop touched by several: all of them at once
                    for o in owners:
                        nodes.update((int(component[o]),) if o < n else nodes_of[o - n])
            virtuals = []
            for cluster, nodes in wanted.items():
                seen.add(cluster)
                virtual = (cluster[0], tuple(sorted(nodes)), cluster[2], cluster[3])
                if virtual in made:
                    continue
                made.add(virtual)
                links.append(np.array([[cluster[1][0], n + len(nodes_of)]], dtype=np.int64))
                nodes_of.append(virtual[1])
                virtuals.append(virtual)
            if not virtuals:
                break
            added = self._virtual_entries(virtuals, n + len(nodes_of) - len(virtuals))
            entries = _Entries.concat([entries, added])
            pending = entries.take(np.isin(entries.segment, np.unique(added.segment)))
        label = _components(n + len(nodes_of), np.concatenate(links))
        return Interactions(label=label[:n], cascades=np.isin(label[:n], label[n:]))

    def _virtual_entries(
        self, virtuals: list[tuple[int, tuple[int, ...], float, float]], first_id: int
    ) -> _Entries:
        """The entries of virtual failures (year, nodes, start, end), numbered from ``first_id``."""
        rows = self.keys.rows_of([nodes for _, nodes, _, _ in virtuals])
        count = len(virtuals)
        return _expand(
            rows, np.arange(count, dtype=np.int64),
            np.array([v[0] for v in virtuals], dtype=np.int64) * self.keys.n_keys,
            np.arange(first_id, first_id + count, dtype=np.int64),
            np.array([v[2] for v in virtuals]), np.array([v[3] for v in virtuals]),
        )

    def _sweep(self, e: _Entries) -> tuple[IntArray, list[tuple[int, list[int], float, float]]]:
        """Links between failures that may interact, and the clusters that need a virtual failure.

        Entries of one key and year form clusters of chained overlapping spans.
        A cluster of two or more is linked when it holds a hard key or when
        its concurrent soft weight exceeds the clause's slack. A cluster that
        exceeds a slack, or two entries meeting on a loop node, may take more
        down than its failures do alone: it is returned as (segment, its
        failures, start, end) for a virtual failure of all its nodes at once.
        """
        e = e.take(np.lexsort((e.start, e.segment)))
        n = len(e.segment)
        new_segment = np.ones(n, dtype=bool)
        new_segment[1:] = e.segment[1:] != e.segment[:-1]
        big = float(max(e.end.max(), e.start.max())) + 1.0 + 2 * OVERLAP_MARGIN
        offset = (np.cumsum(new_segment) - 1) * big
        reach = np.maximum.accumulate(e.end + offset)
        new_cluster = new_segment.copy()
        new_cluster[1:] |= e.start[1:] + offset[1:] >= reach[:-1] + OVERLAP_MARGIN
        first = np.flatnonzero(new_cluster)
        cluster = np.cumsum(new_cluster) - 1
        size = np.diff(np.append(first, n))
        hard = np.maximum.reduceat((e.kind == HARD).astype(np.int64), first) > 0
        key = e.segment[first] % self.keys.n_keys
        slack = self.keys.slack[key]
        excess = self._soft_peak(e, e.kind != HARD, offset, cluster, len(first)) > slack
        linked = (size >= 2) & (hard | excess)
        cascade = self._soft_peak(e, e.kind == TOUCHED, offset, cluster, len(first)) > slack
        members = linked[cluster] & ~new_cluster
        links = np.stack([e.owner[first[cluster[members]]], e.owner[members]], axis=1)
        wanted = np.flatnonzero((size >= 2) & (cascade | self.keys.loop_key[key]))
        ends = np.maximum.reduceat(e.end, first)
        clusters = [
            (int(e.segment[first[c]]), e.owner[first[c]:first[c] + size[c]].tolist(),
             float(e.start[first[c]]), float(ends[c]))
            for c in wanted
        ]
        return links, clusters

    @staticmethod
    def _soft_peak(
        e: _Entries, chosen: NDArray[np.bool_], offset: FloatArray, cluster: IntArray,
        clusters: int,
    ) -> IntArray:
        """Per cluster, the largest weight of ``chosen`` entries active at one time."""
        soft = np.flatnonzero(chosen)
        peak = np.zeros(clusters, dtype=np.int64)
        if not len(soft):
            return peak
        times = np.concatenate(
            [e.end[soft] + offset[soft], e.start[soft] + offset[soft] - OVERLAP_MARGIN]
        )
        is_start = np.concatenate([np.zeros(len(soft), bool), np.ones(len(soft), bool)])
        change = np.concatenate([-e.weight[soft], e.weight[soft]])
        order = np.lexsort((is_start, times))
        running = np.cumsum(change[order])
        starts = is_start[order]
        owner_cluster = np.concatenate([cluster[soft], cluster[soft]])[order]
        np.maximum.at(peak, owner_cluster[starts], running[starts])
        return peak


def _expand(
    rows: Rows, row: IntArray, segment_base: IntArray,
    owner: IntArray, start: FloatArray, end: FloatArray,
) -> _Entries:
    """One entry per key of each item: item i uses footprint row ``row[i]`` of ``rows``."""
    key_start, keys, weights, kinds = rows
    first, last = key_start[row], key_start[row + 1]
    counts = last - first
    offsets = np.cumsum(counts) - counts
    index = np.repeat(first - offsets, counts) + np.arange(int(counts.sum()), dtype=np.int64)
    item = np.repeat(np.arange(len(row), dtype=np.int64), counts)
    return _Entries(
        segment=segment_base[item] + keys[index], start=start[item], end=end[item],
        weight=weights[index], kind=kinds[index], owner=owner[item],
    )


def _components(n: int, edges: IntArray) -> IntArray:
    """Connected components of ``n`` items joined by ``edges``: each item's smallest member."""
    label = np.arange(n, dtype=np.int64)
    if not len(edges):
        return label
    a, b = edges[:, 0], edges[:, 1]
    while True:
        la, lb = label[a], label[b]
        if np.array_equal(la, lb):
            return label
        low, high = np.minimum(la, lb), np.maximum(la, lb)
        np.minimum.at(label, high, low)
        while True:
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped
