"""Identical leaf siblings: components a large diagram draws as one box.

Twenty-four cameras recorded by the same NVR and watched by the same service
say nothing more as twenty-four boxes than as one "24 × Camera, NVR-1". Two
components are *siblings* here when they have the same category and vendor,
require exactly the same clauses, are required by exactly the same clauses
(nothing else depends on one of them), and look the same in the picture (same
cluster, same state under ``--fail``). Components on a dependency loop are
never merged: the loop is the point of interest.

Example (node numbers are the graph's; ``look`` says what must also match):

>>> from depgraph.engine.graph import graph_of
>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... components:
...   - {id: nvr, category: surveillance}
...   - {id: cam-1, category: surveillance, requires: [nvr]}
...   - {id: cam-2, category: surveillance, requires: [nvr]}
...   - {id: cam-3, category: surveillance, requires: [nvr]}
... services:
...   - {id: cctv, requires: [{at_least: 2, of: [cam-1, cam-2, cam-3]}]}
... ''')
>>> sibling_groups(graph_of(inv), look=lambda node: None)
[(1, 2, 3)]
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from os.path import commonprefix

from depgraph.engine.graph import DependencyGraph
from depgraph.inventory.models import Component

__all__ = [
    "common_name",
    "sibling_groups",
]


def sibling_groups(
    graph: DependencyGraph, look: Callable[[int], Hashable]
) -> list[tuple[int, ...]]:
    """Groups of two or more sibling components, each in node order, by first member.

    ``look(node)`` returns what else must be equal for two components to share
    a box (their cluster and state); category and vendor are always compared.
    """
    inventory = graph.inventory
    by_signature: dict[Hashable, list[int]] = {}
    for node in range(graph.n_components):
        if graph.in_loop[node]:
            continue
        component = inventory.components[node]
        requires = tuple(
            (graph.clause_k[c], graph.clause_members[c]) for c in graph.node_clauses[node]
        )
        signature = (
            component.category,
            component.vendor,
            look(node),
            requires,
            _required_by(graph, node),
        )
        by_signature.setdefault(signature, []).append(node)
    return [tuple(group) for group in by_signature.values() if len(group) > 1]


def _required_by(graph: DependencyGraph, node: int) -> tuple[tuple[int, int], ...]:
    """Who requires ``node``, as ``(owner, clause)`` pairs sorted.

    A clause that needs all its members (``k == n``: a plain id, or seven
    badge readers listed one by one) is named by its owner alone (clause
    ``-1``), so that parts each listed on their own by the same node are
    still siblings; a redundancy clause (``k < n``) is named exactly.
    """
    pairs = {
        (graph.clause_node[c], c if graph.clause_slack[c] > 0 else -1)
        for c in graph.dependents[node]
    }
    return tuple(sorted(pairs))


def common_name(components: list[Component]) -> str:
    """What a group of siblings is called: their names' common stem, else their category.

    >>> from depgraph.inventory.models import Component
    >>> common_name([Component(id=f"cam-{i}", name=f"Camera {i}", category="video")
    ...              for i in (1, 2, 10)])
    'Camera'
    >>> common_name([Component(id=i, category="lighting") for i in ("lamp", "spot")])
    'lighting'
    """
    stem = commonprefix([c.name for c in components]).rstrip(" -_#.:0123456789")
    return stem if len(stem) >= 2 else components[0].category
