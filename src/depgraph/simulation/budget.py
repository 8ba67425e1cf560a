"""What one simulation may take: refused, with the numbers, before it exhausts memory or time.

The simulation samples every failure of every simulated year, a batch of
about ``BATCH_FAILURES`` at a time, and keeps a few figures per year and
plan. Three things could still grow without bound: the years themselves, the
failures of a single year (a year is never split across batches) and the
failures of the whole run (the time it takes). :func:`check_budget` refuses
a run past any of them with a :class:`~depgraph.errors.BudgetError` that
gives the site's figure, the limit and what would fit.

>>> from depgraph.inventory.container import Inventory
>>> site = Inventory.model_validate({"version": 1, "site": {"name": "demo"},
...     "components": [{"id": "router", "category": "network", "failures_per_year": 1000}]})
>>> check_budget(site, 5_000)
>>> check_budget(site, 10_000)
Traceback (most recent call last):
...
depgraph.errors.BudgetError: 1,000.0 expected failures per simulated year x 10,000 years = \
10,000,000 failures to simulate, more than the 5,000,000 a run may take (memory and time); \
simulate at most 5,000 years
"""

from __future__ import annotations

import math

from depgraph.errors import BudgetError
from depgraph.inventory.container import Inventory

__all__ = ["MAX_FAILURES", "MAX_FAILURES_PER_YEAR", "MAX_YEARS", "check_budget"]

MAX_YEARS = 1_000_000
"""At most this many simulated years (each plan keeps a few numbers per year)."""
MAX_FAILURES_PER_YEAR = 500_000
"""A simulated year is sampled at once: at most this many expected failures in it (about 1 GB)."""
MAX_FAILURES = 5_000_000
"""At most this many expected failures in a whole run (minutes of work, not hours)."""


def check_budget(inventory: Inventory, years: int) -> None:
    """Refuse, with the numbers, a simulation that would not fit in memory or in minutes.

    The expected failures of the site per simulated year (the sum of every
    component's ``failures_per_year``), times ``years``, is what the run
    samples and costs. Raises :class:`~depgraph.errors.BudgetError`.
    """
    if years > MAX_YEARS:
        raise BudgetError(f"{years:,} simulated years is more than the {MAX_YEARS:,} a run can hold")
    per_year = math.fsum(c.failures_per_year for c in inventory.components)
    if per_year > MAX_FAILURES_PER_YEAR:
        raise BudgetError(
            f"the site expects {per_year:,.0f} failures per simulated year, more than the "
            f"{MAX_FAILURES_PER_YEAR:,} one simulated year can hold in memory; "
            "check the failures_per_year of its components"
        )
    if per_year * years > MAX_FAILURES:
        fewer = max(1, int(MAX_FAILURES / per_year))
        raise BudgetError(
            f"{per_year:,.1f} expected failures per simulated year x {years:,} years = "
            f"{per_year * years:,.0f} failures to simulate, more than the {MAX_FAILURES:,} a run "
            f"may take (memory and time); simulate at most {fewer:,} years"
        )
