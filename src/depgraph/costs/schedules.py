"""An incident on the site's calendars: its timeline and its figures over the week.

``time-and-people.md`` section 2. :func:`timeline_of` lays a chain of
parties on their calendars (a vendor's ``hours``, the plan's ``hours``, the
site's for the client's search, the default vendor terms' for an unowned
part and a misdirected call). :func:`week_figures` turns the timeline of an
incident into its expected ``hours``, ``hours_p90``, ``downtime_cost`` and
``people_hours`` over the 672 quarter-hour start times and the misdirection
outcomes, charging each down service ``cost_per_hour`` while its ``hours``
are open and ``cost_per_hour_closed`` otherwise, and counting the people of
the down services that are open (audiences counted once).

The week is cut into *stretches* where any service's calendar opens or
closes; inside a stretch the set of open services is fixed, so an
incident's cost and people are a rate per stretch times the mean time its
outage spends in that stretch. That time depends only on the timeline,
which many incidents share (same parties, same durations): it is computed
once per timeline (:func:`depgraph.costs.timeline.over_the_week`).

When every calendar an incident meets is ``24/7``, :func:`week_figures`
returns ``None`` and the incident keeps the arithmetic of ``cost-model.md``
section 1, to the last bit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Protocol

import numpy as np

from depgraph.costs.timeline import Step, Timeline, WeekFigures, over_the_week, week_stretches
from depgraph.inventory.calendars import Calendar, parse_calendar
from depgraph.inventory.container import Inventory
from depgraph.inventory.intervals import IntervalSet
from depgraph.inventory.models import Plan

__all__ = [
    "Role", "SiteCalendars", "TimedFigures", "calendar", "hours_lines", "plain",
    "site_calendars", "step_parties", "timeline_of", "week_figures",
]


@lru_cache(maxsize=1024)
def calendar(text: str) -> Calendar:
    """The calendar of a schedule the loader has already checked."""
    return parse_calendar(text)


class Role(Protocol):
    """A party of a chain: ``kind`` is ``"partner"``, ``"vendor"`` or ``"unowned"``."""

    @property
    def kind(self) -> str: ...
    @property
    def party(self) -> str | None: ...


class SiteCalendars:
    """The calendars of one site: its services' (in graph order) and the stretches of its week."""

    def __init__(self, inventory: Inventory) -> None:
        self.inventory = inventory
        self.site = calendar(inventory.site.hours)
        default = self.default = inventory.default_vendor()
        self.vendors = {v.id: v for v in inventory.vendors}
        self.default_vendor = calendar(default.hours)
        self.wrong = Step(self.default_vendor, default.response_hours, default.diagnosis_hours, True)
        services = inventory.services
        keys: dict[tuple[tuple[float, ...], tuple[float, ...]], int] = {}
        distinct: list[IntervalSet] = []
        self.service_calendar: list[int] = []
        for service in services:
            own = calendar(inventory.service_hours(service))
            if own.key not in keys:
                keys[own.key] = len(distinct)
                distinct.append(own)
            self.service_calendar.append(keys[own.key])
        self.service_calendars = distinct
        patterns, self.stretches = week_stretches(distinct)
        self.open = np.array(patterns, dtype=bool).reshape(len(patterns), len(distinct))
        self.cost = np.array([s.cost_per_hour for s in services], dtype=float)
        self.closed = np.array([s.cost_per_hour_closed for s in services], dtype=float)
        self.people = np.array([s.people for s in services], dtype=float)
        audience_ids = [a.id for a in inventory.audiences]
        self.audience = np.array(
            [-1 if s.audience is None else audience_ids.index(s.audience) for s in services],
            dtype=np.int64,
        )
        self.caps = np.array([a.people for a in inventory.audiences], dtype=float)
        self.week: dict[object, WeekFigures] = {}

    def over_the_week(self, timeline: Timeline) -> WeekFigures:
        """The timeline's figures over the week; timelines that run alike share them."""
        figures = self.week.get(timeline.key)
        if figures is None:
            blame = self.inventory.model.blame_probability
            figures = over_the_week(timeline, blame, tuple(self.stretches))
            self.week[timeline.key] = figures
        return figures

    def service(self, service: int) -> IntervalSet:
        """The calendar of service ``service`` (numbered from 0): its own hours, else the site's."""
        return self.service_calendars[self.service_calendar[service]]

    def always(self, services: Sequence[int]) -> bool:
        """Whether every one of these services (numbered from 0) is ``24/7``."""
        return all(self.service(s).always for s in services)

    def rates(self, services: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Per stretch of the week: the cost per hour and the people affected of these down services."""
        index = np.array(services, dtype=np.int64)
        is_open = self.open[:, np.array(self.service_calendar, dtype=np.int64)[index]]
        cost = is_open @ (self.cost[index] - self.closed[index]) + self.closed[index].sum()
        people = self.people[index] * is_open
        audience = self.audience[index]
        loose = people[:, audience < 0].sum(axis=1)
        capped = np.zeros(len(self.stretches))
        for a in np.unique(audience[audience >= 0]).tolist():
            capped += np.minimum(people[:, audience == a].sum(axis=1), self.caps[a])
        return cost, loose + capped


def hours_lines(inventory: Inventory) -> list[str]:
    """The calendars in use, grouped by schedule; nothing when every one is ``24/7``.

    >>> from depgraph import load_inventory
    >>> inv = load_inventory('''
    ... version: 1
    ... site: {name: demo, hours: "Mo-Fr 08:00-18:00"}
    ... vendors: [{id: isp, name: ISP}, {id: av, name: AV, hours: "Mo-Fr 08:00-18:00"}]
    ... components: [{id: a, category: other}]
    ... ''')
    >>> hours_lines(inv)
    ['Hours (figures are averaged over every quarter-hour start of the week): \
Mo-Fr 08:00-18:00 (50 h a week): the site, AV; everything else 24/7.']
    """
    parts = [("the site", inventory.site.hours)]
    parts += [(s.name, inventory.service_hours(s)) for s in inventory.services if s.hours]
    parts += [(v.name, v.hours) for v in inventory.vendors]
    parts += [(f"{p.name} (partner)", p.hours) for p in inventory.plans]
    if all(text == "24/7" for _, text in parts):
        return []
    grouped: dict[str, list[str]] = {}
    for who, text in parts:
        if text != "24/7":
            grouped.setdefault(text, []).append(who)
    shown = "; ".join(
        f"{text} ({calendar(text).weekly_hours:g} h a week): {', '.join(names)}"
        for text, names in grouped.items()
    )
    if sum(len(names) for names in grouped.values()) < len(parts):
        shown += "; everything else 24/7"
    return [f"Hours (figures are averaged over every quarter-hour start of the week): {shown}."]


def site_calendars(inventory: Inventory) -> SiteCalendars:
    """The site's calendars, compiled once per inventory."""
    return inventory.derived(SiteCalendars)


def step_parties(parties: Sequence[str | None]) -> list[tuple[str | None, bool]]:
    """Each step :func:`timeline_of` lays for a chain of ``parties``, with its party and whether
    it is the client's search: a part nobody owns (``None``) takes two steps, the client's
    search for someone, then a vendor on the default terms.

    >>> step_parties(["netco", None])
    [('netco', False), (None, True), (None, False)]
    """
    steps: list[tuple[str | None, bool]] = []
    for party in parties:
        if party is None:
            steps.append((None, True))
        steps.append((party, False))
    return steps


def timeline_of(
    inventory: Inventory, plan: Plan | None, chain: Sequence[Role],
    detection_calendar: IntervalSet | None, detection_hours: float, repair: float,
    calendars: SiteCalendars | None = None,
) -> Timeline:
    """The timeline of a chain of parties: each engaged in turn, the last one also repairs.

    ``calendars`` are the site's (:func:`site_calendars`), for callers that hold them.
    """
    calendars = site_calendars(inventory) if calendars is None else calendars
    default = calendars.default
    steps: list[Step] = []
    first_step: list[int] = []
    for i, role in enumerate(chain):
        extra = repair if i == len(chain) - 1 else 0.0
        first_step.append(len(steps))
        if role.kind == "partner":
            assert plan is not None
            lead = (1 - plan.remote_fix_rate) * plan.response_hours
            steps.append(Step(calendar(plan.hours), lead, plan.diagnosis_hours + extra, True))
        elif role.kind == "vendor":
            assert role.party is not None
            vendor = calendars.vendors[role.party]
            steps.append(Step(calendar(vendor.hours), vendor.response_hours,
                              vendor.diagnosis_hours + extra, True))
        else:
            steps.append(Step(calendars.site, 0.0, inventory.model.unowned_search_hours, False))
            steps.append(Step(calendars.default_vendor, default.response_hours,
                              default.diagnosis_hours + extra, True))
    misdirectable = tuple(
        first_step[i + 1] for i, (a, b) in enumerate(pairwise(chain))
        if a.kind != "partner" and b.kind != "partner"
    )
    return Timeline(detection_calendar, detection_hours, tuple(steps), misdirectable, calendars.wrong)


def plain(timeline: Timeline) -> bool:
    """Whether every calendar the timeline meets is ``24/7`` (:attr:`Timeline.always`)."""
    return timeline.always


@dataclass(frozen=True)
class TimedFigures:
    """An incident's expected figures on calendars (section 2)."""

    hours: float
    hours_p90: float
    downtime_cost: float
    people_hours: float


def week_figures(
    inventory: Inventory, timeline: Timeline, services: Sequence[int],
    calendars: SiteCalendars | None = None,
) -> TimedFigures | None:
    """The expected figures of an incident with this timeline and these down services (from 0).

    ``None`` when every calendar it meets is ``24/7``: then the figures of
    ``cost-model.md`` section 1 apply as they are.
    """
    calendars = site_calendars(inventory) if calendars is None else calendars
    if plain(timeline) and calendars.always(services):
        return None
    figures = calendars.over_the_week(timeline)
    if not services:
        return TimedFigures(figures.hours, figures.hours_p90, 0.0, 0.0)
    cost, people = calendars.rates(services)
    in_stretch = np.array(figures.in_stretch)
    return TimedFigures(
        hours=figures.hours,
        hours_p90=figures.hours_p90,
        downtime_cost=float(cost @ in_stretch),
        people_hours=float(people @ in_stretch),
    )
