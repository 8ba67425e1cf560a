"""Simulated years of a site: checked, seeded, drawn and costed batch by batch, joined.

:func:`simulate_years` is the simulation's driver: it checks the request
(at least one year, a seed of 0 or more, a run within
:func:`~depgraph.simulation.budget.check_budget`), draws the years from one
``numpy.random.Generator(PCG64(seed))`` in batches of a size fixed by the
site (:meth:`Simulator.batches <depgraph.simulation.simulator.Simulator.batches>`),
has the :class:`~depgraph.simulation.simulator.Simulator` cost each batch
under break-fix and every plan, reports progress, and joins the batches
into one set of figures per plan; :func:`simulate` summarizes them. It is
apart from the simulator because it is all a caller deals with (the
checks, the seed, the progress), while the simulator only ever sees one
batch. See :mod:`depgraph.simulation` for the model.

Example (three years of a router that fails twice a year on average):

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... components: [{id: router, category: network, failures_per_year: 2}]
... ''')
>>> figures = simulate_years(inv, years=3, seed=1)
>>> [f.plan for f in figures], len(figures[0].incidents)
(['break-fix'], 3)
"""

from __future__ import annotations

import numpy as np

from depgraph.errors import UsageError
from depgraph.inventory.container import Inventory
from depgraph.simulation.budget import check_budget
from depgraph.simulation.sampling import Progress
from depgraph.simulation.simulator import Simulator
from depgraph.simulation.summary import Simulation, YearFigures, summarize

__all__ = ["simulate", "simulate_years"]


def simulate_years(
    inventory: Inventory, years: int, seed: int, progress: Progress | None = None
) -> list[YearFigures]:
    """Every simulated year's figures under break-fix and each plan (in that order).

    The draws come from ``numpy.random.Generator(PCG64(seed))`` in batches of
    a size fixed by the site, so the same seed gives the same figures.
    Raises :class:`UsageError` when ``years`` < 1 or ``seed`` < 0, and
    :class:`~depgraph.errors.BudgetError` for a run beyond
    :func:`~depgraph.simulation.budget.check_budget`.
    """
    if years < 1:
        raise UsageError(f"the number of simulated years must be at least 1, not {years}")
    if seed < 0:
        raise UsageError(f"the simulation seed must be 0 or more, not {seed}")
    check_budget(inventory, years)
    simulator = Simulator(inventory)
    rng = np.random.Generator(np.random.PCG64(seed))
    parts: list[list[YearFigures]] = []
    done = 0
    for size in simulator.batches(years):
        parts.append(simulator.run(simulator.sample(size, rng), size))
        done += size
        if progress is not None:
            progress(done, years)
    return [_join([part[i] for part in parts]) for i in range(len(simulator.terms))]


def _join(parts: list[YearFigures]) -> YearFigures:
    """One plan's figures of consecutive batches, as one."""
    return YearFigures(
        plan=parts[0].plan,
        monthly_fee=parts[0].monthly_fee,
        labor=np.concatenate([p.labor for p in parts]),
        downtime_cost=np.concatenate([p.downtime_cost for p in parts]),
        incidents=np.concatenate([p.incidents for p in parts]),
        downtime_hours=np.sum([p.downtime_hours for p in parts], axis=0),
        combined_year=np.concatenate([
            p.combined_year + first
            for p, first in zip(parts, np.cumsum([0, *(len(p.labor) for p in parts)]), strict=False)
        ]),
        combined_service=np.concatenate([p.combined_service for p in parts]),
        combined_component=np.concatenate([p.combined_component for p in parts]),
        combined_hours=np.concatenate([p.combined_hours for p in parts]),
    )



def simulate(
    inventory: Inventory, years: int = 10_000, seed: int = 0, progress: Progress | None = None
) -> Simulation:
    """Simulate ``years`` years of the site under break-fix and every plan (section 3)."""
    return summarize(inventory, simulate_years(inventory, years, seed, progress), seed)
