"""Rows of an overview or focus diagram: tier by tier, in dependency order.

Each box sits in its tier; inside a tier a box goes one row below the boxes
of the same tier it needs, up to :data:`ROWS_PER_TIER` rows. Boxes framed in
one redundancy bracket share a row (side by side). Links that point back to
an earlier tier, and loops, do not push rows.

>>> rows_of({"a": 0, "b": 0, "c": 6, "d": 6}, [("b", "a"), ("c", "b"), ("d", "c")], [])
[(0, ('a', 'b')), (6, ('c',)), (6, ('d',))]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = [
    "ROWS_PER_TIER",
    "ROW_LIMIT",
    "rows_of",
]

ROWS_PER_TIER = (1, 1, 1, 1, 1, 1, 2)
"""At most this many rows for each tier; deeper chains inside a tier share the last row."""


ROW_LIMIT = (5, 7, 5, 5, 5, 6, 5)
"""A row of each tier holds at most this many boxes; a wider tier continues on the next row."""


def rows_of(
    tiers: dict[str, int],
    needs: Iterable[tuple[str, str]],
    together: Sequence[Sequence[str]],
) -> list[tuple[int, tuple[str, ...]]]:
    """The rows, top to bottom, as ``(tier, box keys)``; keys keep the order of ``tiers``.

    ``needs`` are ``(tail, head)`` pairs: tail needs head; ``together`` are
    groups of keys that share a row (the tier of a group is its lowest).
    """
    leader = {key: key for key in tiers}
    for group in together:
        for key in group[1:]:
            leader[key] = group[0]
    tier = dict(tiers)
    for key in tiers:
        tier[leader[key]] = min(tier[leader[key]], tiers[key])
    above: dict[str, set[str]] = {leader[key]: set() for key in tiers}
    for tail, head in needs:
        if tail in leader and head in leader:
            t, h = leader[tail], leader[head]
            if t != h and tier[t] == tier[h]:
                above[t].add(h)
    depth: dict[str, int] = {}
    for key in above:
        _depth(key, above, depth, set())
    rows: dict[tuple[int, int], list[str]] = {}
    for key in tiers:
        lead = leader[key]
        rows.setdefault((tier[lead], min(depth[lead], ROWS_PER_TIER[tier[lead]] - 1)), []).append(key)
    return [(t, row) for (t, _), keys in sorted(rows.items())
            for row in _wrap(keys, leader, ROW_LIMIT[t])]


def _wrap(keys: list[str], leader: dict[str, str], limit: int) -> list[tuple[str, ...]]:
    """``keys`` in even rows of at most about ``limit``, members of one bracket never split."""
    blocks: dict[str, list[str]] = {}
    for key in keys:
        blocks.setdefault(leader[key], []).append(key)
    count = -(-len(keys) // limit)
    width = -(-len(keys) // count)  # rows as even as the blocks allow
    rows: list[list[str]] = [[]]
    for block in blocks.values():
        if rows[-1] and len(rows[-1]) + len(block) > width:
            rows.append([])
        rows[-1].extend(block)
    return [tuple(row) for row in rows if row]


def _depth(key: str, above: dict[str, set[str]], depth: dict[str, int], path: set[str]) -> int:
    """Longest chain of same-tier needs below ``key``; a loop counts once."""
    if key in depth:
        return depth[key]
    path.add(key)
    below = [_depth(h, above, depth, path) + 1 for h in sorted(above[key]) if h not in path]
    path.discard(key)
    depth[key] = max(below, default=0)
    return depth[key]
