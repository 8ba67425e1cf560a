"""When latent failures are found: the rule of ``cost-model.md`` section 3, in bulk.

A failure is *latent* under a plan when its incident is (section 1: no
service goes down on its own and nobody watches it). It stays failed until
its sampled time to restore, which includes the ``latent_discovery_days``,
unless a service goes down while it is present (failed, not yet restored):
then it is restored no later than the incident that took the service down.
An *exposure* is such an incident: an arrival, not absorbed, that takes a
service down.

The rule chains: an exposure may end a latent failure early, which changes
when it is present for the next one. Walking a year's events in time order
settles it, but a closed form does too. Let L be a latent failure arriving at
position i (failures sorted by year, then time) and due back at e (its own
time to restore); an exposure x after i, arriving at t < e while L is still
failed, brings L back by x's restoration end(x). So

    L's restoration = min(e, min{end(x) : x an exposure after i, same year, t(x) < e})

because an exposure x at t(x) < e that finds L already restored (by an
earlier one) has end(x) >= t(x) >= L's restoration, and changes nothing.
:func:`discovered` evaluates that minimum by walking, for each latent failure,
the exposures after it while they arrive before its restoration so far
(after the first one, that restoration is only hours away: one or two steps).

Example: a latent failure at hour 10 due back at 730; exposures at 50 (back
at 77) and at 900; a latent failure at 100, due back at 820.

>>> import numpy as np
>>> discovered(
...     latent=np.array([True, False, True, False]), year=np.zeros(4, dtype=np.int64),
...     start=np.array([10.0, 50.0, 100.0, 900.0]), end=np.array([730.0, 77.0, 820.0, 930.0]),
...     exposures=np.array([1, 3]), exposure_end=np.array([77.0, 930.0])).tolist()
[77.0, 77.0, 820.0, 930.0]
"""

from __future__ import annotations

import numpy as np

from depgraph.simulation.sampling import BoolArray, FloatArray, IntArray

__all__ = ["CHECK_MARGIN", "absorbed", "discovered"]


CHECK_MARGIN = 1e-3
"""Hours: arrivals this close to a restoration are checked one by one, exactly."""


def discovered(
    latent: BoolArray, year: IntArray, start: FloatArray, end: FloatArray,
    exposures: IntArray, exposure_end: FloatArray, group: IntArray | None = None,
) -> FloatArray:
    """Each failure's restoration once the ``exposures`` have found the ``latent`` failures.

    The arrays ``latent`` to ``end`` are over the same failures, sorted by
    year then time; ``end`` holds each failure's restoration so far.
    ``exposures`` lists the positions of the exposures (ascending) and
    ``exposure_end`` their restorations. With ``group``, an exposure does not
    find a latent failure of its own group (the replay of that group does).
    Returns a copy of ``end`` with the latent failures' restorations brought
    forward (see the module docstring).
    """
    result = end.copy()
    todo = np.flatnonzero(latent)
    at = np.searchsorted(exposures, todo, side="right")
    due = end[todo]
    while len(todo):
        left = at < len(exposures)
        todo, at, due = todo[left], at[left], due[left]
        x = exposures[at]
        walking = (year[x] == year[todo]) & (start[x] < due)
        todo, at, due, x = todo[walking], at[walking], due[walking], x[walking]
        finds = exposure_end[at] < due
        if group is not None:
            finds &= group[x] != group[todo]
        due = np.where(finds, exposure_end[at], due)
        result[todo] = due
        at = at + 1
    return result


def absorbed(component: IntArray, year: IntArray, start: FloatArray, end: FloatArray) -> BoolArray:
    """The failures that arrive while their component is still failed (same year).

    Arrays over the same failures, sorted by year then time; ``end`` is each
    failure's restoration. A failure absorbed by the outage in progress is
    no incident: its own restoration never counts. Restorations at the
    instant of an arrival happen first.

    >>> absorbed(np.array([4, 4, 4, 4]), np.zeros(4, dtype=np.int64),
    ...          np.array([0.0, 5.0, 12.0, 14.0]), np.array([10.0, 30.0, 15.0, 20.0])).tolist()
    [False, True, False, True]
    """
    n = len(component)
    order = np.lexsort((np.arange(n), year, component))
    c, y, s, e = component[order], year[order], start[order], end[order]
    same = np.zeros(n, dtype=bool)
    same[1:] = (c[1:] == c[:-1]) & (y[1:] == y[:-1])
    chain = np.cumsum(~same)
    offset = (chain - 1) * (float(max(e.max(initial=0.0), s.max(initial=0.0))) + 1.0)
    reach = np.maximum.accumulate(e + offset)  # the latest restoration so far in the chain
    doubtful = np.zeros(n, dtype=bool)  # a superset: the margin covers rounding of the offsets
    doubtful[1:] = same[1:] & (s[1:] + offset[1:] < reach[:-1] + CHECK_MARGIN)
    result = np.zeros(n, dtype=bool)
    for i in np.flatnonzero(doubtful).tolist():  # rare: resolved in order, along the chain
        kept = i - 1
        while result[kept]:
            kept -= 1
        result[i] = s[i] < e[kept]
    absorbed_failures = np.zeros(n, dtype=bool)
    absorbed_failures[order] = result
    return absorbed_failures
