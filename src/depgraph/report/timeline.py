"""Where the hours of one failure go: a timeline bar, noticing, each party in turn, the repair.

An incident's ``hours`` are laid out as segments: the time until someone
notices (or an alert, or the failure is found by chance); for each party
called in turn, the wait for it to arrive (the client's own search first, for
a part nobody owns) and its work on site (diagnosis, plus the repair for the
last party); and, at each hand-off between two parties that are not the
plan's partner, the expected time lost to calling the wrong party first
(blame probability x one wasted visit).

On a site with opening or working hours (``time-and-people.md`` section 2)
the hours are means over the week, and the time spent waiting for a calendar
to open is a segment of its own (kind ``closed``): before anyone is there to
notice, before a party's working hours begin, while its work (or the client's
search) stands still. The arithmetic is
:func:`depgraph.costs.timeline.where_the_hours_go`, the one of the incident's
own hours, so the segments add up to the incident's hours on calendars too;
without calendars they are the durations of ``cost-model.md`` section 1.

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
from depgraph.costs.schedules import calendar, step_parties
from depgraph.costs.timeline import where_the_hours_go
from depgraph.inventory.container import Inventory
from depgraph.text import part_hours

__all__ = ["HOURS_NOTE", "Segment", "hours_note", "segments", "timeline_rows"]


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
    """The segments of ``event``'s hours, in the order they happen (parts of no time left out).

    The hours come from :func:`~depgraph.costs.timeline.where_the_hours_go`:
    means over the week on the site's calendars, so they add up to the
    incident's ``hours``; time spent waiting for a calendar to open is a
    segment of its own (kind ``closed``).
    """
    assert event.timeline is not None, "every incident is laid on the calendars"
    week = where_the_hours_go(event.timeline, inventory.model.blame_probability)
    parts = [Segment("notice", "", week.noticing,
                     f"{part_hours(week.noticing)} {_NOTICED[event.detection]}"),
             _closed("", week.noticing_closed, _noticing_closed(inventory, event))]
    last = len(week.steps) - 1
    for index, (step, (party, search)) in enumerate(zip(week.steps, step_parties(event.parties),
                                                        strict=True)):
        name = party_name(inventory, event.plan, party, nobody="someone")
        parts.append(Segment("wrong", "", step.wrong,
                             f"{part_hours(step.wrong)} expected on a call to the wrong party first"))
        if search:
            parts.append(Segment("search", name, step.work,
                                 f"{part_hours(step.work)} finding someone to fix a part nobody owns"))
            parts.append(_closed(name, step.paused, "of that search stopped while the site is closed"))
            continue
        parts.append(Segment("wait", name, step.lead, f"{part_hours(step.lead)} waiting for {name}"))
        parts.append(_closed(name, step.closed, f"waiting for the working hours of {name}"))
        parts.append(Segment("work", name, step.work, f"{part_hours(step.work)} {name} on site"
                             + (", repair included" if index == last else "")))
        parts.append(_closed(name, step.paused, f"of work stopped outside the working hours of {name}"))
    return [p for p in parts if p.hours > 0]


def _closed(party: str, value: float, what: str) -> Segment:
    """A segment of waiting for a calendar to open."""
    return Segment("closed", party, value, f"{part_hours(value)} {what}")


def _noticing_closed(inventory: Inventory, event: Incident) -> str:
    """What the time before anyone can notice waits for: the site, or the symptom's own hours."""
    if event.symptom is None:
        return "waiting for the site to open"
    service = inventory.service(event.symptom)
    if inventory.service_hours(service) == inventory.site.hours:
        return "waiting for the site to open"
    return f"waiting for the hours of {service.name}"


HOURS_NOTE = (
    "How long a failure lasts depends on when it happens: at night or over a weekend nobody may "
    "be there to notice it, and each vendor works its own hours. Each bar is the average over "
    "every hour of the week, and its parts add up to the time shown."
)
"""What the bars average over, said when the site keeps opening or working hours."""


def hours_note(inventory: Inventory) -> str:
    """:data:`HOURS_NOTE` when any calendar of the site is not ``24/7``, else nothing."""
    schedules = [inventory.site.hours, inventory.default_vendor().hours,
                 *(inventory.service_hours(s) for s in inventory.services),
                 *(v.hours for v in inventory.vendors), *(p.hours for p in inventory.plans)]
    return "" if all(calendar(text).always for text in schedules) else HOURS_NOTE


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
