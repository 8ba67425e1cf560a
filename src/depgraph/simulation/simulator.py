"""Many years, simulated: section 3 of ``cost-model.md``.

The expected value of section 2 misses what makes break-fix hurt: failures
that overlap, failures that sit unseen, and bad luck. The simulation keeps
them. For each simulated year:

* every component fails as a Poisson process of its break-fix rate over
  8,760 hours (drawn as the superposed process: a Poisson number of failures,
  each given a component in proportion to its rate and a uniform time);
* the same failures serve every plan (common random numbers): under a plan a
  failure of a covered component is prevented when its one uniform number,
  shared by all plans, is below the plan's ``failure_reduction``;
* a failure's time to restore is its incident hours without misdirection
  (:func:`depgraph.costs.incidents.incident`) times one lognormal factor of mean 1 and
  coefficient of variation ``duration_spread`` (shared by all plans), plus
  one default engagement's hours for each misdirected hand-off; the hand-off
  at position i is misdirected when the failure's i-th uniform number is
  below ``blame_probability`` (shared by all plans too). Labor is the
  incident's engagement labor plus one default engagement's labor per
  misdirection;
* while a component is failed it is in the failed set F(t); the services down
  at time t are those down under F(t) (:class:`depgraph.engine.graph.FailureState`),
  so overlapping failures combine;
* a year's cost = 12 x ``monthly_fee`` + labor + the integral of the summed
  ``cost_per_hour`` of the down services.

**Latent failures.** A failure is latent under a plan when its incident is
(section 1: no service goes down on its own and nobody watches it). It stays
failed until its sampled time to restore, which includes the
``latent_discovery_days``, unless a service goes down first: whenever a
service goes down while latent failures are present (failed, not yet
restored), all of them, wherever they sit in the graph, are restored no
later than the incident that took the service down, and keep their own
labor. (A backup ISP line that failed unseen is repaired with the lobby TV
that fails two days later, not a month later.) A failure that is latent on
its own but takes a service down in combination (the second access point of
a 2-of-3 group) is found at once: its restoration time becomes its arrival
plus ``notice_hours`` of the symptom (the most costly newly down service, as
in section 1) plus its own engagement hours, times its lognormal factor, when
that is sooner than its latent restoration; its labor is unchanged; and it
finds the latent failures present like any other outage.

**Decisions where the spec is silent.**

* A failure of a component that is still failed is absorbed by the outage in
  progress: it adds no labor, no downtime and no incident, and finds no
  latent failure.
* A service *goes down* at the arrival of a failure that takes a service
  down on its own, even when another failure already has that service down
  (its incident is a visible outage, charged its symptom's notice), and at
  an arrival that takes a service down in combination with the failures in
  progress.
* Each simulated year is independent, and an outage that runs past 8,760 h
  is counted in full in the year of its failure, as its labor is. The mean
  then agrees with the expected value of section 2 when failures do not
  overlap (cutting outages at the year end would bias it down by the share of
  the year's last weeks).
* ``std`` is the sample standard deviation (n - 1); percentiles interpolate
  linearly between simulated years (``numpy.percentile``); "cheaper than
  break-fix" counts the years in which the plan cost strictly less.
* Restorations at the same instant as an arrival happen first.

**Reproducibility.** The draws come from ``Generator(PCG64(seed))`` in a
fixed order, in batches whose size depends on the site only (about
``BATCH_FAILURES`` failures each), and nothing depends on the iteration order
of a dict or set: the same site, years and seed give the same figures, bit
for bit.

**Speed.** Replaying every failure event by event is slow and rarely needed:
:class:`depgraph.simulation.overlap.OverlapFinder` gathers the failures that may
interact into groups. A failure alone in its group (under the plan at hand)
costs exactly its single-failure figures, computed in bulk with numpy; a
group is replayed event by event (:mod:`depgraph.simulation.replay`), on the exact
engine (:class:`~depgraph.engine.graph.FailureState`) when its failures may take
down more together than the union of what each takes down alone, else on
the union of their single-failure down sets. Discovery crosses groups, so it
is settled around them: before grouping, the failures that take a service
down on their own find the latent failures in bulk
(:mod:`depgraph.simulation.discovery`), and the groups are built on those restoration
times; the outages that only a replay sees (combinations) then find latent
failures in other groups too, which only brings restorations sooner and
keeps the groups valid (see :meth:`Simulator._settle`).
``tests/test_simulation.py`` checks the result against a plain event-by-event
replay of whole years.

Example (a router that fails twice a year on average; nothing else):

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
>>> result = simulate(inv, years=2000, seed=1)
>>> [p.plan for p in result.plans]
['break-fix', 'care']
>>> round(result.plans[0].incidents, 1)  # failures a year
2.0
>>> abs(result.plans[0].mean - 2050) < 100  # expected: 2 x ($375 labor + 6.5 h x $100 down)
True
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from depgraph.costs.incidents import LATENT, incidents
from depgraph.costs.plans import plan_ids, plan_of
from depgraph.engine.graph import graph_of
from depgraph.errors import UsageError
from depgraph.inventory.models import Inventory
from depgraph.simulation.discovery import absorbed, discovered
from depgraph.simulation.overlap import Groups, OverlapFinder
from depgraph.simulation.replay import ExactState, Group, Replay, Replayed, State, UnionState

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
Progress = Callable[[int, int], None]
"""Called as ``progress(years_done, years)`` after each batch of simulated years."""

HOURS_PER_YEAR = 8760.0
BATCH_FAILURES = 100_000
"""About this many failures are sampled and costed at a time (memory stays bounded)."""


@dataclass(frozen=True)
class PlanTerms:
    """What one failure of each component costs under one plan, in graph order.

    ``hours`` is the time to restore without misdirection (the mean of the
    lognormal), ``work_hours`` the engagement hours alone (what an exposed
    latent failure takes after its symptom is noticed), ``labor`` the
    engagement labor without misdirection, ``misdirectable`` the hand-offs
    that may be misdirected.
    """

    plan: str
    monthly_fee: float
    failure_reduction: float
    covered: BoolArray
    hours: FloatArray
    work_hours: FloatArray
    latent: BoolArray
    labor: FloatArray
    misdirectable: IntArray
    misdirection_hours: float
    misdirection_labor: float


def plan_terms(inventory: Inventory, plan_id: str) -> PlanTerms:
    """The per-component figures of ``plan_id`` taken from the incidents of section 1."""
    plan = plan_of(inventory, plan_id)
    by_root = {i.root: i for i in incidents(inventory, plan_id)}
    found = [by_root[c.id] for c in inventory.components]
    default = found[0]
    return PlanTerms(
        plan=plan_id,
        monthly_fee=0.0 if plan is None else plan.monthly_fee,
        failure_reduction=0.0 if plan is None else plan.failure_reduction,
        covered=np.array([i.covered for i in found], dtype=bool),
        hours=np.array([i.detection_hours + sum(e.hours for e in i.engagements) for i in found]),
        work_hours=np.array([sum(e.hours for e in i.engagements) for i in found]),
        latent=np.array([i.detection == LATENT for i in found], dtype=bool),
        labor=np.array([sum(e.labor for e in i.engagements) for i in found]),
        misdirectable=np.array([i.misdirectable_handoffs for i in found], dtype=np.int64),
        misdirection_hours=default.misdirection_hours,
        misdirection_labor=default.misdirection_labor,
    )


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


@dataclass
class YearFigures:
    """One plan over every simulated year: per-year arrays and per-service totals.

    ``downtime_hours[s]`` sums the hours service s (in inventory order) was
    down over all the years.
    """

    plan: str
    monthly_fee: float
    labor: FloatArray
    downtime_cost: FloatArray
    incidents: IntArray
    downtime_hours: FloatArray

    @property
    def cost(self) -> FloatArray:
        """Each year's cost: fee, labor and downtime."""
        fee: FloatArray = self.labor + self.downtime_cost + 12 * self.monthly_fee
        return fee


@dataclass(frozen=True)
class Outcome:
    """What the failures of a batch cost under one plan, failure by failure.

    ``active``: not prevented; ``hours``: time to restore (misdirection
    included); ``labor``: labor (misdirection included); ``latent``: active
    and latent; ``end``: restoration once the failures that take a service
    down on their own (and are not absorbed) have found the latent ones
    (:func:`depgraph.simulation.discovery.discovered`; outages seen only in combination,
    in the replay, may bring some sooner still).
    """

    active: BoolArray
    hours: FloatArray
    labor: FloatArray
    latent: BoolArray
    end: FloatArray


def outcome(
    terms: PlanTerms, failures: Failures, blame_probability: float, exposing: BoolArray
) -> Outcome:
    """Prevention, misdirection, time to restore, labor and discovery of each failure.

    ``exposing[c]`` tells whether component c takes a service down on its own.
    """
    c = failures.component
    active = ~(terms.covered[c] & (failures.prevented < terms.failure_reduction))
    slots = np.arange(failures.blame.shape[1])
    eligible = slots[None, :] < terms.misdirectable[c][:, None]
    misses = ((failures.blame < blame_probability) & eligible).sum(axis=1)
    hours = terms.hours[c] * failures.spread + misses * terms.misdirection_hours
    alone = failures.start + hours
    latent = active & terms.latent[c]
    exposure = active & exposing[c]
    candidates = np.flatnonzero(exposure)
    exposure[candidates[absorbed(
        c[candidates], failures.year[candidates], failures.start[candidates], alone[candidates]
    )]] = False
    exposures = np.flatnonzero(exposure)
    return Outcome(
        active=active,
        hours=hours,
        labor=terms.labor[c] + misses * terms.misdirection_labor,
        latent=latent,
        end=discovered(
            latent, failures.year, failures.start, alone, exposures, alone[exposures]
        ),
    )


class _Groups:
    """The failures of some groups, sorted by group then time, as replay columns.

    ``index`` holds their positions in the batch; group g is
    ``index[bounds[g]:bounds[g + 1]]``.
    """

    def __init__(
        self, terms: PlanTerms, result: Outcome, failures: Failures, exposing: BoolArray,
        label: IntArray, chosen_mask: BoolArray,
    ) -> None:
        chosen = np.flatnonzero(chosen_mask)
        self.index = chosen[np.argsort(label[chosen], kind="stable")]
        c = failures.component[self.index]
        self.columns = Group(
            component=c.tolist(), start=failures.start[self.index].tolist(), end=[],
            work_hours=terms.work_hours[c].tolist(), spread=failures.spread[self.index].tolist(),
            latent=terms.latent[c].tolist(), exposing=exposing[c].tolist(),
            labor=result.labor[self.index].tolist(),
        )
        labels = label[self.index]
        starts = np.flatnonzero(labels[1:] != labels[:-1]) + 1
        self.bounds = np.r_[0, starts, len(labels)] if len(labels) else np.zeros(1, np.int64)
        self.group_of = np.repeat(np.arange(len(self)), np.diff(self.bounds))
        self.year = failures.year[self.index[self.bounds[:-1]]].tolist()

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def replay(
        self, replay: Replay, state: State, end: FloatArray, numbers: Iterable[int]
    ) -> dict[int, Replayed]:
        """Replay the groups ``numbers`` with restorations ``end`` (over the batch)."""
        columns = self.columns._replace(end=end[self.index].tolist())
        bounds = self.bounds.tolist()
        return {g: replay.group(state, columns.part(bounds[g], bounds[g + 1])) for g in numbers}

    def exposures(self, replayed: dict[int, Replayed]) -> tuple[IntArray, FloatArray]:
        """The combination-only exposures of ``replayed``: batch positions (ascending), restorations."""
        pairs = sorted(
            (int(self.index[self.bounds[g] + k]), end)
            for g, r in replayed.items() for k, end in r.exposures
        )
        return (
            np.array([k for k, _ in pairs], dtype=np.int64),
            np.array([end for _, end in pairs], dtype=np.float64),
        )


class Simulator:
    """The simulation of one site: plans' figures, overlap groups and event replay."""

    def __init__(self, inventory: Inventory) -> None:
        self.inventory = inventory
        self.graph = graph_of(inventory)
        self.terms = [plan_terms(inventory, p) for p in plan_ids(inventory)]
        self.blame = inventory.model.blame_probability
        self.rates = np.array([c.failures_per_year for c in inventory.components])
        self.handoffs = max(int(t.misdirectable.max(initial=0)) for t in self.terms)
        self.finder = OverlapFinder(self.graph)
        downs = [fp.down for fp in self.finder.single]
        self.replay = Replay(self.graph)
        self.exact = ExactState(self.graph)
        self.union = UnionState(self.graph, downs)
        first = self.graph.n_components
        pairs = [(n - first, c) for c, down in enumerate(downs) for n in down if n >= first]
        self.pair_service = np.array([s for s, _ in pairs], dtype=np.int64)
        self.pair_component = np.array([c for _, c in pairs], dtype=np.int64)
        service_cost = np.array(self.graph.cost_per_hour[first:], dtype=float)
        self.cost_per_hour = _sums(self.pair_component, service_cost[self.pair_service], first)
        self.exposing = np.zeros(first, dtype=bool)
        self.exposing[self.pair_component] = True

    def batches(self, years: int) -> list[int]:
        """The number of years of each batch, about ``BATCH_FAILURES`` failures each."""
        total_rate = float(self.rates.sum())
        batch = max(1, min(years, int(BATCH_FAILURES / total_rate) if total_rate > 0 else years))
        return [min(batch, years - done) for done in range(0, years, batch)]

    def sample(self, years: int, rng: np.random.Generator) -> Failures:
        """The failures of ``years`` simulated years of this site."""
        spread = self.inventory.model.duration_spread
        return sample_failures(self.rates, years, self.handoffs, spread, rng)

    def outcomes(self, failures: Failures) -> list[Outcome]:
        """What ``failures`` cost under break-fix and every plan, failure by failure."""
        return [outcome(t, failures, self.blame, self.exposing) for t in self.terms]

    def groups(self, failures: Failures, outcomes: list[Outcome]) -> Groups:
        """The groups of ``failures`` that may interact under any plan."""
        latest = np.max([o.end for o in outcomes], axis=0)
        return self.finder.groups(failures.year, failures.component, failures.start, latest)

    def run(self, failures: Failures, years: int) -> list[YearFigures]:
        """What ``failures`` (of ``years`` years) cost under break-fix and every plan."""
        outcomes = self.outcomes(failures)
        groups = self.groups(failures, outcomes)
        return [
            self._plan_years(t, o, failures, groups, years)
            for t, o in zip(self.terms, outcomes, strict=True)
        ]

    def _plan_years(
        self, terms: PlanTerms, result: Outcome, failures: Failures, groups: Groups, years: int
    ) -> YearFigures:
        """One plan's figures: lone failures in bulk, groups replayed event by event.

        A lone latent failure takes no service down, so its restoration
        does not matter here: lone failures cost their own ``hours``.
        """
        label = groups.label
        together = np.bincount(label[result.active], minlength=len(label))[label] >= 2
        alone = result.active & ~together
        year, c = failures.year[alone], failures.component[alone]
        hours = result.hours[alone]
        per_component = _sums(c, hours, self.graph.n_components)
        figures = YearFigures(
            plan=terms.plan,
            monthly_fee=terms.monthly_fee,
            labor=_sums(year, result.labor[alone], years),
            downtime_cost=_sums(year, self.cost_per_hour[c] * hours, years),
            incidents=np.bincount(year, minlength=years).astype(np.int64),
            downtime_hours=_sums(
                self.pair_service, per_component[self.pair_component],
                len(self.inventory.services),
            ),
        )
        replayed = result.active & together
        cascading = _Groups(
            terms, result, failures, self.exposing, label, replayed & groups.cascades
        )
        end, replays = self._settle(result, failures, label, cascading)
        _add(figures, cascading, replays)
        union = _Groups(terms, result, failures, self.exposing, label, replayed & ~groups.cascades)
        _add(figures, union, union.replay(self.replay, self.union, end, range(len(union))))
        return figures

    def _settle(
        self, result: Outcome, failures: Failures, label: IntArray, groups: _Groups
    ) -> tuple[FloatArray, dict[int, Replayed]]:
        """Every failure's restoration, and the replays of the cascading ``groups``.

        A replay may see a service go down only in combination (the second
        access point of a 2-of-3 group): that exposure finds the latent
        failures present anywhere, in other groups too. So the groups are
        replayed, each with the restorations brought forward by the
        exposures outside it; then the restorations are recomputed with
        every exposure, and the groups that disagree replayed again, until
        none does. That ends: each pass settles at least the next exposure
        in time order (everything before it is already right); one pass is
        usual.
        """
        year, start = failures.year, failures.start
        given = result.end
        replays: dict[int, Replayed] = {}
        pending: Iterable[int] = range(len(groups))
        while True:
            replays.update(groups.replay(self.replay, self.exact, given, pending))
            found, found_end = groups.exposures(replays)
            due = result.end.copy()
            due[found] = np.minimum(due[found], found_end)
            end = discovered(result.latent, year, start, due, found, found_end)
            settled = np.array(
                list(itertools.chain.from_iterable(replays[g].end for g in range(len(groups))))
            )
            changed = np.flatnonzero((end[groups.index] != settled) & ~np.isnan(settled))
            if not len(changed):
                return end, replays
            pending = np.unique(groups.group_of[changed]).tolist()
            given = discovered(result.latent, year, start, result.end, found, found_end, label)


def _add(figures: YearFigures, groups: _Groups, replays: dict[int, Replayed]) -> None:
    """Add the replays of ``groups`` to ``figures``."""
    for g, r in replays.items():
        year = groups.year[g]
        figures.labor[year] += r.labor
        figures.downtime_cost[year] += r.downtime
        figures.incidents[year] += r.incidents
        for service, hours in r.service_hours.items():
            figures.downtime_hours[service] += hours


def _sums(index: IntArray, weights: FloatArray, size: int) -> FloatArray:
    """``size`` sums: ``weights`` added up by ``index`` (floats, even when nothing is added)."""
    sums: FloatArray = np.bincount(index, weights=weights, minlength=size).astype(np.float64)
    return sums


@dataclass(frozen=True)
class PlanSimulation:
    """Section 3's figures for one plan over the simulated years.

    ``labor``, ``downtime_cost`` and ``incidents`` are means per year;
    ``downtime_hours`` maps each service id to its mean hours down per year;
    ``cheaper_than_break_fix`` is the share of years in which the plan cost
    strictly less than break-fix (``None`` for break-fix itself).
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
        }


@dataclass(frozen=True)
class Simulation:
    """The simulated years of break-fix and every plan, break-fix first."""

    years: int
    seed: int
    plans: tuple[PlanSimulation, ...]


def simulate_years(
    inventory: Inventory, years: int, seed: int, progress: Progress | None = None
) -> list[YearFigures]:
    """Every simulated year's figures under break-fix and each plan (in that order).

    The draws come from ``numpy.random.Generator(PCG64(seed))`` in batches of
    a size fixed by the site, so the same seed gives the same figures.
    Raises :class:`UsageError` when ``years`` < 1 or ``seed`` < 0.
    """
    if years < 1:
        raise UsageError(f"--years must be at least 1, not {years}")
    if seed < 0:
        raise UsageError(f"--seed must be 0 or more, not {seed}")
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
    )


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
        ))
    return Simulation(years=years, seed=seed, plans=tuple(plans))


def simulate(
    inventory: Inventory, years: int = 10_000, seed: int = 0, progress: Progress | None = None
) -> Simulation:
    """Simulate ``years`` years of the site under break-fix and every plan (section 3)."""
    return summarize(inventory, simulate_years(inventory, years, seed, progress), seed)
