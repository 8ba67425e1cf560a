"""The incident timeline laid on calendars: ``time-and-people.md`` section 2.

An incident runs as a :class:`Timeline`: a detection, then engagements in
chain order, each a :class:`Step` that starts when the previous one ended.
:func:`restored` computes the restoration time ``R`` for many start times at
once (numpy arrays), with an optional duration factor (the simulation's
lognormal ``L``) and the misdirected hand-offs of each start.
:func:`over_the_week` gives the expected figures of section 2: the mean over
the 672 quarter-hour start times of the week and over every subset of
misdirected hand-offs, weighted ``p^|m| (1-p)^(h-|m|)``.

A vendor's or the partner's step waits for its calendar to open after the
wall-clock lead time (``next_open(tau + lead)``) and then works on it
(``advance(arrival, work)``); the client's search for a vendor of an unowned
part works on the site's calendar from the moment it starts (``wait`` false).

Example: a contractor working Mo-Fr 08:00-17:00, called Friday 16:00 with a
2-hour response and 1.5 hours of work, finishes Monday 09:30.

>>> from depgraph.inventory.calendars import parse_calendar
>>> trades = parse_calendar("Mo-Fr 08:00-17:00")
>>> line = Timeline(None, 0.0, (Step(trades, 2.0, 1.5, True),), (), Step(trades, 0, 0, True))
>>> import numpy as np
>>> restored(line, np.array([4 * 24 + 16.0])).tolist() == [7 * 24 + 9.5]
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import product
from typing import Any

import numpy as np
from numpy.typing import NDArray

from depgraph.inventory.intervals import HOURS_PER_WEEK, IntervalSet

__all__ = [
    "STARTS", "Step", "Timeline", "WeekFigures", "milestones", "over_the_week", "restored",
    "week_stretches",
]

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

STARTS: FloatArray = np.arange(672, dtype=np.float64) * 0.25
"""The 672 quarter-hour start times of the week, in hours from Monday 00:00."""


@dataclass(frozen=True, eq=False)
class Step:
    """One stretch of an incident: wait ``lead`` hours (wall clock), then ``work`` hours on ``calendar``.

    ``wait``: the step arrives at ``calendar.next_open(tau + lead)`` (a vendor
    or the partner); otherwise it works from ``tau`` at once (the client's
    search, ``lead`` 0).
    """

    calendar: IntervalSet
    lead: float
    work: float
    wait: bool

    def key(self) -> tuple[Any, ...]:
        """What makes two steps run alike."""
        return (self.calendar.starts, self.calendar.ends, self.lead, self.work, self.wait)

    def end(self, tau: FloatArray, scale: FloatArray | float = 1.0) -> FloatArray:
        """When the step started at ``tau`` is done, its durations times ``scale``."""
        if self.wait:
            arrival = self.calendar.next_open(tau + self.lead * scale)
            return self.calendar.advance(arrival, self.work * scale)
        return self.calendar.advance(tau, self.work * scale)


@dataclass(frozen=True, eq=False)
class Timeline:
    """Detection, then the steps in order; a misdirected call may come before some steps.

    ``detection_calendar`` is ``None`` for a wall-clock detection (monitoring,
    latent), else the symptom service's hours, on which ``detection_hours``
    (its ``notice_hours``) must pass. ``misdirectable`` lists, in order, the
    steps before which a wrong party (``wrong``: default terms, diagnosis
    only) is engaged when that hand-off is misdirected.
    """

    detection_calendar: IntervalSet | None
    detection_hours: float
    steps: tuple[Step, ...]
    misdirectable: tuple[int, ...]
    wrong: Step

    @cached_property
    def key(self) -> tuple[Any, ...]:
        """What makes two timelines run alike (incidents share their figures through it)."""
        calendar = self.detection_calendar
        return (
            None if calendar is None else (calendar.starts, calendar.ends),
            self.detection_hours, tuple(s.key() for s in self.steps), self.misdirectable,
            self.wrong.key() if self.misdirectable else None,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Timeline) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def detected(self, t0: FloatArray, scale: FloatArray | float = 1.0) -> FloatArray:
        """When the failure that happened at ``t0`` is detected."""
        if self.detection_calendar is None:
            detected: FloatArray = t0 + self.detection_hours * scale
            return detected
        return self.detection_calendar.advance(t0, self.detection_hours * scale)


def restored(
    timeline: Timeline, t0: FloatArray, scale: FloatArray | float = 1.0,
    misses: BoolArray | None = None,
) -> FloatArray:
    """The restoration time ``R`` of each start in ``t0``.

    ``scale`` multiplies every duration of the timeline (not of a misdirected
    call); ``misses[i, j]`` tells whether the j-th misdirectable hand-off of
    start i is misdirected (none when ``misses`` is ``None``).
    """
    tau = timeline.detected(t0, scale)
    slots = {step: slot for slot, step in enumerate(timeline.misdirectable)}
    for j, step in enumerate(timeline.steps):
        slot = slots.get(j)
        if misses is not None and slot is not None:
            missed = misses[:, slot]
            if missed.any():
                tau = np.where(missed, timeline.wrong.end(tau), tau)
        tau = step.end(tau, scale)
    return tau


def milestones(timeline: Timeline, t0: float) -> tuple[float, list[tuple[float, float]]]:
    """When a failure at ``t0`` is detected, and each step's start of work and end (no misdirection).

    >>> from depgraph.inventory.calendars import parse_calendar
    >>> trades = parse_calendar("Mo-Fr 08:00-17:00")
    >>> line = Timeline(None, 0.5, (Step(trades, 2.0, 1.5, True),), (), Step(trades, 0, 0, True))
    >>> milestones(line, 4 * 24 + 18.0)
    (114.5, [(176.0, 177.5)])
    """
    tau = float(timeline.detected(np.array([t0]))[0])
    detected, steps = tau, []
    for step in timeline.steps:
        start = tau
        if step.wait:
            start = float(step.calendar.next_open(tau + step.lead))
        tau = float(step.end(np.array([tau]))[0])
        steps.append((start, tau))
    return detected, steps


@dataclass(frozen=True)
class WeekFigures:
    """A timeline's expected figures over the week (section 2).

    ``hours``: the mean of ``R - t0``; ``hours_p90``: the 90th percentile of
    ``R - t0`` over the start times without misdirection; ``in_stretch[k]``:
    the mean time of ``[t0, R)`` spent in the k-th stretch of the week given.
    """

    hours: float
    hours_p90: float
    in_stretch: tuple[float, ...]


def over_the_week(
    timeline: Timeline, blame_probability: float, stretches: tuple[IntervalSet, ...]
) -> WeekFigures:
    """The means over the 672 start times and every subset of misdirected hand-offs."""
    h = len(timeline.misdirectable)
    p = blame_probability
    subsets = np.array(list(product((False, True), repeat=h)), dtype=bool).reshape(2**h, h)
    count = subsets.sum(axis=1)
    weights = p ** count * (1 - p) ** (h - count)
    keep = weights > 0
    keep[0] = True  # the subset without misdirection always counts for hours_p90
    subsets, weights = subsets[keep], weights[keep]
    n = len(STARTS)
    t0 = np.tile(STARTS, len(subsets))
    misses = np.repeat(subsets, n, axis=0)
    end = restored(timeline, t0, 1.0, misses)
    row_weights = np.repeat(weights, n) / n
    hours = end - t0
    return WeekFigures(
        hours=float(row_weights @ hours),
        hours_p90=float(np.percentile(hours[:n], 90)),
        in_stretch=tuple(float(row_weights @ s.open_time(t0, end)) for s in stretches),
    )


def week_stretches(calendars: list[IntervalSet]) -> tuple[list[tuple[bool, ...]], list[IntervalSet]]:
    """The week cut where any of ``calendars`` opens or closes, grouped by which are open.

    Returns the open pattern of each stretch (one bool per calendar) and the
    stretch as a weekly interval set; the stretches cover the week once.

    >>> from depgraph.inventory.calendars import ALWAYS, parse_calendar
    >>> patterns, sets = week_stretches([ALWAYS, parse_calendar("Mo-Fr 08:00-18:00")])
    >>> patterns, [s.weekly_hours for s in sets]
    ([(True, False), (True, True)], [118.0, 50.0])
    """
    cuts = sorted({0.0, HOURS_PER_WEEK, *(t for c in calendars for t in (*c.starts, *c.ends))})
    groups: dict[tuple[bool, ...], list[tuple[float, float]]] = {}
    for a, b in zip(cuts, cuts[1:], strict=False):
        pattern = tuple(bool(c.open_at(a)) for c in calendars)
        pieces = groups.setdefault(pattern, [])
        if pieces and pieces[-1][1] == a:
            pieces[-1] = (pieces[-1][0], b)
        else:
            pieces.append((a, b))
    patterns = sorted(groups)
    return patterns, [
        IntervalSet(tuple(a for a, _ in groups[p]), tuple(b for _, b in groups[p])) for p in patterns
    ]
