"""The incident timeline laid on calendars: ``time-and-people.md`` section 2.

An incident runs as a :class:`Timeline`: a detection, then engagements in
chain order, each a :class:`Step` that starts when the previous one ended.
:func:`restored` computes the restoration time ``R`` for many start times at
once (numpy arrays), with an optional duration factor (the simulation's
lognormal ``L``) and the misdirected hand-offs of each start.
:func:`over_the_week` gives the expected figures of section 2: the mean over
the 672 quarter-hour start times of the week and over every subset of
misdirected hand-offs, weighted ``p^|m| (1-p)^(h-|m|)``.

:func:`where_the_hours_go` splits that mean time to restore, with the same
start times and weights, into noticing, the wait for each party and its work,
each with the part of it spent waiting for a calendar to open, and the
expected misdirected calls: parts that add up to the mean.

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
    "STARTS", "Step", "StepHours", "Timeline", "TimelineHours", "WeekFigures", "milestones",
    "over_the_week", "restored", "week_stretches", "where_the_hours_go",
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

    @property
    def always(self) -> bool:
        """Whether every calendar the timeline meets is ``24/7``."""
        detection = self.detection_calendar
        return (
            (detection is None or detection.always)
            and all(s.calendar.always for s in self.steps)
            and (not self.misdirectable or self.wrong.calendar.always)
        )

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


def _outcomes(timeline: Timeline, p: float) -> tuple[FloatArray, BoolArray, FloatArray]:
    """Every start time under every subset of misdirected hand-offs, and the weight of each row.

    The rows of the subset without misdirection come first (672 of them), so
    that its percentiles can be read off; subsets of weight 0 are left out.
    """
    h = len(timeline.misdirectable)
    subsets = np.array(list(product((False, True), repeat=h)), dtype=bool).reshape(2**h, h)
    count = subsets.sum(axis=1)
    weights = p ** count * (1 - p) ** (h - count)
    keep = weights > 0
    keep[0] = True  # the subset without misdirection always counts for hours_p90
    subsets, weights = subsets[keep], weights[keep]
    n = len(STARTS)
    return np.tile(STARTS, len(subsets)), np.repeat(subsets, n, axis=0), np.repeat(weights, n) / n


def over_the_week(
    timeline: Timeline, blame_probability: float, stretches: tuple[IntervalSet, ...]
) -> WeekFigures:
    """The means over the 672 start times and every subset of misdirected hand-offs."""
    t0, misses, row_weights = _outcomes(timeline, blame_probability)
    n = len(STARTS)
    end = restored(timeline, t0, 1.0, misses)
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


@dataclass(frozen=True)
class StepHours:
    """One step's part of the mean time to restore (hours, means over the week).

    ``wrong``: the expected misdirected call just before the step (0 when that
    hand-off cannot be misdirected); ``lead``: its wall-clock lead (a party's
    response; 0 for the client's search); ``closed``: then waiting for its
    calendar to open; ``work``: its work; ``paused``: the time its work stands
    still while its calendar is closed (the client's search included).
    """

    wrong: float
    lead: float
    closed: float
    work: float
    paused: float


@dataclass(frozen=True)
class TimelineHours:
    """Where the mean time to restore of a timeline goes: noticing, then each step.

    ``noticing``: the time until the failure is detected while someone is
    there to notice (the wall-clock delay of an alert or a latent failure);
    ``noticing_closed``: the rest of it, spent waiting for the symptom
    service's hours to open. :attr:`hours` is the sum.
    """

    noticing: float
    noticing_closed: float
    steps: tuple[StepHours, ...]

    @property
    def hours(self) -> float:
        """The mean time to restore: every part added up."""
        return self.noticing + self.noticing_closed + sum(
            s.wrong + s.lead + s.closed + s.work + s.paused for s in self.steps
        )


def where_the_hours_go(timeline: Timeline, blame_probability: float) -> TimelineHours:
    """The parts of the timeline's mean time to restore, with the weights of :func:`over_the_week`.

    Each part is the mean, over the 672 start times and the misdirection
    subsets, of a stretch between two moments of :func:`restored`'s walk, so
    the parts add up to ``over_the_week(...).hours`` (to rounding). The time
    a stretch spends waiting for a calendar is told apart from the time that
    counts: the notice hours, the lead and the work are the same at every
    start; what a start adds to them is waiting. When every calendar is
    ``24/7`` the parts are the durations of ``cost-model.md`` section 1
    exactly, a misdirected call weighing ``blame_probability``.

    Example: a vendor working on weekdays (``Mo-Fr``), called after a
    half-hour alert, arrives 4 h later and works 2 h. For 192 of the 672
    starts it would arrive at the weekend and waits for Monday, 24.125 h on
    average (192 x 24.125 / 672 = 6.893 h over the week); for 7 starts it
    arrives in Friday's last 2 hours and its work stops for the 48-hour
    weekend (7 x 48 / 672 = 0.5 h):

    >>> from depgraph.inventory.calendars import parse_calendar
    >>> weekdays = parse_calendar("Mo-Fr")
    >>> line = Timeline(None, 0.5, (Step(weekdays, 4.0, 2.0, True),), (), Step(weekdays, 0, 0, True))
    >>> parts = where_the_hours_go(line, 0.0)
    >>> parts.noticing, parts.noticing_closed, [round(x, 6) for x in vars(parts.steps[0]).values()]
    (0.5, 0.0, [0.0, 4.0, 6.892857, 2.0, 0.5])
    >>> round(parts.hours, 9) == round(over_the_week(line, 0.0, ()).hours, 9)
    True
    """
    if timeline.always:
        return _nominal(timeline, blame_probability)
    t0, misses, weights = _outcomes(timeline, blame_probability)
    tau = timeline.detected(t0)
    noticing = timeline.detection_hours
    noticing_closed = _mean(weights, tau - t0) - noticing
    slots = {step: slot for slot, step in enumerate(timeline.misdirectable)}
    steps = []
    for j, step in enumerate(timeline.steps):
        wrong = 0.0
        slot = slots.get(j)
        if slot is not None:
            after = np.where(misses[:, slot], timeline.wrong.end(tau), tau)
            wrong, tau = _mean(weights, after - tau), after
        start = step.calendar.next_open(tau + step.lead) if step.wait else tau
        end = step.end(tau)
        lead = step.lead if step.wait else 0.0
        closed = _mean(weights, start - tau) - lead
        paused = _mean(weights, end - start) - step.work
        steps.append(StepHours(wrong, lead, _clean(closed), step.work, _clean(paused)))
        tau = end
    return TimelineHours(noticing, _clean(noticing_closed), tuple(steps))


def _nominal(timeline: Timeline, blame_probability: float) -> TimelineHours:
    """The parts of a timeline that meets only ``24/7`` calendars: its durations as they are."""
    wrong = blame_probability * (timeline.wrong.lead + timeline.wrong.work)
    misdirected = set(timeline.misdirectable)
    return TimelineHours(timeline.detection_hours, 0.0, tuple(
        StepHours(wrong if j in misdirected else 0.0, s.lead, 0.0, s.work, 0.0)
        for j, s in enumerate(timeline.steps)
    ))


def _mean(weights: FloatArray, values: FloatArray) -> float:
    return float(weights @ values)


def _clean(value: float) -> float:
    """A waiting time of a few ulps (a float's rounding) is no waiting time."""
    return 0.0 if abs(value) < 1e-9 else value
