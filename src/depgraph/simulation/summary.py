"""The statistics of simulated years, per plan: mean, spread, percentiles, combined failures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from depgraph.inventory.container import Inventory
from depgraph.simulation.combined import CombinedFailures, combined_summary
from depgraph.simulation.sampling import FloatArray, IntArray

__all__ = ["PlanSimulation", "Simulation", "YearFigures", "summarize"]

@dataclass
class YearFigures:
    """One plan over every simulated year: per-year arrays and per-service totals.

    ``downtime_hours[s]`` sums the hours service s (in inventory order) was
    down over all the years. The combined failures (latent alone, a service
    down in combination) are listed by year, symptom (service position),
    failed component (its position) and time to restore, in no particular
    order.
    """

    plan: str
    monthly_fee: float
    labor: FloatArray
    downtime_cost: FloatArray
    incidents: IntArray
    downtime_hours: FloatArray
    combined_year: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    combined_service: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    combined_component: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    combined_hours: FloatArray = field(default_factory=lambda: np.zeros(0))

    @property
    def cost(self) -> FloatArray:
        """Each year's cost: fee, labor and downtime."""
        fee: FloatArray = self.labor + self.downtime_cost + 12 * self.monthly_fee
        return fee


@dataclass(frozen=True)
class PlanSimulation:
    """Section 3's figures for one plan over the simulated years.

    ``labor``, ``downtime_cost`` and ``incidents`` are means per year;
    ``downtime_hours`` maps each service id to its mean hours down per year;
    ``cheaper_than_break_fix`` is the share of years in which the plan cost
    strictly less than break-fix (``None`` for break-fix itself);
    ``combined`` sums up the failures that took a service down only together
    with failures already present.
    """

    plan: str
    monthly_fee: float
    mean: float
    std: float
    p50: float
    p90: float
    p99: float
    labor: float
    downtime_cost: float
    downtime_hours: dict[str, float]
    incidents: float
    cheaper_than_break_fix: float | None
    combined: CombinedFailures

    def to_json(self) -> dict[str, Any]:
        """The ``simulation`` object of a ``compare --json`` plan entry (``cli.md``)."""
        return {
            "mean": self.mean,
            "std": self.std,
            "p50": self.p50,
            "p90": self.p90,
            "p99": self.p99,
            "labor": self.labor,
            "downtime_cost": self.downtime_cost,
            "incidents": self.incidents,
            "cheaper_than_break_fix": self.cheaper_than_break_fix,
            "downtime_hours": self.downtime_hours,
            "combined": self.combined.to_json(),
        }


@dataclass(frozen=True)
class Simulation:
    """The simulated years of break-fix and every plan, break-fix first."""

    years: int
    seed: int
    plans: tuple[PlanSimulation, ...]



def summarize(
    inventory: Inventory, figures: list[YearFigures], seed: int
) -> Simulation:
    """Section 3's report from every year's figures (break-fix first)."""
    baseline = figures[0].cost
    years = len(baseline)
    service_ids = [s.id for s in inventory.services]
    plans = []
    for f in figures:
        cost = f.cost
        p50, p90, p99 = (float(v) for v in np.percentile(cost, [50, 90, 99]))
        hours = dict(zip(service_ids, (f.downtime_hours / years).tolist(), strict=True))
        plans.append(PlanSimulation(
            plan=f.plan,
            monthly_fee=f.monthly_fee,
            mean=float(cost.mean()),
            std=float(cost.std(ddof=1)) if years > 1 else 0.0,
            p50=p50, p90=p90, p99=p99,
            labor=float(f.labor.mean()),
            downtime_cost=float(f.downtime_cost.mean()),
            downtime_hours=dict(sorted(hours.items())),
            incidents=float(f.incidents.mean()),
            cheaper_than_break_fix=None if f is figures[0] else float(np.mean(cost < baseline)),
            combined=combined_summary(
                inventory, f.combined_year, f.combined_service, f.combined_component,
                f.combined_hours, years,
            ),
        ))
    return Simulation(years=years, seed=seed, plans=tuple(plans))
