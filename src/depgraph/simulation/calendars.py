"""The simulation on calendars: ``time-and-people.md`` section 4.

Hour 0 of every simulated year is Monday 00:00. A failure's timeline
(:class:`depgraph.costs.timeline.Timeline`, the one of its incident) is laid
on the calendars from the failure time, every duration multiplied by the
failure's lognormal factor ``L``; a misdirected hand-off inserts the wrong
party's engagement, unscaled. A service down over ``[a, b)`` costs
``cost_per_hour x O_H(a, b) + cost_per_hour_closed x ((b - a) - O_H(a, b))``.

Components whose timeline meets only ``24/7`` calendars keep the version-1
arithmetic (``hours x L`` plus the misdirected engagements), and a site whose
services are all ``24/7`` keeps charging ``cost_per_hour`` by the hour, so
that a file without calendars simulates exactly as before.

The timelines are evaluated in bulk: the failures of a batch are grouped by
timeline (components with the same parties and durations share one), and each
group runs through :func:`depgraph.costs.timeline.restored` as numpy arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from depgraph.costs.incidents import Incident
from depgraph.costs.schedules import calendar, plain, site_calendars
from depgraph.costs.timeline import Timeline, restored, week_stretches
from depgraph.engine.graph import DependencyGraph
from depgraph.inventory.container import Inventory
from depgraph.inventory.intervals import HOURS_PER_WEEK, IntervalSet
from depgraph.simulation.sampling import BoolArray, FloatArray, IntArray

__all__ = ["Charges", "Stretch", "TimedTerms", "calendar_stretch", "timed_terms"]


@dataclass(frozen=True)
class TimedTerms:
    """One plan's timelines per component (in graph order); ``timed[c]``: not all ``24/7``."""

    timelines: tuple[Timeline, ...]
    timeline_of: IntArray
    timed: BoolArray

    def restorations(
        self, component: IntArray, start: FloatArray, spread: FloatArray, misses: BoolArray
    ) -> FloatArray:
        """The restoration of each failure of a timed component (rows as given)."""
        end = np.empty(len(component))
        which = self.timeline_of[component]
        for number in np.unique(which).tolist():
            rows = np.flatnonzero(which == number)
            timeline = self.timelines[number]
            slots = len(timeline.misdirectable)
            end[rows] = restored(timeline, start[rows], spread[rows], misses[rows, :slots])
        return end


def timed_terms(incidents: list[Incident], services_always: bool) -> TimedTerms | None:
    """The timelines of a plan's incidents (in graph order).

    ``None`` when every timeline and every service (``services_always``) is
    ``24/7``: then the version-1 arithmetic applies throughout.
    """
    keys: dict[object, int] = {}
    timelines: list[Timeline] = []
    numbers = []
    for i in incidents:
        assert i.timeline is not None
        number = keys.setdefault(i.timeline.key, len(timelines))
        if number == len(timelines):
            timelines.append(i.timeline)
        numbers.append(number)
    timed = np.array([not plain(t) for t in timelines], dtype=bool)
    if services_always and not timed.any():
        return None
    timeline_of = np.array(numbers, dtype=np.int64)
    return TimedTerms(tuple(timelines), timeline_of, timed[timeline_of])


class Stretch(NamedTuple):
    """How much calendars can lengthen a timeline of ``h`` wall-clock hours in ``n`` stretches.

    ``envelope``: the time when every calendar of the site is open (``None``
    when there is no such time). Work on any calendar progresses at least
    while the envelope is open and waiting ends no later than it opens, so a
    timeline started at ``t`` ends by ``envelope.advance(t, h + n / 60)`` (a
    minute of work a stretch stands for the wait of a step with none). Without an
    envelope: ``G`` the longest closed gap of any calendar, ``I`` the
    shortest open interval; waiting takes at most ``G`` and ``d`` hours of
    work meet at most ``d / I`` more gaps, so it ends within
    ``h x (1 + G / I) + n x G`` hours.
    """

    envelope: IntervalSet | None
    per_hour: float
    per_stretch: float

    def latest(self, start: FloatArray, hours: FloatArray, stretches: FloatArray) -> FloatArray:
        """The latest end of timelines of ``hours`` wall-clock hours in ``stretches`` stretches."""
        if self.envelope is not None:  # a minute a stretch: a step with no work still waits
            return self.envelope.advance(start, hours + stretches / 60)
        bound: FloatArray = start + hours * self.per_hour + stretches * self.per_stretch
        return bound


def calendar_stretch(inventory: Inventory) -> Stretch | None:
    """The :class:`Stretch` of the site's calendars; ``None`` when all are 24/7.

    The overlap groups use it to bound a combined failure on calendars,
    which no incident alone describes.
    """
    texts = {inventory.site.hours, inventory.default_vendor().hours}
    texts |= {inventory.service_hours(s) for s in inventory.services}
    texts |= {v.hours for v in inventory.vendors} | {p.hours for p in inventory.plans}
    calendars: list[IntervalSet] = [c for c in map(calendar, sorted(texts)) if not c.always]
    if not calendars:
        return None
    patterns, stretches = week_stretches(calendars)
    envelope = next((s for p, s in zip(patterns, stretches, strict=True) if all(p)), None)
    gap = max(_longest_gap(c) for c in calendars)
    shortest = min(e - s for c in calendars for s, e in _open_intervals(c))
    return Stretch(envelope, 1 + gap / shortest, gap)


def _open_intervals(calendar: IntervalSet) -> list[tuple[float, float]]:
    """The open intervals of the week, one joined across Sunday midnight."""
    pieces = list(zip(calendar.starts, calendar.ends, strict=True))
    if len(pieces) > 1 and pieces[0][0] == 0.0 and pieces[-1][1] == HOURS_PER_WEEK:
        first, last = pieces.pop(0), pieces.pop()
        pieces.append((last[0], HOURS_PER_WEEK + first[1]))
    return pieces


def _longest_gap(calendar: IntervalSet) -> float:
    """The longest closed stretch of the week, across Sunday midnight too."""
    pieces = _open_intervals(calendar)
    starts = sorted(s for s, _ in pieces)
    ends = {s: e for s, e in pieces}
    gaps = [b - ends[a] for a, b in zip(starts, starts[1:], strict=False)]
    gaps.append(starts[0] + HOURS_PER_WEEK - ends[starts[-1]])
    return max(gaps)


class Charges:
    """What down services cost over spans of time, on their calendars."""

    def __init__(self, graph: DependencyGraph, downs: list[tuple[int, ...]]) -> None:
        inventory = graph.inventory
        calendars = site_calendars(inventory)
        first = graph.n_components
        self.first_service = first
        self.calendars = calendars.service_calendars
        self.service_calendar = calendars.service_calendar
        self.cost = calendars.cost.tolist()
        self.closed = calendars.closed.tolist()
        self.plain = all(c.always for c in self.calendars)
        self.terms = [
            (self.calendars[self.service_calendar[s]].open_hours, self.cost[s], self.closed[s])
            for s in range(len(self.cost))
        ]
        k = len(self.calendars)
        self.open_rate = np.zeros((first, k))
        self.closed_rate = np.zeros(first)
        for c, down in enumerate(downs):
            for node in down:
                if node >= first:
                    s = node - first
                    self.open_rate[c, self.service_calendar[s]] += self.cost[s] - self.closed[s]
                    self.closed_rate[c] += self.closed[s]

    def failures(self, component: IntArray, start: FloatArray, end: FloatArray) -> FloatArray:
        """The downtime cost of each failure's own down services over ``[start, end)``."""
        cost: FloatArray = self.closed_rate[component] * (end - start)
        for k, hours in enumerate(self.calendars):
            rate = self.open_rate[component, k]
            if rate.any():
                cost = cost + rate * hours.open_time(start, end)
        return cost


    def service(self, node: int, a: float, b: float) -> float:
        """The cost of service node ``node`` down over ``[a, b)``."""
        open_hours, cost, closed = self.terms[node - self.first_service]
        hours = open_hours(a, b)
        charged: float = cost * hours + closed * ((b - a) - hours)
        return charged
