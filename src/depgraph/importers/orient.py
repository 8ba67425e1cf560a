"""Giving links a direction: each device requires its neighbours nearer the core.

Cables and LLDP neighbour tables say who is connected, not who depends on
whom. :func:`orient` decides per link: with a root, by the number of hops
from it (the neighbour one hop nearer the root is the upstream); without one,
or for a device the root does not reach, by a rank (smaller is nearer the
core). Links between equals are peer links and stay unoriented.

>>> ups, peers = orient([("core", "sw1"), ("core", "sw2"), ("sw1", "sw2")], root="core")
>>> sorted(ups.items()), peers
([('sw1', {'core'}), ('sw2', {'core'})], [('sw1', 'sw2')])
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable

__all__ = ["hops_from", "orient"]


def hops_from(root: str, edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Hop count from ``root`` to every node it reaches."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    hops = {root: 0}
    queue = deque([root])
    while queue:
        node = queue.popleft()
        for other in sorted(neighbours[node]):
            if other not in hops:
                hops[other] = hops[node] + 1
                queue.append(other)
    return hops


def orient(edges: Iterable[tuple[str, str]], *, root: str | None = None,
           rank: Callable[[str], float] | None = None) -> tuple[dict[str, set[str]], list[tuple[str, str]]]:
    """Each node's upstream neighbours, and the sorted peer links that could not be oriented."""
    pairs = sorted({(a, b) if a < b else (b, a) for a, b in edges if a != b})
    hops = hops_from(root, pairs) if root is not None else {}
    upstream: dict[str, set[str]] = defaultdict(set)
    peers: list[tuple[str, str]] = []
    for a, b in pairs:
        if a in hops and b in hops:
            order = hops[a] - hops[b]
        elif rank is not None:
            order = int(rank(a) > rank(b)) - int(rank(a) < rank(b))
        else:
            order = 0
        if order < 0:
            upstream[b].add(a)
        elif order > 0:
            upstream[a].add(b)
        else:
            peers.append((a, b))
    return dict(upstream), peers
