"""Where the hours of one failure go: a timeline bar, noticing, each party in turn, the repair.

An incident's ``hours`` (``cost-model.md`` section 1) are laid out as
segments: the time until someone notices (or an alert, or the failure is found
by chance); for each party called in turn, the wait for it to arrive (the
client's own search first, for a part nobody owns) and its work on site
(diagnosis, plus the repair for the last party); and, at each hand-off
between two parties that are not the plan's partner, the expected time lost
to calling the wrong party first (blame probability x one wasted visit). The
segments add up to the incident's hours exactly.

>>> from depgraph import load_inventory
>>> from depgraph.costs.incidents import incident
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors:
...   - {id: isp, billing: included, response_hours: 4, diagnosis_hours: 1}
...   - {id: netco, response_hours: 24, diagnosis_hours: 1, hourly_rate: 100, trip_fee: 50}
... components:
...   - {id: line, category: network, vendor: isp, repair_hours: 2}
...   - {id: router, category: network, vendor: netco, requires: [line]}
... services:
...   - {id: internet, requires: [router], cost_per_hour: 10, people: 2, owner: netco}
... ''')
>>> event = incident(inv, "break-fix", "line")
>>> [(s.kind, s.hours) for s in segments(inv, event)]
[('notice', 0.5), ('wait', 24.0), ('work', 1.0), ('wrong', 6.375), ('wait', 4.0), ('work', 3.0)]
>>> sum(s.hours for s in segments(inv, event)) == event.hours
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from depgraph.costs.incidents import Incident
from depgraph.costs.plans import party_name
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX
from depgraph.text import hours

__all__ = ["Segment", "segments", "timeline_rows"]


@dataclass(frozen=True)
class Segment:
    """A stretch of a failure's time to restore: its kind, whose it is, its hours and a caption.

    ``kind`` is ``notice``, ``search``, ``wait``, ``work`` or ``wrong``;
    ``start`` and ``width`` are percentages of the story's longest failure.
    """

    kind: str
    party: str
    hours: float
    text: str
    start: float = 0.0
    width: float = 0.0


_NOTICED = {
    "monitoring": "until the alert",
    "symptom": "until someone notices",
    "latent": "until it is found by chance",
}


def segments(inventory: Inventory, event: Incident) -> list[Segment]:
    """The segments of ``event``'s hours, in the order they happen."""
    parts = [Segment("notice", "", event.detection_hours,
                     f"{hours(event.detection_hours)} {_NOTICED[event.detection]}")]
    blame = inventory.model.blame_probability
    partner = None if event.plan == BREAK_FIX else event.plan
    for index, engagement in enumerate(event.engagements):
        party = event.parties[index]
        name = party_name(inventory, event.plan, party, nobody="someone")
        if index > 0 and partner not in (party, event.parties[index - 1]):
            wrong = blame * event.misdirection_hours
            parts.append(Segment("wrong", "", wrong,
                                 f"{hours(wrong)} expected on a call to the wrong party first"))
        wait = _wait(inventory, event, party)
        if party is None:
            search = inventory.model.unowned_search_hours
            parts.append(Segment("search", name, search,
                                 f"{hours(search)} finding someone to fix a part nobody owns"))
            wait -= search
        work = engagement.hours - wait - (inventory.model.unowned_search_hours
                                          if party is None else 0.0)
        parts.append(Segment("wait", name, wait, f"{hours(wait)} waiting for {name}"))
        parts.append(Segment("work", name, work, f"{hours(work)} {name} on site"
                             + (", repair included" if index == len(event.engagements) - 1
                                else "")))
    return [p for p in parts if p.hours > 0]


def _wait(inventory: Inventory, event: Incident, party: str | None) -> float:
    """The hours before ``party`` starts work: its response (with the search, if nobody owns it)."""
    if party is None:
        return inventory.model.unowned_search_hours + inventory.default_vendor().response_hours
    if event.plan != BREAK_FIX and party == event.plan:
        plan = inventory.plan(event.plan)
        return (1 - plan.remote_fix_rate) * plan.response_hours
    return inventory.vendor(party).response_hours


def timeline_rows(inventory: Inventory, events: Sequence[Incident]) -> list[list[Segment]]:
    """The segments of each of ``events`` placed on one scale: the longest fills the width."""
    longest = max((e.hours for e in events), default=0.0)
    scale = 100 / longest if longest > 0 and math.isfinite(longest) else 0.0
    rows = []
    for event in events:
        placed, start = [], 0.0
        for part in segments(inventory, event):
            width = part.hours * scale
            placed.append(Segment(part.kind, part.party, part.hours, part.text,
                                  round(start, 2), round(width, 2)))
            start += width
        rows.append(placed)
    return rows
