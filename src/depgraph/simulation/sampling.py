"""The random draws of simulated years: the only place that draws random numbers.

Every component fails as a Poisson process of its break-fix rate; the draws
that every plan shares (which failures a plan prevents, the duration factor,
which hand-offs are misdirected) are made here once per failure, so that the
plans are compared on the same bad luck (common random numbers).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "BATCH_FAILURES",
    "BoolArray",
    "Failures",
    "FloatArray",
    "HOURS_PER_YEAR",
    "IntArray",
    "Progress",
    "sample_failures",
]

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
Progress = Callable[[int, int], None]
"""Called as ``progress(years_done, years)`` after each batch of simulated years."""

HOURS_PER_YEAR = 8760.0
BATCH_FAILURES = 100_000
"""About this many failures are sampled and costed at a time (memory stays bounded)."""



@dataclass(frozen=True)
class Failures:
    """Sampled failures of some simulated years, sorted by year then time.

    ``prevented`` is the uniform number that decides prevention under every
    plan, ``spread`` the lognormal factor of the time to restore, and
    ``blame[i, j]`` the uniform number of the j-th hand-off of failure i.
    """

    year: IntArray
    component: IntArray
    start: FloatArray
    prevented: FloatArray
    spread: FloatArray
    blame: FloatArray

    def __len__(self) -> int:
        return len(self.component)


def sample_failures(
    rates: FloatArray, years: int, handoffs: int, spread: float, rng: np.random.Generator
) -> Failures:
    """The failures of ``years`` simulated years; the draws are made in one fixed order.

    ``rates`` are break-fix failures per year per component, ``handoffs`` the
    most misdirectable hand-offs of any incident, ``spread`` the coefficient
    of variation of the lognormal factor (0: always 1).
    """
    cumulative = np.cumsum(rates)
    total = float(cumulative[-1]) if len(cumulative) else 0.0
    counts = rng.poisson(total, size=years)
    n = int(counts.sum())
    year = np.repeat(np.arange(years, dtype=np.int64), counts)
    picks = rng.random(n) * total
    component = np.searchsorted(cumulative, picks, side="right")
    component = np.minimum(component, int(np.flatnonzero(rates > 0)[-1]) if n else 0)
    start = rng.random(n) * HOURS_PER_YEAR
    prevented = rng.random(n)
    sigma = math.sqrt(math.log1p(spread * spread))
    factor = np.exp(sigma * rng.standard_normal(n) - sigma * sigma / 2)
    blame = rng.random((n, handoffs))
    order = np.lexsort((start, year))
    return Failures(
        year=year[order], component=component[order].astype(np.int64), start=start[order],
        prevented=prevented[order], spread=factor[order], blame=blame[order],
    )
