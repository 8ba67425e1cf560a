"""Splitting a detail diagram that cannot fit one page legibly: one page per area.

An area is a building ("Building 2 ..."), else a floor, closet or room as
the inventory names it; small areas in a row share a page up to
:data:`PAGE_PARTS` components. Each page draws its components, the services
that need them and nothing else; a part needed from another page is named
in the links' tooltips of the full diagram, not drawn twice.

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... components:
...   - {id: a, category: network, room: Building 1 MDF}
...   - {id: b, category: network, room: Building 1 floor 2, requires: [a]}
...   - {id: c, category: network, room: Building 2 MDF}
... services: [{id: s, requires: [b, c]}]
... ''')
>>> [(page.area, page.members) for page in page_split(inv, limit=2)]
[('Building 1', ('a', 'b', 's')), ('Building 2', ('c', 's'))]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from depgraph.inventory.container import Inventory

__all__ = ["PAGE_PARTS", "Page", "page_split"]

PAGE_PARTS = 12
"""A page of a split detail diagram holds at most about this many components."""

_BUILDING = re.compile(r"\b(building|bldg)\s*\w+", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    """One page: what area it shows and the component and service ids it draws."""

    area: str
    members: tuple[str, ...]


def page_split(
    inventory: Inventory, limit: int = PAGE_PARTS, within: Page | None = None
) -> tuple[Page, ...]:
    """The pages of the detail diagram of ``inventory``, areas in order of first appearance.

    A page holds at most ``limit`` components and about twice as many boxes
    with the services that need them; a larger area is cut into several pages.
    ``within`` splits one page again (its components only).
    """
    kept = set(within.members) if within else None
    areas: dict[str, list[str]] = {}
    for component in inventory.components:
        if kept is not None and component.id not in kept:
            continue
        areas.setdefault(_area(component.room), []).append(component.id)
    needs = {s.id: {m for clause in s.clauses for m in clause.members} for s in inventory.services}

    def services(ids: list[str]) -> list[str]:
        chosen = set(ids)
        return [s for s, members in needs.items() if members & chosen]

    pages: list[tuple[list[str], list[str]]] = []
    for area, ids in areas.items():
        for start in range(0, len(ids), limit):
            chunk = ids[start:start + limit]
            if pages and len(pages[-1][1]) + len(chunk) <= limit and len(
                    pages[-1][1]) + len(chunk) + len(services([*pages[-1][1], *chunk])) <= 2 * limit:
                pages[-1][0].append(area)
                pages[-1][1].extend(chunk)
            else:
                pages.append(([area], list(chunk)))
    return tuple(
        Page(", ".join(dict.fromkeys(names[:3])) + (f" +{len(names) - 3} more" if len(names) > 3
                                                     else ""), (*ids, *services(ids)))
        for names, ids in pages
    )


def _area(room: str | None) -> str:
    if not room:
        return "no room"
    building = _BUILDING.search(room)
    return building[0] if building else room
