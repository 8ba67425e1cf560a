"""Fewer, better placed arrows for the row layouts (overview and focus).

A plain link already implied by a chain of plain links is left out; a link
that points back up the rows, or spans rows, is marked so that it does not
pull the layout apart.

>>> from depgraph.render.model import Link
>>> links = [Link("c", "b", False, "up", ""), Link("b", "a", False, "up", ""),
...          Link("c", "a", False, "up", "")]
>>> [(link.tail, link.head) for link in reduce_links(links)]
[('c', 'b'), ('b', 'a')]
"""

from __future__ import annotations

from dataclasses import replace

from depgraph.render.model import Link

__all__ = ["placed", "reduce_links"]


def placed(link: Link, row_of: dict[str, int]) -> Link:
    """Mark a link whose needed box sits below the box that needs it, or rows away from it.

    The first is drawn without pulling rows; the second without pulling the
    two boxes together sideways, so that rows stay packed.
    """
    tail, head = row_of.get(link.tail), row_of.get(link.head)
    if tail is None or head is None:
        return link
    return replace(link, back=head > tail, long=tail - head > 1)


def reduce_links(links: list[Link]) -> list[Link]:
    """Leave out a plain link already implied by a chain of plain links (A→B→C makes A→C).

    Only all-needed links count: if the head of each fails, the tail is down
    either way, so the picture says the same with fewer lines.
    """
    plain = [link for link in links if not link.label and not link.bracket]
    needs: dict[str, set[str]] = {}
    for link in plain:
        needs.setdefault(link.tail, set()).add(link.head)

    def reaches(start: str, goal: str) -> bool:
        seen, stack = {start}, [start]
        while stack:
            for nxt in needs.get(stack.pop(), ()):
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    implied = {
        (link.tail, link.head) for link in plain
        if any(other != link.head and reaches(other, link.head)
               for other in needs[link.tail])
    }
    return [link for link in links if link.label or link.bracket
            or (link.tail, link.head) not in implied]


