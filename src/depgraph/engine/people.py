"""Audiences: the people of a site counted once (``time-and-people.md`` section 3).

A service may name its ``audience`` (a group such as the office staff); its
``people`` then say how many of that group lose it. The *people affected* by
a set of down services is, per audience, the smaller of the audience's size
and the summed ``people`` of its down services, plus the people of the down
services with no audience. Without audiences it is the plain sum.

Example: Wi-Fi (38 staff) and the boardroom (8 staff) down together affect
38 staff, not 46.

>>> from depgraph.loading import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... audiences: [{id: staff, name: Office staff, people: 38}]
... components: [{id: ap, category: network}]
... services:
...   - {id: wifi, requires: [ap], people: 38, audience: staff}
...   - {id: boardroom, requires: [ap], people: 8, audience: staff}
...   - {id: lobby-tv, requires: [ap], people: 3}
... ''')
>>> people_affected(inv, ["wifi", "boardroom", "lobby-tv"])
41
>>> people_words(inv, ["wifi", "boardroom", "lobby-tv"])
'up to 38 staff and 3 other people (counted once per service)'
"""

from __future__ import annotations

from collections.abc import Iterable

from depgraph.engine.graph import graph_of
from depgraph.inventory.container import Inventory

__all__ = [
    "people_affected", "people_by_audience", "people_note", "people_of_nodes", "people_phrase",
    "people_summary",
    "people_words",
    "service_people",
]


def people_by_audience(inventory: Inventory, services: Iterable[str]) -> tuple[dict[str, int], int]:
    """Per audience id, the capped people of these down services; and those with no audience."""
    summed: dict[str, int] = {}
    loose = 0
    for service_id in services:
        service = inventory.service(service_id)
        if service.audience is None:
            loose += service.people
        else:
            summed[service.audience] = summed.get(service.audience, 0) + service.people
    capped = {a: min(n, inventory.audience(a).people) for a, n in sorted(summed.items())}
    return capped, loose


class _Counter:
    """The people of each graph node (0 for a component) and its audience, for fast counts."""

    def __init__(self, inventory: Inventory) -> None:
        graph = graph_of(inventory)
        self.people = graph.people
        index = {a.id: i for i, a in enumerate(inventory.audiences)}
        self.audience = [-1] * graph.n_components + [
            -1 if s.audience is None else index[s.audience] for s in inventory.services
        ]
        self.caps = [a.people for a in inventory.audiences]

    def count(self, nodes: Iterable[int]) -> int:
        if not self.caps:
            return sum(self.people[n] for n in nodes)
        summed = [0] * len(self.caps)
        loose = 0
        for n in nodes:
            a = self.audience[n]
            if a < 0:
                loose += self.people[n]
            else:
                summed[a] += self.people[n]
        return loose + sum(min(n, cap) for n, cap in zip(summed, self.caps, strict=True))


def people_of_nodes(inventory: Inventory, nodes: Iterable[int]) -> int:
    """:func:`people_affected` of the services among these graph nodes."""
    return inventory.derived(_Counter).count(nodes)


def people_affected(inventory: Inventory, services: Iterable[str]) -> int:
    """How many people lose at least one of these services, each audience counted once."""
    capped, loose = people_by_audience(inventory, services)
    return sum(capped.values()) + loose


def people_words(inventory: Inventory, services: Iterable[str]) -> str:
    """What the people figure means: ``"up to 38 staff and 3 other people"``.

    ``"up to"``: within an audience the services' people may overlap, so the
    figure is the most it can be. People of services with no audience are
    counted once per service.
    """
    capped, loose = people_by_audience(inventory, services)
    parts = [f"up to {n} {_label(a)}" for a, n in capped.items() if n]
    if loose or not parts:
        noun = "person" if loose == 1 else "people"
        other = "other " if parts else ""
        parts.append(f"{loose} {other}{noun} (counted once per service)")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def people_summary(inventory: Inventory, services: Iterable[str]) -> str:
    """``"13 people affected: up to 10 staff and 3 other people (counted once per service)"``.

    Without audiences among these services, the version-1 wording: the plain
    sum, "each person counted once per service lost".
    """
    chosen = list(services)
    count = people_affected(inventory, chosen)
    noun = "person" if count == 1 else "people"
    if not any(inventory.service(s).audience for s in chosen):
        return f"{count:,} {noun} affected (each person counted once per service lost)"
    return f"{count:,} {noun} affected: {people_words(inventory, chosen)}"


def people_note(inventory: Inventory) -> str:
    """What a "people" figure of this site means, in one sentence for reports."""
    if not inventory.audiences:
        return "People are counted per service lost: someone who loses three services counts three times."
    sizes = ", ".join(f"{a.people:,} {_label(a.id)}" for a in inventory.audiences)
    return ("People are counted once per audience, never more than its size (up to " + sizes
            + "); services with no audience add their own.")


def people_phrase(inventory: Inventory, services: Iterable[str]) -> str:
    """``"13 people (up to 10 staff and 3 other people)"``; ``"13 people"`` without audiences."""
    chosen = list(services)
    count = people_affected(inventory, chosen)
    text = f"{count:,} {'person' if count == 1 else 'people'}"
    if any(inventory.service(s).audience for s in chosen):
        return f"{text} ({people_words(inventory, chosen)})"
    return text


def service_people(inventory: Inventory, service_id: str) -> str:
    """One service's people in words: ``"8 of staff"``, or ``"3 people"``."""
    service = inventory.service(service_id)
    if service.audience is None:
        return f"{service.people:,} {'person' if service.people == 1 else 'people'}"
    return f"{service.people:,} of {_label(service.audience)}"


def _label(audience_id: str) -> str:
    return audience_id.replace("-", " ").replace("_", " ")
