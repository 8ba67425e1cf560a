"""Break-fix against every plan: expected years and simulated years side by side.

This is the ``compare`` document of ``cli.md``: the assumptions used, the
fragmentation figures, and per plan (break-fix first, then the plans in file
order) the expected annual cost and its parts (``cost-model.md`` section 2),
the break-even monthly fee, and the simulated distribution (section 3).

Example:

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: netco, response_hours: 4, diagnosis_hours: 1}]
... components:
...   - {id: router, category: network, vendor: netco, failures_per_year: 2}
... services:
...   - {id: internet, requires: [router], cost_per_hour: 100}
... plans:
...   - {id: care, monthly_fee: 50}
... ''')
>>> result = compare(inv, years=200, seed=3)
>>> [(p.plan, p.expected.annual_cost) for p in result.plans]
[('break-fix', 2050.0), ('care', 1237.0)]
>>> list(result.to_json())
['years', 'seed', 'assumptions', 'fragmentation', 'plans']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from depgraph.costs.yearly import ExpectedYear, Fragmentation, assumptions, expected_year, fragmentation
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX
from depgraph.simulation.sampling import Progress
from depgraph.simulation.summary import PlanSimulation
from depgraph.simulation.years import simulate

__all__ = ["Comparison", "PlanComparison", "compare"]


@dataclass(frozen=True)
class PlanComparison:
    """One column of the comparison: a plan's expected and simulated years."""

    plan: str
    name: str
    monthly_fee: float
    expected: ExpectedYear
    simulation: PlanSimulation

    def to_json(self) -> dict[str, Any]:
        """One entry of the ``plans`` list of ``compare --json``."""
        return {
            "id": self.plan,
            "name": self.name,
            "monthly_fee": self.monthly_fee,
            "expected": {
                **self.expected.to_json(),
                "downtime_hours": self.expected.downtime_hours,
            },
            "break_even_monthly_fee": self.expected.break_even_monthly_fee,
            "simulation": self.simulation.to_json(),
        }


@dataclass(frozen=True)
class Comparison:
    """Break-fix and every plan over ``years`` simulated years drawn from ``seed``."""

    years: int
    seed: int
    assumptions: dict[str, Any]
    fragmentation: Fragmentation
    plans: tuple[PlanComparison, ...]

    def to_json(self) -> dict[str, Any]:
        """The ``compare --json`` document of ``cli.md``."""
        return {
            "years": self.years,
            "seed": self.seed,
            "assumptions": self.assumptions,
            "fragmentation": self.fragmentation.to_json(),
            "plans": [p.to_json() for p in self.plans],
        }


def compare(
    inventory: Inventory, years: int = 10_000, seed: int = 0, progress: Progress | None = None
) -> Comparison:
    """Compare break-fix with every plan of ``inventory``: expected and simulated years."""
    simulation = simulate(inventory, years, seed, progress)
    plans = tuple(
        PlanComparison(
            plan=simulated.plan,
            name="break-fix" if simulated.plan == BREAK_FIX else inventory.plan(simulated.plan).name,
            monthly_fee=simulated.monthly_fee,
            expected=expected_year(inventory, simulated.plan),
            simulation=simulated,
        )
        for simulated in simulation.plans
    )
    return Comparison(
        years=years,
        seed=seed,
        assumptions=assumptions(inventory),
        fragmentation=fragmentation(inventory),
        plans=plans,
    )
