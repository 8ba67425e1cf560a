"""Independent, naive implementations that the fast code is checked against."""

from __future__ import annotations

import itertools

from depgraph import Inventory, graph_of

__all__ = ["brute_force"]


def brute_force(inventory: Inventory, max_order: int) -> dict[str, list[tuple[str, ...]]]:
    """Every service's minimal cut sets, by trying every set of up to ``max_order`` components
    with the reference least fixpoint (smaller sets first, so a set is kept only when no kept
    set is inside it)."""
    graph = graph_of(inventory)
    found: dict[int, list[frozenset[int]]] = {s: [] for s in range(graph.n_components, len(graph))}
    for size in range(1, max_order + 1):
        for failed in itertools.combinations(range(graph.n_components), size):
            down = graph.down_from_scratch(failed)
            for service, sets in found.items():
                if service in down and not any(s <= set(failed) for s in sets):
                    sets.append(frozenset(failed))
    return {
        graph.ids[service]: sorted(
            (tuple(sorted(graph.ids[c] for c in s)) for s in sets), key=lambda s: (len(s), s)
        )
        for service, sets in found.items()
    }
