"""Time that repeats every week, as sorted open intervals, and the arithmetic on it.

An :class:`IntervalSet` is a set of hours of the week, ``[start, end)`` pairs
from Monday 00:00, that repeats every week. It answers the questions of the
cost model on floats or numpy arrays of times in hours from Monday 00:00 of
week 0: ``open_at(t)`` (intervals are closed at the start and open at the
end), ``open_time(a, b)`` (the open hours in ``[a, b)``, ``O_C``),
``next_open(t)`` (the first open moment at or after ``t``) and
``advance(t, d)`` (when ``d`` hours of work that may only happen while it
is open, started at ``t``, are done). The arithmetic lives apart from the
schedule text (:mod:`depgraph.inventory.calendars` reads that into a
:class:`~depgraph.inventory.calendars.Calendar`, an interval set that keeps
its text) because the cost model builds interval sets of its own: the
stretches of the week in which a given set of calendars is open.

Example (open on Mondays 08:00-18:00; two hours of work started Monday
17:00 end at 09:00 the next Monday):

>>> monday = IntervalSet(starts=(8.0,), ends=(18.0,))
>>> monday.weekly_hours, monday.open_time(0.0, 24.0)
(10.0, 10.0)
>>> monday.next_open(20.0) == HOURS_PER_WEEK + 8.0
True
>>> monday.advance(17.0, 2.0) == HOURS_PER_WEEK + 9.0
True
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any, overload

import numpy as np
from numpy.typing import NDArray

__all__ = ["HOURS_PER_WEEK", "IntervalSet"]

_FloatArray = NDArray[np.float64]
HOURS_PER_WEEK = 168.0


@dataclass(frozen=True, eq=False)
class IntervalSet:
    """A set of time that repeats every week, as sorted disjoint ``[start, end)`` hours in a week.

    The arithmetic of a :class:`~depgraph.inventory.calendars.Calendar` without
    its text; also used for the stretches of the week in which a given set of
    calendars is open.
    """

    starts: tuple[float, ...]
    ends: tuple[float, ...]

    @cached_property
    def _arrays(self) -> tuple[_FloatArray, _FloatArray, _FloatArray, _FloatArray]:
        starts = np.array(self.starts, dtype=np.float64)
        ends = np.array(self.ends, dtype=np.float64)
        lengths = ends - starts
        before = np.concatenate([[0.0], np.cumsum(lengths)[:-1]]) if len(lengths) else lengths
        return starts, ends, before, before + lengths

    @cached_property
    def weekly_hours(self) -> float:
        """Open hours in one week."""
        return float(sum(e - s for s, e in zip(self.starts, self.ends, strict=True)))

    @property
    def always(self) -> bool:
        """Whether this is the whole week (``24/7``)."""
        return self.starts == (0.0,) and self.ends == (HOURS_PER_WEEK,)

    @overload
    def cumulative(self, t: float) -> float: ...
    @overload
    def cumulative(self, t: _FloatArray) -> _FloatArray: ...

    def cumulative(self, t: Any) -> Any:
        """Open hours in ``[0, t)`` (negative for ``t`` < 0): ``open_time(0, t)``."""
        if self.always:
            return t
        starts, ends, before, _ = self._arrays
        week = np.floor(np.asarray(t, dtype=np.float64) / HOURS_PER_WEEK)
        local = t - week * HOURS_PER_WEEK
        i = np.searchsorted(starts, local, side="right") - 1
        j = np.maximum(i, 0)
        inside = np.minimum(local - starts[j], ends[j] - starts[j])
        value = week * self.weekly_hours + np.where(i >= 0, before[j] + inside, 0.0)
        return float(value) if np.ndim(value) == 0 else value

    @cached_property
    def _lists(self) -> tuple[list[float], list[float], list[float]]:
        starts, ends, before, _ = self._arrays
        return starts.tolist(), (ends - starts).tolist(), before.tolist()

    def open_hours(self, a: float, b: float) -> float:
        """``open_time(a, b)`` for two plain floats, without numpy (the replay's hot path)."""
        if self.always:
            return b - a
        return self._cumulative_scalar(b) - self._cumulative_scalar(a)

    def _cumulative_scalar(self, t: float) -> float:
        starts, lengths, before = self._lists
        week = math.floor(t / HOURS_PER_WEEK)
        local = t - week * HOURS_PER_WEEK
        i = bisect.bisect_right(starts, local) - 1
        inside = 0.0 if i < 0 else before[i] + min(local - starts[i], lengths[i])
        return week * self.weekly_hours + inside

    @overload
    def open_time(self, a: float, b: float) -> float: ...
    @overload
    def open_time(self, a: _FloatArray, b: _FloatArray) -> _FloatArray: ...

    def open_time(self, a: Any, b: Any) -> Any:
        """``O(a, b)``: the open hours in ``[a, b)``."""
        if self.always:
            return b - a
        return self.cumulative(b) - self.cumulative(a)

    def open_at(self, t: Any) -> Any:
        """Whether it is open at ``t`` (a bool, or a bool array)."""
        starts, ends, _, _ = self._arrays
        local = np.mod(np.asarray(t, dtype=np.float64), HOURS_PER_WEEK)
        i = np.searchsorted(starts, local, side="right") - 1
        value = (i >= 0) & (local < ends[np.maximum(i, 0)])
        return bool(value) if np.ndim(value) == 0 else value

    @overload
    def next_open(self, t: float) -> float: ...
    @overload
    def next_open(self, t: _FloatArray) -> _FloatArray: ...

    def next_open(self, t: Any) -> Any:
        """The smallest ``t' >= t`` at which it is open."""
        if self.always:
            return t
        starts, ends, _, _ = self._arrays
        week = np.floor(np.asarray(t, dtype=np.float64) / HOURS_PER_WEEK)
        local = t - week * HOURS_PER_WEEK
        i = np.searchsorted(starts, local, side="right") - 1
        inside = (i >= 0) & (local < ends[np.maximum(i, 0)])
        following = i + 1
        wraps = following >= len(starts)
        later = np.where(
            wraps, (week + 1) * HOURS_PER_WEEK + starts[0],
            week * HOURS_PER_WEEK + starts[np.minimum(following, len(starts) - 1)],
        )
        value = np.where(inside, t, later)
        return float(value) if np.ndim(value) == 0 else value

    @overload
    def advance(self, t: float, d: float) -> float: ...
    @overload
    def advance(self, t: _FloatArray, d: _FloatArray | float) -> _FloatArray: ...

    def advance(self, t: Any, d: Any) -> Any:
        """The smallest ``t' >= t`` with ``O(t, t') >= d``; ``t`` itself when ``d`` is 0."""
        if self.always:
            return t + d
        starts, _, before, after = self._arrays
        total = self.weekly_hours
        target = self.cumulative(t) + d
        week = np.ceil(np.asarray(target) / total) - 1
        local = target - week * total
        j = np.minimum(np.searchsorted(after, local, side="left"), len(starts) - 1)
        done = week * HOURS_PER_WEEK + starts[j] + (local - before[j])
        value = np.where(np.asarray(d) > 0, np.maximum(done, t), t)
        return float(value) if np.ndim(value) == 0 else value
